-- 007: cultivation (重点培育, rules.md §4, issue #3 part 6). A county confirms
-- its list once, as a snapshot: each entry keeps the figures it was listed
-- with, so later records never change a confirmed list. Tasks, progress notes
-- and photos hang off the entries.
CREATE TABLE cultivation_lists(
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  county_code   TEXT NOT NULL,
  confirmed_at  TEXT NOT NULL,
  confirmed_by  INTEGER REFERENCES users(id),
  confirmed_by_name TEXT NOT NULL,  -- the username, kept even if the user is renamed
  PRIMARY KEY (campaign_year, county_code)
) STRICT;

CREATE TABLE cultivation_entries(
  campaign_year INTEGER NOT NULL,
  county_code   TEXT NOT NULL,
  estate_code   TEXT NOT NULL REFERENCES estates(code),
  source        TEXT NOT NULL CHECK (source IN ('rules','added')),
  reason        TEXT NOT NULL DEFAULT '',  -- why an estate was added ('' for rules)
  households    INTEGER NOT NULL,
  -- The figures as shown when listed: index and rate with 2 decimals.
  satisfaction_sample INTEGER NOT NULL,
  satisfaction_index  TEXT,                -- NULL: no satisfaction data at all
  satisfaction_rank   INTEGER,             -- NULL: not ranked for satisfaction
  complaint_count     INTEGER NOT NULL,
  complaint_rate      TEXT NOT NULL,
  complaint_rank      INTEGER,
  top_satisfaction    INTEGER NOT NULL CHECK (top_satisfaction IN (0,1)),
  bottom_complaints   INTEGER NOT NULL CHECK (bottom_complaints IN (0,1)),
  demonstration       INTEGER NOT NULL CHECK (demonstration IN (0,1)),
  listed_at     TEXT NOT NULL,
  listed_by     INTEGER REFERENCES users(id),
  PRIMARY KEY (campaign_year, estate_code),  -- an estate is on one list once
  FOREIGN KEY (campaign_year, county_code) REFERENCES cultivation_lists(campaign_year, county_code)
) STRICT;
CREATE INDEX cultivation_entries_by_county ON cultivation_entries(campaign_year, county_code);

CREATE TABLE cultivation_tasks(
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_year INTEGER NOT NULL,
  estate_code   TEXT NOT NULL,
  unit_type     TEXT NOT NULL CHECK (unit_type IN ('street_office','enforcement','water','power','gas','other')),
  unit_name     TEXT NOT NULL,
  title         TEXT NOT NULL,
  due_on        TEXT NOT NULL,             -- YYYY-MM-DD
  status        TEXT NOT NULL CHECK (status IN ('todo','doing','done')),
  done_on       TEXT,                      -- China date it was marked done (late when > due_on)
  created_at    TEXT NOT NULL,
  created_by    INTEGER REFERENCES users(id),
  created_by_name TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  FOREIGN KEY (campaign_year, estate_code) REFERENCES cultivation_entries(campaign_year, estate_code)
) STRICT;
CREATE INDEX cultivation_tasks_by_estate ON cultivation_tasks(campaign_year, estate_code);

-- A note is on a task, or (task_id NULL) on the estate as a whole.
CREATE TABLE cultivation_notes(
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_year INTEGER NOT NULL,
  estate_code   TEXT NOT NULL,
  task_id       INTEGER REFERENCES cultivation_tasks(id),
  text          TEXT NOT NULL,
  author_id     INTEGER REFERENCES users(id),
  author_name   TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  FOREIGN KEY (campaign_year, estate_code) REFERENCES cultivation_entries(campaign_year, estate_code)
) STRICT;
CREATE INDEX cultivation_notes_by_estate ON cultivation_notes(campaign_year, estate_code);

-- The bytes live in <data dir>/files/cultivation/<stored_name>, outside the web root.
CREATE TABLE cultivation_photos(
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  note_id       INTEGER NOT NULL REFERENCES cultivation_notes(id),
  stored_name   TEXT NOT NULL UNIQUE,      -- random hex, never the uploader's name
  original_name TEXT NOT NULL,
  mime          TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png')),
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  uploaded_at   TEXT NOT NULL,
  uploaded_by   INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX cultivation_photos_by_note ON cultivation_photos(note_id);
