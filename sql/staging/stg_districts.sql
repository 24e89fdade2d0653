-- staging.stg_districts
-- The districts file, typed with the districts contract; the latest loaded file wins per district.
-- grain: district; key: district_id
-- columns:
--   district_id: MDE district number, without leading zeros
--   name: district name
--   nces_leaid: NCES local education agency id
--   locale: NCES locale group: city, suburb, town or rural
--   county: county name
--   district_type: what the file calls the district (e.g. charter), from its district_type column
--   data_origin: where the file says its data come from (synthetic for the generated state)
--   file_id: the landed file the row comes from (meta.files)
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
