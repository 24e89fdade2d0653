-- Where the state stands against 55% by 2030 (and 60% by 2035)
-- The published series, the goals, the pace they require, the trend's crossing year and the people gap.
select indicator, cohort as year, round(value, 4) as value, unit, note
from marts.indicators
where indicator in ('attainment_pct', 'attainment_goal', 'attainment_required_pace', 'attainment_crossing_year',
    'attainment_people_gap')
order by indicator, cohort
