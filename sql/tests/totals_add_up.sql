-- The state's counts are the sums of its districts' (student-record indicators, every
-- subgroup): e.g. the state's graduates of a class equal the sum of the districts' graduates.
-- A group that is a trait of a whole district or school (marts.entity_groups: locale, career
-- coach) is not published at its level: there the parent's cell of the group is the sum of the
-- all cells of its children with that trait (the state's rural cell, of its rural districts').
-- Returns one row per parent cell whose children do not add up to it.
with district_sums as (
    select indicator, cohort, subgroup_type, subgroup, sum(numerator) as numerator, sum(denominator) as denominator
    from marts.indicators
    where level = 'district' and students is not null
    group by all
),

trait_sums as (
    select case c.level when 'district' then 'state' else 'district' end as level,
        case c.level when 'district' then null else s.district_id end as entity_id,
        c.indicator, c.cohort, e.subgroup_type, e.subgroup,
        sum(c.numerator) as numerator, sum(c.denominator) as denominator
    from marts.indicators as c
    join marts.entity_groups as e on e.level = c.level and e.entity_id = c.entity_id
    left join marts.schools as s on c.level = 'school' and s.school_id = c.entity_id
    where c.subgroup_type = 'all' and c.students is not null
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

union all

select 'marts.indicators: a trait group = the sum of its entities'' all cells',
    concat_ws(' ', p.level, p.entity_id, p.indicator, p.cohort, p.subgroup_type, p.subgroup),
    p.denominator, t.denominator, p.numerator, t.numerator
from marts.indicators as p
left join trait_sums as t
    on t.level = p.level and t.entity_id is not distinct from (case p.level when 'state' then null else p.entity_id end)
    and t.indicator = p.indicator and t.cohort = p.cohort and t.subgroup_type = p.subgroup_type and t.subgroup = p.subgroup
where p.students is not null
    and (p.subgroup_type, case p.level when 'state' then 'district' else 'school' end)
        in (select subgroup_type, level from marts.entity_groups)
    and (t.denominator is distinct from p.denominator or t.numerator is distinct from p.numerator)
