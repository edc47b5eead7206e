-- 004: campaigns, one per year. Settings are stored as the text pairs of
-- domain::SettingsAsText (key → value), so adding a setting needs no migration:
-- an absent key keeps its rules.md default.
CREATE TABLE campaigns(
  year       INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE campaign_settings(
  year  INTEGER NOT NULL REFERENCES campaigns(year),
  key   TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (year, key)
) STRICT;
