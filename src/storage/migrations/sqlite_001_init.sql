-- 001: registry, users, sessions, audit trail.
-- Times are UTC ISO-8601 text ('2026-11-29T06:00:00Z') except session clocks,
-- which are unix seconds because they are compared on every request.

CREATE TABLE divisions(
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('city','county','town')),
  parent_code TEXT REFERENCES divisions(code)
) STRICT;

-- Property service companies are records of their own, keyed by credit code,
-- so that penalties (matched by credit code) reach every estate they manage.
CREATE TABLE companies(
  id         INTEGER PRIMARY KEY,
  uscc       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE estates(
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  county_code     TEXT NOT NULL REFERENCES divisions(code),
  town_code       TEXT NOT NULL REFERENCES divisions(code),
  community       TEXT NOT NULL DEFAULT '',
  address         TEXT NOT NULL DEFAULT '',
  households      INTEGER NOT NULL CHECK (households BETWEEN 1 AND 100000),
  management_mode TEXT NOT NULL CHECK (management_mode IN ('professional','self','none')),
  company_id      INTEGER REFERENCES companies(id),
  owners_org      TEXT NOT NULL CHECK (owners_org IN ('owners_committee','management_committee','none')),
  party_org       INTEGER NOT NULL CHECK (party_org IN (0,1)),
  demonstration   INTEGER NOT NULL CHECK (demonstration IN (0,1)),
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT
) STRICT;
CREATE INDEX estates_by_county ON estates(county_code, code);
CREATE INDEX estates_by_town ON estates(town_code, code);
CREATE INDEX estates_by_company ON estates(company_id);

CREATE TABLE users(
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE,
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL,
  scope_code           TEXT NOT NULL,
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  disabled             INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL,
  last_login_at        TEXT
) STRICT;

CREATE TABLE sessions(
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  client       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_by_user ON sessions(user_id);

-- Append-only, hash-chained: hash = SHA-256(prev_hash || canonical record).
-- AUTOINCREMENT so that a deleted last row leaves a gap that verify detects.
CREATE TABLE audit_log(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  user_id     INTEGER,
  username    TEXT NOT NULL,
  action      TEXT NOT NULL,
  object      TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT,
  client      TEXT NOT NULL,
  result      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_action ON audit_log(action);
