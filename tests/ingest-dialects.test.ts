// Real files as they come: one golden file per dialect a data steward holds, every expected value
// worked out by hand in the comments. NSC spellings and layouts, K-12 student extracts, files as
// spreadsheets and old systems write them, duplicates, mappings, and the load report.
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../pipeline/ingest/ingest.ts";
import { mappingsIn } from "../pipeline/ingest/mapping.ts";
import { formatReport } from "../pipeline/ingest/report.ts";
import { runPipeline } from "../pipeline/ops/run.ts";
import { buildWarehouse } from "../pipeline/warehouse/build.ts";
import { ID_KEY, land, query, scratch, write } from "./helpers/landing.ts";

const hmac = (id: string) => createHmac("sha256", ID_KEY).update(id).digest("hex");
const num = (x: unknown) => (typeof x === "bigint" ? Number(x) : x);
const plain = <T>(rows: T[]) => JSON.parse(JSON.stringify(rows, (_k, v) => num(v))) as T[];

async function build(dir: string, landing: string) {
  const warehouse = path.join(dir, "warehouse.duckdb");
  await buildWarehouse({ target: warehouse, landing, settings: { min_n: 1 } });
  return warehouse;
}

const HS_HEADER =
  "YOUR_UNIQUE_IDENTIFIER,FIRST_NAME,MIDDLE_NAME,LAST_NAME,NAME_SUFFIX,REQUESTER_RETURN_FIELD,RECORD_FOUND_Y/N,HIGH_SCHOOL_CODE,HIGH_SCHOOL_GRAD_DATE,COLLEGE_CODE/BRANCH,COLLEGE_NAME,COLLEGE_STATE,2-YEAR/4-YEAR,PUBLIC/PRIVATE,ENROLLMENT_BEGIN,ENROLLMENT_END,ENROLLMENT_STATUS,GRADUATED,GRADUATION_DATE,DEGREE_TITLE,MAJOR,COLLEGE_SEQUENCE,PROGRAM_CODE";

describe("NSC returns as real returns spell them", () => {
  // One row per spelling. Columns: id, names (4), return field, found, HS code, HS date, college
  // code, name, state, level, control, begin, end, status, graduated, degree date, title, major,
  // sequence, program.
  const rows = [
    "100,A,,X,,R1,Y,250007,20240520,5166-00,ONE U,MS,4-year,Public,20240826,20241213,F,N,,,,1,", //         row 2
    "100_,A,,X,,R1,Y,250007,20240520,5166-00,ONE U,MS,4-year,Public,01/13/2025,05/09/2025,F,No,N/A,,,2,", // row 3: trailing _, US dates, No
    "200,B,,Y,,R2,Y,250007,2024-05-21,2423-00,TWO CC,MS,2-year,PUBLIC,2024-08-19,2024-12-10,H,N,,,,1,", //   row 4: ISO dates, PUBLIC
    "300,C,,Z,,R3,Y,250007,20240520,002423-00,TECH,AL,Less than 2 years,private,20240902,20241120,L,N,,,,1,", // row 5
    "400,D,,W,,R4,Y,250007,20240520,00242300,FOUR U,TN,4 Year,Private,N/A,N/A,,Yes,20240510,BACHELOR OF ARTS,BIOLOGY,2,", // row 6: degree row
    "400,D,,W,,R4,Y,250007,20240520,2423-00,TWO CC,MS,2 Year,public,20231015,20231215,L,N,,,,0,", //           row 7: dual enrollment
    ",E,,V,,500,Y,250007,20240520,5166-00,ONE U,MS,4,Public,20240826,20241213,F,N,,,,1,", //                 row 8: id blank -> return field
    "600,F,,U,,R6,N,250007,20240520,,,,,,,,,,,,,,", //                                                       row 9: not found
  ];

  it("loads every spelling with no reject and normalizes each to the contract's code", async () => {
    const dir = scratch("dialect-nsc-spellings");
    const landing = path.join(dir, "landing.duckdb");
    const file = write(dir, "nsc_class_2024.csv", `${HS_HEADER}\n${rows.join("\n")}\n`);
    const [report] = (await land(landing, [file])).files;
    expect(report).toMatchObject({
      status: "loaded",
      kind: "nsc",
      rowsRead: 8,
      rowsLoaded: 8,
      rowsRejected: 0,
    });
    // period: the high-school dates span 2024-05-20 to 2024-05-21
    expect(report?.period).toBe("20240520-20240521");

    const warehouse = await build(dir, landing);
    const rowsOut = plain(
      await query<Record<string, unknown>>(
        warehouse,
        `select student_key, college_code, level, control, enrollment_begin::varchar as b, enrollment_end::varchar as e,
           graduated, graduation_date::varchar as g, college_sequence as seq, dual_enrollment as dual
         from core.fact_ps_enrollment order by college_code, b nulls first, seq`,
      ),
    );
    // by hand: 5166-00 -> 005166-00, 2423-00 and 00242300 -> 002423-00; 4-year/4 Year -> 4,
    // 2-year/2 Year -> 2, Less than 2 years -> L; PUBLIC/public -> Public, private -> Private;
    // 01/13/2025 -> 2025-01-13; N/A -> null; Yes -> true, No -> false; sequence 0 -> dual.
    type Row = [
      id: string,
      code: string,
      level: string,
      control: string,
      begin: string | null,
      end: string | null,
      graduated: boolean,
      degreeDate: string | null,
      seq: number,
      dual: boolean,
    ];
    const expected = (
      [
        ["400", "002423-00", "4", "Private", null, null, true, "2024-05-10", 2, false],
        ["400", "002423-00", "2", "Public", "2023-10-15", "2023-12-15", false, null, 0, true],
        ["200", "002423-00", "2", "Public", "2024-08-19", "2024-12-10", false, null, 1, false],
        ["300", "002423-00", "L", "Private", "2024-09-02", "2024-11-20", false, null, 1, false],
        ["100", "005166-00", "4", "Public", "2024-08-26", "2024-12-13", false, null, 1, false],
        ["500", "005166-00", "4", "Public", "2024-08-26", "2024-12-13", false, null, 1, false],
        ["100", "005166-00", "4", "Public", "2025-01-13", "2025-05-09", false, null, 2, false],
      ] as Row[]
    ).map(([id, college_code, level, control, b, e, graduated, g, seq, dual]) => ({
      student_key: hmac(id),
      college_code,
      level,
      control,
      b,
      e,
      graduated,
      g,
      seq,
      dual,
    }));
    expect(rowsOut).toHaveLength(expected.length);
    expect(rowsOut).toEqual(expect.arrayContaining(expected));
    // "100" and "100_" are one student; 600 was not found; 500 came through REQUESTER_RETURN_FIELD
    const students = await query<{ k: string; found: boolean }>(
      warehouse,
      "select student_key as k, bool_or(record_found) as found from staging.stg_nsc group by 1 order by 1",
    );
    expect(students.length).toBe(6);
    expect(students.find((s) => s.k === hmac("600"))?.found).toBe(false);
    // the dictionary says what was accepted: meta.input_contract, from the same declarations
    const [level] = await query<{ headers: string; accepted: string }>(
      warehouse,
      "select headers, accepted from meta.input_contract where kind = 'nsc' and field = 'level'",
    );
    expect(level?.headers).toContain("2-YEAR/4-YEAR");
    expect(level?.accepted).toContain("4-year (4)");
    expect(level?.accepted).toContain("less than 2 years (L)");
  });

  it("never counts dual enrollment (college sequence 0) as enrollment after high school", async () => {
    // One graduate of 2024 whose only fall-window row is a sequence-0 row: not enrolled.
    const dir = scratch("dialect-nsc-dual");
    const landing = path.join(dir, "landing.duckdb");
    const students = write(
      dir,
      "students.csv",
      "student_id,school_year,district_id,school_id,grade,race_ethnicity,sex,econ_disadvantaged,english_learner,iep,exit_code,diploma_date,diploma_type\n" +
        "700,2024,3021,3021-004,12,W,F,N,N,N,graduated,2024-05-20,regular\n" +
        "800,2024,3021,3021-004,12,B,M,N,N,N,graduated,2024-05-20,regular\n",
    );
    const nsc = write(
      dir,
      "nsc.csv",
      `${HS_HEADER}\n700,G,,T,,R7,Y,250007,20240520,2423-00,TWO CC,MS,2,Public,20240815,20241031,L,N,,,,0,\n` +
        "800,H,,S,,R8,Y,250007,20240520,2423-00,TWO CC,MS,2,Public,20240815,20241031,L,N,,,,1,\n",
    );
    await land(landing, [students, nsc]);
    const warehouse = await build(dir, landing);
    const [cell] = plain(
      await query<{ numerator: number; denominator: number }>(
        warehouse,
        "select numerator, denominator from marts.indicators where indicator = 'ps_enrolled_fall' and level = 'state' and subgroup_type = 'all' and cohort = 2024",
      ),
    );
    // 800 enrolled (sequence 1); 700's only row is sequence 0: 1 of 2
    expect(cell).toEqual({ numerator: 1, denominator: 2 });
  });

  it("loads the 25-column variant and the 33-column StudentTracker for Colleges layout", async () => {
    const dir = scratch("dialect-nsc-layouts");
    const landing = path.join(dir, "landing.duckdb");
    const v25 = write(
      dir,
      "nsc25.csv",
      `Reporting_Year,${HS_HEADER},LEA\n2024,100,A,,X,,R1,Y,250007,20240520,005166-00,ONE U,MS,4,Public,20240826,20241213,F,N,,,,1,,3021\n`,
    );
    const colleges = write(
      dir,
      "nsc_colleges.csv",
      "Your Unique Identifier,First Name,Middle Initial,Last Name,Name Suffix,Requester Return Field,Record Found Y/N,Search Date,College Code/Branch,College Name,College State,2-year / 4-year,Public / Private,Enrollment Begin,Enrollment End,Enrollment Status,Class Level,Enrollment Major 1,Enrollment CIP 1,Enrollment Major 2,Enrollment CIP 2,Graduated?,Graduation Date,Degree Title,Degree Major 1,Degree CIP 1,Degree Major 2,Degree CIP 2,Degree Major 3,Degree CIP 3,Degree Major 4,Degree CIP 4,College Sequence\n" +
        "200_,BEA,Q,LOW,,R2,Y,20240601,002423-00,TWO CC,MS,2-year,Public,20240819,20241210,F,F,NURSING,513801,,,N,,,,,,,,,,,1\n" +
        "200_,BEA,Q,LOW,,R2,Y,20240601,002423-00,TWO CC,MS,2-year,Public,,,,,,,,,Y,20260510,ASSOCIATE OF APPLIED SCIENCE,NURSING,513801,,,,,,,2\n",
    );
    const result = await land(landing, [v25, colleges]);
    expect(result.files.map((f) => [f.status, f.rowsRead, f.rowsLoaded, f.rowsRejected])).toEqual([
      ["loaded", 1, 1, 0],
      ["loaded", 2, 2, 0],
    ]);
    expect(result.files[0]?.extras).toEqual(["Reporting_Year", "LEA"]);
    expect(result.files[1]?.dropped).toEqual(["First Name", "Middle Initial", "Last Name", "Name Suffix"]);
    expect(result.files[1]?.period).toBe("searched 20240601");
    // nothing the layouts carry is reported as unrecognized
    expect(result.files.flatMap((f) => f.suggestions)).toEqual([]);
    const raw = plain(
      await query<Record<string, unknown>>(
        landing,
        "select file_id, student_key, major, program_code, search_date, extras->>'Reporting_Year' as ry, extras->>'Enrollment Major 1' as em from raw.nsc order by file_id, source_row",
      ),
    );
    expect(raw).toEqual([
      {
        file_id: 1,
        student_key: hmac("100"),
        major: null,
        program_code: null,
        search_date: null,
        ry: "2024",
        em: null,
      },
      {
        file_id: 2,
        student_key: hmac("200"),
        major: null,
        program_code: null,
        search_date: "20240601",
        ry: null,
        em: "NURSING",
      },
      {
        file_id: 2,
        student_key: hmac("200"),
        major: "NURSING",
        program_code: "513801",
        search_date: "20240601",
        ry: null,
        em: null,
      },
    ]);
  });

  it("loads the SDP lower-case layout through --map or a mapping file, and says how when it cannot", async () => {
    const dir = scratch("dialect-nsc-sdp");
    const landing = path.join(dir, "landing.duckdb");
    const sdp = write(
      dir,
      "incoming/sdp_nsc.csv",
      "sid,record_found_yn,yr2_yr4,public_private,college_code_branch,enrollment_begin,enrollment_end,enrollment_status,college_state\n" +
        "1,Y,4,Public,002423-00,20240826,20241213,F,MS\n" +
        "2,N,,,,,,,\n" +
        "3,Y,2-year,Public,005166-00,20240826,20241213,F,MS\n",
    );
    // without a mapping: detected as NSC by its columns, but the id is missing; the error says what to map
    const [failed] = (await land(landing, [sdp])).files;
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toContain("required nsc columns are missing: your_unique_identifier");
    expect(failed?.error).toContain("yr2_yr4 (closest: level)");
    expect(failed?.error).toContain("--map sid=your_unique_identifier");

    // a mapping file in the mappings folder applies to files whose header holds its source columns
    write(
      dir,
      "incoming/mappings/sdp_nsc.yaml",
      "kind: nsc\ncolumns:\n  sid: YOUR_UNIQUE_IDENTIFIER\n  yr2_yr4: 2-YEAR/4-YEAR\nvalues:\n  level:\n    2-year: L\n",
    );
    process.env.PATHWAYS_ID_KEY = ID_KEY;
    const mapped = await ingest({
      paths: [sdp],
      mappings: mappingsIn(path.join(dir, "incoming", "mappings")),
      write: true,
      landing,
    });
    expect(mapped.files[0]).toMatchObject({ status: "loaded", rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
    expect(mapped.files[0]?.mapping).toContain("sdp_nsc.yaml");
    // the value mapping turned 2-year into L (deliberately, to show it runs before validation)
    const raw = plain(
      await query<{ k: string; level: string | null }>(
        landing,
        "select student_key as k, level from raw.nsc order by source_row",
      ),
    );
    expect(raw).toEqual([
      { k: hmac("1"), level: "4" },
      { k: hmac("2"), level: null },
      { k: hmac("3"), level: "L" },
    ]);
    const [file] = await query<{ mapping: string }>(
      landing,
      "select mapping from meta.files where status = 'loaded'",
    );
    expect(file?.mapping).toContain("level values 2-year -> L");
  });

  it("pathways run applies the mapping files of incoming/mappings to the files they match", async () => {
    const dir = scratch("dialect-run-mappings");
    const incoming = path.join(dir, "incoming");
    write(
      dir,
      "incoming/nsc/sdp.csv",
      "sid,record_found_yn,yr2_yr4,enrollment_begin,enrollment_end\n7,Y,4,20240826,20241213\n8,N,,,\n",
    );
    write(
      dir,
      "incoming/mappings/sdp.json",
      JSON.stringify({ kind: "nsc", columns: { sid: "your_unique_identifier", yr2_yr4: "level" } }),
    );
    process.env.PATHWAYS_ID_KEY = ID_KEY;
    const outcome = await runPipeline({
      incoming,
      warehouse: path.join(dir, "data", "warehouse.duckdb"),
      landing: path.join(dir, "data", "landing.duckdb"),
      dist: null,
      command: "run",
    });
    expect(outcome.status).toBe("succeeded");
    // the mapping file itself is not taken for data
    expect(outcome.ingest?.files.map((f) => [path.basename(f.file), f.status, f.rowsLoaded])).toEqual([
      ["sdp.csv", "loaded", 2],
    ]);
    expect(outcome.ingest?.ignored).toEqual([]);
    const [file] = await query<{ mapping: string }>(
      path.join(dir, "data", "warehouse.duckdb"),
      "select mapping from meta.files",
    );
    expect(file?.mapping).toContain("sdp.json: sid -> your_unique_identifier");
  });

  it("--map with an unknown target is a usage error (exit 2) listing the kind's fields", () => {
    const dir = scratch("dialect-map-usage");
    const file = write(dir, "x.csv", "sid,record_found_yn\n1,Y\n");
    const out = spawnSync(
      process.execPath,
      [path.resolve("bin/pathways.js"), "validate", file, "--kind", "nsc", "--map", "sid=student_number"],
      { encoding: "utf8", env: { ...process.env, PATHWAYS_ID_KEY: ID_KEY } },
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('"student_number" is not a nsc field');
    expect(out.stderr).toContain("your_unique_identifier, requester_return_field, record_found");
  });
});

describe("a K-12 student extract", () => {
  const HEADER =
    "student_id,school_year,district_id,school_id,grade,race_ethnicity,sex,econ_disadvantaged,english_learner,iep,exit_code,diploma_date,diploma_type";
  // K01: PK-5 black (7 years: PK, K, 1-5), 6-9 white (4 years) -> modal over all years black
  //      (over grades 6-12 alone it would be white); econ only in grade 2 -> econ ever; EL never;
  //      IEP in grade 1 only -> IEP ever.
  // K02: grades spelled every way; race H in 3 years (K, 1, 2), W in 3 years (3, 4, 5): a tie, the
  //      latest (2015, W) wins -> white; econ never; EL in kindergarten -> EL ever.
  // K03: one ungraded year (13) and one UG year, then grade 9: all load; ungraded years have no grade number.
  const rows = [
    ["K01", 2008, "PK", "B", "M", "N", "N", "N"],
    ["K01", 2009, "K", "Black", "Male", "N", "N", "N"],
    ["K01", 2010, "1", "Black or African American", "M", "0", "0", "1"],
    ["K01", 2011, "2", "black", "M", "yes", "N", "false"],
    ["K01", 2012, "3", "B", "M", "no", "N", "N"],
    ["K01", 2013, "4", "B", "M", "N", "N", "N"],
    ["K01", 2014, "5", "B", "M", "N", "N", "N"],
    ["K01", 2015, "06", "W", "M", "N", "N", "N"],
    ["K01", 2016, "Grade 7", "White", "M", "N", "N", "N"],
    ["K01", 2017, "8th", "white", "M", "N", "N", "N"],
    ["K01", 2018, "09", "W", "M", "N", "N", "N"],
    ["K02", 2010, "KG", "H", "Female", "N", "Y", "N"],
    ["K02", 2011, "01", "Hispanic or Latino", "F", "false", "true", "N"],
    ["K02", 2012, "Grade 2", "hispanic", "F", "0", "0", "N"],
    ["K02", 2013, "3", "W", "F", "N", "N", "N"],
    ["K02", 2014, "Kindergarten", "W", "F", "N", "N", "N"],
    ["K02", 2015, "5", "White", "F", "N", "N", "N"],
    ["K03", 2016, "13", "M", "X", "N", "N", "N"],
    ["K03", 2017, "UG", "Two or more races", "X", "N", "N", "N"],
    ["K03", 2018, "9", "Multiracial", "X", "N", "N", "N"],
  ];
  const csv = `${HEADER}\n${rows.map(([id, y, g, r, s, e, l, i]) => `${id},${y},3021,3021-600,${g},${r},${s},${e},${l},${i},enrolled,,`).join("\n")}\n`;

  it("loads every grade and spelling, and builds dim_student's ever flags and modal race over all years", async () => {
    const dir = scratch("dialect-k12");
    const landing = path.join(dir, "landing.duckdb");
    const [report] = (await land(landing, [write(dir, "students_k12.csv", csv)])).files;
    expect(report).toMatchObject({ status: "loaded", rowsRead: 20, rowsLoaded: 20, rowsRejected: 0 });
    const warehouse = await build(dir, landing);
    const grades = plain(
      await query<{ id: string; grades: string }>(
        warehouse,
        `select student_key as id, string_agg(grade_level || '=' || coalesce(grade::varchar, '-'), ' ' order by school_year) as grades
         from core.fact_student_year group by 1`,
      ),
    );
    const by = (id: string) => grades.find((g) => g.id === hmac(id))?.grades;
    expect(by("K01")).toBe("PK=-1 K=0 1=1 2=2 3=3 4=4 5=5 6=6 7=7 8=8 9=9");
    // "Kindergarten" in 2014 is a K year (a retained student, as records show)
    expect(by("K02")).toBe("K=0 1=1 2=2 3=3 K=0 5=5");
    expect(by("K03")).toBe("UG=- UG=- 9=9");
    const students = plain(
      await query<Record<string, unknown>>(
        warehouse,
        `select student_key, race_ethnicity, sex, econ_disadvantaged_ever as econ, english_learner_ever as el, iep_ever as iep,
           cohort_grade9, first_district_id from core.dim_student order by student_key`,
      ),
    );
    const of = (id: string) => students.find((s) => s.student_key === hmac(id));
    expect(of("K01")).toMatchObject({
      race_ethnicity: "black",
      sex: "M",
      econ: true,
      el: false,
      iep: true,
      cohort_grade9: 2018,
    });
    expect(of("K02")).toMatchObject({
      race_ethnicity: "white",
      sex: "F",
      econ: false,
      el: true,
      iep: false,
      cohort_grade9: null,
    });
    expect(of("K03")).toMatchObject({
      race_ethnicity: "two_or_more",
      sex: "X",
      econ: false,
      el: false,
      iep: false,
      cohort_grade9: 2018,
    });
  });
});

describe("files as spreadsheets and old systems write them", () => {
  const HEADER =
    "student_id,school_year,district_id,school_id,grade,race_ethnicity,sex,econ_disadvantaged,english_learner,iep";
  const line = (id: string, grade = "9") => `${id},2024,3021,3021-004,${grade},W,F,N,N,N`;

  it("reads mixed CRLF and LF, UTF-16 with and without a BOM, and a doubled BOM", async () => {
    const dir = scratch("dialect-encodings");
    const landing = path.join(dir, "landing.duckdb");
    const text = (ids: string[], eol: string[]) =>
      [HEADER, ...ids.map((id) => line(id))].map((l, i) => l + (eol[i % eol.length] as string)).join("");
    const utf16be = (s: string) => {
      const le = Buffer.from(s, "utf16le");
      for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
      return le;
    };
    const files = [
      write(dir, "mixed.csv", text(["M1", "M2", "M3"], ["\r\n", "\n"])),
      write(
        dir,
        "utf16le_bom.csv",
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(["U1", "U2"], ["\r\n"]), "utf16le")]),
      ),
      write(dir, "utf16le.csv", Buffer.from(text(["V1"], ["\n"]), "utf16le")),
      write(
        dir,
        "utf16be_bom.csv",
        Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text(["W1"], ["\n"]))]),
      ),
      write(
        dir,
        "double_bom.csv",
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(text(["D1"], ["\n"]))]),
      ),
    ];
    const result = await land(landing, files);
    expect(result.files.map((f) => [path.basename(f.file), f.status, f.rowsRead, f.rowsLoaded])).toEqual([
      ["mixed.csv", "loaded", 3, 3],
      ["utf16le_bom.csv", "loaded", 2, 2],
      ["utf16le.csv", "loaded", 1, 1],
      ["utf16be_bom.csv", "loaded", 1, 1],
      ["double_bom.csv", "loaded", 1, 1],
    ]);
    expect(result.files[0]?.notes.join()).toContain("CRLF and LF line endings mixed");
    expect(result.files[1]?.notes.join()).toContain("UTF-16LE");
    expect(result.files[4]?.notes.join()).toContain("2 byte order marks");
    // nothing unrecognized: the BOMs did not end up in the first header
    expect(result.files.flatMap((f) => f.extras)).toEqual([]);
    const keys = await query<{ k: string }>(
      landing,
      "select student_key as k from raw.students order by file_id, source_row",
    );
    expect(keys.map((k) => k.k)).toEqual(["M1", "M2", "M3", "U1", "U2", "V1", "W1", "D1"].map(hmac));
  });

  it("reads ids a spreadsheet wrote as 123.0 or 1.23E+2 as the same student, and rejects a rounded one", async () => {
    const dir = scratch("dialect-spreadsheet-ids");
    const landing = path.join(dir, "landing.duckdb");
    const rows = ["123", "124.0", "1.25E+2", "0126", "1.2E+2", "1.23457E+08"].map((id, i) =>
      `${id},2024,3021,3021-004,${9 + (i % 4)},W,F,N,N,N`.replace(",2024,", `,${2020 + i},`),
    );
    const [report] = (await land(landing, [write(dir, "ids.csv", `${HEADER}\n${rows.join("\n")}\n`)])).files;
    // 1.2E+2 shows 2 digits of a 3-digit number and 1.23457E+08 6 of 9: possibly rounded, rejected
    expect(report).toMatchObject({ rowsRead: 6, rowsLoaded: 4, rowsRejected: 2 });
    const keys = await query<{ k: string }>(
      landing,
      "select student_key as k from raw.students order by source_row",
    );
    expect(keys.map((k) => k.k)).toEqual(["123", "124", "125", "126"].map(hmac));
    const rejects = plain(
      await query<{ row: number; value: string }>(
        landing,
        "select source_row as row, value from meta.rejects order by row",
      ),
    );
    // the id is never stored, even when rejected
    expect(rejects).toEqual([
      { row: 6, value: "(withheld: student id)" },
      { row: 7, value: "(withheld: student id)" },
    ]);
  });

  it("fails a file with an unclosed quote at its line instead of reading quotes as text", async () => {
    const dir = scratch("dialect-unclosed-quote");
    const landing = path.join(dir, "landing.duckdb");
    const file = write(
      dir,
      "quote.csv",
      `${HEADER}\n${line("Q1")}\nQ2,2024,3021,"3021-004,9,W,F,N,N,N\n${line("Q3")}\n${line("Q4")}\n`,
    );
    const [report] = (await land(landing, [file])).files;
    expect(report?.status).toBe("failed");
    expect(report?.error).toMatch(/^line 3: a double quote .*never closed/);
    const [n] = await query<{ n: number }>(landing, "select count(*)::int as n from raw.students");
    expect(n?.n).toBe(0);
  });
});

describe("duplicates", () => {
  const HEADER =
    "student_id,school_year,district_id,school_id,grade,race_ethnicity,sex,econ_disadvantaged,english_learner,iep";
  // row 2 D1 2024 grade 9; row 3 = row 2 exactly; row 4 D2 2024; row 5 D2 2024 same key, grade 10
  // (differs); row 6 = row 5 exactly; row 7 D3; row 8 = row 7 exactly; row 9 = row 7 exactly.
  const rows = [
    "D1,2024,3021,3021-004,9,W,F,N,N,N",
    "D1,2024,3021,3021-004,9,W,F,N,N,N",
    "D2,2024,3021,3021-004,9,B,M,N,N,N",
    "D2,2024,3021,3021-004,10,B,M,N,N,N",
    "D2,2024,3021,3021-004,10,B,M,N,N,N",
    "D3,2024,3021,3021-004,11,H,F,N,N,N",
    "D3,2024,3021,3021-004,11,H,F,N,N,N",
    "D3,2024,3021,3021-004,11,H,F,N,N,N",
  ];

  it("loads exact duplicates once, and rejects rows that share a key but differ, naming each other", async () => {
    const dir = scratch("dialect-duplicates");
    const landing = path.join(dir, "landing.duckdb");
    const [report] = (await land(landing, [write(dir, "dups.csv", `${HEADER}\n${rows.join("\n")}\n`)])).files;
    // loaded: rows 2 and 7; duplicates loaded once: 3, 8, 9; rejected: 4 and 5 (conflict) and 6
    // (repeats the rejected row 5): 8 = 2 + 3 + 3
    expect(report).toMatchObject({ rowsRead: 8, rowsLoaded: 2, rowsDuplicate: 3, rowsRejected: 3 });
    // the report counts every conflict under one rule; meta.rejects names the rows
    expect(report?.rejects.map((r) => [r.column, r.count, r.rule])).toEqual([
      [
        "student_id, school_year, school_id",
        3,
        "rows that have the same student_id, school_year, school_id but other values differ: none of them loaded (duplicate key)",
      ],
    ]);
    const dups = plain(
      await query<{ row: number; of: number }>(
        landing,
        "select source_row as row, duplicate_of as of from meta.duplicates order by row",
      ),
    );
    expect(dups).toEqual([
      { row: 3, of: 2 },
      { row: 8, of: 7 },
      { row: 9, of: 7 },
    ]);
    const rejects = plain(
      await query<{ row: number; rule: string }>(
        landing,
        "select source_row as row, rule from meta.rejects order by row",
      ),
    );
    const rule =
      "rows 4, 5 have the same student_id, school_year, school_id but other values differ: none of them loaded (duplicate key)";
    expect(rejects).toEqual([
      { row: 4, rule },
      { row: 5, rule },
      { row: 6, rule },
    ]);
    const [files] = plain(
      await query<Record<string, number>>(
        landing,
        "select rows_read as r, rows_loaded as l, rows_duplicate as d, rows_rejected as j from meta.files",
      ),
    );
    expect(files).toEqual({ r: 8, l: 2, d: 3, j: 3 });
    const [raw] = await query<{ n: number }>(landing, "select count(*)::int as n from raw.students");
    expect(raw?.n).toBe(2);
  });
});

describe("the load report helps write the mapping", () => {
  it("lists the distinct rejected values with counts and the accepted codes, and the closest fields", async () => {
    const dir = scratch("dialect-report");
    const landing = path.join(dir, "landing.duckdb");
    const HEADER =
      "student_id,school_year,district_id,school_id,grade,race_ethnicity,sex,econ_disadvantaged,english_learner,iep,exitcde";
    // race: "M/O" 3 times, "Other" twice, "Unknown" once: 3 distinct bad values, 6 rows
    const races = ["M/O", "Other", "M/O", "W", "Unknown", "M/O", "Other"];
    const rows = races.map((r, i) => `R${i},2024,3021,3021-004,9,${r},F,N,N,N,enrolled`);
    const result = await land(landing, [write(dir, "report.csv", `${HEADER}\n${rows.join("\n")}\n`)]);
    const [race] = result.files[0]?.rejects ?? [];
    expect(race).toMatchObject({
      column: "race_ethnicity",
      count: 6,
      distinctValues: 3,
      values: [
        { value: "M/O", count: 3 },
        { value: "Other", count: 2 },
        { value: "Unknown", count: 1 },
      ],
    });
    expect(result.files[0]?.suggestions).toEqual([{ header: "exitcde", fields: ["exit_code"] }]);
    const text = formatReport(result, dir);
    expect(text).toContain('values rejected: "M/O" 3, "Other" 2, "Unknown" 1');
    expect(text).toContain(
      "accepted: one of hispanic, american_indian, asian, black, pacific_islander, white, two_or_more; any case; also h (hispanic)",
    );
    expect(text).toContain(
      'column exitcde matches no students field; closest: exit_code (if it is one: --map "exitcde=exit_code")',
    );
  });
});
