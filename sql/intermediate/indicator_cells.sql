-- intermediate.indicator_cells
-- The student-record indicators at their finest grain: one row per indicator, cohort, school and
-- combination of subgroup values, with numerator, denominator and the number of students
-- behind it. marts.indicators rolls these up to state, district and school and suppresses.
-- grain: indicator x cohort x district x school x subgroup values x exemption
-- columns:
--   indicator: indicator name (marts.indicator_catalog)
--   cohort: the unit's cohort, as marts.indicator_catalog.cohort_type says
--   district_id: district the students are counted in (the indicator decides: graduating, last, grade-7 or moved-into district)
--   school_id: school the students are counted in
--   race_ethnicity: race/ethnicity subgroup (intermediate.student_subgroups)
--   sex: sex subgroup (intermediate.student_subgroups)
--   econ_disadvantaged: econ_disadvantaged subgroup: yes or no (ever)
--   english_learner: english_learner subgroup: yes or no (ever)
--   iep: iep subgroup: yes or no; for isp_by_grade7, the grade-7 IEP exemption
--   prior_achievement: grade-8 achievement quartile (intermediate.student_subgroups)
--   postsecondary_goal: the latest goal the student's plan states, not_stated or no_plan (intermediate.student_subgroups)
--   career_cluster: the plan's latest career cluster (intermediate.student_subgroups), in the choices_only rows; null in the others
--   endorsement: the plan's latest endorsement, in the choices_only rows; null in the others
--   locale: locale of the district the students are counted in (unknown when not known)
--   career_coach: the school the students are counted in had a career coach: yes or no
--   revision_band: ISP revision band of graduates (no_isp, none, 1-2, 3-4, 5+); null for indicators not about graduates
--   every_year_band: every_year or not_every_year for graduates with an ISP; null otherwise
--   choices_only: a row of ccr_met_rate or ps_enrolled_fall by the plan's career cluster and endorsement only (its other group columns are null): counted under those two group types alone, and the graduates are counted again in the other rows
--   exempt: the students are exempt from the indicator (IEP in grade 7 for isp_by_grade7; an IEP year without any ISP for isp_revisions_per_year): counted only under iep
--   numerator: sum of the units' numerators
--   denominator: sum of the units' denominators
--   students: students behind the cell
create or replace table intermediate.indicator_cells as
with graduate_units as (
    select
        o.*,
        case when o.has_isp then (case when o.revisited_every_year then 'every_year' else 'not_every_year' end) end
            as every_year_band
    from marts.student_outcomes as o
),

-- read twice (the rows by subgroup and the rows by the plans' choices): not materialized, since a
-- copy of every graduate times every indicator ran the x10 build out of its 4 GB
graduate_indicators as not materialized (
    select
        g.grad_class as cohort,
        g.district_id,
        g.school_id,
        g.revision_band,
        g.every_year_band,
        false as exempt,
        g.student_key,
        m.indicator,
        m.numerator,
        m.denominator
    from graduate_units as g,
        unnest([
            {'indicator': 'ccr_met_rate', 'numerator': g.ccr_met::int, 'denominator': 1},
            {'indicator': 'isp_revisited_every_year', 'numerator': g.revisited_every_year::int,
                'denominator': case when g.has_isp then 1 end},
            {'indicator': 'isp_parent_input', 'numerator': g.parent_input_9_12::int,
                'denominator': case when g.has_isp then 1 end},
            {'indicator': 'ps_enrolled_fall', 'numerator': g.enrolled_fall::int,
                'denominator': case when g.nsc_covered then 1 end},
            {'indicator': 'ps_enrolled_oct1', 'numerator': g.enrolled_oct1::int,
                'denominator': case when g.nsc_covered then 1 end},
            {'indicator': 'ps_enrolled_first_year', 'numerator': g.enrolled_first_year::int,
                'denominator': case when g.nsc_covered then 1 end},
            {'indicator': 'ps_enrolled_fall_4yr', 'numerator': coalesce(g.fall_4yr, false)::int,
                'denominator': case when g.nsc_covered then 1 end},
            {'indicator': 'ps_enrolled_fall_2yr', 'numerator': coalesce(g.fall_2yr, false)::int,
                'denominator': case when g.nsc_covered then 1 end},
            {'indicator': 'ps_enrolled_fall_in_state', 'numerator': coalesce(g.fall_in_state, false)::int,
                'denominator': case when g.nsc_covered then 1 end},
            {'indicator': 'ps_enrolled_fall_out_of_state', 'numerator': coalesce(not g.fall_in_state, false)::int,
                'denominator': case when g.nsc_covered then 1 end},
            {'indicator': 'ps_enrolled_fall_public', 'numerator': coalesce(g.fall_public, false)::int,
                'denominator': case when g.nsc_covered then 1 end},
            {'indicator': 'ps_persisted', 'numerator': g.persisted::int,
                'denominator': case when g.persisted is not null then 1 end},
            {'indicator': 'ps_completed_6yr', 'numerator': g.degree_6yr::int,
                'denominator': case when g.degree_6yr is not null then 1 end},
            -- time to the first degree: the three parts of six-year completion, same graduates
            {'indicator': 'ps_degree_within_2yr', 'numerator': coalesce(g.degree_6yr
                and g.first_degree_date < make_date(g.grad_class + 2, 8, 15), false)::int,
                'denominator': case when g.degree_6yr is not null then 1 end},
            {'indicator': 'ps_degree_in_years_3_4', 'numerator': coalesce(g.degree_6yr
                and g.first_degree_date >= make_date(g.grad_class + 2, 8, 15)
                and g.first_degree_date < make_date(g.grad_class + 4, 8, 15), false)::int,
                'denominator': case when g.degree_6yr is not null then 1 end},
            {'indicator': 'ps_degree_in_years_5_6', 'numerator': coalesce(g.degree_6yr
                and g.first_degree_date >= make_date(g.grad_class + 4, 8, 15), false)::int,
                'denominator': case when g.degree_6yr is not null then 1 end},
            -- paths through college in the first three years
            {'indicator': 'ps_switched_to_4yr', 'numerator': g.switched_to_4yr::int,
                'denominator': case when g.switched_to_4yr is not null then 1 end},
            {'indicator': 'ps_switched_to_2yr', 'numerator': g.switched_to_2yr::int,
                'denominator': case when g.switched_to_2yr is not null then 1 end},
            {'indicator': 'ps_stopped_out', 'numerator': g.stopped_out::int,
                'denominator': case when g.stopped_out is not null then 1 end},
            {'indicator': 'ps_returned', 'numerator': g.returned::int,
                'denominator': case when g.returned is not null then 1 end},
            -- what the plan said and what happened: a four-year goal met in the fall; college
            -- intended but no fall enrollment (summer melt); work or service intended, no college
            {'indicator': 'ps_goal_four_year_met', 'numerator': coalesce(g.fall_4yr, false)::int,
                'denominator': case when g.nsc_covered and g.postsecondary_goal = 'four_year' then 1 end},
            {'indicator': 'ps_summer_melt', 'numerator': (not g.enrolled_fall)::int,
                'denominator': case when g.nsc_covered and g.postsecondary_goal in ('four_year', 'two_year') then 1 end},
            {'indicator': 'ps_goal_work_no_college', 'numerator': (not g.enrolled_first_year)::int,
                'denominator': case when g.nsc_covered and g.postsecondary_goal in ('workforce', 'military', 'apprenticeship') then 1 end}
        ]) as u(m)
    where m.denominator is not null
),

cohort_graduation as (
    -- four-year cohort: counted in the student's last district and school
    select
        s.cohort_grade9 + 3 as cohort,
        s.last_district_id as district_id,
        s.last_school_id as school_id,
        false as exempt,
        s.student_key,
        'cohort_grad_4yr' as indicator,
        coalesce(s.graduated and s.grad_class <= s.cohort_grade9 + 3, false)::int as numerator,
        1 as denominator
    from core.dim_student as s
    where s.cohort_grade9 is not null and not s.left_state
),

completers as (
    -- every diploma or certificate of a class (regular, alternate, certificate, other), counted in
    -- the district and school of the year it was awarded: how many completed with a regular diploma
    select
        y.student_key,
        year(y.diploma_date) + (month(y.diploma_date) >= 9)::integer as cohort,
        y.district_id,
        y.school_id,
        false as exempt,
        'regular_diploma_share' as indicator,
        (y.diploma_type = 'regular')::int as numerator,
        1 as denominator
    from core.fact_student_year as y
    where y.diploma_type is not null and y.diploma_date is not null
    -- one credential per student and class: the regular diploma if there is one, else the latest
    qualify row_number() over (
        partition by y.student_key, year(y.diploma_date) + (month(y.diploma_date) >= 9)::integer
        order by (y.diploma_type = 'regular') desc, y.diploma_date desc, y.school_year desc
    ) = 1
),

grade7_plans as (
    -- students with an IEP in grade 7 are exempt: counted only in the iep = yes subgroup
    select
        s.grade7_year as cohort,
        s.grade7_district_id as district_id,
        s.grade7_school_id as school_id,
        s.iep_grade7 as exempt,
        s.student_key,
        'isp_by_grade7' as indicator,
        p.isp_created_by_grade7::int as numerator,
        1 as denominator
    from core.dim_student as s
    join marts.student_plans as p using (student_key)
    where s.grade7_year is not null
),

revisions_by_year as (
    select student_key, school_year, count(*) as revisions
    from core.fact_plan_event
    where event in ('revised', 'reviewed') and grade between 8 and 12
    group by all
),

revision_rate as (
    -- a student-year with an IEP and no ISP at all is exempt, not a year without revisions
    select
        y.school_year as cohort,
        y.district_id,
        y.school_id,
        y.iep and not p.has_isp as exempt,
        y.student_key,
        'isp_revisions_per_year' as indicator,
        coalesce(r.revisions, 0) as numerator,
        1 as denominator
    from core.fact_student_year as y
    join marts.student_plans as p using (student_key)
    left join revisions_by_year as r using (student_key, school_year)
    where y.grade between 8 and 12
),

transfer_continuity as (
    select
        p.move_year as cohort,
        p.move_district_id as district_id,
        p.move_school_id as school_id,
        false as exempt,
        p.student_key,
        'isp_transfer_continuity' as indicator,
        p.isp_continued_after_move::int as numerator,
        1 as denominator
    from marts.student_plans as p
    where p.moved_district and p.isp_before_move
),

units as (
    -- the non-graduate units have no revision band (union by name fills it with null)
    select * from graduate_indicators
    union all by name
    select * from cohort_graduation
    union all by name
    select * from completers
    union all by name
    select * from grade7_plans
    union all by name
    select * from revision_rate
    union all by name
    select * from transfer_continuity
)

select
    -- what and when
    u.indicator,
    u.cohort,
    -- where
    u.district_id,
    u.school_id,
    -- subgroup values (intermediate.student_subgroups defines the student's own)
    s.race_ethnicity,
    s.sex,
    s.econ_disadvantaged,
    s.english_learner,
    -- for isp_by_grade7 the iep subgroup is the grade-7 exemption; elsewhere, IEP in any year
    case when u.indicator = 'isp_by_grade7' then (case when u.exempt then 'yes' else 'no' end) else s.iep end as iep,
    s.prior_achievement,
    s.postsecondary_goal,
    null::varchar as career_cluster,
    null::varchar as endorsement,
    -- where the unit is counted decides these two: its district's locale, its school's coach
    coalesce(d.locale, 'unknown') as locale,
    case when h.has_career_coach then 'yes' else 'no' end as career_coach,
    u.revision_band,
    u.every_year_band,
    u.exempt,
    false as choices_only,
    -- counts
    sum(u.numerator) as numerator,
    sum(u.denominator) as denominator,
    count(*) as students
from units as u
join intermediate.student_subgroups as s using (student_key)
left join core.dim_district as d on d.district_id = u.district_id
left join core.dim_school as h on h.school_id = u.school_id
group by all

union all by name

-- what the plans chose, for the two indicators published by it, in rows of their own: counted
-- only under career_cluster and endorsement (intermediate.cell_subgroups), so that the rows
-- above keep their grain and the aggregate its memory (two more keys on every row did not fit
-- the state build in 1.4 GB)
select
    u.indicator,
    u.cohort,
    u.district_id,
    u.school_id,
    s.career_cluster,
    s.endorsement,
    u.revision_band,
    false as exempt,
    true as choices_only,
    sum(u.numerator) as numerator,
    sum(u.denominator) as denominator,
    count(*) as students
from graduate_indicators as u
join intermediate.student_subgroups as s using (student_key)
where u.indicator in ('ccr_met_rate', 'ps_enrolled_fall')
group by all;
