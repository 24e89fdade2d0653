// Writing the synthetic state in the input formats of CONTRACTS.md section 1. DuckDB writes
// the large files itself (COPY ... ORDER BY), so rows never pass through JavaScript.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import { headerVariantFor, NSC_COLUMNS, NSC_HEADER_VARIANTS } from "./nsc.ts";

const yn = (column: string) => `case when ${column} then 'Y' when not ${column} then 'N' end`;

async function copyCsv(db: Db, query: string, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await db.run(`copy (${query}) to ${sqlString(file)} (format csv, header true, delimiter ',', quote '"')`);
}

export async function writeStudents(db: Db, out: string): Promise<string> {
  const file = path.join(out, "students.csv");
  await copyCsv(
    db,
    `select y.student_id,
       -- direct identifiers as a state extract carries them; ingest must drop them
       synthetic_first_name(y.i) as first_name, synthetic_last_name(y.i) as last_name,
       strftime(make_date(s.cohort_class - 18, (1 + hash(y.i, 'bm') % 12)::int, (1 + hash(y.i, 'bd') % 28)::int), '%Y-%m-%d') as birth_date,
       y.school_year, y.district_id, y.school_id, y.grade, y.race_ethnicity, y.sex,
       ${yn("y.econ_disadvantaged")} as econ_disadvantaged, ${yn("y.english_learner")} as english_learner,
       ${yn("y.iep")} as iep, y.exit_code, strftime(y.diploma_date, '%Y-%m-%d') as diploma_date, y.diploma_type,
       ${yn("y.ccr_met")} as ccr_met, y.act_composite
     from student_years y join students s using (i)
     order by y.student_id, y.school_year`,
    file,
  );
  return file;
}

export async function writePlans(db: Db, out: string): Promise<string> {
  const file = path.join(out, "plans.csv");
  await copyCsv(
    db,
    `select student_id, strftime(event_date, '%Y-%m-%d') as event_date, district_id, school_id, grade, event,
       staff_role, ${yn("parent_participated")} as parent_participated, career_cluster, postsecondary_goal, endorsement
     from plan_events
     order by all`,
    file,
  );
  return file;
}

export async function writeNsc(db: Db, out: string, classes: number[]): Promise<string[]> {
  const files: string[] = [];
  for (const gradClass of classes) {
    const header = NSC_HEADER_VARIANTS[headerVariantFor(gradClass)] as readonly string[];
    // empty fields are written empty (NULL), as NSC writes them, not as quoted ""
    const select = NSC_COLUMNS.map((c, k) => `nullif("${c}", '') as "${header[k]}"`).join(", ");
    const file = path.join(out, "nsc", `nsc_detail_class_${gradClass}.csv`);
    await copyCsv(
      db,
      `select ${select} from nsc_rows where grad_class = ${gradClass}
       order by "YOUR_UNIQUE_IDENTIFIER", submission, seq`,
      file,
    );
    files.push(file);
  }
  return files;
}

export async function writeOrgs(db: Db, out: string): Promise<string[]> {
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
     from schools order by school_id`,
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
