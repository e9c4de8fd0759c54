-- A campaign is one target over one slice: two campaigns of the same name, origin region and period
-- are the same campaign entered twice (createCampaign answers already-exists).
--
-- Campaigns created twice before this migration are kept (sessions may point at either), the later
-- ones renamed with their id so that the index can be built and nothing is lost.
UPDATE campaign c
SET name = c.name || ' (#' || c.id || ')'
WHERE EXISTS (SELECT 1 FROM campaign earlier
              WHERE earlier.name = c.name AND earlier.origin_region_code = c.origin_region_code
                AND earlier.starts_on = c.starts_on AND earlier.ends_on = c.ends_on AND earlier.id < c.id);

CREATE UNIQUE INDEX campaign_name_origin_period_key ON campaign (name, origin_region_code, starts_on, ends_on);
