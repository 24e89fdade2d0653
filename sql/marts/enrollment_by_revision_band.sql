-- marts.enrollment_by_revision_band
-- The headline: immediate (fall) enrollment of graduates by how often their ISP was revisited
-- in grades 8-12, overall and within each subgroup, at state and district level.
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
create or replace table marts.enrollment_by_revision_band as
with graduates as (
    select *
    from marts.student_outcomes
    where enrolled_fall is not null
),

subgroups as (
    select
        g.district_id,
        g.grad_class,
        g.enrolled_fall,
        g.revision_band,
        case when g.has_isp then (case when g.revisited_every_year then 'every_year' else 'not_every_year' end) end
            as every_year_band,
        unnest([
            {'subgroup_type': 'all', 'subgroup': 'all'},
            {'subgroup_type': 'race_ethnicity', 'subgroup': coalesce(g.race_ethnicity, 'unknown')},
            {'subgroup_type': 'sex', 'subgroup': coalesce(g.sex, 'unknown')},
            {'subgroup_type': 'econ_disadvantaged', 'subgroup': case when g.econ_disadvantaged_ever then 'yes' else 'no' end},
            {'subgroup_type': 'english_learner', 'subgroup': case when g.english_learner_ever then 'yes' else 'no' end},
            {'subgroup_type': 'iep', 'subgroup': case when g.iep_ever then 'yes' else 'no' end},
            {'subgroup_type': 'locale', 'subgroup': g.locale},
            {'subgroup_type': 'career_coach', 'subgroup': case when g.career_coach then 'yes' else 'no' end}
        ]) as s
    from graduates as g
),

banded as (
    select grad_class, district_id, s.subgroup_type, s.subgroup, 'bands' as band_set, revision_band, enrolled_fall
    from subgroups
    union all
    select grad_class, district_id, s.subgroup_type, s.subgroup, 'every_year', every_year_band, enrolled_fall
    from subgroups
    where every_year_band is not null
),

counted as (
    select
        case when grouping(district_id) = 1 then 'state' else 'district' end as level,
        coalesce(district_id, getvariable('home_state')) as entity_id,
        grad_class as cohort,
        subgroup_type,
        subgroup,
        band_set,
        revision_band,
        count(*) as graduates,
        count(*) filter (where enrolled_fall) as enrolled_fall
    from banded
    group by grouping sets (
        (grad_class, subgroup_type, subgroup, band_set, revision_band),
        (grad_class, subgroup_type, subgroup, band_set, revision_band, district_id)
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
from counted
where entity_id is not null
order by level, entity_id, cohort, subgroup_type, subgroup, revision_band;
