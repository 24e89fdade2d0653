-- Districts graduating over 75% with CCR under 30% (latest accountability year)
-- The published rates side by side, with the gap in points; thresholds are build settings.
select d.district_id, d.name, g.value * 100 as grad_rate, c.value * 100 as ccr_rate, gap.value as gap_points
from marts.indicators as f
join core.dim_district as d on d.district_id = f.entity_id
join marts.indicators as g on g.indicator = 'grad_rate' and g.level = 'district' and g.entity_id = f.entity_id and g.cohort = f.cohort
join marts.indicators as c on c.indicator = 'ccr_rate' and c.level = 'district' and c.entity_id = f.entity_id and c.cohort = f.cohort
join marts.indicators as gap on gap.indicator = 'grad_ccr_gap' and gap.level = 'district' and gap.entity_id = f.entity_id and gap.cohort = f.cohort
where f.indicator = 'high_grad_low_ccr' and f.level = 'district' and f.value = 1
    and f.cohort = (select max(cohort) from marts.indicators where indicator = 'high_grad_low_ccr')
order by gap_points desc
