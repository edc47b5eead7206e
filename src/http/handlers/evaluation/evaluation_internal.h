// What the evaluation handler files (assignments.cc, sheets.cc, matrix.cc)
// share, and the handlers routes.cc registers. Internal to handlers/evaluation/.
#pragma once

#include <boost/json.hpp>

#include "http/app.h"
#include "service/evaluation/evaluation.h"

namespace meihao::http::evaluation {

// The {id} of a route as a positive id; 404 `code` (zh, en) otherwise.
Result<int64_t> IdParam(const Call& call, const char* code, const char* zh, const char* en);
// The {id} of an /assignments/{id} route.
Result<int64_t> AssignmentId(const Call& call);
boost::json::object AssignmentJson(const service::evaluation::AssignmentInfo& a);

// assignments.cc
Response Affiliations(App& app, Call& call);
Response DeclareAffiliation(App& app, Call& call);
Response RemoveAffiliation(App& app, Call& call);
Response Evaluators(App& app, Call& call);
Response Assign(App& app, Call& call);
Response Unassign(App& app, Call& call);
Response Conflict(App& app, Call& call);
// sheets.cc
Response Queue(App& app, Call& call);
Response ScoringView(App& app, Call& call);
Response SaveSheet(App& app, Call& call);
Response SubmitSheet(App& app, Call& call);
// matrix.cc
Response MatrixRoute(App& app, Call& call);
Response Review(App& app, Call& call);

}  // namespace meihao::http::evaluation
