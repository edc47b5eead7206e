-- 008: the by-estate index of household codes without `status`. Redeeming a
-- code changed its status and so moved its index entry: one more B-tree page
-- written per survey answer. Counts by status read the estate's few thousand
-- rows instead.
DROP INDEX household_codes_by_estate;
CREATE INDEX household_codes_by_estate ON household_codes(campaign_year, estate_code);
