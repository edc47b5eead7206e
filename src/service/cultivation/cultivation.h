// Cultivation (重点培育, rules.md §4, issue #3 part 6): each county's list —
// proposed by the rules, then confirmed once as a snapshot that keeps its
// figures — with estates added for a reason, tasks assigned to responsible
// units, progress notes with photos, and an overview per county.
//
// Every write: authorised (policy::CanManageCultivation or
// CanRecordCultivationProgress), allowed only in the campaign's cultivate
// phase (domain::campaigns::RequirePhase), and audited in its own transaction. Reads are
// allowed in every phase. Out of scope is 404, a role that may never act 403.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/cultivation/cultivation.h"
#include "service/context.h"

namespace meihao::service::cultivation {

struct CultivationEntry {
  std::string estate_code, estate_name, county_code, town_code, town_name;
  int64_t households = 0;
  std::string source = "rules";  // rules | added
  std::string reason;
  int64_t satisfaction_sample = 0;
  std::optional<std::string> satisfaction_index;  // 2 decimals, as shown
  std::optional<int64_t> satisfaction_rank;
  int64_t complaint_count = 0;
  std::string complaint_rate;  // 2 decimals
  std::optional<int64_t> complaint_rank;
  bool top_satisfaction = false, bottom_complaints = false, demonstration = false;
  std::optional<std::string> listed_at;            // confirmed lists only
  int64_t tasks_total = 0, tasks_done = 0, tasks_overdue = 0;  // confirmed lists only
};

struct CultivationList {
  int year = 0;
  std::string county_code, county_name;
  bool confirmed = false;
  std::optional<std::string> confirmed_at, confirmed_by;
  std::vector<CultivationEntry> estates;  // cut to the caller's scope
};

// `county` may be empty when the caller's scope lies within one county.
// 400 county.required; 404 campaign.not_found, county.not_found, not_found.
Result<CultivationList> GetCultivationList(const Context& ctx, const Actor& actor, int year, std::string county,
                                           Date today);
// 409 cultivation.confirmed when the county's list is confirmed already.
Result<CultivationList> ConfirmCultivationList(const Context& ctx, const Actor& actor, int year,
                                               const std::string& county, Date today);
// A managed estate of the county, not yet listed, onto the confirmed list
// with today's figures. 409 cultivation.not_confirmed / cultivation.estate.listed.
Result<CultivationEntry> AddCultivationEstate(const Context& ctx, const Actor& actor, int year,
                                              const std::string& county, const std::string& estate_code,
                                              const std::string& reason, Date today);

struct CultivationPhoto {
  int64_t id = 0, note_id = 0, size = 0;
  std::string original_name, mime, sha256, uploaded_at;
};
struct CultivationNote {
  int64_t id = 0;
  std::optional<int64_t> task_id;
  std::string estate_code, text, author, created_at;
  int64_t author_id = 0;
  std::vector<CultivationPhoto> photos;
};
struct CultivationTask {
  int64_t id = 0;
  std::string estate_code, estate_name, county_code, town_code;
  domain::cultivation::UnitType unit_type = domain::cultivation::UnitType::kOther;
  std::string unit_name, title;
  Date due_on;
  domain::cultivation::TaskStatus status = domain::cultivation::TaskStatus::kTodo;
  std::optional<Date> done_on;
  std::string created_at, created_by, updated_at;
  std::vector<CultivationNote> notes;  // filled by GetCultivationEstate only
};

struct CultivationEstate {
  int year = 0;
  CultivationEntry entry;
  std::vector<CultivationTask> tasks;
  std::vector<CultivationNote> notes;  // on the estate as a whole
};
// 404 estate.not_found (also outside the scope), cultivation.not_listed.
Result<CultivationEstate> GetCultivationEstate(const Context& ctx, const Actor& actor, int year,
                                               const std::string& estate_code, Date today);

struct TaskInput {
  std::string unit_type, unit_name, title, due_on;
};
Result<CultivationTask> CreateCultivationTask(const Context& ctx, const Actor& actor, int year,
                                              const std::string& estate_code, const TaskInput& in, Date today);

struct TaskChange {
  std::optional<std::string> status, due_on;
};
// Status: progress (street staff too); due date: management. Nothing
// changed → the task as it is, nothing written.
Result<CultivationTask> UpdateCultivationTask(const Context& ctx, const Actor& actor, int year, int64_t task_id,
                                              const TaskChange& change, Date today);

// A note on a task (task_id) or on the estate as a whole (estate_code).
Result<CultivationNote> AddTaskNote(const Context& ctx, const Actor& actor, int year, int64_t task_id,
                                    const std::string& text, Date today);
Result<CultivationNote> AddEstateNote(const Context& ctx, const Actor& actor, int year,
                                      const std::string& estate_code, const std::string& text, Date today);

// Checked by content (JPEG/PNG), at most 5 MiB and 9 per note; stored under
// ctx.data_dir/files/cultivation with a random name. Street staff may add
// photos only to their own notes.
Result<CultivationPhoto> AddNotePhoto(const Context& ctx, const Actor& actor, int year, int64_t note_id,
                                      const std::string& bytes, const std::string& uploaded_name, Date today);

struct PhotoFile {
  std::string mime, name, bytes;
};
// 404 photo.not_found (also outside the scope).
Result<PhotoFile> GetCultivationPhoto(const Context& ctx, const Actor& actor, int64_t photo_id);

struct CountyOverview {
  std::string county_code, county_name;
  bool confirmed = false;
  domain::cultivation::CountyProgress progress;
};
struct CultivationOverview {
  int year = 0;
  Date today;
  std::vector<CountyOverview> counties;  // counties overlapping the scope, by code
  std::vector<CultivationTask> overdue;  // within the scope, longest overdue first
};
Result<CultivationOverview> GetCultivationOverview(const Context& ctx, const Actor& actor, int year, Date today);

}  // namespace meihao::service::cultivation
