-- staging.stg_districts, staging.stg_schools, staging.stg_attainment
-- The small reference kinds, typed, latest file wins per key.
-- grain: district; school (x school year when given); year x definition x age band
-- sources: landing.raw.districts, landing.raw.schools, landing.raw.attainment (files with status loaded)
create or replace table staging.stg_districts as
with source as (
    select * from landing.raw.districts where is_loaded_file(file_id)
)
select
    district_number(contract_districts_district_id(district_id)) as district_id,
    contract_districts_name(name) as name,
    contract_districts_nces_leaid(nces_leaid) as nces_leaid,
    contract_districts_locale(locale) as locale,
    contract_districts_county(county) as county,
    json_extract_string(extras, '$.district_type') as district_type,
    json_extract_string(extras, '$.data_origin') as data_origin,
    file_id
from source
qualify row_number() over (partition by district_number(contract_districts_district_id(district_id)) order by file_id desc, source_row) = 1;

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

create or replace table staging.stg_attainment as
with source as (
    select * from landing.raw.attainment where is_loaded_file(file_id)
)
select
    contract_attainment_year(year) as year,
    contract_attainment_attainment_pct(attainment_pct) as attainment_pct,
    contract_attainment_definition(definition) as definition,
    contract_attainment_age_band(age_band) as age_band,
    contract_attainment_source(source) as source,
    contract_attainment_population_25_64(population_25_64) as population_25_64,
    file_id
from source
qualify row_number() over (
    partition by contract_attainment_year(year), contract_attainment_definition(definition), contract_attainment_age_band(age_band)
    order by file_id desc, source_row
) = 1;
