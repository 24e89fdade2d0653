-- marts.college_destinations
-- Where each class's fall enrollees went: the colleges that took the most of them (up to 15 for
-- the state, 5 for a district), each with the share of its entrants enrolled again in the second
-- year (any college), and one row for all other colleges. A college is listed only with at least
-- min_n entrants, and only while the rest of the class's enrollees stay at least min_n (or none),
-- so the other-colleges row is never a small group; the disclosure step then flags the rows
-- against the fall enrollment count they add up to.
-- grain: level x entity x cohort x college (or other colleges)
-- columns:
--   level: state or district (where the student graduated)
--   entity_id: the state code (setting home_state) or the district id
--   cohort: graduating class
--   rank: the college's place by entrants (1 = the most); null for the other-colleges row
--   college_code: OPEID code of the college (NSC college code/branch); other for the other-colleges row
--   college_name: college name as NSC returns it (the most frequent spelling); All other colleges for that row
--   college_level: 4 (4-year), 2 (2-year) or L (less than 2 years); null for the other-colleges row
--   college_state: two-letter state of the college; null for the other-colleges row
--   public: the college is public; null for the other-colleges row
--   entrants: fall enrollees whose first fall college this is (the denominator)
--   second_year: of them, enrolled in the second year at any college (the numerator); null until the returns reach Jun 30 two years after
--   students: students behind the row (the entrants)
--   value: second_year / entrants
--   ci_low: Wilson 95% interval, low
--   ci_high: Wilson 95% interval, high
--   unit: proportion when second-year enrollment is observed, count (entrants only) before
--   suppressed: the second-year count and share are hidden (disclosure step)
--   denominator_suppressed: the entrants are hidden too (disclosure step)
--   suppression_reason: small, extreme, coded or complementary (disclosure step)
--   value_band: the band shown instead of a top- or bottom-coded share (disclosure step)
create or replace table marts.college_destinations as
with enrollees as (
    select
        'state' as level,
        getvariable('home_state') as entity_id,
        grad_class as cohort,
        fall_college_code as college_code,
        fall_college_name as college_name,
        fall_level as college_level,
        fall_college_state as college_state,
        fall_public as public,
        enrolled_second_year
    from marts.student_outcomes
    where enrolled_fall and fall_college_code is not null
    union all
    select 'district', district_id::varchar, grad_class, fall_college_code, fall_college_name, fall_level,
        fall_college_state, fall_public, enrolled_second_year
    from marts.student_outcomes
    where enrolled_fall and fall_college_code is not null and district_id is not null
),

by_college as (
    select
        level, entity_id, cohort, college_code,
        mode(college_name) as college_name,
        mode(college_level) as college_level,
        mode(college_state) as college_state,
        mode(public) as public,
        count(*) as entrants,
        count(*) filter (where enrolled_second_year) as second_year,
        bool_and(enrolled_second_year is not null) as observed
    from enrollees
    group by all
),

ranked as (
    select
        *,
        row_number() over w as rank,
        sum(entrants) over (partition by level, entity_id, cohort) - sum(entrants) over (w rows unbounded preceding) as rest
    from by_college
    window w as (partition by level, entity_id, cohort order by entrants desc, college_code)
),

listed as (
    -- a prefix of the ranking: entrants fall and the rest shrinks as the rank grows
    select *
    from ranked
    where rank <= case level when 'state' then 15 else 5 end
        and entrants >= getvariable('min_n')
        and (rest >= getvariable('min_n') or rest = 0)
),

other as (
    select
        r.level, r.entity_id, r.cohort,
        null::bigint as rank,
        'other' as college_code,
        'All other colleges' as college_name,
        null as college_level, null as college_state, null::boolean as public,
        sum(r.entrants) as entrants,
        sum(r.second_year) as second_year,
        bool_and(r.observed) as observed
    from ranked as r
    where not exists (
        select 1 from listed as l
        where l.level = r.level and l.entity_id = r.entity_id and l.cohort = r.cohort and l.college_code = r.college_code
    )
        and exists (select 1 from listed as l where l.level = r.level and l.entity_id = r.entity_id and l.cohort = r.cohort)
    group by r.level, r.entity_id, r.cohort
),

rows as (
    select level, entity_id, cohort, rank, college_code, college_name, college_level, college_state, public,
        entrants, second_year, observed
    from listed
    union all
    select level, entity_id, cohort, rank, college_code, college_name, college_level, college_state, public,
        entrants, second_year, observed
    from other
)

select
    level, entity_id, cohort, rank, college_code, college_name, college_level, college_state, public,
    entrants,
    case when observed then second_year end as second_year,
    entrants as students,
    case when observed then second_year / entrants end as value,
    case when observed then wilson_low(second_year, entrants) end as ci_low,
    case when observed then wilson_high(second_year, entrants) end as ci_high,
    case when observed then 'proportion' else 'count' end as unit,
    null::boolean as suppressed,
    null::boolean as denominator_suppressed,
    null::varchar as suppression_reason,
    null::varchar as value_band
from rows
order by level desc, entity_id, cohort, rank nulls last;
