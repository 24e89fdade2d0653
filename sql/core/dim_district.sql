-- core.dim_district
-- One row per district: from the districts file; for districts it does not list, from the
-- accountability file (names as published) or, failing both, from the student records (id only,
-- so that every student-year points at a district). Charters are districts of their own.
-- grain: district; key: district_id
-- columns:
--   district_id: MDE district number
--   name: district name (districts file, else as published in the accountability file)
--   nces_leaid: NCES local education agency id
--   locale: NCES locale group: city, suburb, town or rural
--   county: county name
--   is_charter: a charter school, reported by MDE as a district of its own
--   listed_in: where the district is known from: districts file, accountability, or student records only
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

from_records as (
    select distinct district_id from staging.stg_students
    union
    select distinct district_id from staging.stg_schools
),

combined as (
    select
        -- ids
        coalesce(f.district_id, a.district_id, s.district_id) as district_id,
        -- attributes
        coalesce(f.name, a.name) as name,
        f.nces_leaid,
        f.locale,
        f.county,
        coalesce(f.is_charter, a.is_charter, false) as is_charter,
        case
            when f.district_id is not null then 'districts file'
            when a.district_id is not null then 'accountability'
            else 'student records only'
        end as listed_in
    from from_file as f
    full outer join from_accountability as a using (district_id)
    full outer join from_records as s using (district_id)
)

select * from combined;
