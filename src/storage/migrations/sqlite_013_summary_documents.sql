-- 013: the city's part of the summary phase (issue #11 parts 2–3): its summary
-- of experience (经验总结), the counties it commends in writing (书面表扬),
-- and the register of the documents it issues (公文) with their PDF bytes, so
-- that a document once issued reads the same forever.

CREATE TABLE city_summaries(
  campaign_year INTEGER PRIMARY KEY REFERENCES campaigns(year),
  text          TEXT NOT NULL,
  version       INTEGER NOT NULL,
  updated_at    TEXT NOT NULL,            -- business clock
  updated_by    TEXT NOT NULL             -- username
) STRICT;

CREATE TABLE documents(
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  kind          TEXT NOT NULL CHECK (kind IN ('commendation','list_announcement')),
  number        TEXT NOT NULL UNIQUE,     -- 发文字号, e.g. 江建房函〔2023〕12号
  title         TEXT NOT NULL,
  issuer        TEXT NOT NULL,            -- the issuing authority (落款)
  issued_on     TEXT NOT NULL,            -- 成文日期, YYYY-MM-DD
  issued_at     TEXT NOT NULL,            -- business clock
  issued_by     TEXT NOT NULL,            -- username
  pdf           TEXT NOT NULL,            -- the PDF bytes as issued
  pdf_size      INTEGER NOT NULL,
  pdf_sha256    TEXT NOT NULL,
  UNIQUE (campaign_year, kind)
) STRICT;

CREATE TABLE commendations(
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  county_code   TEXT NOT NULL,
  reason        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  document_id   INTEGER REFERENCES documents(id),  -- the commendation letter, once issued
  UNIQUE (campaign_year, county_code)
) STRICT;
