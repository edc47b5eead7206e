-- 005: survey household codes (rules.md §10). A code is stored only as the
-- SHA-256 of its normalised form; the plain code exists once, on its slip.
CREATE TABLE household_codes(
  id            INTEGER PRIMARY KEY,
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  estate_code   TEXT NOT NULL REFERENCES estates(code),
  code_hash     TEXT NOT NULL UNIQUE,
  status        TEXT NOT NULL CHECK (status IN ('issued','used','void')),
  issued_at     TEXT NOT NULL,
  changed_at    TEXT
) STRICT;
CREATE INDEX household_codes_by_estate ON household_codes(campaign_year, estate_code, status);
