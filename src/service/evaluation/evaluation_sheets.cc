// The evaluator's queue, scoring view and score sheets (service/evaluation/evaluation.h).
#include <boost/json.hpp>

#include "common/clock.h"
#include "common/text.h"
#include "service/audit/audit.h"
#include "service/evaluation/automatic_checks.h"
#include "service/evaluation/evaluation.h"
#include "service/evaluation/evaluation_internal.h"
#include "service/evaluation/level_results.h"

namespace meihao::service::evaluation {
namespace {

using namespace internal;
using policy::Decision;
namespace json = boost::json;

// The evaluator principles: every one but P1 (automatic only).
std::vector<std::string> EvaluatorPrincipleIds() {
  std::vector<std::string> out;
  for (int i = 0; i < domain::evaluation::kPrincipleCount; ++i)
    if (domain::evaluation::HasEvaluatorPart(i)) out.push_back("P" + std::to_string(i + 1));
  return out;
}

// The assignment when it is the caller's own, else 403 (role) or 404.
Result<AssignmentRow> OwnAssignment(storage::Connection& c, const Actor& actor, int year, int64_t id) {
  auto row = LoadAssignment(c, id);
  const bool mine = row && row->app.year == year && actor.user_id && row->info.evaluator_id == *actor.user_id;
  if (auto d = policy::CanScore(actor.principal, mine); d != Decision::kAllow)
    return d == Decision::kForbidden ? policy::DecisionError(d) : AssignmentNotFound();
  return std::move(*row);
}

std::optional<SheetView> LoadSheet(storage::Connection& c, int64_t application_id, const std::string& level,
                                   int64_t evaluator_id) {
  std::optional<SheetView> out;
  c.Query("SELECT sh.status, sh.scores, sh.principles, sh.saved_at, sh.submitted_at, u.display_name "
          "FROM score_sheets sh JOIN users u ON u.id = sh.evaluator_id "
          "WHERE sh.application_id = ? AND sh.level = ? AND sh.evaluator_id = ?",
          {application_id, level, evaluator_id}, [&](const storage::Row& r) {
            SheetView s;
            s.evaluator_id = evaluator_id;
            s.status = r.Text(0);
            s.scores = ScoresFromJson(r.Text(1));
            s.principles = PrinciplesFromJson(r.Text(2));
            s.saved_at = r.Text(3);
            s.submitted_at = r.OptText(4);
            s.evaluator_name = r.Text(5);
            out = std::move(s);
          });
  return out;
}

// A submitted sheet's total to 2 decimals.
Result<std::string> TotalText(const domain::rubric::Rubric& rubric, const SheetView& s, const AppRow& app) {
  auto automatic = AutomaticChecksFromJson(app.automatic);
  if (!automatic) return automatic.error();
  auto total = SheetTotal(rubric, ScoresToJson(s.scores), *automatic);
  if (!total) return total.error();
  return total->Format(2);
}

// The common start of a sheet write: own assignment, campaign, phase, not submitted, rubric.
struct SheetContext {
  AssignmentRow row;
  domain::rubric::Rubric rubric;
  std::optional<SheetView> stored;
};
Result<SheetContext> BeginSheetWrite(const Context& ctx, storage::Connection& c, const Actor& actor, int year,
                                     int64_t assignment_id, Date today) {
  auto row = OwnAssignment(c, actor, year, assignment_id);
  if (!row) return row.error();
  auto settings = CampaignOf(c, year);
  if (!settings) return settings.error();
  if (auto s = domain::campaigns::RequirePhase(*settings, PhaseOf(row->level), today); !s) return s.error();
  auto stored = LoadSheet(c, row->app.id, row->info.level, row->info.evaluator_id);
  if (stored && stored->status == "submitted") return SheetSubmitted();
  auto rubric = RubricFor(c, row->level, row->app, ctx.tree);
  if (!rubric) return rubric.error();
  return SheetContext{std::move(*row), std::move(*rubric), std::move(stored)};
}

json::object SheetAuditJson(const SheetView& s) {
  return {{"scores", json::parse(ScoresToJson(s.scores))}, {"principles", json::parse(PrinciplesToJson(s.principles))}};
}

}  // namespace

// ---- Stored forms and the input check --------------------------------------------

std::string ScoresToJson(const domain::rubric::ScoreSheet& s) {
  json::object o;
  for (const auto& [unit, tenths] : s) o[unit] = int64_t(tenths);
  return json::serialize(o);
}

std::string PrinciplesToJson(const std::map<std::string, PrincipleMark>& p) {
  json::object o;
  for (const auto& [id, mark] : p)
    if (mark.pass) o[id] = json::object{{"pass", *mark.pass}, {"reason", mark.reason}};
  return json::serialize(o);
}

domain::rubric::ScoreSheet ScoresFromJson(const std::string& text) {
  domain::rubric::ScoreSheet out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [unit, tenths] : v.as_object())
    if (tenths.is_int64()) out[std::string(unit)] = int(tenths.as_int64());
  return out;
}

std::map<std::string, PrincipleMark> PrinciplesFromJson(const std::string& text) {
  std::map<std::string, PrincipleMark> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [id, entry] : v.as_object()) {
    if (!entry.is_object()) continue;
    PrincipleMark m;
    if (const auto* pass = entry.as_object().if_contains("pass"); pass && pass->is_bool()) m.pass = pass->as_bool();
    if (const auto* reason = entry.as_object().if_contains("reason"); reason && reason->is_string())
      m.reason = std::string(reason->as_string());
    out[std::string(id)] = std::move(m);
  }
  return out;
}

std::vector<Error> CheckSheetInput(const domain::rubric::Rubric& rubric, const SheetInput& in, bool complete,
                                   domain::rubric::ScoreSheet* parsed) {
  auto sheet = domain::rubric::ParseScoreSheet(rubric, in.scores);
  std::vector<Error> out;
  for (auto& e : sheet.errors)
    if (complete || e.code != "rubric.score.missing") out.push_back(std::move(e));
  const auto ids = EvaluatorPrincipleIds();
  for (const auto& [id, mark] : in.principles) {
    const std::string field = "principles." + id;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      out.push_back(Error::Invalid("sheet.principle.unknown",
                                   "原则要求“" + id + "”不由评审专家评定（评审专家评定 P2 至 P9）",
                                   id + " is not an evaluator principle (P2 … P9)", field));
      continue;
    }
    const std::string reason = Trim(mark.reason);
    if (mark.pass == false) {
      if (auto r = CheckReasonText(mark.reason, "sheet.principle.reason", field + ".reason",
                                   "评定" + id + "为不符合时，理由");
          !r)
        out.push_back(r.error());
    } else if (!IsValidUtf8(reason) || CodePointCount(reason) > 500) {
      out.push_back(Error::Invalid("sheet.principle.reason", id + "的说明最多500个字",
                                   field + ".reason: at most 500 characters", field + ".reason"));
    }
  }
  if (complete)
    for (const auto& id : ids) {
      auto it = in.principles.find(id);
      if (it == in.principles.end() || !it->second.pass)
        out.push_back(Error::Invalid("sheet.principle.missing", "原则要求" + id + "尚未评定（符合或不符合）",
                                     id + " is not decided (pass or fail)", "principles." + id));
    }
  if (parsed) *parsed = std::move(sheet.sheet);
  return out;
}

// ---- Queue ---------------------------------------------------------------------------

Result<std::vector<QueueEntry>> GetQueue(const Context& ctx, const Actor& actor, int year, Date today) {
  if (auto d = policy::CanScore(actor.principal, true); d != Decision::kAllow) return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  std::vector<QueueEntry> out;
  c->Query("SELECT s.id, s.application_id, s.level, a.estate_code, COALESCE(e.name, a.estate_code), a.county_code, "
           "sh.status, sh.submitted_at FROM assignments s JOIN applications a ON a.id = s.application_id "
           "LEFT JOIN estates e ON e.code = a.estate_code "
           "LEFT JOIN score_sheets sh ON sh.application_id = s.application_id AND sh.level = s.level "
           "AND sh.evaluator_id = s.evaluator_id "
           "WHERE s.evaluator_id = ? AND a.campaign_year = ? ORDER BY s.level = 'city', s.application_id",
           {actor.user_id.value_or(0), int64_t(year)}, [&](const storage::Row& r) {
             QueueEntry q;
             q.assignment_id = r.Int(0);
             q.application_id = r.Int(1);
             q.level = r.Text(2);
             q.estate_code = r.Text(3);
             q.estate_name = r.Text(4);
             q.county_code = r.Text(5);
             const auto* county = ctx.tree.Find(q.county_code);
             q.county_name = county ? county->name : "";
             const std::string sheet = r.IsNull(6) ? "" : r.Text(6);
             q.status = sheet == "submitted" ? "done" : sheet == "draft" ? "draft" : "to_do";
             q.submitted_at = r.OptText(7);
             const auto level = policy::ParseLevel(q.level).value_or(policy::Level::kCounty);
             q.due_on = settings->phase(PhaseOf(level)).LastDay();
             q.overdue = q.status != "done" && today > q.due_on;
             out.push_back(std::move(q));
           });
  snapshot.Commit();
  return out;
}

// ---- Scoring view ----------------------------------------------------------------------

Result<ScoringView> GetScoringView(const Context& ctx, const Actor& actor, int year, int64_t assignment_id,
                                   Date today) {
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);
  auto row = OwnAssignment(*c, actor, year, assignment_id);
  if (!row) return row.error();
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  auto rubric = RubricFor(*c, row->level, row->app, ctx.tree);
  if (!rubric) return rubric.error();
  ScoringView v;
  v.assignment = row->info;
  v.year = year;
  v.town_code = row->app.town_code;
  v.applicant_type = row->app.applicant_type;
  v.applicant_name = row->app.applicant_name;
  v.submitted_at = row->app.submitted_at;
  v.automatic_json = row->app.automatic;
  v.rubric = std::move(*rubric);
  const auto& window = settings->phase(PhaseOf(row->level));
  v.due_on = window.LastDay();
  v.phase_open = window.Contains(today);
  c->Query("SELECT item_id, text FROM application_items WHERE application_id = ? ORDER BY item_id", {row->app.id},
           [&](const storage::Row& r) { v.self_assessment[r.Text(0)] = r.Text(1); });
  c->Query("SELECT id, item_id, original_name, mime, size FROM application_files WHERE application_id = ? "
           "ORDER BY item_id, id",
           {row->app.id}, [&](const storage::Row& r) {
             ScoringEvidence f{r.Int(0), r.Text(1), r.Text(2), r.Text(3), "", r.Int(4)};
             f.url = "/api/campaigns/" + std::to_string(year) + "/applications/" + std::to_string(row->app.id) +
                     "/files/" + std::to_string(f.id);
             v.files.push_back(std::move(f));
           });
  v.own = LoadSheet(*c, row->app.id, row->info.level, row->info.evaluator_id);
  if (v.own && v.own->status == "submitted") {
    auto total = TotalText(v.rubric, *v.own, row->app);
    if (!total) return total.error();
    v.own->total = *total;
    // Secrecy (rules.md §7): the others' scores only after one's own submission.
    v.others_visible = true;
    std::vector<int64_t> others;
    c->Query("SELECT evaluator_id FROM score_sheets WHERE application_id = ? AND level = ? AND status = 'submitted' "
             "AND evaluator_id <> ? ORDER BY evaluator_id",
             {row->app.id, row->info.level, row->info.evaluator_id},
             [&](const storage::Row& r) { others.push_back(r.Int(0)); });
    for (int64_t id : others) {
      auto s = LoadSheet(*c, row->app.id, row->info.level, id);
      if (!s) continue;
      auto t = TotalText(v.rubric, *s, row->app);
      if (!t) return t.error();
      s->total = *t;
      v.others.push_back(std::move(*s));
    }
  }
  snapshot.Commit();
  return v;
}

// ---- Sheets ---------------------------------------------------------------------------------

Result<SheetOutcome> SaveDraft(const Context& ctx, const Actor& actor, int year, int64_t assignment_id,
                               const SheetInput& in, Date today) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto sc = BeginSheetWrite(ctx, *c, actor, year, assignment_id, today);
  if (!sc) return sc.error();
  SheetOutcome out;
  domain::rubric::ScoreSheet parsed;
  out.problems = CheckSheetInput(sc->rubric, in, false, &parsed);
  if (!out.problems.empty()) return out;
  SheetView s;
  s.evaluator_id = sc->row.info.evaluator_id;
  s.evaluator_name = sc->row.info.evaluator_name;
  s.status = "draft";
  s.scores = std::move(parsed);
  for (const auto& [id, mark] : in.principles)
    if (mark.pass) s.principles[id] = PrincipleMark{mark.pass, Trim(mark.reason)};
  s.saved_at = BusinessNowIso();
  c->Exec("INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at) "
          "VALUES (?,?,?,'draft',?,?,?) ON CONFLICT(application_id, level, evaluator_id) DO UPDATE SET "
          "scores = excluded.scores, principles = excluded.principles, saved_at = excluded.saved_at",
          {sc->row.app.id, sc->row.info.level, s.evaluator_id, ScoresToJson(s.scores), PrinciplesToJson(s.principles),
           s.saved_at});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "sheet.save", "assignment:" + std::to_string(assignment_id),
                   sc->stored ? std::optional(json::serialize(SheetAuditJson(*sc->stored))) : std::nullopt,
                   json::serialize(SheetAuditJson(s)), actor.client, "ok"});
  tx.Commit();
  out.sheet = std::move(s);
  return out;
}

Result<SheetOutcome> SubmitSheet(const Context& ctx, const Actor& actor, int year, int64_t assignment_id,
                                 const std::optional<SheetInput>& in, Date today) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto sc = BeginSheetWrite(ctx, *c, actor, year, assignment_id, today);
  if (!sc) return sc.error();
  SheetInput input;
  if (in) {
    input = *in;
  } else if (sc->stored) {
    for (const auto& [unit, tenths] : sc->stored->scores) input.scores[unit] = domain::rubric::FormatTenths(tenths);
    input.principles = sc->stored->principles;
  }
  SheetOutcome out;
  domain::rubric::ScoreSheet parsed;
  out.problems = CheckSheetInput(sc->rubric, input, true, &parsed);
  if (!out.problems.empty()) return out;
  SheetView s;
  s.evaluator_id = sc->row.info.evaluator_id;
  s.evaluator_name = sc->row.info.evaluator_name;
  s.status = "submitted";
  s.scores = std::move(parsed);
  for (const auto& [id, mark] : input.principles) s.principles[id] = PrincipleMark{mark.pass, Trim(mark.reason)};
  s.saved_at = BusinessNowIso();
  s.submitted_at = s.saved_at;
  auto total = TotalText(sc->rubric, s, sc->row.app);
  if (!total) return total.error();
  s.total = *total;
  c->Exec("INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at, "
          "submitted_at) VALUES (?,?,?,'submitted',?,?,?,?) ON CONFLICT(application_id, level, evaluator_id) DO "
          "UPDATE SET status = 'submitted', scores = excluded.scores, principles = excluded.principles, "
          "saved_at = excluded.saved_at, submitted_at = excluded.submitted_at",
          {sc->row.app.id, sc->row.info.level, s.evaluator_id, ScoresToJson(s.scores), PrinciplesToJson(s.principles),
           s.saved_at, *s.submitted_at});
  json::object after = SheetAuditJson(s);
  after["total"] = *s.total;
  audit::AppendAudit(*c, {actor.user_id, actor.username, "sheet.submit", "assignment:" + std::to_string(assignment_id),
                   std::nullopt, json::serialize(after), actor.client, "ok"});
  tx.Commit();
  out.sheet = std::move(s);
  return out;
}

}  // namespace meihao::service::evaluation
