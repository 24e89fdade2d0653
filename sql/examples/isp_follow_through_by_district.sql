-- ISP follow-through by district: created by grade 7, revisited every year, and enrollment
-- One row per district for the latest cohorts; suppressed cells are left out.
with latest as (
    select indicator, max(cohort) as cohort from marts.indicators
    where indicator in ('isp_by_grade7', 'isp_revisited_every_year', 'ps_enrolled_fall') and level = 'state'
    group by indicator
)

select i.entity_id as district_id, d.name,
    round(100 * max(i.value) filter (where i.indicator = 'isp_by_grade7'), 1) as isp_by_grade7_pct,
    round(100 * max(i.value) filter (where i.indicator = 'isp_revisited_every_year'), 1) as revisited_every_year_pct,
    round(100 * max(i.value) filter (where i.indicator = 'ps_enrolled_fall'), 1) as enrolled_fall_pct
from marts.indicators as i
join latest as l using (indicator, cohort)
left join core.dim_district as d on d.district_id = i.entity_id
where i.level = 'district' and i.subgroup_type = 'all' and not i.suppressed
group by all
order by revisited_every_year_pct desc nulls last
