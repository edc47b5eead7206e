// The survey over HTTP: household codes (issue — answers the slips PDF —,
// void, counts), the public questionnaire of a code, and paper entry.
#include "http/handlers/common.h"
#include "http/json.h"
#include "io/survey/slips_pdf.h"
#include "domain/survey/survey.h"
#include "service/survey/survey_codes.h"
#include "service/survey/survey_responses.h"

namespace meihao::http {
namespace {

// The survey link printed on a slip: the configured public address, else
// this server's own address as the client reached it (the Host header), so
// slips point where residents can answer.
std::string SurveyBase(const App& app, const Request& req) {
  if (!app.public_url().empty()) return app.public_url();
  std::string host = req.Header("host");
  bool safe = !host.empty() && host.size() < 200 &&
              host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == std::string::npos;
  return "http://" + (safe ? host : std::string("127.0.0.1:8080"));
}

// {"count": N} (0 or absent: one per household) → the slips PDF.
Response Issue(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body.empty() ? std::string("{}") : call.req.body));
  MEIHAO_TRY(count, OptInt(*body, "count"));
  MEIHAO_TRY(issued, service::survey::IssueHouseholdCodes(app.ctx(), call.actor, *year, call.Param("code"), count->value_or(0)));
  io::survey::SlipSheet sheet{issued->estate_name, issued->county_town, {}};
  std::string base = SurveyBase(app, call.req);
  for (const auto& code : issued->codes) sheet.slips.push_back({code, base + "/survey/" + *domain::survey::NormaliseCode(code)});
  MEIHAO_TRY(pdf, io::survey::RenderSlipsPdf(sheet));
  auto res = Response::File("application/pdf", std::move(*pdf), issued->estate_code + "-调查单.pdf");
  res.status = 201;
  return res;
}

Response Void(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(code, ReqString(*body, "code"));
  auto s = service::survey::VoidHouseholdCode(app.ctx(), call.actor, *year, *code);
  if (!s) return ErrorResponse(s.error());
  return Response::NoContent();
}

Response Counts(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(n, service::survey::HouseholdCodeCounts(app.ctx(), call.actor, *year, call.Param("code")));
  return JsonResponse(200, boost::json::object{{"issued", n->issued},
                                               {"used", n->used},
                                               {"void", n->voided},
                                               {"responses", n->responses},
                                               {"paper", n->paper}});
}

// {"overall": 1-5, "dimensions": {"sanitation": 1-5, …}, "comment": "…"}.
// Absent answers stay 0 and ValidateAnswers names the first one missing.
Result<domain::survey::SurveyAnswers> ParseAnswers(const boost::json::object& body) {
  domain::survey::SurveyAnswers a;
  auto answer = [](const boost::json::object& o, const char* key, const std::string& field) -> Result<int> {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return 0;
    if (!it->value().is_int64())
      return Error::Invalid("survey.answer.range", "“" + field + "”的回答须为 1 至 5 的整数",
                            "the answer to " + field + " must be a whole number 1 to 5", field);
    int64_t v = it->value().as_int64();
    return int(v < 1 || v > 99 ? -1 : v);  // 0, negative, huge: out of range; ValidateAnswers names it
  };
  MEIHAO_TRY_RESULT(overall, answer(body, "overall", "overall"));
  a.overall = *overall;
  if (auto it = body.find("dimensions"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_object())
      return Error::Invalid("json.type", "dimensions 须为对象", "dimensions must be an object", "dimensions");
    const auto& dims = it->value().as_object();
    for (const auto& [key, value] : dims) {
      bool known = false;
      for (const auto& d : domain::survey::kDimensions) known |= d.key == std::string_view(key);
      if (!known)
        return Error::Invalid("survey.dimension.unknown", "问卷中没有这一项：" + std::string(key),
                              "No such question: " + std::string(key), "dimensions." + std::string(key));
    }
    for (size_t i = 0; i < domain::survey::kDimensions.size(); ++i) {
      std::string key(domain::survey::kDimensions[i].key);
      MEIHAO_TRY_RESULT(v, answer(dims, key.c_str(), "dimensions." + key));
      a.dimensions[i] = *v;
    }
  }
  MEIHAO_TRY_RESULT(comment, OptString(body, "comment"));
  a.comment = comment->value_or("");
  return a;
}

// The questionnaire a code opens (public).
Response Questionnaire(App& app, Call& call) {
  MEIHAO_TRY(inv, service::survey::OpenSurvey(app.ctx(), call.Param("code"), TodayInChina()));
  boost::json::array dims, labels;
  for (const auto& d : domain::survey::kDimensions) dims.push_back(boost::json::object{{"key", d.key}, {"zh", d.zh}});
  for (const auto& l : domain::survey::kAnswerLabels) labels.push_back(boost::json::string(l));
  return JsonResponse(200, boost::json::object{{"campaign_year", inv->year},
                                               {"estate_name", inv->estate_name},
                                               {"county_name", inv->county_name},
                                               {"town_name", inv->town_name},
                                               {"survey_from", inv->survey_from.ToString()},
                                               {"survey_to", inv->survey_to.ToString()},
                                               {"overall", boost::json::object{{"zh", "总体满意度"}}},
                                               {"dimensions", std::move(dims)},
                                               {"answer_labels", std::move(labels)},
                                               {"comment_max", domain::survey::kCommentMaxChars}});
}

// Queues a submission; the answer is sent once its group commit is durable.
Response SubmitLater(App& app, service::survey::SurveySubmission sub, bool paper) {
  if (auto st = service::survey::PrecheckSubmission(app.ctx(), sub); !st) return ErrorResponse(st.error());
  Response res;
  res.deferred = [&app, sub = std::move(sub), paper](std::function<void(Response)> deliver) mutable {
    app.survey_intake().Submit(std::move(sub), [deliver = std::move(deliver), paper](Result<service::survey::SurveyReceipt> r) {
      if (!r) return deliver(ErrorResponse(r.error()));
      boost::json::object o{{"received_at", r->received_at}};
      if (paper) {
        o["estate_code"] = r->estate_code;
        o["estate_name"] = r->estate_name;
      }
      deliver(JsonResponse(201, o));
    });
  };
  return res;
}

Response Answer(App& app, Call& call) {
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(answers, ParseAnswers(*body));
  return SubmitLater(app, {call.Param("code"), std::move(*answers), std::nullopt, std::nullopt}, false);
}

// Paper entry: {"code": "…", answers as above}.
Response Paper(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(code, ReqString(*body, "code"));
  MEIHAO_TRY(answers, ParseAnswers(*body));
  return SubmitLater(app, {*code, std::move(*answers), call.actor, *year}, true);
}

}  // namespace

void RegisterSurveyRoutes(App& app) {
  app.Api("POST", "/api/campaigns/{year}/estates/{code}/codes", Access::kUser, [&app](Call& c) { return Issue(app, c); });
  app.Api("GET", "/api/campaigns/{year}/estates/{code}/codes", Access::kUser, [&app](Call& c) { return Counts(app, c); });
  app.Api("POST", "/api/campaigns/{year}/codes/void", Access::kUser, [&app](Call& c) { return Void(app, c); });
  app.Api("POST", "/api/campaigns/{year}/paper-responses", Access::kUser, [&app](Call& c) { return Paper(app, c); });
  app.Api("GET", "/api/survey/{code}", Access::kPublic, [&app](Call& c) { return Questionnaire(app, c); });
  app.Api("POST", "/api/survey/{code}", Access::kPublic, [&app](Call& c) { return Answer(app, c); });
}

}  // namespace meihao::http
