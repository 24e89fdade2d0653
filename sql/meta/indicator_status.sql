-- meta.indicator_status
-- Which indicators this build has, and for those it lacks, why: the input kinds they need that
-- are not loaded, or, for postsecondary indicators, graduating classes no NSC return covers.
-- grain: indicator; key: indicator
-- columns:
--   available: the indicator has at least one row in marts.indicators
--   cells: rows in marts.indicators
--   cohorts: the cohorts it covers, e.g. 2016-2025
--   missing_kinds: input kinds it needs that have no rows loaded
--   reason: why it is absent or incomplete, in words
--   indicator: indicator name (marts.indicator_catalog)
create or replace table meta.indicator_status as
with loaded_kinds as (
    select 'students' as kind, count(*) > 0 as loaded from staging.stg_students
    union all select 'plans', count(*) > 0 from staging.stg_plans
    union all select 'nsc', count(*) > 0 from staging.stg_nsc
    union all select 'accountability', count(*) > 0 from staging.stg_accountability
    union all select 'attainment', count(*) > 0 from staging.stg_attainment
    union all select 'goals', count(*) > 0 from staging.stg_goals
    union all select 'districts', count(*) > 0 from staging.stg_districts
    union all select 'schools', count(*) > 0 from staging.stg_schools
),

present as (
    select indicator, count(*) as cells, min(cohort) as first_cohort, max(cohort) as last_cohort
    from marts.indicators
    group by indicator
),

uncovered_classes as (
    -- classes with graduates but no NSC coverage in any district
    select string_agg(grad_class::varchar, ', ' order by grad_class) as classes
    from (
        select grad_class from marts.student_outcomes group by grad_class having not bool_or(nsc_covered)
    )
),

required_kinds as (
    select indicator, unnest(requires) as kind
    from marts.indicator_catalog
),

missing as (
    select
        r.indicator,
        list(r.kind order by r.kind) filter (where not coalesce(l.loaded, false)) as missing_kinds
    from required_kinds as r
    left join loaded_kinds as l using (kind)
    group by r.indicator
)

select
    k.indicator,
    p.indicator is not null as available,
    coalesce(p.cells, 0) as cells,
    case when p.indicator is not null then p.first_cohort || '-' || p.last_cohort end as cohorts,
    m.missing_kinds,
    case
        when len(m.missing_kinds) > 0 then 'needs ' || array_to_string(m.missing_kinds, ', ') || ': not loaded'
        -- persistence and completion wait for the returns to reach two and six years after a class
        when p.indicator is null and k.indicator in ('ps_completed_6yr', 'ps_degree_within_2yr', 'ps_degree_in_years_3_4', 'ps_degree_in_years_5_6')
            then 'no rows: the loaded NSC returns reach six years after no graduating class yet'
        when p.indicator is null and k.indicator in ('ps_switched_to_4yr', 'ps_switched_to_2yr', 'ps_stopped_out', 'ps_returned')
            then 'no rows: the loaded NSC returns reach the third year after no graduating class yet'
        when p.indicator is null and k.indicator = 'ps_persisted'
            then 'no rows: the loaded NSC returns reach the second year after no graduating class yet'
        when p.indicator is null then 'no rows: the loaded data has no one in its population'
        when k.family = 'postsecondary' and u.classes is not null
            then 'no NSC return covers graduating class(es) ' || u.classes
    end as reason
from marts.indicator_catalog as k
left join present as p using (indicator)
left join missing as m using (indicator)
cross join uncovered_classes as u
order by k.family, k.indicator;
