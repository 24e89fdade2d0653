-- staging.stg_schools
-- The schools file, typed with the schools contract; the latest loaded file wins per school and
-- school year.
-- grain: school (x school year when given); keys: school_id, school_year
-- columns:
--   school_id: MDE school id, DDDD-SSS
--   district_id: the school's district number, without leading zeros
--   name: school name
--   has_career_coach: a career coach serves the school (null when the file does not say)
--   school_year: the school year the row applies to (null when the file gives none)
--   grade_high: highest grade the school serves, from the file's grade_high column
--   file_id: the landed file the row comes from (meta.files)
create or replace table staging.stg_schools as
with source as (
    select * from landing.raw.schools where is_loaded_file(file_id)
)
select
    contract_schools_school_id(school_id) as school_id,
    district_number(contract_schools_district_id(district_id)) as district_id,
    contract_schools_name(name) as name,
    contract_schools_has_career_coach(has_career_coach) = 'Y' as has_career_coach,
    contract_schools_school_year(school_year) as school_year,
    try_cast(json_extract_string(extras, '$.grade_high') as integer) as grade_high,
    file_id
from source
qualify row_number() over (
    partition by contract_schools_school_id(school_id), contract_schools_school_year(school_year)
    order by file_id desc, source_row
) = 1;
