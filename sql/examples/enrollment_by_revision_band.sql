-- Fall enrollment by how often the plan was revisited (state, latest class with NSC)
-- The headline view, overall; an association, not an effect (see the caveat column).
select cohort as class, revision_band, graduates, enrolled_fall, round(100 * value, 1) as pct,
    round(100 * ci_low, 1) as ci_low, round(100 * ci_high, 1) as ci_high
from marts.enrollment_by_revision_band
where level = 'state' and subgroup_type = 'all' and not suppressed
    and cohort = (select max(cohort) from marts.enrollment_by_revision_band)
order by case revision_band when 'no_isp' then 0 when 'none' then 1 when '1-2' then 2 when '3-4' then 3
    when '5+' then 4 when 'not_every_year' then 5 else 6 end
