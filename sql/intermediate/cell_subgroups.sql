-- intermediate.cell_subgroups
-- Each indicator cell once for every subgroup type it is counted under: the one list of the
-- published subgroup types, which marts.indicators and marts.enrollment_by_revision_band both
-- read. A student exempt from an indicator (an IEP in grade 7, for isp_by_grade7) counts only
-- under iep. A view: it is read twice in a build and never stored.
-- grain: indicator x cohort x district x school x subgroup set x subgroup x the cell's bands
-- columns:
--   indicator: indicator name (marts.indicator_catalog)
--   cohort: the cell's cohort, as marts.indicator_catalog.cohort_type says
--   district_id: district the students are counted in
--   school_id: school the students are counted in
--   subgroup_type: all, race_ethnicity, sex, econ_disadvantaged, english_learner, iep, prior_achievement, locale, career_coach, isp_revision_band, postsecondary_goal, career_cluster, endorsement (the last two on ccr_met_rate and ps_enrolled_fall only)
--   subgroup_set: the set of subgroups that together make up the all cell: the subgroup type, except isp_every_year for every_year and not_every_year (both are isp_revision_band values)
--   subgroup: the subgroup's value (all when subgroup_type is all)
--   revision_band: the cell's ISP revision band (graduates only): no_isp, none, 1-2, 3-4, 5+
--   every_year_band: the cell's every_year or not_every_year (graduates with an ISP only)
--   numerator: the cell's numerator
--   denominator: the cell's denominator
--   students: students behind the cell
create or replace view intermediate.cell_subgroups as
with subgroup_values as (
    select
        c.*,
        unnest([
            {'subgroup_type': 'all', 'subgroup_set': 'all', 'subgroup': 'all'},
            {'subgroup_type': 'race_ethnicity', 'subgroup_set': 'race_ethnicity', 'subgroup': c.race_ethnicity},
            {'subgroup_type': 'sex', 'subgroup_set': 'sex', 'subgroup': c.sex},
            {'subgroup_type': 'econ_disadvantaged', 'subgroup_set': 'econ_disadvantaged', 'subgroup': c.econ_disadvantaged},
            {'subgroup_type': 'english_learner', 'subgroup_set': 'english_learner', 'subgroup': c.english_learner},
            {'subgroup_type': 'iep', 'subgroup_set': 'iep', 'subgroup': c.iep},
            {'subgroup_type': 'prior_achievement', 'subgroup_set': 'prior_achievement', 'subgroup': c.prior_achievement},
            {'subgroup_type': 'locale', 'subgroup_set': 'locale', 'subgroup': c.locale},
            {'subgroup_type': 'career_coach', 'subgroup_set': 'career_coach', 'subgroup': c.career_coach},
            {'subgroup_type': 'isp_revision_band', 'subgroup_set': 'isp_revision_band', 'subgroup': c.revision_band},
            {'subgroup_type': 'isp_revision_band', 'subgroup_set': 'isp_every_year', 'subgroup': c.every_year_band},
            -- the plan's goal, for graduates' indicators only (the units with a revision band)
            {'subgroup_type': 'postsecondary_goal', 'subgroup_set': 'postsecondary_goal',
                'subgroup': case when c.revision_band is not null then c.postsecondary_goal end},
            -- what the plan chose, for graduates' readiness and fall enrollment only (null elsewhere):
            -- the readiness denominators are the class's graduates by choice, the choices' trend
            {'subgroup_type': 'career_cluster', 'subgroup_set': 'career_cluster',
                'subgroup': case when c.revision_band is not null then c.career_cluster end},
            {'subgroup_type': 'endorsement', 'subgroup_set': 'endorsement',
                'subgroup': case when c.revision_band is not null then c.endorsement end}
        ]) as s
    from intermediate.indicator_cells as c
)

select
    indicator,
    cohort,
    district_id,
    school_id,
    s.subgroup_type,
    s.subgroup_set,
    s.subgroup,
    revision_band,
    every_year_band,
    numerator,
    denominator,
    students
from subgroup_values
where s.subgroup is not null and (not exempt or s.subgroup_type = 'iep')
    -- the rows of the plans' choices count under those two types only
    and (not choices_only or s.subgroup_type in ('career_cluster', 'endorsement'))
    and (choices_only or s.subgroup_type not in ('career_cluster', 'endorsement'));
