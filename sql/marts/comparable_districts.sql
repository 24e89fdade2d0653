-- marts.comparable_districts
-- For each district, the ten districts most like it in whom they serve (as Massachusetts' DART
-- chooses comparison districts): distance over standardized traits (intermediate.district_traits: last five school years;
-- log yearly enrollment, shares economically disadvantaged, English learners, with an IEP, Black,
-- Hispanic), plus one standard deviation when the locale differs. Traits are the exact ones of
-- core.fact_student_year; only the ranking is published. Charter schools (districts of their own)
-- are compared with charters only.
-- grain: district x comparable district; keys: district_id, comparable_id
-- columns:
--   district_id: MDE district number
--   comparable_id: a comparable district
--   rank: 1 for the most similar; ties go to the lower district number
--   distance: Euclidean distance over the standardized traits (0: identical)
create or replace table marts.comparable_districts as
with traits as (
    select
        district_id,
        ln(enrollment) as log_enrollment,
        econ / student_years as econ,
        el / student_years as el,
        iep / student_years as iep,
        black / student_years as black,
        hispanic / student_years as hispanic
    from intermediate.district_traits
),

standardized as (
    -- z-scores across districts; a trait every district shares contributes nothing
    select
        t.district_id,
        coalesce(d.locale, 'unknown') as locale,
        coalesce(d.is_charter, false) as is_charter,
        coalesce((t.log_enrollment - avg(t.log_enrollment) over ()) / nullif(stddev_pop(t.log_enrollment) over (), 0), 0) as z_enrollment,
        coalesce((t.econ - avg(t.econ) over ()) / nullif(stddev_pop(t.econ) over (), 0), 0) as z_econ,
        coalesce((t.el - avg(t.el) over ()) / nullif(stddev_pop(t.el) over (), 0), 0) as z_el,
        coalesce((t.iep - avg(t.iep) over ()) / nullif(stddev_pop(t.iep) over (), 0), 0) as z_iep,
        coalesce((t.black - avg(t.black) over ()) / nullif(stddev_pop(t.black) over (), 0), 0) as z_black,
        coalesce((t.hispanic - avg(t.hispanic) over ()) / nullif(stddev_pop(t.hispanic) over (), 0), 0) as z_hispanic
    from traits as t
    left join marts.districts as d using (district_id)
),

pairs as (
    select
        a.district_id,
        b.district_id as comparable_id,
        sqrt(
            (a.z_enrollment - b.z_enrollment) ** 2 + (a.z_econ - b.z_econ) ** 2 + (a.z_el - b.z_el) ** 2
            + (a.z_iep - b.z_iep) ** 2 + (a.z_black - b.z_black) ** 2 + (a.z_hispanic - b.z_hispanic) ** 2
            + case when a.locale <> b.locale then 1 else 0 end
        ) as distance
    from standardized as a
    join standardized as b on b.district_id <> a.district_id and b.is_charter = a.is_charter
)

select district_id, comparable_id, rank, distance
from (
    select *, row_number() over (partition by district_id order by distance, comparable_id) as rank
    from pairs
)
where rank <= 10
order by district_id, rank;
