-- 010: applications, evaluation and selection (issue #4, rules.md §5–§8).
--
-- A "level" is 'county' (the county evaluates and lists its estates'
-- applications) or 'city' (the city evaluates the counties' final winners).
-- A level's "unit" is the county code at county level and the city code
-- (440700) at city level: the rubric refinement, the list and its publicity
-- belong to one (campaign, level, unit).

-- The rubric a unit refines within the city's frame (domain::RefinementToJson;
-- '' = the reference). Frozen when the apply phase opens (county) or the
-- city_review phase opens (city).
CREATE TABLE rubric_refinements(
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  unit_code     TEXT NOT NULL,
  refinement    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  updated_by    INTEGER REFERENCES users(id),
  version       INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (campaign_year, unit_code)
) STRICT;

-- One application per estate per campaign (a second is refused). The
-- applicant body is the estate's Red Housekeeper.
CREATE TABLE applications(
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_year  INTEGER NOT NULL REFERENCES campaigns(year),
  estate_code    TEXT NOT NULL REFERENCES estates(code),
  county_code    TEXT NOT NULL,  -- the estate's county when the application was created
  applicant_type TEXT NOT NULL CHECK (applicant_type IN
                   ('party_organisation','owners_committee','management_committee','property_company')),
  applicant_name TEXT NOT NULL,
  contact_name   TEXT NOT NULL,
  contact_phone  TEXT NOT NULL,  -- normalised (domain::CheckPhone)
  status         TEXT NOT NULL CHECK (status IN ('draft','submitted','withdrawn')),
  -- Frozen at submission: the rubric the application is scored against at
  -- county level (refinement JSON) and the automatic principle results with
  -- the figures behind them (JSON), so later imports never change what the
  -- evaluators saw.
  rubric         TEXT,
  automatic      TEXT,
  submitted_at   TEXT,            -- ISO time; NULL unless submitted
  submitted_ms   INTEGER,         -- the same in Unix ms: the last tie key of rules.md §8
  created_at     TEXT NOT NULL,
  created_by     INTEGER REFERENCES users(id),
  updated_at     TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  UNIQUE (campaign_year, estate_code)
) STRICT;
CREATE INDEX applications_by_county ON applications(campaign_year, county_code, status);

-- The self-assessment per rubric item (id "1.1" … "4.7").
CREATE TABLE application_items(
  application_id INTEGER NOT NULL REFERENCES applications(id),
  item_id        TEXT NOT NULL,
  text           TEXT NOT NULL,
  PRIMARY KEY (application_id, item_id)
) STRICT;

-- Evidence files; the bytes live in <data dir>/files/evidence/<stored_name>.
CREATE TABLE application_files(
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  item_id        TEXT NOT NULL,
  stored_name    TEXT NOT NULL UNIQUE,  -- random, never the uploader's name
  original_name  TEXT NOT NULL,
  mime           TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png','application/pdf')),
  size           INTEGER NOT NULL,
  sha256         TEXT NOT NULL,
  uploaded_at    TEXT NOT NULL,
  uploaded_by    INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX application_files_by_application ON application_files(application_id);

-- What happened to an application (created, edited, submitted, withdrawn, …),
-- with a snapshot of the application as JSON after the event.
CREATE TABLE application_history(
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  at             TEXT NOT NULL,
  user_id        INTEGER REFERENCES users(id),
  username       TEXT NOT NULL,
  event          TEXT NOT NULL,
  snapshot       TEXT NOT NULL
) STRICT;
CREATE INDEX application_history_by_application ON application_history(application_id);

-- An evaluator's declared affiliations: an estate, a property company (by its
-- unified social credit code) or a town. Assignments touching one are refused.
CREATE TABLE evaluator_affiliations(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  kind        TEXT NOT NULL CHECK (kind IN ('estate','company','town')),
  value       TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  declared_at TEXT NOT NULL,
  UNIQUE (user_id, kind, value)
) STRICT;

-- Who evaluates which application at which level.
CREATE TABLE assignments(
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  level          TEXT NOT NULL CHECK (level IN ('county','city')),
  evaluator_id   INTEGER NOT NULL REFERENCES users(id),
  assigned_at    TEXT NOT NULL,
  assigned_by    INTEGER REFERENCES users(id),
  UNIQUE (application_id, level, evaluator_id)
) STRICT;
CREATE INDEX assignments_by_evaluator ON assignments(evaluator_id, level);

-- Conflicts an evaluator declared on an assignment (which removed it): the
-- pair is never assigned again at that level.
CREATE TABLE declared_conflicts(
  application_id INTEGER NOT NULL REFERENCES applications(id),
  level          TEXT NOT NULL CHECK (level IN ('county','city')),
  evaluator_id   INTEGER NOT NULL REFERENCES users(id),
  reason         TEXT NOT NULL,
  declared_at    TEXT NOT NULL,
  PRIMARY KEY (application_id, level, evaluator_id)
) STRICT;

-- An evaluator's score sheet for an assignment: drafts may be incomplete;
-- a submitted sheet is complete and final. scores: {"unit": tenths, …};
-- principles: {"P2": {"pass": true|false, "reason": "…"}, …}. Totals are
-- not stored: they are computed (exactly) from the scores, the rubric and the
-- frozen automatic results wherever they are needed (service/level_results).
CREATE TABLE score_sheets(
  application_id INTEGER NOT NULL REFERENCES applications(id),
  level          TEXT NOT NULL CHECK (level IN ('county','city')),
  evaluator_id   INTEGER NOT NULL REFERENCES users(id),
  status         TEXT NOT NULL CHECK (status IN ('draft','submitted')),
  scores         TEXT NOT NULL,
  principles     TEXT NOT NULL,
  saved_at       TEXT NOT NULL,
  submitted_at   TEXT,
  PRIMARY KEY (application_id, level, evaluator_id)
) STRICT;

-- The unit's look at a flagged disagreement before it decides (rules.md §6).
CREATE TABLE disagreement_reviews(
  application_id INTEGER NOT NULL REFERENCES applications(id),
  level          TEXT NOT NULL CHECK (level IN ('county','city')),
  note           TEXT NOT NULL,
  reviewed_at    TEXT NOT NULL,
  reviewed_by    INTEGER REFERENCES users(id),
  PRIMARY KEY (application_id, level)
) STRICT;

-- A unit's list: built from the ranking with changes until published, then a
-- snapshot (selection_entries) that objections may shorten.
CREATE TABLE selection_lists(
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  level         TEXT NOT NULL CHECK (level IN ('county','city')),
  unit_code     TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('published','final')),
  quota         INTEGER NOT NULL,
  explanation   TEXT NOT NULL DEFAULT '',  -- required when shorter than the quota
  short         INTEGER NOT NULL CHECK (short IN (0,1)),
  published_on  TEXT NOT NULL,   -- China date; publicity runs from it
  publicity_days INTEGER NOT NULL,
  published_at  TEXT NOT NULL,
  published_by  INTEGER REFERENCES users(id),
  finalised_at  TEXT,
  finalised_by  INTEGER REFERENCES users(id),
  PRIMARY KEY (campaign_year, level, unit_code)
) STRICT;

-- The county's (or city's) changes to the proposed list before publishing.
CREATE TABLE selection_changes(
  application_id INTEGER NOT NULL REFERENCES applications(id),
  level          TEXT NOT NULL CHECK (level IN ('county','city')),
  change         TEXT NOT NULL CHECK (change IN ('add','remove')),
  reason         TEXT NOT NULL,
  changed_at     TEXT NOT NULL,
  changed_by     INTEGER REFERENCES users(id),
  PRIMARY KEY (application_id, level)
) STRICT;

-- A published list's entries as published, with the figures shown.
CREATE TABLE selection_entries(
  campaign_year  INTEGER NOT NULL,
  level          TEXT NOT NULL,
  unit_code      TEXT NOT NULL,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  estate_code    TEXT NOT NULL,
  position       INTEGER NOT NULL,  -- 1-based order on the list
  rank           INTEGER,           -- competition rank; NULL for an addition below the ranking
  score          TEXT NOT NULL,     -- 2 decimals as shown
  source         TEXT NOT NULL CHECK (source IN ('rules','added')),
  reason         TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN ('listed','removed')),  -- removed: objection upheld
  PRIMARY KEY (campaign_year, level, application_id),
  FOREIGN KEY (campaign_year, level, unit_code) REFERENCES selection_lists(campaign_year, level, unit_code)
) STRICT;
CREATE INDEX selection_entries_by_list ON selection_entries(campaign_year, level, unit_code, position);

CREATE TABLE objections(
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_year  INTEGER NOT NULL,
  level          TEXT NOT NULL,
  unit_code      TEXT NOT NULL,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  reason         TEXT NOT NULL,
  name           TEXT NOT NULL,
  phone          TEXT NOT NULL,   -- normalised; shown masked to all but the handler
  client         TEXT NOT NULL,
  filed_at       TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('open','upheld','dismissed')),
  answer         TEXT NOT NULL DEFAULT '',
  handled_at     TEXT,
  handled_by     INTEGER REFERENCES users(id),
  FOREIGN KEY (campaign_year, level, unit_code) REFERENCES selection_lists(campaign_year, level, unit_code)
) STRICT;
CREATE INDEX objections_by_list ON objections(campaign_year, level, unit_code, status);
