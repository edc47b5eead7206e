// /api/campaigns/{year}/documents…: the register of the documents the city
// issues (公文) with their PDFs as issued, the issue of the list announcement,
// and the plain PDFs of a county's list and the city's list.
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/handlers/documents_json.h"
#include "http/json.h"
#include "service/documents/documents.h"

namespace meihao::http {
namespace {

using boost::json::object;
namespace sd = service::documents;

Response List(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(reg, sd::ListDocuments(app.ctx(), call.actor, *year));
  boost::json::array items;
  for (const auto& d : reg->documents) items.push_back(DocumentJson(d));
  return JsonResponse(200, object{{"year", reg->year},
                                  {"proposed_number", reg->proposed_number},
                                  {"items", std::move(items)}});
}

Response Pdf(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  const std::string id = call.Param("id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return ErrorResponse(Error::NotFound("document.not_found", "没有这份文件", "No such document"));
  MEIHAO_TRY(f, sd::DocumentFile(app.ctx(), call.actor, *year, std::stoll(id)));
  return Response::File("application/pdf", std::move(f->bytes), f->file_name);
}

Response IssueAnnouncement(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(number, OptString(*body, "number"));
  MEIHAO_TRY(d, sd::IssueListAnnouncement(app.ctx(), call.actor, *year, number->value_or(""), TodayInChina()));
  return JsonResponse(201, DocumentJson(*d));
}

Response ListPdf(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(f, sd::ListPdf(app.ctx(), call.actor, *year, call.req.Query("level"), call.req.Query("unit"),
                            TodayInChina()));
  return Response::File("application/pdf", std::move(f->bytes), f->file_name);
}

}  // namespace

void RegisterDocumentRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}/documents", Access::kUser, [&app](Call& c) { return List(app, c); });
  app.Api("GET", "/api/campaigns/{year}/documents/{id}/pdf", Access::kUser, [&app](Call& c) { return Pdf(app, c); });
  app.Api("POST", "/api/campaigns/{year}/documents/list-announcement", Access::kUser,
          [&app](Call& c) { return IssueAnnouncement(app, c); });
  app.Api("GET", "/api/campaigns/{year}/documents/list-pdf", Access::kUser,
          [&app](Call& c) { return ListPdf(app, c); });
}

}  // namespace meihao::http
