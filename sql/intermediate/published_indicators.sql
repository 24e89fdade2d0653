-- intermediate.published_indicators
-- Indicators computed from published figures rather than student records: the accountability
-- rates with their gap and the high-graduation/low-CCR flag, and the attainment tracker.
-- grain: indicator x level x entity x cohort (subgroup all)
-- columns:
--   indicator: indicator name (marts.indicator_catalog)
--   level: state, district or school
--   entity_id: the state code, district number or school id
--   cohort: accountability school year, attainment year or goal year
--   value: the published or derived value (proportion 0-1, percentage points, year or people)
--   numerator: entities flagged (high_grad_low_ccr counts); null for published rates
--   denominator: entities with both rates published (high_grad_low_ccr counts); null for published rates
--   note: a remark that belongs with the value (e.g. not by 2040)
create or replace table intermediate.published_indicators as
with rates as (
    -- published subgroup rows, if a file has any, stay in core.fact_accountability
    select *
    from core.fact_accountability
    where subgroup = 'all'
),

entity_rates as (
    select 'grad_rate' as indicator, level, entity_id, school_year as cohort, grad_rate / 100 as value, null as numerator,
        null as denominator
    from rates where grad_rate is not null
    union all
    select 'ccr_rate', level, entity_id, school_year, ccr_rate / 100, null, null
    from rates where ccr_rate is not null
    union all
    select 'grad_ccr_gap', level, entity_id, school_year, grad_ccr_gap, null, null
    from rates where grad_ccr_gap is not null
    union all
    select 'high_grad_low_ccr', level, entity_id, school_year, high_grad_low_ccr::int, high_grad_low_ccr::int, 1
    from rates where high_grad_low_ccr is not null and level in ('district', 'school')
),

flag_counts as (
    -- entities flagged out of entities with both rates published
    select
        case level when 'district' then 'high_grad_low_ccr' else 'high_grad_low_ccr_schools' end as indicator,
        'state' as level,
        getvariable('home_state') as entity_id,
        school_year as cohort,
        count(*) filter (where high_grad_low_ccr) as numerator,
        count(*) as denominator
    from rates
    where high_grad_low_ccr is not null and level in ('district', 'school')
    group by all
    union all
    select 'high_grad_low_ccr_schools', 'district', district_id, school_year,
        count(*) filter (where high_grad_low_ccr), count(*)
    from rates
    where high_grad_low_ccr is not null and level = 'school'
    group by all
),

credential_series as (
    select year, attainment_pct
    from core.fact_attainment
    where definition = 'credential' and age_band = '25-64'
),

latest as (
    select arg_max(year, year) as year, arg_max(attainment_pct, year) as attainment_pct
    from credential_series
),

population as (
    -- the most recent 25-64 population in the series (the credential figures come without one)
    select arg_max(population_25_64, year) as people, arg_max(year, year) as year
    from core.fact_attainment
    where population_25_64 is not null and age_band = '25-64'
),

goals as (
    select goal_year, attainment_pct as goal_pct
    from core.fact_attainment_goal
    where definition = 'credential' and age_band = '25-64'
),

trend as (
    select regr_slope(attainment_pct, year) as slope, regr_intercept(attainment_pct, year) as intercept
    from credential_series
    having count(*) >= 2
),

attainment as (
    select 'attainment_pct' as indicator, year as cohort, attainment_pct / 100 as value, null as note
    from credential_series
    union all
    select 'attainment_degree_pct', year, attainment_pct / 100, null
    from core.fact_attainment
    where definition = 'degree' and age_band = '25-64'
    union all
    select 'attainment_goal', goal_year, goal_pct / 100, null
    from goals
    where exists (select 1 from credential_series)
    union all
    select 'attainment_required_pace', g.goal_year, (g.goal_pct - l.attainment_pct) / (g.goal_year - l.year),
        'from ' || l.attainment_pct || '% in ' || l.year
    from goals as g, latest as l
    where l.year is not null and g.goal_year > l.year
    union all
    select 'attainment_projection', y.year, (t.intercept + t.slope * y.year) / 100, null
    from trend as t, range((select min(year) from credential_series), 2041) as y(year)
    union all
    select 'attainment_crossing_year', g.goal_year, c.crossing, case when c.crossing is null then 'not by 2040' end
    from goals as g, trend as t,
        lateral (
            select case when t.slope > 0 and ceil(round((g.goal_pct - t.intercept) / t.slope, 6)) <= 2040
                then ceil(round((g.goal_pct - t.intercept) / t.slope, 6)) end as crossing
        ) as c
    union all
    select 'attainment_people_gap', g.goal_year, round((g.goal_pct - l.attainment_pct) / 100 * p.people),
        'population 25-64 in ' || p.year || ': ' || format('{:,}', p.people::bigint)
    from goals as g, latest as l, population as p
    where l.year is not null and p.people is not null
)

select indicator, level, entity_id, cohort, value, numerator, denominator, null::varchar as note from entity_rates
union all
select indicator, level, entity_id, cohort, numerator / denominator, numerator, denominator, null from flag_counts
union all
select indicator, 'state', getvariable('home_state'), cohort, value, null, null, note from attainment;
