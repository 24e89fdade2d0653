-- marts.adjusted_rates
-- Fall enrollment of each district's and school's graduates against what graduates like them
-- enroll at across the state ("beating the odds"): the expected rate is the mean of each
-- graduate's modelled probability from grade-8 scores, sex, race/ethnicity and grade-8 program
-- status (intermediate.model_coefficients, enrollment_expected; no place effects). The interval of
-- observed minus expected treats the model as known: +/- 1.96 sqrt(sum p(1-p)) / n.
-- grain: level x entity x cohort; keys: level, entity_id, cohort
-- columns:
--   indicator: ps_enrolled_fall
--   level: district or school
--   entity_id: the district id or school id
--   cohort: graduating class
--   graduates: NSC-covered graduates (the indicator's denominator)
--   observed_pct: fall enrollment, percent
--   expected_pct: expected fall enrollment of these graduates at the state's rates for students like them, percent
--   difference_pp: observed minus expected, percentage points
--   ci_low_pp: lower end of the 95% interval of the difference
--   ci_high_pp: upper end of the 95% interval of the difference
--   adjusted_pct: the state's rate plus the difference: the rate the entity would have with the state's mix of students
--   comparison: above expected or below expected when the interval excludes zero, else as expected
--   suppressed: not published (set by the disclosure step): fewer than min_n graduates, or the entity's fall enrollment cell is not published exactly
create or replace table marts.adjusted_rates as
with graduates as (
    select g.cohort, g.district_id::varchar as district_id, g.school_id, g.enrolled_fall, p.fitted
    from intermediate.graduate_covariates as g
    join intermediate.model_predictions as p
        on p.model = 'enrollment_expected' and p.cohort = g.cohort::varchar and p.student_key = g.student_key
    where g.enrolled_fall is not null
),

state as (
    select cohort, avg(enrolled_fall) as state_rate from graduates group by cohort
),

units as (
    select 'district' as level, district_id as entity_id, cohort, enrolled_fall, fitted from graduates
    union all
    select 'school', school_id, cohort, enrolled_fall, fitted from graduates
),

compared as (
    select
        level,
        entity_id,
        cohort,
        count(*) as graduates,
        avg(enrolled_fall) as observed,
        avg(fitted) as expected,
        sqrt(sum(fitted * (1 - fitted))) / count(*) as se
    from units
    where entity_id is not null
    group by all
)

select
    'ps_enrolled_fall' as indicator,
    c.level,
    c.entity_id,
    c.cohort,
    c.graduates,
    100 * c.observed as observed_pct,
    100 * c.expected as expected_pct,
    100 * (c.observed - c.expected) as difference_pp,
    100 * (c.observed - c.expected - 1.959964 * c.se) as ci_low_pp,
    100 * (c.observed - c.expected + 1.959964 * c.se) as ci_high_pp,
    100 * (s.state_rate + c.observed - c.expected) as adjusted_pct,
    case
        when c.observed - c.expected - 1.959964 * c.se > 0 then 'above expected'
        when c.observed - c.expected + 1.959964 * c.se < 0 then 'below expected'
        else 'as expected'
    end as comparison,
    c.graduates < getvariable('min_n') as suppressed
from compared as c
join state as s using (cohort)
order by c.level, c.entity_id, c.cohort;
