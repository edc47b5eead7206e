// The application behind the HTTP server: routes, authentication, CSRF,
// static files of the web UI. Handlers (handlers/*.cc) register here; they
// parse, call one service, and serialise.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/router.h"
#include "service/survey/survey_responses.h"
#include "service/accounts/users.h"

namespace meihao::http {

// Who may reach a route at all (the policy decides the rest).
enum class Access {
  kPublic,     // no session needed
  kSession,    // any session, even one that must change its password first
  kUser,       // a session whose password is no longer the initial one
};

struct Call {
  const Request& req;
  const PathParams& params;
  std::optional<service::accounts::SessionInfo> session;
  service::Actor actor;
  std::string Param(const std::string& n) const { auto it = params.find(n); return it == params.end() ? "" : it->second; }
};

using ApiHandler = std::function<Response(Call&)>;

class App {
 public:
  // survey_batch: the most survey submissions one commit carries (1: one
  // transaction per submission).
  App(service::Context ctx, std::string web_dir, size_t survey_batch = 256);

  Response Handle(Request& req);
  size_t BodyLimit(const std::string& target) const;
  const Router& router() const { return router_; }
  const service::Context& ctx() const { return ctx_; }
  service::survey::SurveyIntake& survey_intake() { return survey_intake_; }
  // The address residents reach this server at (https://host, no trailing
  // slash), printed in the slips' QR links; empty: the Host the request came with.
  void set_public_url(std::string url) { public_url_ = std::move(url); }
  const std::string& public_url() const { return public_url_; }

  void Api(std::string method, std::string pattern, Access access, ApiHandler h);

 private:
  Response Dispatch(const PathParams& params, const Request& req, Access access,
                    const ApiHandler& h);
  Response Static(const Request& req);

  service::Context ctx_;
  std::string web_dir_;
  std::string public_url_;
  Router router_;
  std::mutex static_mu_;
  std::map<std::string, std::pair<std::string, std::string>> static_cache_;  // path → (type, body)
  service::survey::SurveyIntake survey_intake_;
};

// Registered by the handler files (handlers/<module>.cc or handlers/<module>/).
// App's constructor calls them in a fixed order: where two patterns match a
// path equally well, the first registered wins.
void RegisterHealthRoutes(App& app);    // handlers/health.cc
void RegisterSessionRoutes(App& app);   // accounts/session.cc: sign in and out, password change
void RegisterUserRoutes(App& app);      // accounts/users.cc
void RegisterAuditRoutes(App& app);     // audit.cc: the trail and its verification
void RegisterEstateRoutes(App& app);    // registry/estates.cc
void RegisterDivisionRoutes(App& app);  // registry/divisions.cc: divisions, estate statistics
void RegisterRecordRoutes(App& app);    // indicators/records.cc: record imports
void RegisterRankingRoutes(App& app);   // indicators/rankings.cc: rankings, gates, quotas, one estate's figures
void RegisterCampaignRoutes(App& app);  // campaigns.cc
void RegisterSurveyRoutes(App& app);  // household codes (issue, void, counts), public survey, paper entry
void RegisterCultivationRoutes(App& app);  // cultivation lists, tasks, notes, photos, overview
void RegisterSelectionRoutes(App& app);  // level lists, changes, publish, finalise, objections, overview
void RegisterPublicListRoutes(App& app);  // public lists (no login), objection form
// True for a photo upload (its own body limit, domain::cultivation::kMaxPhotoBytes).
bool IsCultivationPhotoUpload(const std::string& target);
void RegisterRubricRoutes(App& app);       // a unit's rubric refinement (issue 4)
void RegisterApplicationRoutes(App& app);  // applications, evidence files, submit, withdraw (issue 4)
void RegisterReportRoutes(App& app);       // reports.cc: the counties' work reports (issue 11)
void RegisterAssessmentRoutes(App& app);   // assessment.cc: third-party periodic assessment (issue 11)
void RegisterSummaryRoutes(App& app);      // summary.cc: the city's summary and commendations (issue 11)
void RegisterDocumentRoutes(App& app);     // documents.cc: the documents issued, list PDFs (issue 11)
void RegisterCaseRoutes(App& app);         // cases.cc: typical cases (issue 11 part 4)
bool IsCasePhotoUpload(const std::string& target);
void RegisterEvaluationRoutes(App& app);   // affiliations, assignments, conflicts, queue, sheets, matrix (issue 4)
// True for an evidence upload (its own body limit, domain::applications::kMaxEvidenceBytes).
bool IsEvidenceUpload(const std::string& target);

}  // namespace meihao::http
