-- Generated from pipeline/sources/ (the input contracts) by `pathways macros`: do not edit; edit the source and run it.
-- contract_<kind>_<field>(value): the input contracts as SQL, so staging normalizes with exactly
-- the rules ingest validated with, e.g. contract_students_race_ethnicity('B') = 'black'.
create or replace temp macro contract_nsc_your_unique_identifier(v) as (case
    when length(rtrim(trim(v), '_')) > 64 then null
    when regexp_full_match(rtrim(trim(v), '_'), '[0-9]+') then coalesce(nullif(ltrim(rtrim(trim(v), '_'), '0'), ''), '0')
    when upper(rtrim(trim(v), '_')) in ('', 'N/A') then null
    when regexp_full_match(rtrim(trim(v), '_'), '[0-9]+\.0*')
      then coalesce(nullif(ltrim(split_part(rtrim(trim(v), '_'), '.', 1), '0'), ''), '0')
    when regexp_full_match(upper(rtrim(trim(v), '_')), '[0-9]\.?[0-9]*E\+?[0-9]+') then
      -- every digit shown: the fraction holds at least the exponent's digits, and only zeros past them
      case when length(coalesce(regexp_extract(upper(rtrim(trim(v), '_')), '\.([0-9]*)E', 1), '')) >= try_cast(regexp_extract(upper(rtrim(trim(v), '_')), 'E\+?([0-9]+)', 1) as integer) and regexp_full_match(substr(coalesce(regexp_extract(upper(rtrim(trim(v), '_')), '\.([0-9]*)E', 1), ''), try_cast(regexp_extract(upper(rtrim(trim(v), '_')), 'E\+?([0-9]+)', 1) as integer) + 1), '0*')
        then coalesce(nullif(ltrim(left(rtrim(trim(v), '_'), 1) || left(coalesce(regexp_extract(upper(rtrim(trim(v), '_')), '\.([0-9]*)E', 1), ''), try_cast(regexp_extract(upper(rtrim(trim(v), '_')), 'E\+?([0-9]+)', 1) as integer)), '0'), ''), '0') end
    else upper(rtrim(trim(v), '_'))
  end);
create or replace temp macro contract_nsc_requester_return_field(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 200 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_nsc_record_found(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'y' then 'Y' when 'n' then 'N' when 'yes' then 'Y' when 'no' then 'N' end);
create or replace temp macro contract_nsc_search_date(v) as (coalesce(
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y-%m-%d'), try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%m/%d/%Y'),
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y%m%d'))::date);
create or replace temp macro contract_nsc_high_school_code(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 12 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_nsc_high_school_grad_date(v) as (coalesce(
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y-%m-%d'), try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%m/%d/%Y'),
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y%m%d'))::date);
create or replace temp macro contract_nsc_college_code(v) as (case
        when regexp_full_match(trim(v), '[0-9]{1,6}-[0-9]{2}')
          then lpad(split_part(trim(v), '-', 1), 6, '0') || '-' || split_part(trim(v), '-', 2)
        when regexp_full_match(trim(v), '[0-9]{8}') then left(trim(v), 6) || '-' || right(trim(v), 2)
        else (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 12 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end) end);
create or replace temp macro contract_nsc_college_name(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 200 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_nsc_college_state(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[A-Z]{2}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_nsc_level(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when '4' then '4' when '2' then '2' when 'l' then 'L' when '4-year' then '4' when '4 year' then '4' when '4year' then '4' when 'four-year' then '4' when '2-year' then '2' when '2 year' then '2' when '2year' then '2' when 'two-year' then '2' when 'less than 2 years' then 'L' when 'less than 2 year' then 'L' when 'less than 2-year' then 'L' when '<2 year' then 'L' end);
create or replace temp macro contract_nsc_control(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'public' then 'Public' when 'private' then 'Private' when 'private nonprofit' then 'Private' when 'private not-for-profit' then 'Private' when 'private for-profit' then 'Private' end);
create or replace temp macro contract_nsc_enrollment_begin(v) as (coalesce(
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y-%m-%d'), try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%m/%d/%Y'),
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y%m%d'))::date);
create or replace temp macro contract_nsc_enrollment_end(v) as (coalesce(
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y-%m-%d'), try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%m/%d/%Y'),
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y%m%d'))::date);
create or replace temp macro contract_nsc_enrollment_status(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'f' then 'F' when 'q' then 'Q' when 'h' then 'H' when 'l' then 'L' when 'w' then 'W' when 'a' then 'A' when 'd' then 'D' end);
create or replace temp macro contract_nsc_graduated(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'y' then 'Y' when 'n' then 'N' when 'yes' then 'Y' when 'no' then 'N' end);
create or replace temp macro contract_nsc_graduation_date(v) as (coalesce(
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y-%m-%d'), try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%m/%d/%Y'),
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y%m%d'))::date);
create or replace temp macro contract_nsc_degree_title(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 200 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_nsc_major(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 200 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_nsc_college_sequence(v) as (case when try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) between 0 and 999
        and try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) = floor(try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double))
        then try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double)::integer end);
create or replace temp macro contract_nsc_program_code(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 20 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_students_student_id(v) as (case
    when length(trim(v)) > 64 then null
    when regexp_full_match(trim(v), '[0-9]+') then coalesce(nullif(ltrim(trim(v), '0'), ''), '0')
    when upper(trim(v)) in ('', 'N/A') then null
    when regexp_full_match(trim(v), '[0-9]+\.0*')
      then coalesce(nullif(ltrim(split_part(trim(v), '.', 1), '0'), ''), '0')
    when regexp_full_match(upper(trim(v)), '[0-9]\.?[0-9]*E\+?[0-9]+') then
      -- every digit shown: the fraction holds at least the exponent's digits, and only zeros past them
      case when length(coalesce(regexp_extract(upper(trim(v)), '\.([0-9]*)E', 1), '')) >= try_cast(regexp_extract(upper(trim(v)), 'E\+?([0-9]+)', 1) as integer) and regexp_full_match(substr(coalesce(regexp_extract(upper(trim(v)), '\.([0-9]*)E', 1), ''), try_cast(regexp_extract(upper(trim(v)), 'E\+?([0-9]+)', 1) as integer) + 1), '0*')
        then coalesce(nullif(ltrim(left(trim(v), 1) || left(coalesce(regexp_extract(upper(trim(v)), '\.([0-9]*)E', 1), ''), try_cast(regexp_extract(upper(trim(v)), 'E\+?([0-9]+)', 1) as integer)), '0'), ''), '0') end
    else upper(trim(v))
  end);
create or replace temp macro contract_students_school_year(v) as (case when try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) between 1990 and 2100
        and try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) = floor(try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double))
        then try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double)::integer end);
create or replace temp macro contract_students_district_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{1,4}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_students_school_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{1,4}-[0-9]{3}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_students_grade(v) as (case
    when regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', '') in ('pk', 'prek', 'pre-k', 'pre-kindergarten', 'prekindergarten') then 'PK'
    when regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', '') in ('k', 'kg', 'kindergarten', '0', '00') then 'K'
    when regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', '') in ('13', 'ug', 'ungraded') then 'UG'
    when regexp_full_match(regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', ''), '0?([1-9]|1[0-2])') then ltrim(regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', ''), '0')
  end);
create or replace temp macro contract_students_race_ethnicity(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'hispanic' then 'hispanic' when 'american_indian' then 'american_indian' when 'asian' then 'asian' when 'black' then 'black' when 'pacific_islander' then 'pacific_islander' when 'white' then 'white' when 'two_or_more' then 'two_or_more' when 'h' then 'hispanic' when 'hispanic or latino' then 'hispanic' when 'latino' then 'hispanic' when 'i' then 'american_indian' when 'american indian' then 'american_indian' when 'american indian or alaska native' then 'american_indian' when 'a' then 'asian' when 'b' then 'black' when 'black or african american' then 'black' when 'african american' then 'black' when 'p' then 'pacific_islander' when 'native hawaiian or other pacific islander' then 'pacific_islander' when 'pacific islander' then 'pacific_islander' when 'w' then 'white' when 'm' then 'two_or_more' when 't' then 'two_or_more' when 'two or more races' then 'two_or_more' when 'two or more' then 'two_or_more' when 'multiracial' then 'two_or_more' when 'multi-racial' then 'two_or_more' when 'black/african american' then 'black' when 'native american' then 'american_indian' when 'alaska native' then 'american_indian' when 'american indian/alaska native' then 'american_indian' when 'asian american' then 'asian' when 'native hawaiian/other pacific islander' then 'pacific_islander' when 'native hawaiian' then 'pacific_islander' when 'hispanic/latino' then 'hispanic' end);
create or replace temp macro contract_students_sex(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'f' then 'F' when 'm' then 'M' when 'x' then 'X' when 'female' then 'F' when 'male' then 'M' when 'u' then 'X' when 'not reported' then 'X' when 'non-binary' then 'X' when 'nonbinary' then 'X' end);
create or replace temp macro contract_students_econ_disadvantaged(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'y' then 'Y' when 'n' then 'N' when '0' then 'N' when '1' then 'Y' when 'true' then 'Y' when 'false' then 'N' when 'yes' then 'Y' when 'no' then 'N' when 't' then 'Y' when 'f' then 'N' end);
create or replace temp macro contract_students_english_learner(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'y' then 'Y' when 'n' then 'N' when '0' then 'N' when '1' then 'Y' when 'true' then 'Y' when 'false' then 'N' when 'yes' then 'Y' when 'no' then 'N' when 't' then 'Y' when 'f' then 'N' end);
create or replace temp macro contract_students_iep(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'y' then 'Y' when 'n' then 'N' when '0' then 'N' when '1' then 'Y' when 'true' then 'Y' when 'false' then 'N' when 'yes' then 'Y' when 'no' then 'N' when 't' then 'Y' when 'f' then 'N' end);
create or replace temp macro contract_students_exit_code(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'enrolled' then 'enrolled' when 'graduated' then 'graduated' when 'transferred_in_state' then 'transferred_in_state' when 'transferred_out' then 'transferred_out' when 'dropped_out' then 'dropped_out' when 'other' then 'other' end);
create or replace temp macro contract_students_diploma_date(v) as (coalesce(
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y-%m-%d'), try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%m/%d/%Y'),
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y%m%d'))::date);
create or replace temp macro contract_students_diploma_type(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'regular' then 'regular' when 'alternate' then 'alternate' when 'certificate' then 'certificate' when 'other' then 'other' end);
create or replace temp macro contract_students_ccr_met(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'y' then 'Y' when 'n' then 'N' when '0' then 'N' when '1' then 'Y' when 'true' then 'Y' when 'false' then 'N' when 'yes' then 'Y' when 'no' then 'N' when 't' then 'Y' when 'f' then 'N' end);
create or replace temp macro contract_students_act_composite(v) as (case when try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) between 1 and 36
        and try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) = floor(try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double))
        then try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double)::integer end);
create or replace temp macro contract_students_days_enrolled(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 366
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_students_days_absent(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 366
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_assessments_student_id(v) as (case
    when length(trim(v)) > 64 then null
    when regexp_full_match(trim(v), '[0-9]+') then coalesce(nullif(ltrim(trim(v), '0'), ''), '0')
    when upper(trim(v)) in ('', 'N/A') then null
    when regexp_full_match(trim(v), '[0-9]+\.0*')
      then coalesce(nullif(ltrim(split_part(trim(v), '.', 1), '0'), ''), '0')
    when regexp_full_match(upper(trim(v)), '[0-9]\.?[0-9]*E\+?[0-9]+') then
      -- every digit shown: the fraction holds at least the exponent's digits, and only zeros past them
      case when length(coalesce(regexp_extract(upper(trim(v)), '\.([0-9]*)E', 1), '')) >= try_cast(regexp_extract(upper(trim(v)), 'E\+?([0-9]+)', 1) as integer) and regexp_full_match(substr(coalesce(regexp_extract(upper(trim(v)), '\.([0-9]*)E', 1), ''), try_cast(regexp_extract(upper(trim(v)), 'E\+?([0-9]+)', 1) as integer) + 1), '0*')
        then coalesce(nullif(ltrim(left(trim(v), 1) || left(coalesce(regexp_extract(upper(trim(v)), '\.([0-9]*)E', 1), ''), try_cast(regexp_extract(upper(trim(v)), 'E\+?([0-9]+)', 1) as integer)), '0'), ''), '0') end
    else upper(trim(v))
  end);
create or replace temp macro contract_assessments_school_year(v) as (case when try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) between 1990 and 2100
        and try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) = floor(try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double))
        then try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double)::integer end);
create or replace temp macro contract_assessments_grade(v) as (case
    when regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', '') in ('pk', 'prek', 'pre-k', 'pre-kindergarten', 'prekindergarten') then 'PK'
    when regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', '') in ('k', 'kg', 'kindergarten', '0', '00') then 'K'
    when regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', '') in ('13', 'ug', 'ungraded') then 'UG'
    when regexp_full_match(regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', ''), '0?([1-9]|1[0-2])') then ltrim(regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', ''), '0')
  end);
create or replace temp macro contract_assessments_subject(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'math' then 'math' when 'ela' then 'ela' when 'mathematics' then 'math' when 'english language arts' then 'ela' when 'english/language arts' then 'ela' end);
create or replace temp macro contract_assessments_scale_score(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 100000
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_assessments_raw_score(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 100000
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_assessments_achievement_level(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when '1' then '1' when '2' then '2' when '3' then '3' when '4' then '4' when '5' then '5' when 'minimal' then '1' when 'basic' then '2' when 'passing' then '3' when 'proficient' then '4' when 'advanced' then '5' end);
create or replace temp macro contract_assessments_district_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{1,4}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_assessments_school_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{1,4}-[0-9]{3}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_plans_student_id(v) as (case
    when length(trim(v)) > 64 then null
    when regexp_full_match(trim(v), '[0-9]+') then coalesce(nullif(ltrim(trim(v), '0'), ''), '0')
    when upper(trim(v)) in ('', 'N/A') then null
    when regexp_full_match(trim(v), '[0-9]+\.0*')
      then coalesce(nullif(ltrim(split_part(trim(v), '.', 1), '0'), ''), '0')
    when regexp_full_match(upper(trim(v)), '[0-9]\.?[0-9]*E\+?[0-9]+') then
      -- every digit shown: the fraction holds at least the exponent's digits, and only zeros past them
      case when length(coalesce(regexp_extract(upper(trim(v)), '\.([0-9]*)E', 1), '')) >= try_cast(regexp_extract(upper(trim(v)), 'E\+?([0-9]+)', 1) as integer) and regexp_full_match(substr(coalesce(regexp_extract(upper(trim(v)), '\.([0-9]*)E', 1), ''), try_cast(regexp_extract(upper(trim(v)), 'E\+?([0-9]+)', 1) as integer) + 1), '0*')
        then coalesce(nullif(ltrim(left(trim(v), 1) || left(coalesce(regexp_extract(upper(trim(v)), '\.([0-9]*)E', 1), ''), try_cast(regexp_extract(upper(trim(v)), 'E\+?([0-9]+)', 1) as integer)), '0'), ''), '0') end
    else upper(trim(v))
  end);
create or replace temp macro contract_plans_event_date(v) as (coalesce(
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y-%m-%d'), try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%m/%d/%Y'),
        try_strptime(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%Y%m%d'))::date);
create or replace temp macro contract_plans_district_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{1,4}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_plans_school_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{1,4}-[0-9]{3}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_plans_grade(v) as (case
    when regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', '') in ('pk', 'prek', 'pre-k', 'pre-kindergarten', 'prekindergarten') then 'PK'
    when regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', '') in ('k', 'kg', 'kindergarten', '0', '00') then 'K'
    when regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', '') in ('13', 'ug', 'ungraded') then 'UG'
    when regexp_full_match(regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', ''), '0?([1-9]|1[0-2])') then ltrim(regexp_replace(regexp_replace(lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end), '^(grade|gr\.?)\s*', ''), '(st|nd|rd|th)$', ''), '0')
  end);
create or replace temp macro contract_plans_event(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'created' then 'created' when 'revised' then 'revised' when 'reviewed' then 'reviewed' when 'transferred_in' then 'transferred_in' end);
create or replace temp macro contract_plans_staff_role(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'counselor' then 'counselor' when 'career_coach' then 'career_coach' when 'teacher' then 'teacher' when 'other' then 'other' end);
create or replace temp macro contract_plans_parent_participated(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'y' then 'Y' when 'n' then 'N' when '0' then 'N' when '1' then 'Y' when 'true' then 'Y' when 'false' then 'N' when 'yes' then 'Y' when 'no' then 'N' when 't' then 'Y' when 'f' then 'N' end);
create or replace temp macro contract_plans_career_cluster(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 100 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_plans_postsecondary_goal(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'four_year' then 'four_year' when 'two_year' then 'two_year' when 'certificate' then 'certificate' when 'apprenticeship' then 'apprenticeship' when 'military' then 'military' when 'workforce' then 'workforce' when 'undecided' then 'undecided' end);
create or replace temp macro contract_plans_endorsement(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'traditional' then 'traditional' when 'career_technical' then 'career_technical' when 'academic' then 'academic' when 'distinguished_academic' then 'distinguished_academic' end);
create or replace temp macro contract_accountability_level(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'state' then 'state' when 'district' then 'district' when 'school' then 'school' end);
create or replace temp macro contract_accountability_entity_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^([0-9]{1,4}|[0-9]{1,4}-[0-9]{3}|[A-Z]{2})$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_accountability_school_year(v) as (case when try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) between 1990 and 2100
        and try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) = floor(try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double))
        then try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double)::integer end);
create or replace temp macro contract_accountability_grad_rate(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 100
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_accountability_ccr_rate(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 100
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_accountability_acceleration_rate(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 100
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_accountability_grade(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 3 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_accountability_total_points(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 1000
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_accountability_subgroup(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 60 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_goals_goal_year(v) as (case when try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) between 1990 and 2100
        and try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) = floor(try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double))
        then try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double)::integer end);
create or replace temp macro contract_goals_attainment_pct(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 100
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_goals_definition(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'credential' then 'credential' when 'degree' then 'degree' end);
create or replace temp macro contract_goals_age_band(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 20 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_goals_source(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 300 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_attainment_year(v) as (case when try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) between 1990 and 2100
        and try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) = floor(try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double))
        then try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double)::integer end);
create or replace temp macro contract_attainment_attainment_pct(v) as (case when try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) between 0 and 100
        then try_cast(replace(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '%', '') as double) end);
create or replace temp macro contract_attainment_definition(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'credential' then 'credential' when 'degree' then 'degree' end);
create or replace temp macro contract_attainment_age_band(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 20 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_attainment_source(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 300 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_attainment_population_25_64(v) as (case when try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) between 0 and 1000000000
        and try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) = floor(try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double))
        then try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double)::integer end);
create or replace temp macro contract_schools_school_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{1,4}-[0-9]{3}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_schools_district_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{1,4}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_schools_name(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 200 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_schools_has_career_coach(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'y' then 'Y' when 'n' then 'N' when '0' then 'N' when '1' then 'Y' when 'true' then 'Y' when 'false' then 'N' when 'yes' then 'Y' when 'no' then 'N' when 't' then 'Y' when 'f' then 'N' end);
create or replace temp macro contract_schools_school_year(v) as (case when try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) between 1990 and 2100
        and try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double) = floor(try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double))
        then try_cast(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end as double)::integer end);
create or replace temp macro contract_districts_district_id(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{1,4}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_districts_name(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 200 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_districts_nces_leaid(v) as (case when regexp_full_match(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end, '^[0-9]{7}$') then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
create or replace temp macro contract_districts_locale(v) as (case lower(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) when 'city' then 'city' when 'suburb' then 'suburb' when 'town' then 'town' when 'rural' then 'rural' end);
create or replace temp macro contract_districts_county(v) as (case when length(case when upper(trim(v)) not in ('', 'N/A') then trim(v) end) <= 100 then case when upper(trim(v)) not in ('', 'N/A') then trim(v) end end);
