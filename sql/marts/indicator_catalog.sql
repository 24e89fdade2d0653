-- marts.indicator_catalog
-- What each indicator in marts.indicators measures, in words, and which input kinds it needs.
-- Definitions follow INDICATORS.md; where a published definition exists it is named.
-- grain: indicator; key: indicator
-- sources: none (this file is the definition)
-- columns:
--   indicator: indicator name, as in marts.indicators
--   family: isp, postsecondary, readiness, accountability or attainment
--   unit: proportion (0-1), rate (per student-year), percentage_points, count, year, people
--   cohort_type: what the cohort column means for this indicator
--   numerator: who or what is counted
--   denominator: out of whom
--   definition_source: the published definition followed, if any
--   requires: input kinds that must be loaded for the indicator to exist
--   interval: how the 95% interval is computed
create schema if not exists marts;

create or replace table marts.indicator_catalog as
select
    indicator,
    family,
    unit,
    cohort_type,
    numerator,
    denominator,
    definition_source,
    requires,
    case unit when 'proportion' then 'Wilson score, 95%' when 'rate' then 'exact Poisson, 95%' end as interval
from (values
    ('isp_by_grade7', 'isp', 'proportion', 'grade-7 school year',
        'students with an ISP created event dated before the end (Jun 30) of their grade-7 school year',
        'students enrolled in grade 7 without an IEP that year (students with an IEP are exempt and reported separately, subgroup iep = yes)',
        'Mississippi Process Standard 14.1.1', ['students', 'plans']),
    ('isp_revisions_per_year', 'isp', 'rate', 'school year',
        'ISP revised or reviewed events in grades 8-12 that school year',
        'student-years enrolled in grades 8-12 (excluding years with an IEP for students with no ISP)',
        null, ['students', 'plans']),
    ('isp_revisited_every_year', 'isp', 'proportion', 'graduating class',
        'graduates with at least one revised or reviewed event in every school year they were enrolled in grades 8-12',
        'graduates with an ISP', null, ['students', 'plans']),
    ('isp_parent_input', 'isp', 'proportion', 'graduating class',
        'graduates whose ISP had a parent-participated event in grades 9-12',
        'graduates with an ISP', null, ['students', 'plans']),
    ('isp_transfer_continuity', 'isp', 'proportion', 'school year of the move',
        'students whose first ISP event in the new district revised, reviewed or transferred the existing plan (not a new created event)',
        'students who changed district (first move) with an ISP event before the move; counted in the district moved into',
        null, ['students', 'plans']),
    ('cohort_grad_4yr', 'readiness', 'proportion', 'expected graduating class (grade-9 year + 3)',
        'students with a regular diploma by Aug 31 of the expected graduating year',
        'ninth-grade cohort (first year in grades 9-12 mapped back to grade 9), excluding students who transferred out of state; counted in their last district',
        'adjusted four-year cohort rate (student records; the published grad_rate is MDE''s)', ['students']),
    ('ccr_met_rate', 'readiness', 'proportion', 'graduating class',
        'graduates who met the state college-and-career-readiness benchmark', 'graduates', null, ['students']),
    ('ps_enrolled_fall', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled (not W or D) in a term overlapping Aug 15-Oct 31 of the graduation year',
        'graduates of classes and districts covered by a loaded NSC return',
        'NSC StudentTracker for High Schools, fall immediately following', ['students', 'nsc']),
    ('ps_enrolled_oct1', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled on Oct 1 of the graduation year (begin <= Oct 1 <= end, status F, Q, H, L or blank)',
        'graduates of classes and districts covered by a loaded NSC return',
        'Strategic Data Project, seamless enrollment', ['students', 'nsc']),
    ('ps_enrolled_first_year', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in a term overlapping Aug 15 of the graduation year to Aug 14 of the next',
        'graduates of classes and districts covered by a loaded NSC return', null, ['students', 'nsc']),
    ('ps_enrolled_fall_4yr', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall whose first fall college is a 4-year college', 'graduates covered by NSC', null, ['students', 'nsc']),
    ('ps_enrolled_fall_2yr', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall whose first fall college is 2-year or less than 2 years', 'graduates covered by NSC', null, ['students', 'nsc']),
    ('ps_enrolled_fall_in_state', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall whose first fall college is in the home state', 'graduates covered by NSC', null, ['students', 'nsc']),
    ('ps_enrolled_fall_out_of_state', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall whose first fall college is outside the home state', 'graduates covered by NSC', null, ['students', 'nsc']),
    ('ps_enrolled_fall_public', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall whose first fall college is public', 'graduates covered by NSC', null, ['students', 'nsc']),
    ('ps_persisted', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled again in the second year (Aug 15 one year after to Aug 14 two years after), any college',
        'graduates enrolled in the first year, of classes whose second year the NSC returns reach (Jun 30 two years after)',
        null, ['students', 'nsc']),
    ('ps_completed_6yr', 'postsecondary', 'proportion', 'graduating class',
        'graduates with a degree (not a certificate) before Aug 15 six years after graduation',
        'graduates of classes at least six years old by the NSC returns (Jun 30 six years after)', null, ['students', 'nsc']),
    ('grad_rate', 'accountability', 'proportion', 'accountability school year',
        'four-year graduation rate as published', 'as published (MDE)', 'MDE accountability media file', ['accountability']),
    ('ccr_rate', 'accountability', 'proportion', 'accountability school year',
        'college-and-career-readiness rate as published (the definition changes in 2025-26)', 'as published (MDE)',
        'MDE accountability media file', ['accountability']),
    ('grad_ccr_gap', 'accountability', 'percentage_points', 'accountability school year',
        'grad_rate minus ccr_rate, in percentage points', null, null, ['accountability']),
    ('high_grad_low_ccr', 'accountability', 'proportion', 'accountability school year',
        'district or school: 1 when grad_rate > high_grad_threshold (75) and ccr_rate < low_ccr_threshold (30); state and district rows: entities flagged',
        'entities (districts or schools) with both rates published', null, ['accountability']),
    ('high_grad_low_ccr_schools', 'accountability', 'proportion', 'accountability school year',
        'schools with grad_rate > high_grad_threshold and ccr_rate < low_ccr_threshold',
        'schools with both rates published (in the state, or in the district)', null, ['accountability']),
    ('attainment_pct', 'attainment', 'proportion', 'year',
        'working-age adults (25-64) with a degree or high-value credential', 'adults 25-64',
        'Mississippi Education Achievement Council (Ascent to 55%)', ['attainment']),
    ('attainment_degree_pct', 'attainment', 'proportion', 'year',
        'adults 25-64 with an associate degree or higher', 'adults 25-64', 'US Census Bureau ACS B15001', ['attainment']),
    ('attainment_goal', 'attainment', 'proportion', 'goal year', 'the goal for that year', null,
        'Mississippi Education Achievement Council', ['attainment']),
    ('attainment_required_pace', 'attainment', 'percentage_points', 'goal year',
        '(goal - latest attainment_pct) / (goal year - latest year), percentage points per year', null, null, ['attainment']),
    ('attainment_projection', 'attainment', 'proportion', 'year',
        'least-squares line through the attainment_pct series, extended to 2040', null, null, ['attainment']),
    ('attainment_crossing_year', 'attainment', 'year', 'goal year',
        'first year the projection reaches the goal; null with a note when not by 2040', null, null, ['attainment']),
    ('attainment_people_gap', 'attainment', 'people', 'goal year',
        'adults 25-64 who must hold a credential to reach the goal minus those who do now (latest population 25-64 in the series)',
        null, null, ['attainment'])
) as t(indicator, family, unit, cohort_type, numerator, denominator, definition_source, requires);
