-- 006: survey responses and the kept indicator figures (issue #3, rules.md §3, §10).
-- A response redeems one household code (code_id is UNIQUE: a code counts once).
CREATE TABLE survey_responses(
  id            INTEGER PRIMARY KEY,
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  estate_code   TEXT NOT NULL REFERENCES estates(code),
  code_id       INTEGER NOT NULL UNIQUE REFERENCES household_codes(id),
  channel       TEXT NOT NULL CHECK (channel IN ('online','paper')),
  received_at   TEXT NOT NULL,
  overall       INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
  sanitation    INTEGER NOT NULL CHECK (sanitation BETWEEN 1 AND 5),
  greening      INTEGER NOT NULL CHECK (greening BETWEEN 1 AND 5),
  facilities    INTEGER NOT NULL CHECK (facilities BETWEEN 1 AND 5),
  safety        INTEGER NOT NULL CHECK (safety BETWEEN 1 AND 5),
  fees_disclosure INTEGER NOT NULL CHECK (fees_disclosure BETWEEN 1 AND 5),
  responsiveness  INTEGER NOT NULL CHECK (responsiveness BETWEEN 1 AND 5),
  comment       TEXT NOT NULL DEFAULT '',
  entered_by    INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX survey_responses_by_estate ON survey_responses(campaign_year, estate_code);

-- The figures the rankings read, per campaign and estate, kept up to date as
-- responses arrive and records are imported; `meihao indicators rebuild`
-- recomputes them from the raw rows above and in 003. Window and fee year are
-- the campaign's. Penalties are not kept here: they are matched by the
-- estate's current company and are few (see docs/decisions.md).
CREATE TABLE estate_figures(
  campaign_year          INTEGER NOT NULL REFERENCES campaigns(year),
  estate_code            TEXT NOT NULL REFERENCES estates(code),
  survey_responses       INTEGER NOT NULL DEFAULT 0,
  survey_points          INTEGER NOT NULL DEFAULT 0,  -- Σ (overall − 1) × 25
  sum_sanitation         INTEGER NOT NULL DEFAULT 0,  -- Σ of each dimension's 1–5 answers
  sum_greening           INTEGER NOT NULL DEFAULT 0,
  sum_facilities         INTEGER NOT NULL DEFAULT 0,
  sum_safety             INTEGER NOT NULL DEFAULT 0,
  sum_fees_disclosure    INTEGER NOT NULL DEFAULT 0,
  sum_responsiveness     INTEGER NOT NULL DEFAULT 0,
  third_party_sample     INTEGER NOT NULL DEFAULT 0,  -- Σ n of third-party results in the window
  third_party_points     INTEGER NOT NULL DEFAULT 0,  -- Σ n × score_hundredths
  complaint_count        INTEGER NOT NULL DEFAULT 0,  -- valid, property-related, in the window
  fee_rows               INTEGER NOT NULL DEFAULT 0,  -- fee rows of the fee year
  fee_due_fen            INTEGER NOT NULL DEFAULT 0,
  fee_collected_fen      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_year, estate_code)
) STRICT, WITHOUT ROWID;
