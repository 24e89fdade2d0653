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
--   subgroup_type: all, race_ethnicity, sex, econ_disadvantaged, english_learner, iep, prior_achievement, locale, career_coach, isp_revision_band, postsecondary_goal (graduates' plan goal), career_cluster and endorsement (the plan's choices; ccr_met_rate and ps_enrolled_fall); each at the levels marts.subgroup_catalog.levels names
--   subgroup: the subgroup's value (all when subgroup_type is all)
--   subgroup_set: the set of subgroups whose cells add up to the all cell: the subgroup type, except isp_every_year for every_year and not_every_year (which add up to the all cell with no_isp, graduates without a plan)
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
with recursive rolled_up as (
    -- districts and the state are summed from the school cells (counts add up, and summing the
    -- school rows is far cheaper than aggregating the subgroup rows three times)
    select
        indicator, cohort, subgroup_type, subgroup_set, subgroup,
        'school' as level, school_id as entity_id, numerator, denominator, students
    from intermediate.school_cells
    where district_id is not null
    union all
    select
        indicator, cohort, subgroup_type, subgroup_set, subgroup,
        'district' as level, district_id as entity_id,
        sum(numerator), sum(denominator), sum(students)
    from intermediate.school_cells
    group by indicator, cohort, subgroup_type, subgroup_set, subgroup, district_id
    union all
    select
        indicator, cohort, subgroup_type, subgroup_set, subgroup,
        'state' as level, getvariable('home_state') as entity_id,
        sum(numerator), sum(denominator), sum(students)
    from intermediate.school_cells
    group by indicator, cohort, subgroup_type, subgroup_set, subgroup
),

chain_roots(indicator, root) as (
    -- a chained indicator's denominator is the numerator of its denominator_within (catalog),
    -- which may be chained in turn: its keys are those of the first indicator up the chain
    select indicator, denominator_within from marts.indicator_catalog where denominator_within is not null
    union all
    select r.indicator, k.denominator_within
    from chain_roots as r
    join marts.indicator_catalog as k on k.indicator = r.root
    where k.denominator_within is not null
),

padded as (
    -- an empty row wherever the chain's first indicator has one and the chained indicator has
    -- none (in the cohorts it covers): a row's presence then tells nothing about a numerator
    select c.indicator, p.cohort, p.subgroup_type, p.subgroup_set, p.subgroup, p.level, p.entity_id,
        0 as numerator, 0 as denominator, 0 as students
    from rolled_up as p
    join chain_roots as c on c.root = p.indicator
    where c.root not in (select indicator from chain_roots)
        and p.cohort in (select r.cohort from rolled_up as r where r.indicator = c.indicator)
        -- and only under the group types the chained indicator is published by
        and p.subgroup_type in (select r.subgroup_type from rolled_up as r where r.indicator = c.indicator)
        and not exists (
            select 1 from rolled_up as r
            where r.indicator = c.indicator and r.level = p.level and r.entity_id = p.entity_id and r.cohort = p.cohort
                and r.subgroup_type = p.subgroup_type and r.subgroup = p.subgroup
        )
),

group_padded as (
    -- an empty row for a group another indicator counts (marts.indicator_groups), wherever the
    -- indicator has an all row: the group's size is the counting indicator's numerator, and a
    -- missing row would say it is 0
    select gr.indicator, a.cohort, gr.subgroup_type, 'isp_every_year' as subgroup_set,
        gr.subgroup, a.level, a.entity_id, 0 as numerator, 0 as denominator, 0 as students
    from (select distinct indicator, subgroup_type, subgroup from marts.indicator_groups) as gr
    join rolled_up as a on a.indicator = gr.indicator and a.subgroup_type = 'all'
    where not exists (
            select 1 from rolled_up as r
            where r.indicator = gr.indicator and r.level = a.level and r.entity_id = a.entity_id
                and r.cohort = a.cohort and r.subgroup_type = gr.subgroup_type and r.subgroup = gr.subgroup
        )
),

cells as (
    select * from rolled_up
    union all by name
    select * from padded
    union all by name
    select * from group_padded
),

with_statistics as (
    select
        r.*,
        k.unit,
        case when r.denominator > 0 then r.numerator / r.denominator end as value,
        case k.unit
            when 'proportion' then wilson_low(r.numerator, r.denominator)
            when 'rate' then poisson_low(r.numerator) / r.denominator
        end as ci_low,
        case k.unit
            when 'proportion' then wilson_high(r.numerator, r.denominator)
            when 'rate' then poisson_high(r.numerator) / r.denominator
        end as ci_high
    from cells as r
    join marts.indicator_catalog as k using (indicator)
    -- each group type at the levels the subgroup catalog publishes it at
    semi join (select distinct subgroup_type, levels from marts.subgroup_catalog) as t
        on t.subgroup_type = r.subgroup_type and list_contains(t.levels, r.level)
    where r.entity_id is not null
        -- not under the groups the indicator itself defines (100% and 0% by definition)
        and r.subgroup is distinct from k.numerator_group and r.subgroup is distinct from k.rest_group
),

student_record_indicators as (
    select
        indicator, level, entity_id, cohort, subgroup_type, subgroup, subgroup_set,
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
        p.indicator, p.level, p.entity_id, p.cohort, 'all' as subgroup_type, 'all' as subgroup, 'all' as subgroup_set,
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
