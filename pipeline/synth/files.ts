// Writing the synthetic state in the input formats of CONTRACTS.md section 1. DuckDB writes
// the large files itself (COPY ... ORDER BY), so rows never pass through JavaScript.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import { LEVEL_NAMES } from "./assessments.ts";
import {
  dialectFor,
  NSC_COLLEGES_COLUMNS,
  NSC_COLUMNS,
  NSC_HEADER_VARIANTS,
  type NscDialect,
} from "./nsc.ts";

const yn = (column: string) => `case when ${column} then 'Y' when not ${column} then 'N' end`;

async function copyCsv(db: Db, query: string, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await db.run(`copy (${query}) to ${sqlString(file)} (format csv, header true, delimiter ',', quote '"')`);
}

/**
 * Student-year records. With grades "K-12", students who were in the state before grade 7 also
 * have their pre-K (some) to grade-6 years, in an elementary school of their first district, with
 * grades written as a K-12 extract writes them (PK, KG, 01-12). About 1 row in 500 is written
 * twice, every field equal, as extracts that join two tables do.
 */
export async function writeStudents(db: Db, out: string, grades: "7-12" | "K-12" = "7-12"): Promise<string> {
  const file = path.join(out, "students.csv");
  const early =
    grades === "K-12"
      ? `union all
     select s.i, s.student_id, s.cohort_class - 12 + g as school_year, s.first_district_id as district_id,
       s.first_district_id || '-600' as school_id, g as grade, s.race_ethnicity, s.sex,
       s.econ as econ_disadvantaged, s.el as english_learner, s.iep, 'enrolled' as exit_code,
       null as diploma_date, null as diploma_type, null as ccr_met, null as act_composite,
       180 as days_enrolled, round(180 * sigmoid(-2.75 - 0.45 * s.z + 0.5 * zn(hash(s.i, g), 'absent')), 1) as days_absent
     from students s, range(-1, 7) t(g)
     where s.entry_grade = 7 and (g >= 0 or u(s.i, 'prek') < 0.3)`
      : "";
  const grade =
    grades === "K-12"
      ? `case y.grade when -1 then 'PK' when 0 then 'KG' else lpad(y.grade::varchar, 2, '0') end`
      : "y.grade";
  await copyCsv(
    db,
    `with years as (
       select i, student_id, school_year, district_id, school_id, grade, race_ethnicity, sex, econ_disadvantaged,
         english_learner, iep, exit_code, diploma_date, diploma_type, ccr_met, act_composite,
         days_enrolled, days_absent
       from student_years ${early}
     ),
     doubled as (
       select * from years union all select * from years where hash(i, school_year, 'twice') % 500 = 0
     )
     select y.student_id,
       -- direct identifiers as a state extract carries them; ingest must drop them
       synthetic_first_name(y.i) as first_name, synthetic_last_name(y.i) as last_name,
       strftime(make_date(s.cohort_class - 18, (1 + hash(y.i, 'bm') % 12)::int, (1 + hash(y.i, 'bd') % 28)::int), '%Y-%m-%d') as birth_date,
       y.school_year, y.district_id, y.school_id, ${grade} as grade, y.race_ethnicity, y.sex,
       ${yn("y.econ_disadvantaged")} as econ_disadvantaged, ${yn("y.english_learner")} as english_learner,
       ${yn("y.iep")} as iep, y.exit_code, strftime(y.diploma_date, '%Y-%m-%d') as diploma_date, y.diploma_type,
       ${yn("y.ccr_met")} as ccr_met, y.act_composite, y.days_enrolled, y.days_absent
     from doubled y join students s using (i)
     order by y.student_id, y.school_year`,
    file,
  );
  return file;
}

/**
 * Grade 7 and 8 assessment results, one file per school year, in two layouts: odd years as the
 * Strategic Data Project's Student_Test_Scores (sid, school_year, grade_level, test_subject,
 * raw_score, scaled_score), even years with the contract's names, district and school, subjects
 * spelled out and achievement levels as words.
 */
export async function writeAssessments(db: Db, out: string): Promise<string[]> {
  const years = (
    await db.all<{ y: number }>("select distinct school_year::int as y from assessments order by 1")
  ).map((r) => r.y);
  const levels = LEVEL_NAMES.map((name, k) => `when ${k + 1} then '${name}'`).join(" ");
  const files: string[] = [];
  for (const year of years) {
    const file = path.join(out, "assessments", `assessments_${year}.csv`);
    const select =
      year % 2 === 1
        ? `student_id as sid, school_year, grade as grade_level,
           case subject when 'math' then 'Math' else 'ELA' end as test_subject, raw_score, scale_score as scaled_score`
        : `student_id, school_year, district_id, school_id, grade,
           case subject when 'math' then 'Mathematics' else 'English Language Arts' end as subject,
           scale_score, case achievement_level ${levels} end as achievement_level`;
    await copyCsv(
      db,
      `select ${select} from assessments where school_year = ${year} order by student_id, subject`,
      file,
    );
    files.push(file);
  }
  return files;
}

export async function writePlans(db: Db, out: string): Promise<string> {
  const file = path.join(out, "plans.csv");
  await copyCsv(
    db,
    // about 1 event in 400 written twice, every field equal (loaded once)
    `with doubled as (
       select * from plan_events union all select * from plan_events where hash(i, event_date, event, 'twice') % 400 = 0
     )
     select student_id, strftime(event_date, '%Y-%m-%d') as event_date, district_id, school_id, grade, event,
       staff_role, ${yn("parent_participated")} as parent_participated, career_cluster, postsecondary_goal, endorsement
     from doubled
     order by all`,
    file,
  );
  return file;
}

/** One NSC column as a dialect writes it (`c` names a column of nsc_rows). */
function nscValue(column: string, d: NscDialect): string {
  const c = `"${column}"`;
  if (column === "YOUR_UNIQUE_IDENTIFIER" && d.trailingUnderscore)
    return `case when hash(i, 'underscore') % 5 = 0 then ${c} || '_' else ${c} end`;
  if (column === "2-YEAR/4-YEAR" && d.spelled)
    return `case ${c} when '4' then '4-year' when '2' then '2-year' when 'L' then 'Less than 2 years' else ${c} end`;
  if (column === "PUBLIC/PRIVATE" && d.spelled) return `upper(${c})`;
  if (column === "COLLEGE_CODE/BRANCH" && d.lostZeros) return `ltrim(${c}, '0')`;
  if (/DATE|BEGIN|END$/.test(column) && d.usDates)
    return `case when ${c} = '' then 'N/A' else strftime(strptime(${c}, '%Y%m%d'), '%m/%d/%Y') end`;
  return c;
}

function nscSelect(d: NscDialect, gradClass: number): string {
  const value = (column: string) => `nullif(${nscValue(column, d)}, '')`;
  if (d.layout === "colleges") {
    // the colleges layout: no high-school columns, a search date, majors and CIP codes
    const from: Record<string, string> = {
      "Middle Initial": `left("MIDDLE_NAME", 1)`,
      "Search Date": `'${gradClass}0601'`,
      "Degree Major 1": value("MAJOR"),
      "Degree CIP 1": value("PROGRAM_CODE"),
    };
    return NSC_COLLEGES_COLUMNS.map((name) => {
      const same = NSC_COLUMNS[NSC_HEADER_VARIANTS.spaced?.indexOf(name) ?? -1];
      return `${from[name] ?? (same ? value(same) : "null")} as "${name}"`;
    }).join(", ");
  }
  const header = NSC_HEADER_VARIANTS[d.header] as readonly string[];
  const columns = NSC_COLUMNS.map((c, k) => `${value(c)} as "${header[k]}"`);
  if (d.layout === "high_schools_25")
    return [`${gradClass} as "Reporting_Year"`, ...columns, `district_id as "LEA"`].join(", ");
  return columns.join(", ");
}

export async function writeNsc(db: Db, out: string, classes: number[]): Promise<string[]> {
  const files: string[] = [];
  for (const gradClass of classes) {
    const dialect = dialectFor(gradClass);
    const file = path.join(out, "nsc", `nsc_detail_class_${gradClass}.csv`);
    // empty fields are written empty (NULL), as NSC writes them, not as quoted ""
    await copyCsv(
      db,
      `select ${nscSelect(dialect, gradClass)} from nsc_rows where grad_class = ${gradClass}
       order by "YOUR_UNIQUE_IDENTIFIER", submission, seq`,
      file,
    );
    files.push(file);
  }
  return files;
}

export async function writeOrgs(db: Db, out: string, grades: "7-12" | "K-12" = "7-12"): Promise<string[]> {
  const districts = path.join(out, "districts.csv");
  const schools = path.join(out, "schools.csv");
  await copyCsv(
    db,
    `select district_id, name, nces_leaid, locale, county,
       case when charter then 'charter' else 'regular' end as district_type,
       -- so that every product of these files can say it shows fictional data
       'synthetic' as data_origin
     from districts order by district_id`,
    districts,
  );
  await copyCsv(
    db,
    `select school_id, district_id, name, ${yn("has_career_coach")} as has_career_coach,
       grade_low, grade_high, ceeb_code
     from schools
     ${
       grades === "K-12"
         ? `union all
     -- the elementary school (K-6) of the K-12 extract's early years, one per district
     select d.district_id::varchar || '-600', d.district_id, replace(d.name, ' School District', '') || ' Elementary School',
       null, 0, 6, null
     from districts d where exists (select 1 from students s where s.first_district_id = d.district_id and s.entry_grade = 7)`
         : ""
     }
     order by school_id`,
    schools,
  );
  return [districts, schools];
}

export async function writeNormalizedAccountability(db: Db, out: string): Promise<string> {
  const file = path.join(out, "normalized", "accountability.csv");
  await copyCsv(
    db,
    `select r.level, r.entity_id, r.school_year, r.grad_rate, r.ccr_rate, f.acceleration as acceleration_rate
     from accountability_rates r
     join accountability_filler f using (level, entity_id, school_year)
     where not (r.level = 'district' and f.charter)
     order by r.school_year, r.level, r.entity_id`,
    file,
  );
  return file;
}
