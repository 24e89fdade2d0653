-- staging.stg_goals
-- The state's attainment goals, typed with the goals contract; the latest loaded file wins per
-- goal year, definition and age band.
-- grain: goal year x definition x age band
-- columns:
--   goal_year: year the goal is set for
--   attainment_pct: percent of the age band the goal says should hold the credential
--   definition: credential (degree or high-value credential) or degree (associate or higher)
--   age_band: age band, e.g. 25-64
--   source: who set the goal
--   file_id: the landed file the row comes from (meta.files)
create or replace table staging.stg_goals as
with source as (
    select * from landing.raw.goals where is_loaded_file(file_id)
)
select
    contract_goals_goal_year(goal_year) as goal_year,
    contract_goals_attainment_pct(attainment_pct) as attainment_pct,
    contract_goals_definition(definition) as definition,
    contract_goals_age_band(age_band) as age_band,
    contract_goals_source(source) as source,
    file_id
from source
qualify row_number() over (
    partition by contract_goals_goal_year(goal_year), contract_goals_definition(definition), contract_goals_age_band(age_band)
    order by file_id desc, source_row
) = 1;
