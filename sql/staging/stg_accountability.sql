-- staging.stg_accountability
-- Published accountability results, typed, one row per entity, school year and subgroup, from
-- the files currently loaded (a newer version of the same period replaces the older one).
-- grain: level x entity_id x school_year x subgroup
-- keys:  level, entity_id, school_year, subgroup
-- A media file repeats earlier years (its Summary covers three); the same entity, year and
-- subgroup in two loaded files is kept once, from the file landed last.
-- Charters: MDE reports each charter school both as a district (its CCR and graduation rates
-- "N/A") and as a school; is_charter marks both rows so the district row is never read as a
-- district without results.
-- columns:
--   grad_rate_marker: what the file printed instead of a graduation rate (N/A, a suppression mark)
--   ccr_rate_marker: what the file printed instead of a CCR rate
--   district_name: district name as the file publishes it
--   school_name: school name as the file publishes it
--   file_id: the landed file the row comes from (meta.files)
--   source_row: spreadsheet row number of the row in that file (header = 1)
--   district_id: the district: the entity for a district row, the first four digits of the school id for a school row (null for the state)
--   is_charter: a charter school, which MDE reports both as a district and as a school
create or replace table staging.stg_accountability as
with source as (
    select *
    from landing.raw.accountability
    where is_loaded_file(file_id)
),

renamed as (
    select
        -- ids
        lower(trim(level)) as level,
        case when lower(trim(level)) = 'district' then district_number(entity_id) else trim(entity_id) end as entity_id,
        cast(school_year as integer) as school_year,
        coalesce(nullif(trim(subgroup), ''), 'all') as subgroup,
        -- rates, percent 0-100 (null where the file reports none)
        try_cast(replace(grad_rate, '%', '') as double) as grad_rate,
        try_cast(replace(ccr_rate, '%', '') as double) as ccr_rate,
        try_cast(replace(acceleration_rate, '%', '') as double) as acceleration_rate,
        -- accountability results
        nullif(trim(grade), '') as grade,
        try_cast(total_points as double) as total_points,
        -- what the file said instead of a rate (N/A, ǂ, *)
        json_extract_string(extras, '$.grad_rate_marker') as grad_rate_marker,
        json_extract_string(extras, '$.ccr_rate_marker') as ccr_rate_marker,
        -- names as published
        json_extract_string(extras, '$."District Name"') as district_name,
        json_extract_string(extras, '$."School Name"') as school_name,
        -- lineage
        file_id,
        source_row
    from source
),

charter_districts as (
    select distinct entity_id as district_id
    from renamed
    where level = 'district' and district_name ilike '%charter%'
),

flagged as (
    select
        r.*,
        case r.level
            when 'district' then r.entity_id
            when 'school' then district_number(split_part(r.entity_id, '-', 1))
        end as district_id,
        coalesce(r.level in ('district', 'school') and district_number(split_part(r.entity_id, '-', 1)) in (
            select district_id from charter_districts
        ), false) as is_charter
    from renamed as r
),

deduplicated as (
    select *
    from flagged
    qualify row_number() over (
        partition by level, entity_id, school_year, subgroup order by file_id desc, source_row
    ) = 1
)

select * from deduplicated;
