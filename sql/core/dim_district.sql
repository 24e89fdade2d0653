-- core.dim_district
-- One row per district: from the districts file, or from the accountability file for districts
-- it does not list (names as published). Charters are districts of their own.
-- grain: district; key: district_id
-- sources: staging.stg_districts, staging.stg_accountability
create schema if not exists core;

create or replace table core.dim_district as
with from_file as (
    select district_id, name, nces_leaid, locale, county, district_type = 'charter' as is_charter
    from staging.stg_districts
),

from_accountability as (
    select
        district_id,
        arg_max(coalesce(district_name, entity_id), school_year) as name,
        bool_or(is_charter) as is_charter
    from staging.stg_accountability
    where level = 'district'
    group by district_id
),

combined as (
    select
        -- ids
        coalesce(f.district_id, a.district_id) as district_id,
        -- attributes
        coalesce(f.name, a.name) as name,
        f.nces_leaid,
        f.locale,
        f.county,
        coalesce(f.is_charter, a.is_charter, false) as is_charter
    from from_file as f
    full outer join from_accountability as a using (district_id)
)

select * from combined;
