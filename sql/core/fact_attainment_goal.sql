-- core.fact_attainment_goal
-- The state's published attainment goals for working-age adults.
-- grain: goal year x definition x age band
-- columns:
--   goal_year: year the goal is set for
--   attainment_pct: percent of the age band the goal says should hold the credential by goal_year
--   definition: credential (degree or high-value credential, the goal's measure) or degree (associate or higher)
--   age_band: age band, 25-64
--   source: who set the goal
create or replace table core.fact_attainment_goal as
select goal_year, attainment_pct, definition, age_band, source
from staging.stg_goals;
