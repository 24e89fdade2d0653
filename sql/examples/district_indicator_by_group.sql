-- One district's indicator for every group of students, one cohort, with the state beside it
-- The cell a district leader reads on the district page (fall enrollment after high school unless
-- another indicator is asked for). `published` is what the dashboard and the public export show:
-- the value, a band for a coded cell, or suppressed.
-- param district: MDE district number, e.g. 9011
-- param cohort: the cohort: graduating class for enrollment, e.g. 2024
-- param indicator = ps_enrolled_fall: an indicator of marts.indicator_catalog
select
    d.subgroup_type,
    d.subgroup,
    d.numerator,
    d.denominator,
    round(100 * d.value, 1) as pct,
    round(100 * d.ci_low, 1) as ci_low,
    round(100 * d.ci_high, 1) as ci_high,
    case
        when d.value_band is not null then d.value_band
        when d.suppressed then 'suppressed'
        else round(100 * d.value, 1) || '%'
    end as published,
    round(100 * s.value, 1) as state_pct
from marts.indicators as d
left join marts.indicators as s
    on s.level = 'state' and s.indicator = d.indicator and s.cohort = d.cohort
    and s.subgroup_type = d.subgroup_type and s.subgroup = d.subgroup
where d.level = 'district' and d.entity_id = $district and d.cohort = try_cast($cohort as integer)
    and d.indicator = $indicator
order by d.subgroup_type = 'all' desc, d.subgroup_type, d.subgroup
