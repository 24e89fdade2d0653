-- marts.latest_cohorts
-- The one definition of "the latest cohort" that every page and example uses: for each indicator
-- and level, the most recent cohort with a cell for everyone (subgroup all). No counts: it may be
-- published as it is.
-- grain: indicator x level; keys: indicator, level
-- columns:
--   indicator: indicator name (marts.indicator_catalog)
--   level: state, district or school
--   cohort: the most recent cohort of the indicator at that level
--   cohorts: how many cohorts the indicator has at that level
create or replace table marts.latest_cohorts as
select indicator, level, max(cohort) as cohort, count(distinct cohort) as cohorts
from marts.indicators
where subgroup_type = 'all'
group by indicator, level
order by indicator, level;
