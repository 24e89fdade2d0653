-- The largest gaps in fall enrollment between a student group and the rest (state, latest class)
-- Differences in percentage points with 95% intervals; only gaps whose interval excludes zero.
select subgroup_type, subgroup, round(100 * value, 1) as group_pct, round(100 * rest_value, 1) as rest_pct,
    round(gap_pp, 1) as gap_pp, round(gap_ci_low, 1) as ci_low, round(gap_ci_high, 1) as ci_high
from marts.indicator_gaps
where indicator = 'ps_enrolled_fall' and level = 'state' and not suppressed and excludes_zero
    and cohort = (select max(cohort) from marts.indicator_gaps where indicator = 'ps_enrolled_fall')
order by abs(gap_pp) desc
limit 15
