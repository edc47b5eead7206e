-- 002: change counters. A service bumps a counter in the same transaction
-- as the change, so caches keyed by the counter (list totals) stay exact.
CREATE TABLE generations(
  name       TEXT PRIMARY KEY,
  generation INTEGER NOT NULL
) STRICT;
INSERT INTO generations(name, generation) VALUES ('estates', 1);
