-- 009: household codes are found by a 60-bit integer key (the first 15 hex
-- digits of the code's SHA-256) instead of a UNIQUE index on the 64-character
-- hash. The text index made every issued code a random insert into an index
-- of ~70 bytes per code — at province scale hundreds of MB against the page
-- cache; the integer index is ~6 times smaller. Lookups compare the full hash
-- too (`code_key = ? AND code_hash = ?`). Uniqueness of 128 random bits needs
-- no index (docs/decisions.md). The table is rebuilt because SQLite cannot
-- drop a column's UNIQUE constraint in place (foreign keys are off while
-- migrating, and checked before this commits).
CREATE TABLE household_codes_new(
  id            INTEGER PRIMARY KEY,
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  estate_code   TEXT NOT NULL REFERENCES estates(code),
  code_key      INTEGER NOT NULL,
  code_hash     TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('issued','used','void')),
  issued_at     TEXT NOT NULL,
  changed_at    TEXT
) STRICT;
INSERT INTO household_codes_new(id, campaign_year, estate_code, code_key, code_hash, status, issued_at, changed_at)
  SELECT id, campaign_year, estate_code,
    ((instr('0123456789abcdef', substr(code_hash, 1, 1)) - 1) << 56) |
    ((instr('0123456789abcdef', substr(code_hash, 2, 1)) - 1) << 52) |
    ((instr('0123456789abcdef', substr(code_hash, 3, 1)) - 1) << 48) |
    ((instr('0123456789abcdef', substr(code_hash, 4, 1)) - 1) << 44) |
    ((instr('0123456789abcdef', substr(code_hash, 5, 1)) - 1) << 40) |
    ((instr('0123456789abcdef', substr(code_hash, 6, 1)) - 1) << 36) |
    ((instr('0123456789abcdef', substr(code_hash, 7, 1)) - 1) << 32) |
    ((instr('0123456789abcdef', substr(code_hash, 8, 1)) - 1) << 28) |
    ((instr('0123456789abcdef', substr(code_hash, 9, 1)) - 1) << 24) |
    ((instr('0123456789abcdef', substr(code_hash, 10, 1)) - 1) << 20) |
    ((instr('0123456789abcdef', substr(code_hash, 11, 1)) - 1) << 16) |
    ((instr('0123456789abcdef', substr(code_hash, 12, 1)) - 1) << 12) |
    ((instr('0123456789abcdef', substr(code_hash, 13, 1)) - 1) << 8) |
    ((instr('0123456789abcdef', substr(code_hash, 14, 1)) - 1) << 4) |
    ((instr('0123456789abcdef', substr(code_hash, 15, 1)) - 1) << 0),
    code_hash, status, issued_at, changed_at
  FROM household_codes;
DROP TABLE household_codes;
ALTER TABLE household_codes_new RENAME TO household_codes;
CREATE INDEX household_codes_by_key ON household_codes(code_key);
CREATE INDEX household_codes_by_estate ON household_codes(campaign_year, estate_code);
