// /api/imports/{kind}: complaints, satisfaction, fees, penalties (issue #3).
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/indicators/record_import.h"

namespace meihao::http {

void RegisterRecordRoutes(App& app) {
  app.Api("GET", "/api/imports/{kind}/template.xlsx", Access::kUser, [&app](Call& call) {
    auto kind = service::indicators::ParseRecordKind(call.Param("kind"));
    if (!kind)
      return ErrorResponse(Error::NotFound("import.kind", "没有该类导入模板（可用 complaints、satisfaction、fees、penalties）",
                                           "No such template (complaints, satisfaction, fees, penalties)"));
    MEIHAO_TRY(bytes, service::indicators::RecordTemplate(*kind));
    return Response::File("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*bytes),
                          std::string(service::indicators::RecordKindKey(*kind)) + "-template.xlsx");
  });
  app.Api("POST", "/api/imports/{kind}", Access::kUser, [&app](Call& call) {
    auto kind = service::indicators::ParseRecordKind(call.Param("kind"));
    if (!kind)
      return ErrorResponse(Error::NotFound("import.kind", "不支持该类数据导入（可导入 estates、complaints、satisfaction、fees、penalties）",
                                           "No such import (estates, complaints, satisfaction, fees, penalties)"));
    return ImportResponse(service::indicators::ImportRecords(app.ctx(), call.actor, *kind, call.req.body, UploadName(call.req),
                                                 IsDryRun(call.req)));
  });
}

}  // namespace meihao::http
