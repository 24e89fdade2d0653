-- marts.enrollment_by_revision_band
-- The headline: immediate (fall) enrollment of graduates by how often their ISP was revisited
-- in grades 8-12: at state level overall and within each subgroup, at district level overall.
-- It is an association, not an effect: students who keep revisiting a plan differ in other ways
-- (engagement, support at home, a counselor or coach who follows up) that also raise enrollment.
-- grain: level x entity x graduating class x subgroup x revision band
-- keys: level, entity_id, cohort, subgroup_type, subgroup, revision_band
-- Disclosure columns as in marts.indicators, set by the build's disclosure step
-- (pipeline/publish/disclose.ts), which protects these cells together with the indicators they
-- add up to (the bands of a subgroup add up to its fall-enrollment cell).
-- columns:
--   revision_band: no_isp, none, 1-2, 3-4, 5+ (revisions in grades 8-12), or every_year / not_every_year (graduates with an ISP)
--   graduates: graduates in the cell covered by NSC (the denominator)
--   enrolled_fall: of those, enrolled in the fall immediately following (the numerator)
--   suppressed: the value and enrolled_fall must not be published exactly (set by the disclosure step)
--   denominator_suppressed: graduates must not be published either
--   suppression_reason: small, extreme, coded or complementary, as in marts.indicators
--   value_band: for a coded cell, the band published instead of the value
--   caveat: the association-not-effect caveat, stored with every row
--   level: state or district
--   entity_id: the state code (setting home_state) or the district id
--   cohort: graduating class
--   subgroup_type: all, race_ethnicity, sex, econ_disadvantaged, english_learner, iep, prior_achievement, locale, career_coach, postsecondary_goal (each at the levels marts.subgroup_catalog.levels names)
--   subgroup: the subgroup's value (all when subgroup_type is all)
--   value: enrolled_fall / graduates
--   ci_low: lower end of the 95% Wilson interval of value
--   ci_high: upper end of the 95% Wilson interval of value
create or replace table marts.enrollment_by_revision_band as
with fall_enrollment as (
    -- graduates covered by NSC and whether they enrolled in the fall, per subgroup: the cells of
    -- ps_enrolled_fall under every subgroup type but the revision bands themselves and the plan's
    -- choices (two dozen values, each cut five ways, would be nearly all hidden)
    select *
    from intermediate.cell_subgroups
    where indicator = 'ps_enrolled_fall' and subgroup_type not in ('isp_revision_band', 'career_cluster', 'endorsement')
),

banded as (
    select cohort, district_id, subgroup_type, subgroup, 'bands' as band_set, revision_band, numerator, denominator
    from fall_enrollment
    union all
    select cohort, district_id, subgroup_type, subgroup, 'every_year', every_year_band, numerator, denominator
    from fall_enrollment
    where every_year_band is not null
),

counted as (
    select
        case when grouping(district_id) = 1 then 'state' else 'district' end as level,
        coalesce(district_id, getvariable('home_state')) as entity_id,
        cohort,
        subgroup_type,
        subgroup,
        band_set,
        revision_band,
        sum(denominator)::bigint as graduates,
        sum(numerator)::bigint as enrolled_fall
    from banded
    group by grouping sets (
        (cohort, subgroup_type, subgroup, band_set, revision_band),
        (cohort, subgroup_type, subgroup, band_set, revision_band, district_id)
    )
)

select
    -- ids
    level,
    entity_id,
    cohort,
    subgroup_type,
    subgroup,
    revision_band,
    -- counts and rate
    graduates,
    enrolled_fall,
    enrolled_fall / graduates as value,
    wilson_low(enrolled_fall, graduates) as ci_low,
    wilson_high(enrolled_fall, graduates) as ci_high,
    -- disclosure (the build's disclosure step sets these)
    null::boolean as suppressed,
    null::boolean as denominator_suppressed,
    null::varchar as suppression_reason,
    null::varchar as value_band,
    -- the words that go with it
    'Association, not effect: graduates whose plans were revisited more often enrolled more often, but '
    || 'the students who keep revisiting a plan differ in other ways (engagement, support, a counselor or '
    || 'coach who follows up) that also raise enrollment. These figures do not show what requiring yearly '
    || 'revisits would change.' as caveat
from counted as c
-- each group type at the levels the subgroup catalog publishes it at
semi join (select distinct subgroup_type, levels from marts.subgroup_catalog) as t
    on t.subgroup_type = c.subgroup_type and list_contains(t.levels, c.level)
where entity_id is not null
    -- districts for all graduates only: a district's graduates by group and band were 10-29% shown
    -- at the state scale, and gave most of what solving the sums together recovered
    and (c.level = 'state' or c.subgroup_type = 'all')
order by level, entity_id, cohort, subgroup_type, subgroup, revision_band;
