-- Proportions lie in [0, 1]; numerators are counts no larger than their denominators; every
-- interval contains its value; a denominator is empty only in a chained indicator's padding.
-- Returns one row per cell that breaks a rule.
select 'marts.indicators' as tested, concat_ws(' ', indicator, level, entity_id, cohort, subgroup_type, subgroup) as cell,
    case
        when unit = 'proportion' and not value between 0 and 1 then 'proportion outside [0, 1]'
        when numerator < 0 or denominator < 0 then 'negative count'
        -- an empty cell is allowed only as padding: a chained indicator's (marts.indicator_catalog.denominator_within)
        -- or a counted group's (marts.indicator_groups)
        when denominator = 0 and (numerator <> 0 or students <> 0 or value is not null or (indicator not in (
            select indicator from marts.indicator_catalog where denominator_within is not null)
            and (indicator, subgroup_type, subgroup) not in (
                select indicator, subgroup_type, subgroup from marts.indicator_groups))) then 'empty denominator'
        when unit = 'proportion' and numerator > denominator then 'numerator > denominator'
        when ci_low > value + 1e-12 or ci_high < value - 1e-12 then 'interval does not contain the value'
        when suppressed is null then 'suppression flag missing'
    end as problem
from marts.indicators
where problem is not null
union all
select 'marts.enrollment_by_revision_band', concat_ws(' ', level, entity_id, cohort, subgroup_type, subgroup, revision_band),
    case
        when enrolled_fall > graduates then 'numerator > denominator'
        when not value between 0 and 1 then 'proportion outside [0, 1]'
        when not value between ci_low - 1e-12 and ci_high + 1e-12 then 'interval does not contain the value'
    end as problem
from marts.enrollment_by_revision_band
where problem is not null
