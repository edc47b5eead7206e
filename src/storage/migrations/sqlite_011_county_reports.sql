-- 011: each county's work report (工作报告) of the summary phase (issue #11,
-- rules.md §9): its four written parts, its status and, once submitted, how
-- late it came. Every state a report passes through is kept in
-- county_report_versions, so each version stays readable.

CREATE TABLE county_reports(
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  county_code   TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('draft','submitted','returned','accepted')),
  parts         TEXT NOT NULL,            -- JSON {activities, practices, problems, suggestions}
  version       INTEGER NOT NULL DEFAULT 1,
  submitted_at  TEXT,                     -- the latest submission (business clock)
  days_late     INTEGER,                  -- of the latest submission, after deadlines.county_report
  comments      TEXT,                     -- the city's comments when it last returned the report
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (campaign_year, county_code)
) STRICT;

CREATE TABLE county_report_versions(
  report_id  INTEGER NOT NULL REFERENCES county_reports(id),
  version    INTEGER NOT NULL,
  status     TEXT NOT NULL,
  parts      TEXT NOT NULL,
  days_late  INTEGER,
  comments   TEXT,
  at         TEXT NOT NULL,
  by_user    TEXT NOT NULL,               -- the username that made this version
  PRIMARY KEY (report_id, version)
) STRICT;
