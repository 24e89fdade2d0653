-- marts.districts
-- The district directory the dashboard and the public release show: names and descriptions only,
-- no student counts, so it may be published as it is.
-- grain: district; key: district_id
-- columns:
--   district_id: MDE district number
--   name: district name (districts file, else as published in the accountability file; null when known from student records only)
--   locale: NCES locale group: city, suburb, town or rural; unknown when the districts file has none
--   county: county name
--   is_charter: a charter school, which MDE reports as a district of its own (no published district rates)
--   schools: schools of the district in core.dim_school
create or replace table marts.districts as
with school_counts as (
    select district_id, count(*) as schools
    from core.dim_school
    group by district_id
)

select
    d.district_id,
    d.name,
    coalesce(d.locale, 'unknown') as locale,
    d.county,
    d.is_charter,
    coalesce(s.schools, 0) as schools
from core.dim_district as d
left join school_counts as s using (district_id)
order by d.district_id;
