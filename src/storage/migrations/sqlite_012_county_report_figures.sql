-- 012: the figures of a county report's section 1 (issue #11 part 1), as JSON:
-- computed when the draft is opened and on demand, frozen at submission and
-- kept with every version, so an old version shows the figures it was
-- submitted with. NULL: not computed yet (reports opened before 012).
ALTER TABLE county_reports ADD COLUMN figures TEXT;
ALTER TABLE county_report_versions ADD COLUMN figures TEXT;
