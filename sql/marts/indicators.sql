-- marts.indicators
-- Every indicator of INDICATORS.md at state, district and school level, per cohort, overall and
-- for every subgroup, with numerator, denominator, value, 95% interval and suppression.
-- grain: indicator x level x entity x cohort x subgroup
-- keys: indicator, level, entity_id, cohort, subgroup_type, subgroup
-- Disclosure control is not decided here: suppressed, denominator_suppressed, suppression_reason
-- and value_band are filled by the disclosure step of the build (pipeline/publish/disclose.ts),
-- one step for every published table, which hides small and extreme cells, codes cells at the
-- ends of the scale, and adds complementary suppression along every additive relation of the
-- release. Values stay here for researchers with warehouse access; `pathways export --public`
-- and the dashboard null every hidden number.
-- columns:
--   indicator: indicator name (marts.indicator_catalog describes each)
--   level: state, district or school
--   entity_id: the state code (setting home_state), the district id or the school id
--   cohort: graduating class, school year, goal year... as marts.indicator_catalog.cohort_type says
--   subgroup_type: all, race_ethnicity, sex, econ_disadvantaged, english_learner, iep, locale, career_coach, isp_revision_band
--   subgroup: the subgroup's value (all when subgroup_type is all)
--   numerator: the count the indicator's numerator describes (null for published rates)
--   denominator: the count the indicator's denominator describes (null for published rates)
--   students: students behind the cell (student-record indicators)
--   value: numerator / denominator for proportions and rates; the published value otherwise
--   ci_low: lower end of the 95% interval (Wilson for proportions, exact Poisson for rates)
--   ci_high: upper end of the 95% interval
--   suppressed: the value and numerator must not be published exactly (set by the disclosure step)
--   denominator_suppressed: the denominator and students must not be published either
--   suppression_reason: small (fewer than min_n students), extreme (0% or 100%, too few students to code), coded (value_band published instead), complementary (hidden so that another hidden cell cannot be worked out)
--   value_band: for a coded cell, the band published instead of the value: <= 5% or >= 95% (settings code_below, code_above)
--   unit: proportion, rate, percentage_points, count, year or people
--   note: a remark that belongs with the value (e.g. not by 2040)
create or replace table marts.indicators as
with subgroup_values as (
    -- one row per cell and subgroup type it belongs to; exempt students count only under iep
    select
        c.indicator,
        c.cohort,
        c.district_id,
        c.school_id,
        c.numerator,
        c.denominator,
        c.students,
        unnest([
            {'subgroup_type': 'all', 'subgroup_set': 'all', 'subgroup': 'all'},
            {'subgroup_type': 'race_ethnicity', 'subgroup_set': 'race_ethnicity', 'subgroup': c.race_ethnicity},
            {'subgroup_type': 'sex', 'subgroup_set': 'sex', 'subgroup': c.sex},
            {'subgroup_type': 'econ_disadvantaged', 'subgroup_set': 'econ_disadvantaged', 'subgroup': c.econ_disadvantaged},
            {'subgroup_type': 'english_learner', 'subgroup_set': 'english_learner', 'subgroup': c.english_learner},
            {'subgroup_type': 'iep', 'subgroup_set': 'iep', 'subgroup': c.iep},
            {'subgroup_type': 'locale', 'subgroup_set': 'locale', 'subgroup': c.locale},
            {'subgroup_type': 'career_coach', 'subgroup_set': 'career_coach', 'subgroup': c.career_coach},
            {'subgroup_type': 'isp_revision_band', 'subgroup_set': 'isp_revision_band', 'subgroup': c.revision_band},
            {'subgroup_type': 'isp_revision_band', 'subgroup_set': 'isp_every_year', 'subgroup': c.every_year_band}
        ]) as s,
        c.exempt
    from intermediate.indicator_cells as c
),

in_scope as (
    select * exclude (s), s.subgroup_type, s.subgroup_set, s.subgroup
    from subgroup_values
    where s.subgroup is not null and (not exempt or s.subgroup_type = 'iep')
),

by_school as (
    -- one aggregation over the subgroup rows; districts and the state are summed from it
    -- (counts add up, and summing a few hundred thousand school rows is far cheaper than
    -- aggregating the subgroup rows three times with grouping sets)
    select
        indicator, cohort, subgroup_type, subgroup_set, subgroup, district_id, school_id,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        sum(students) as students
    from in_scope
    group by all
),

rolled_up as (
    select
        indicator, cohort, subgroup_type, subgroup_set, subgroup,
        'school' as level, school_id as entity_id, numerator, denominator, students
    from by_school
    where district_id is not null
    union all
    select
        indicator, cohort, subgroup_type, subgroup_set, subgroup,
        'district' as level, district_id as entity_id,
        sum(numerator), sum(denominator), sum(students)
    from by_school
    group by indicator, cohort, subgroup_type, subgroup_set, subgroup, district_id
    union all
    select
        indicator, cohort, subgroup_type, subgroup_set, subgroup,
        'state' as level, getvariable('home_state') as entity_id,
        sum(numerator), sum(denominator), sum(students)
    from by_school
    group by indicator, cohort, subgroup_type, subgroup_set, subgroup
),

with_statistics as (
    select
        r.*,
        k.unit,
        r.numerator / r.denominator as value,
        case k.unit
            when 'proportion' then wilson_low(r.numerator, r.denominator)
            when 'rate' then poisson_low(r.numerator) / r.denominator
        end as ci_low,
        case k.unit
            when 'proportion' then wilson_high(r.numerator, r.denominator)
            when 'rate' then poisson_high(r.numerator) / r.denominator
        end as ci_high
    from rolled_up as r
    join marts.indicator_catalog as k using (indicator)
    where r.entity_id is not null
),

student_record_indicators as (
    select
        indicator, level, entity_id, cohort, subgroup_type, subgroup,
        numerator, denominator, students, value, ci_low, ci_high,
        null::boolean as suppressed,
        null::boolean as denominator_suppressed,
        null::varchar as suppression_reason,
        null::varchar as value_band,
        unit,
        null::varchar as note
    from with_statistics
),

published as (
    -- published figures: public already, never suppressed here
    select
        p.indicator, p.level, p.entity_id, p.cohort, 'all' as subgroup_type, 'all' as subgroup,
        p.numerator, p.denominator, null::bigint as students, p.value,
        case when k.unit = 'proportion' and p.denominator is not null then wilson_low(p.numerator, p.denominator) end as ci_low,
        case when k.unit = 'proportion' and p.denominator is not null then wilson_high(p.numerator, p.denominator) end as ci_high,
        false as suppressed,
        false as denominator_suppressed,
        null::varchar as suppression_reason,
        null::varchar as value_band,
        k.unit,
        p.note
    from intermediate.published_indicators as p
    join marts.indicator_catalog as k using (indicator)
)

select * from student_record_indicators
union all by name
select * from published
order by indicator, level, entity_id, cohort, subgroup_type, subgroup;
