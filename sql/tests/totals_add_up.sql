-- The state's counts are the sums of its districts' (student-record indicators, every
-- subgroup): e.g. the state's graduates of a class equal the sum of the districts' graduates.
-- Returns one row per state cell whose districts do not add up to it (for the group types
-- published at both levels: a district's locale is its all cell, marts.subgroup_catalog.levels).
with district_sums as (
    select indicator, cohort, subgroup_type, subgroup, sum(numerator) as numerator, sum(denominator) as denominator
    from marts.indicators
    where level = 'district' and students is not null
    group by all
)

select 'marts.indicators: state = sum of districts' as tested,
    concat_ws(' ', s.indicator, s.cohort, s.subgroup_type, s.subgroup) as cell,
    s.denominator as state_denominator, d.denominator as districts_denominator,
    s.numerator as state_numerator, d.numerator as districts_numerator
from marts.indicators as s
left join district_sums as d using (indicator, cohort, subgroup_type, subgroup)
where s.level = 'state' and s.students is not null
    and s.subgroup_type in (select subgroup_type from marts.subgroup_catalog where list_contains(levels, 'district'))
    and (d.denominator is distinct from s.denominator or d.numerator is distinct from s.numerator)
