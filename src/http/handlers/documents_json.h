// The JSON of a registered document (公文), shared by the summary and
// documents handlers.
#pragma once
#include <boost/json.hpp>

#include "service/documents/documents.h"

namespace meihao::http {

inline boost::json::object DocumentJson(const service::documents::DocumentInfo& d) {
  return boost::json::object{{"id", d.id},
                             {"year", d.year},
                             {"kind", d.kind},
                             {"kind_zh", service::documents::KindNameZh(d.kind)},
                             {"number", d.number},
                             {"title", d.title},
                             {"issuer", d.issuer},
                             {"issued_on", d.issued_on},
                             {"issued_at", d.issued_at},
                             {"issued_by", d.issued_by},
                             {"pdf_size", d.pdf_size},
                             {"pdf_sha256", d.pdf_sha256},
                             {"download", "/api/campaigns/" + std::to_string(d.year) + "/documents/" +
                                              std::to_string(d.id) + "/pdf"}};
}

}  // namespace meihao::http
