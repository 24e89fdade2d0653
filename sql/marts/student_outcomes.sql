-- marts.student_outcomes
-- One row per high-school graduate (regular diploma): class, where they graduated, the
-- subgroups, their ISP history and what the National Student Clearinghouse says happened next.
-- grain: graduate; key: student_key
-- NSC rules (INDICATORS.md): a graduate not found is a graduate who did not enroll; W
-- (withdrawn) and D (deceased) rows are not enrollment; a student returned under two
-- high-school codes counts once (rows are matched by student, not by code); level L (less than
-- 2 years) counts with 2-year. A class counts as covered by NSC in a district when at least
-- one of that district's graduates of the class is in a loaded return; outcome columns are null
-- where it is not.
-- columns:
--   grad_class: graduating class (Sep 1 - Aug 31 window of the diploma date)
--   econ_disadvantaged_ever: economically disadvantaged in any year
--   english_learner_ever: an English learner in any year
--   iep_ever: had an IEP in any year
--   district_id: district of the school year in which the student received the diploma
--   school_id: school of the school year in which the student received the diploma
--   locale: locale of the graduating district (city, suburb, town, rural; unknown when the districts file has none)
--   career_coach: the graduating high school had a career coach (schools file)
--   revision_band: ISP revisions in grades 8-12 for graduates with an ISP: none, 1-2, 3-4, 5+; no_isp for graduates without one
--   nsc_covered: the graduate's class and district are covered by a loaded NSC return
--   nsc_submitted: the graduate is in a loaded NSC return (found or not found)
--   nsc_found: NSC found at least one enrollment or degree for the graduate
--   nsc_observed_through: how far the loaded NSC returns reach: the latest term start or degree date in any of them
--   enrolled_fall: enrolled (not W or D) in a term overlapping Aug 15-Oct 31 of the graduation year (NSC "fall immediately following")
--   enrolled_oct1: enrolled on Oct 1 of the graduation year with status F, Q, H, L or blank (SDP "seamless")
--   enrolled_first_year: enrolled in a term overlapping Aug 15 of the graduation year to Aug 14 of the next
--   enrolled_second_year: enrolled in a term overlapping Aug 15 one year after graduation to Aug 14 two years after; null until the returns reach Jun 30 two years after
--   fall_level: level of the first college attended in the fall window: 4, 2 or L
--   fall_4yr: the first fall college is a 4-year college
--   fall_2yr: the first fall college is a 2-year college or less than 2 years
--   fall_in_state: the first fall college is in the home state (setting home_state)
--   fall_public: the first fall college is public
--   fall_college_code: OPEID code of the first college attended in the fall window
--   fall_college_name: name of the first fall college, as NSC returns it
--   fall_college_state: two-letter state of the first fall college
--   switched_to_4yr: a fall 2-year (or less) starter enrolled at a 4-year college within three years (Aug 15 of the class year to Aug 14 three years after); null for others and until the returns reach Jun 30 three years after
--   switched_to_2yr: a fall 4-year starter enrolled at a 2-year (or less) college within three years; null for others and until the returns reach Jun 30 three years after
--   stopped_out: a fall enrollee who, before any degree or certificate, went more than 150 days (longer than a summer) without enrollment within three years: between two terms, or from the last term to the end of the three years; null for others and until the returns reach Jun 30 three years after
--   returned: a graduate who stopped out enrolled again within the three years; null for those who did not stop out
--   persisted: enrolled in the first year and again in the second year, at any college; null when not enrolled in the first year or the second year is not yet observed
--   degree_6yr: a degree (not a certificate: titles containing CERT are certificates) dated before Aug 15 six years after graduation; null until the returns reach Jun 30 six years after
--   first_degree_date: date of the first degree (not certificate) after high school
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   diploma_date: date of the regular diploma
--   race_ethnicity: race/ethnicity (core.dim_student: most frequent value, the most recent on a tie)
--   sex: sex (the most recent value)
--   ccr_met: met the college-and-career-readiness benchmark with the regular diploma
--   moved_district: changed district between two school years, the later one in grades 6-12
--   has_isp: has at least one ISP event
--   isp_created_by_grade7: the ISP was created by the end of the grade-7 school year
--   revisions_8_12: ISP revisions and reviews in grades 8-12
--   years_enrolled_8_12: school years enrolled in grades 8-12
--   years_revisited_8_12: of those, years with a revision or review
--   revisited_every_year: has an ISP revisited in every school year enrolled in grades 8-12
--   parent_input_9_12: an ISP event in grades 9-12 with a parent participating
--   postsecondary_goal: the latest goal the graduate's plan states (marts.student_plans)
create or replace table marts.student_outcomes as
with graduates as (
    select *
    from core.dim_student
    where graduated
),

nsc_as_of as (
    -- how far the returns reach: the latest term start or degree they report (end dates of
    -- terms in progress are projections, so they do not count). Returns are assumed current
    -- for every class they cover; load each class's latest return.
    select max(greatest(enrollment_begin, graduation_date)) as observed_through
    from staging.stg_nsc
),

submitted as (
    select student_key, bool_or(record_found) as found
    from staging.stg_nsc
    group by student_key
),

coverage as (
    select g.grad_class, g.grad_district_id, any_value(a.observed_through) as observed_through
    from graduates as g
    join submitted as s using (student_key)
    cross join nsc_as_of as a
    group by all
),

enrollment as (
    -- enrollment rows only: not degree rows, not W or D, not dual enrollment while in high school
    select e.*, g.grad_class as y
    from core.fact_ps_enrollment as e
    join graduates as g using (student_key)
    where e.enrollment_begin is not null and coalesce(e.status, '') not in ('W', 'D') and not e.dual_enrollment
),

enrollment_summary as (
    select
        student_key,
        bool_or(enrollment_begin <= make_date(y, 10, 31) and enrollment_end >= make_date(y, 8, 15)) as fall,
        bool_or(make_date(y, 10, 1) between enrollment_begin and enrollment_end
            and coalesce(status, '') in ('F', 'Q', 'H', 'L', '')) as oct1,
        bool_or(enrollment_begin <= make_date(y + 1, 8, 14) and enrollment_end >= make_date(y, 8, 15)) as first_year,
        bool_or(enrollment_begin <= make_date(y + 2, 8, 14) and enrollment_end >= make_date(y + 1, 8, 15)) as second_year
    from enrollment
    group by student_key
),

first_fall_college as (
    select student_key, level, college_state, control, college_code, college_name
    from enrollment
    where enrollment_begin <= make_date(y, 10, 31) and enrollment_end >= make_date(y, 8, 15)
    qualify row_number() over (
        partition by student_key order by enrollment_begin, college_sequence nulls last, college_code
    ) = 1
),

degrees as (
    select e.student_key, min(e.graduation_date) as first_degree_date
    from core.fact_ps_enrollment as e
    join graduates as g using (student_key)
    where e.graduated
        and coalesce(upper(e.degree_title), '') not like '%CERT%'
        and e.graduation_date >= g.diploma_date
    group by e.student_key
),

credentials as (
    -- the first degree or certificate after high school: a break after it is not a stop-out
    select e.student_key, min(e.graduation_date) as first_credential_date
    from core.fact_ps_enrollment as e
    join graduates as g using (student_key)
    where e.graduated and e.graduation_date >= g.diploma_date
    group by e.student_key
),

first_three_years as (
    select student_key, y, level, enrollment_begin, enrollment_end
    from enrollment
    where enrollment_begin <= make_date(y + 3, 8, 14) and enrollment_end >= make_date(y, 8, 15)
),

three_years as (
    -- a break longer than a summer before any credential: between two terms (the student came
    -- back), or from the last term to the end of the three years (not back yet)
    select
        t.student_key,
        bool_or(t.level = '4') as any_4yr,
        bool_or(t.level in ('2', 'L')) as any_2yr,
        max(t.enrollment_end) + 150 < make_date(any_value(t.y) + 3, 8, 14)
            and max(t.enrollment_end) < coalesce(any_value(c.first_credential_date), date '9999-12-31') as left_without_credential,
        bool_or(t.enrollment_begin - t.enrolled_until > 150
            and t.enrolled_until < coalesce(c.first_credential_date, date '9999-12-31')) as came_back
    from (
        select *, max(enrollment_end) over (
            partition by student_key order by enrollment_begin, enrollment_end
            rows between unbounded preceding and 1 preceding
        ) as enrolled_until
        from first_three_years
    ) as t
    left join credentials as c using (student_key)
    group by t.student_key
),

joined as (
    select
        g.*,
        p.has_isp,
        p.isp_created_by_grade7,
        p.revisions_8_12,
        p.years_enrolled_8_12,
        p.years_revisited_8_12,
        p.revisited_every_year,
        p.parent_input_9_12,
        p.postsecondary_goal,
        p.moved_district,
        c.grad_class is not null as nsc_covered,
        c.observed_through as nsc_observed_through,
        s.student_key is not null as nsc_submitted,
        coalesce(s.found, false) as nsc_found,
        coalesce(es.fall, false) as fall,
        coalesce(es.oct1, false) as oct1,
        coalesce(es.first_year, false) as first_year,
        coalesce(es.second_year, false) as second_year,
        f.level as fall_level,
        f.college_state as fall_state,
        f.control as fall_control,
        f.college_code as fall_college_code,
        f.college_name as fall_college_name,
        ty.any_4yr,
        ty.any_2yr,
        ty.left_without_credential,
        ty.came_back,
        d.first_degree_date
    from graduates as g
    left join marts.student_plans as p using (student_key)
    left join coverage as c on c.grad_class = g.grad_class and c.grad_district_id is not distinct from g.grad_district_id
    left join submitted as s using (student_key)
    left join enrollment_summary as es using (student_key)
    left join first_fall_college as f using (student_key)
    left join degrees as d using (student_key)
    left join three_years as ty using (student_key)
)

select
    -- ids
    student_key,
    grad_class,
    diploma_date,
    grad_district_id as district_id,
    grad_school_id as school_id,
    -- subgroups
    race_ethnicity,
    sex,
    econ_disadvantaged_ever,
    english_learner_ever,
    iep_ever,
    coalesce(d.locale, 'unknown') as locale,
    coalesce(s.has_career_coach, false) as career_coach,
    case
        when not has_isp then 'no_isp'
        when revisions_8_12 = 0 then 'none'
        when revisions_8_12 <= 2 then '1-2'
        when revisions_8_12 <= 4 then '3-4'
        else '5+'
    end as revision_band,
    -- readiness
    ccr_met,
    moved_district,
    -- ISP
    has_isp,
    isp_created_by_grade7,
    revisions_8_12,
    years_enrolled_8_12,
    years_revisited_8_12,
    revisited_every_year,
    parent_input_9_12,
    postsecondary_goal,
    -- postsecondary (null where no NSC return covers the class and district)
    nsc_covered,
    nsc_submitted,
    nsc_found,
    nsc_observed_through,
    case when nsc_covered then fall end as enrolled_fall,
    case when nsc_covered then oct1 end as enrolled_oct1,
    case when nsc_covered then first_year end as enrolled_first_year,
    case when nsc_observed_through >= make_date(grad_class + 2, 6, 30) then second_year end as enrolled_second_year,
    case when nsc_covered and fall then fall_level end as fall_level,
    case when nsc_covered and fall then fall_level = '4' end as fall_4yr,
    case when nsc_covered and fall then fall_level in ('2', 'L') end as fall_2yr,
    case when nsc_covered and fall then fall_state = getvariable('home_state') end as fall_in_state,
    case when nsc_covered and fall then fall_control = 'Public' end as fall_public,
    case when nsc_covered and fall then fall_college_code end as fall_college_code,
    case when nsc_covered and fall then fall_college_name end as fall_college_name,
    case when nsc_covered and fall then fall_state end as fall_college_state,
    case when nsc_covered and fall and fall_level in ('2', 'L') and nsc_observed_through >= make_date(grad_class + 3, 6, 30)
        then coalesce(any_4yr, false) end as switched_to_4yr,
    case when nsc_covered and fall and fall_level = '4' and nsc_observed_through >= make_date(grad_class + 3, 6, 30)
        then coalesce(any_2yr, false) end as switched_to_2yr,
    case when nsc_covered and fall and nsc_observed_through >= make_date(grad_class + 3, 6, 30)
        then coalesce(came_back or left_without_credential, false) end as stopped_out,
    case when nsc_covered and fall and nsc_observed_through >= make_date(grad_class + 3, 6, 30)
        and coalesce(came_back or left_without_credential, false) then coalesce(came_back, false) end as returned,
    case when first_year and nsc_observed_through >= make_date(grad_class + 2, 6, 30) then second_year end as persisted,
    case
        when nsc_observed_through >= make_date(grad_class + 6, 6, 30)
            then coalesce(first_degree_date < make_date(grad_class + 6, 8, 15), false)
    end as degree_6yr,
    first_degree_date
from joined
left join core.dim_district as d on d.district_id = joined.grad_district_id
left join core.dim_school as s on s.school_id = joined.grad_school_id;
