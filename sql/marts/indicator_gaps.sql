-- marts.indicator_gaps
-- Each subgroup against the rest of its entity (all other subgroups of the same set), for the
-- proportion indicators: the difference in percentage points with a 95% interval (Newcombe's
-- hybrid score method, from the two Wilson intervals) and whether the interval excludes zero.
-- grain: indicator x level x entity x cohort x subgroup; keys as in marts.indicators
-- columns:
--   rest_numerator: numerator of the rest of the entity (the other subgroups of the same set)
--   rest_denominator: denominator of the rest of the entity
--   rest_value: the rest's proportion
--   gap_pp: value minus rest_value, in percentage points
--   gap_ci_low: lower end of the 95% interval of gap_pp (Newcombe hybrid score)
--   gap_ci_high: upper end of the 95% interval of gap_pp
--   excludes_zero: the interval lies entirely above or below zero
--   suppressed: not published (set by the disclosure step): the subgroup's cell or its entity's all cell is not published exactly, or the rest has fewer than min_n students or is 0% or 100%
--   indicator: indicator name (proportions only)
--   level: state, district or school
--   entity_id: the state code, district id or school id
--   cohort: the cohort, as marts.indicator_catalog.cohort_type says
--   subgroup_type: the subgroup type compared with the rest of its set
--   subgroup: the subgroup compared
--   numerator: the subgroup's numerator (marts.indicators)
--   denominator: the subgroup's denominator
--   value: the subgroup's proportion
create or replace table marts.indicator_gaps as
with cells as (
    select *
    from marts.indicators
    where unit = 'proportion' and subgroup_type <> 'all' and denominator is not null
),

with_rest as (
    select
        *,
        sum(numerator) over cell_set - numerator as rest_numerator,
        sum(denominator) over cell_set - denominator as rest_denominator
    from cells
    window cell_set as (partition by indicator, level, entity_id, cohort, subgroup_set)
),

intervals as (
    select
        *,
        rest_numerator / rest_denominator as rest_value,
        wilson_low(rest_numerator, rest_denominator) as rest_ci_low,
        wilson_high(rest_numerator, rest_denominator) as rest_ci_high
    from with_rest
    where rest_denominator > 0
)

select
    -- ids
    indicator,
    level,
    entity_id,
    cohort,
    subgroup_type,
    subgroup,
    -- the subgroup
    numerator,
    denominator,
    value,
    -- the rest
    rest_numerator,
    rest_denominator,
    rest_value,
    -- the gap
    100 * (value - rest_value) as gap_pp,
    100 * (value - rest_value - sqrt(pow(value - ci_low, 2) + pow(rest_ci_high - rest_value, 2))) as gap_ci_low,
    100 * (value - rest_value + sqrt(pow(ci_high - value, 2) + pow(rest_value - rest_ci_low, 2))) as gap_ci_high,
    (value - rest_value - sqrt(pow(value - ci_low, 2) + pow(rest_ci_high - rest_value, 2))) > 0
        or (value - rest_value + sqrt(pow(ci_high - value, 2) + pow(rest_value - rest_ci_low, 2))) < 0 as excludes_zero,
    -- disclosure (the build's disclosure step sets it)
    null::boolean as suppressed
from intervals
order by indicator, level, entity_id, cohort, subgroup_type, subgroup;
