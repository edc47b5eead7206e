-- 014: typical cases (典型案例) of the summary phase (issue #11 part 4): a
-- county administrator writes a case about estates of its county, submits it;
-- the city returns it with comments, accepts it and publishes it on the public
-- site. Photos are files under data/files/cases with a 640 px JPEG thumbnail
-- made once at upload.

CREATE TABLE typical_cases(
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  county_code   TEXT NOT NULL,
  title         TEXT NOT NULL,
  category      TEXT NOT NULL,
  body          TEXT NOT NULL,
  estates       TEXT NOT NULL,            -- JSON array of estate codes of the county
  status        TEXT NOT NULL CHECK (status IN ('draft','submitted','returned','accepted','published')),
  version       INTEGER NOT NULL DEFAULT 1,
  comments      TEXT,                     -- the city's, when it last returned the case
  submitted_at  TEXT,
  published_at  TEXT,
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX typical_cases_year ON typical_cases(campaign_year, county_code);

CREATE TABLE typical_case_photos(
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id       INTEGER NOT NULL REFERENCES typical_cases(id),
  stored_name   TEXT NOT NULL,            -- random; the original under files/cases
  thumb_name    TEXT NOT NULL,            -- the JPEG thumbnail beside it
  mime          TEXT NOT NULL,
  original_name TEXT NOT NULL,
  size_bytes    INTEGER NOT NULL,
  thumb_width   INTEGER NOT NULL,
  thumb_height  INTEGER NOT NULL,
  uploaded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX typical_case_photos_case ON typical_case_photos(case_id);
