-- marts.indicator_catalog
-- What each indicator in marts.indicators measures, in words, and which input kinds it needs.
-- Definitions follow INDICATORS.md; where a published definition exists it is named.
-- grain: indicator; key: indicator
-- columns:
--   indicator: indicator name, as in marts.indicators
--   label: the indicator in words, as the dashboard, the CLI and the exports show it
--   family: isp, postsecondary, readiness, accountability or attainment
--   unit: proportion (0-1), rate (per student-year), percentage_points, count, year, people
--   cohort_type: what the cohort column means for this indicator
--   numerator: who or what is counted
--   denominator: out of whom (the same words for the same students: the disclosure step takes indicators worded alike to share a denominator)
--   definition_source: the published definition followed, if any
--   requires: input kinds that must be loaded for the indicator to exist
--   interval: how the 95% interval is computed
--   headline: one of the indicators the home page and the district brief lead with (graduation,
--     readiness, the plan by grade 7 and revisited every year, fall enrollment, persistence): where a cell must be
--     hidden to protect another, the disclosure step hides these last
--   numerator_group: the student group (marts.subgroup_catalog) whose members the numerator counts; the
--     indicator is not published under it (100% by definition)
--   rest_group: the group the rest (denominator - numerator) counts; not published under it either (0%)
--   groups_within: the denominators (as worded here) that hold those groups whole: there each group's cell has
--     this indicator's numerator (rest) for its denominator, and a row even when empty
--   part_of: the indicator whose numerator this one's numerator is a part of, with the other parts of its split
--   split: the split the part belongs to (the numerators of one split's parts add up to part_of's): fall enrollment
--     by level (4-year, 2-year) and by place (in state, out of state), six-year completion by time to degree
--   goal_of: the indicator whose cells under the plan's goals goal_groups (group postsecondary_goal) add up to this
--     one's all-graduates cell (four-year goal met = fall 4-year enrollment of graduates planning a four-year college)
--   goal_groups: those goals
--   goal_counts_rest: this indicator's numerator counts goal_of's rests (summer melt: not enrolled), and its rest their numerators
--   denominator_within: the indicator whose numerator counts this one's denominator (persistence among first-year enrollees, returns among stop-outs...): a row exists wherever that indicator has one, with a denominator of 0 if need be, so a row's presence says nothing
create or replace table marts.indicator_catalog as
select
    indicator,
    l.label,
    family,
    unit,
    cohort_type,
    numerator,
    denominator,
    definition_source,
    requires,
    case unit when 'proportion' then 'Wilson score, 95%' when 'rate' then 'exact Poisson, 95%' end as interval,
    w.denominator_within,
    g.numerator_group,
    g.rest_group,
    g.groups_within,
    s.part_of,
    s.split,
    o.goal_of,
    o.goal_groups,
    o.goal_counts_rest,
    indicator in ('cohort_grad_4yr', 'ccr_met_rate', 'isp_by_grade7', 'isp_revisited_every_year', 'ps_enrolled_fall', 'ps_persisted')
        as headline
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
        'adjusted four-year cohort rate (student records; the published graduation rate is MDE''s)', ['students']),
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
        'graduates enrolled in the fall whose first fall college is a 4-year college', 'graduates of classes and districts covered by a loaded NSC return', null, ['students', 'nsc']),
    ('ps_enrolled_fall_2yr', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall whose first fall college is 2-year or less than 2 years', 'graduates of classes and districts covered by a loaded NSC return', null, ['students', 'nsc']),
    ('ps_enrolled_fall_in_state', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall whose first fall college is in the home state', 'graduates of classes and districts covered by a loaded NSC return', null, ['students', 'nsc']),
    ('ps_enrolled_fall_out_of_state', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall whose first fall college is outside the home state', 'graduates of classes and districts covered by a loaded NSC return', null, ['students', 'nsc']),
    ('ps_enrolled_fall_public', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall whose first fall college is public', 'graduates of classes and districts covered by a loaded NSC return', null, ['students', 'nsc']),
    ('ps_persisted', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled again in the second year (Aug 15 one year after to Aug 14 two years after), any college',
        'graduates enrolled in the first year, of classes whose second year the NSC returns reach (Jun 30 two years after)',
        null, ['students', 'nsc']),
    ('ps_completed_6yr', 'postsecondary', 'proportion', 'graduating class',
        'graduates with a degree (not a certificate) before Aug 15 six years after graduation',
        'graduates of classes at least six years old by the NSC returns (Jun 30 six years after)', null, ['students', 'nsc']),
    ('ps_degree_within_2yr', 'postsecondary', 'proportion', 'graduating class',
        'graduates whose first degree (not a certificate) came before Aug 15 two years after graduation',
        'graduates of classes at least six years old by the NSC returns (Jun 30 six years after)', null, ['students', 'nsc']),
    ('ps_degree_in_years_3_4', 'postsecondary', 'proportion', 'graduating class',
        'graduates whose first degree came in the third or fourth year (Aug 15 two years after to Aug 14 four years after)',
        'graduates of classes at least six years old by the NSC returns (Jun 30 six years after)', null, ['students', 'nsc']),
    ('ps_degree_in_years_5_6', 'postsecondary', 'proportion', 'graduating class',
        'graduates whose first degree came in the fifth or sixth year (Aug 15 four years after to Aug 14 six years after)',
        'graduates of classes at least six years old by the NSC returns (Jun 30 six years after)', null, ['students', 'nsc']),
    ('ps_switched_to_4yr', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled at a 4-year college within three years (Aug 15 of the graduation year to Aug 14 three years after)',
        'graduates whose first fall college was 2-year or less than 2 years, of classes whose third year the NSC returns reach (Jun 30 three years after)',
        null, ['students', 'nsc']),
    ('ps_switched_to_2yr', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled at a 2-year (or less than 2-year) college within three years (Aug 15 of the graduation year to Aug 14 three years after)',
        'graduates whose first fall college was a 4-year college, of classes whose third year the NSC returns reach (Jun 30 three years after)',
        null, ['students', 'nsc']),
    ('ps_stopped_out', 'postsecondary', 'proportion', 'graduating class',
        'graduates who, before any degree or certificate, went more than 150 days (longer than a summer) without enrollment within three years (Aug 15 of the graduation year to Aug 14 three years after)',
        'graduates enrolled in the fall, of classes whose third year the NSC returns reach (Jun 30 three years after)',
        'NSC: stop-out (a break in enrollment without a credential)', ['students', 'nsc']),
    ('ps_returned', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled again after their break, within the same three years',
        'graduates who stopped out within three years (as counted for stopping out)', null, ['students', 'nsc']),
    ('ps_goal_four_year_met', 'postsecondary', 'proportion', 'graduating class',
        'graduates enrolled in the fall at a 4-year college',
        'graduates covered by NSC whose plan''s latest stated goal was a four-year college', null, ['students', 'plans', 'nsc']),
    ('ps_summer_melt', 'postsecondary', 'proportion', 'graduating class',
        'graduates not enrolled anywhere in the fall',
        'graduates covered by NSC whose plan''s latest stated goal was a four-year or two-year college (college-intending)',
        'Strategic Data Project, summer melt (intent from the plan, not a senior survey)', ['students', 'plans', 'nsc']),
    ('ps_goal_work_no_college', 'postsecondary', 'proportion', 'graduating class',
        'graduates with no college enrollment in the first year (an expected outcome of the plan, not a failure)',
        'graduates covered by NSC whose plan''s latest stated goal was work, the military or an apprenticeship', null,
        ['students', 'plans', 'nsc']),
    ('regular_diploma_share', 'readiness', 'proportion', 'graduating class',
        'students awarded a regular (standard) diploma',
        'students awarded any diploma or certificate that class (regular, alternate, certificate, other), counted where it was awarded',
        'NCWD: standard-diploma attainment of students with disabilities (see the IEP group)', ['students']),
    ('grad_rate', 'accountability', 'proportion', 'accountability school year',
        'four-year graduation rate as published', 'as published (MDE)', 'MDE accountability media file', ['accountability']),
    ('ccr_rate', 'accountability', 'proportion', 'accountability school year',
        'college-and-career-readiness rate as published (the definition changes in 2025-26)', 'as published (MDE)',
        'MDE accountability media file', ['accountability']),
    ('grad_ccr_gap', 'accountability', 'percentage_points', 'accountability school year',
        'the published graduation rate minus the published CCR rate, in percentage points', null, null, ['accountability']),
    ('high_grad_low_ccr', 'accountability', 'proportion', 'accountability school year',
        'district or school: 1 when the graduation rate is over the high-graduation threshold (setting, 75) and the CCR rate under the low-readiness threshold (setting, 30); state and district rows: entities flagged',
        'entities (districts or schools) with both rates published', null, ['accountability']),
    ('high_grad_low_ccr_schools', 'accountability', 'proportion', 'accountability school year',
        'schools with a graduation rate over the high-graduation threshold and a CCR rate under the low-readiness threshold',
        'schools with both rates published (in the state, or in the district)', null, ['accountability']),
    ('attainment_pct', 'attainment', 'proportion', 'year',
        'working-age adults (25-64) with a degree or high-value credential', 'adults 25-64',
        'Mississippi Education Achievement Council (Ascent to 55%)', ['attainment']),
    ('attainment_degree_pct', 'attainment', 'proportion', 'year',
        'adults 25-64 with an associate degree or higher', 'adults 25-64', 'US Census Bureau ACS B15001', ['attainment']),
    ('attainment_goal', 'attainment', 'proportion', 'goal year', 'the goal for that year', null,
        'Mississippi Education Achievement Council', ['attainment', 'goals']),
    ('attainment_required_pace', 'attainment', 'percentage_points', 'goal year',
        '(goal - latest attainment) / (goal year - latest year), percentage points per year', null, null, ['attainment', 'goals']),
    ('attainment_projection', 'attainment', 'proportion', 'year',
        'least-squares line through the attainment series, extended to 2040', null, null, ['attainment']),
    ('attainment_crossing_year', 'attainment', 'year', 'goal year',
        'first year the projection reaches the goal; null with a note when not by 2040', null, null, ['attainment', 'goals']),
    ('attainment_people_gap', 'attainment', 'people', 'goal year',
        'adults 25-64 who must hold a credential to reach the goal minus those who do now (latest population 25-64 in the series)',
        null, null, ['attainment', 'goals'])
) as t(indicator, family, unit, cohort_type, numerator, denominator, definition_source, requires)
join (values
    ('isp_by_grade7', 'ISP created by the end of grade 7'),
    ('isp_revisions_per_year', 'ISP revisions per student-year (grades 8-12)'),
    ('isp_revisited_every_year', 'ISP revisited every year (grades 8-12)'),
    ('isp_parent_input', 'A parent took part in the ISP (grades 9-12)'),
    ('isp_transfer_continuity', 'The plan followed the student to a new district'),
    ('cohort_grad_4yr', 'Four-year graduation (student records)'),
    ('ccr_met_rate', 'Met the college-and-career-ready benchmark'),
    ('ps_enrolled_fall', 'Enrolled in college in the fall'),
    ('ps_enrolled_oct1', 'Enrolled in college on October 1'),
    ('ps_enrolled_first_year', 'Enrolled in college in the first year'),
    ('ps_enrolled_fall_4yr', 'Enrolled in the fall at a 4-year college'),
    ('ps_enrolled_fall_2yr', 'Enrolled in the fall at a 2-year college'),
    ('ps_enrolled_fall_in_state', 'Enrolled in the fall in state'),
    ('ps_enrolled_fall_out_of_state', 'Enrolled in the fall out of state'),
    ('ps_enrolled_fall_public', 'Enrolled in the fall at a public college'),
    ('ps_persisted', 'Enrolled again in the second year'),
    ('ps_completed_6yr', 'Earned a degree within six years'),
    ('ps_degree_within_2yr', 'First degree within two years'),
    ('ps_degree_in_years_3_4', 'First degree in the third or fourth year'),
    ('ps_degree_in_years_5_6', 'First degree in the fifth or sixth year'),
    ('ps_switched_to_4yr', 'Started at a 2-year college, later at a 4-year'),
    ('ps_switched_to_2yr', 'Started at a 4-year college, later at a 2-year'),
    ('ps_stopped_out', 'Stopped out of college without a credential'),
    ('ps_returned', 'Came back after stopping out'),
    ('ps_goal_four_year_met', 'Planned a 4-year college and enrolled in one'),
    ('ps_summer_melt', 'Planned college, not enrolled in the fall (summer melt)'),
    ('ps_goal_work_no_college', 'Planned work or service: no college enrollment'),
    ('regular_diploma_share', 'Completers with a regular diploma'),
    ('grad_rate', 'Graduation rate (published)'),
    ('ccr_rate', 'College-and-career-ready rate (published)'),
    ('grad_ccr_gap', 'Graduation minus readiness (points)'),
    ('high_grad_low_ccr', 'High graduation, low readiness'),
    ('high_grad_low_ccr_schools', 'Schools with high graduation, low readiness'),
    ('attainment_pct', 'Adults 25-64 with a degree or credential'),
    ('attainment_degree_pct', 'Adults 25-64 with an associate degree or higher'),
    ('attainment_goal', 'Attainment goal'),
    ('attainment_required_pace', 'Yearly gain needed to reach the goal (points)'),
    ('attainment_projection', 'Attainment at the current trend'),
    ('attainment_crossing_year', 'Year the trend reaches the goal'),
    ('attainment_people_gap', 'More adults with a credential needed for the goal')
) as l(indicator, label) using (indicator)
left join (values
    ('ps_persisted', 'ps_enrolled_first_year'),
    ('ps_switched_to_4yr', 'ps_enrolled_fall_2yr'),
    ('ps_switched_to_2yr', 'ps_enrolled_fall_4yr'),
    ('ps_stopped_out', 'ps_enrolled_fall'),
    ('ps_returned', 'ps_stopped_out')
) as w(indicator, denominator_within) using (indicator)
left join (values
    -- graduates revisited every year: a group of every indicator over graduates, or over
    -- graduates with an ISP (the group exists only among them)
    ('isp_revisited_every_year', 'every_year', 'not_every_year', ['graduates', 'graduates with an ISP'])
) as g(indicator, numerator_group, rest_group, groups_within) using (indicator)
left join (values
    ('ps_enrolled_fall_4yr', 'ps_enrolled_fall', 'level'),
    ('ps_enrolled_fall_2yr', 'ps_enrolled_fall', 'level'),
    ('ps_enrolled_fall_in_state', 'ps_enrolled_fall', 'place'),
    ('ps_enrolled_fall_out_of_state', 'ps_enrolled_fall', 'place'),
    ('ps_degree_within_2yr', 'ps_completed_6yr', 'time_to_degree'),
    ('ps_degree_in_years_3_4', 'ps_completed_6yr', 'time_to_degree'),
    ('ps_degree_in_years_5_6', 'ps_completed_6yr', 'time_to_degree')
) as s(indicator, part_of, split) using (indicator)
left join (values
    ('ps_goal_four_year_met', 'ps_enrolled_fall_4yr', ['four_year'], false),
    ('ps_summer_melt', 'ps_enrolled_fall', ['four_year', 'two_year'], true),
    ('ps_goal_work_no_college', 'ps_enrolled_first_year', ['workforce', 'military', 'apprenticeship'], true)
) as o(indicator, goal_of, goal_groups, goal_counts_rest) using (indicator);
