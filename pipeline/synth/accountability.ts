// Accountability results computed from the synthetic student records, as tables in the
// generator's database: mde-workbook.ts writes them as MDE's "accountability media file" XLSX
// (one per accountability year) and files.ts as the normalized CSV. Accountability year A reports
// the graduation and CCR rates of the class of A-1. Columns the model does not drive
// (proficiency, growth...) are plausible filler with no structure.
import type { Db } from "../warehouse/connection.ts";

/** Rates for fewer students than this are not reported (ǂ in the MDE file, empty in the CSV). */
export const MIN_REPORTED = 10;

export async function createAccountability(db: Db): Promise<void> {
  await db.run(`
    -- the four-year cohort: students by expected class, attributed to the last school and district
    -- where they were enrolled, less those who left the state
    create table cohort_members as
    with last_record as (
      select y.i, y.district_id, y.school_id
      from student_years y join students s using (i)
      where s.fate <> 'transferred_out'
      qualify row_number() over (partition by y.i order by y.school_year desc) = 1
    )
    select s.i, s.cohort_class, l.district_id, l.school_id,
      s.fate = 'on_time' and s.cohort_class <= (select max(school_year) from student_years) as on_time_graduate,
      s.ccr_met and s.fate = 'on_time' as ccr_met_graduate
    from students s join last_record l using (i);

    create table accountability_rates as
    with by_level as (
      select 'district' as level, district_id::varchar as entity_id, cohort_class + 1 as school_year,
        count(*) as cohort, count(*) filter (where on_time_graduate) as graduates,
        count(*) filter (where ccr_met_graduate) as ccr_met
      from cohort_members group by all
      union all
      select 'school', school_id, cohort_class + 1, count(*), count(*) filter (where on_time_graduate),
        count(*) filter (where ccr_met_graduate)
      from cohort_members where school_id in (select school_id from schools where level = 'high') group by all
    )
    select *,
      case when cohort >= ${MIN_REPORTED} then round(100.0 * graduates / cohort, 1) end as grad_rate,
      case when graduates >= ${MIN_REPORTED} then round(100.0 * ccr_met / graduates, 1) end as ccr_rate
    from by_level;

    -- filler components, driven loosely by the district's CCR effect so the sheet looks coherent
    create table accountability_filler as
    with entities as (
      select 'district' as level, district_id::varchar as entity_id, eff_ccr, charter from districts
      union all
      select 'school', s.school_id, d.eff_ccr, d.charter from schools s join districts d using (district_id)
    ),
    years as (select distinct school_year from accountability_rates)
    select e.level, e.entity_id, y.school_year, e.charter,
      round(least(99, greatest(5, 45 + 14 * e.eff_ccr + 6 * zn(hash(e.entity_id, y.school_year), 'read'))), 1) as reading,
      round(least(99, greatest(5, 50 + 15 * e.eff_ccr + 6 * zn(hash(e.entity_id, y.school_year), 'math'))), 1) as math,
      round(least(99, greatest(5, 60 + 14 * e.eff_ccr + 7 * zn(hash(e.entity_id, y.school_year), 'hist'))), 1) as history,
      round(least(99, greatest(5, 55 + 14 * e.eff_ccr + 7 * zn(hash(e.entity_id, y.school_year), 'sci'))), 1) as science,
      round(least(99, greatest(20, 62 + 6 * e.eff_ccr + 5 * zn(hash(e.entity_id, y.school_year), 'rg'))), 1) as reading_growth,
      round(least(99, greatest(20, 68 + 6 * e.eff_ccr + 5 * zn(hash(e.entity_id, y.school_year), 'mg'))), 1) as math_growth,
      round(least(99, greatest(20, 55 + 5 * zn(hash(e.entity_id, y.school_year), 'rlg'))), 1) as reading_low_growth,
      round(least(99, greatest(20, 62 + 5 * zn(hash(e.entity_id, y.school_year), 'mlg'))), 1) as math_low_growth,
      round(least(99, greatest(5, 45 + 8 * zn(hash(e.entity_id, y.school_year), 'el'))), 1) as el_progress,
      round(least(99, greatest(5, 55 + 12 * e.eff_ccr + 8 * zn(hash(e.entity_id, y.school_year), 'acc'))), 1) as acceleration,
      u(hash(e.entity_id, y.school_year), 'participation') < 0.03 as low_participation
    from entities e, years y;
  `);
}
