// Golden files written by hand: every broken rule lands in meta.rejects with the right row and
// column, and rows read = loaded + rejected for every file.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../pipeline/ingest/ingest.ts";
import { ID_KEY, land, query, scratch, write } from "./helpers/landing.ts";

const STUDENTS = [
  "student_id,school_year,district_id,school_id,grade,race_ethnicity,sex,econ_disadvantaged,english_learner,iep,first_name,diploma_date,act_composite,favorite_color",
  "S001,2024,3021,3021-004,9,black,F,Y,N,N,ALICE,,,blue", //                       row 2: fine
  "S002,2024,3021,3021-004,14,white,M,N,N,N,BOBBY,,,red", //                      row 3: grade 14
  "S003,2024,3021,3021004,9,B,M,yes,0,false,CAROL,,,green", //                    row 4: school id without hyphen
  "S004,24x,3021,3021-004,9,purple,M,N,N,N,DANNY,,,", //                          row 5: year and race
  ",2024,3021,3021-004,9,white,F,N,N,N,EVELYN,,,", //                             row 6: no student id
  "S001,2024,3021,3021-004,10,black,F,Y,N,N,ALICE,,,blue", //                     row 7: same key as row 2, other grade: both rejected
  "S007,2024,3021,3021-004,12,asian,X,N,N,N,FRANKIE,2024-13-01,40,", //           row 8: date and ACT
  "S008,2024,3021,3021-004,12,Hispanic or Latino,female,1,1,0,GINA,5/24/2024,22,teal", // row 9: fine (other spellings)
  "S009,2024,3021", //                                                            row 10: fields missing
].join("\n");

describe("ingest: golden students file", () => {
  it("quarantines every broken rule with its row, column, value and rule; read = loaded + rejected", async () => {
    const dir = scratch("ingest-golden");
    const landing = path.join(dir, "landing.duckdb");
    const file = write(dir, "students_2024.csv", `${STUDENTS}\n`);
    const result = await land(landing, [file]);
    const [report] = result.files;
    expect(report).toMatchObject({
      status: "loaded",
      kind: "students",
      rowsRead: 9,
      rowsLoaded: 1,
      rowsRejected: 8,
    });
    expect(report?.dropped).toEqual(["first_name"]);
    expect(report?.extras).toEqual(["favorite_color"]);

    const rejects = await query<{
      row: number;
      column_name: string | null;
      value: string | null;
      rule: string;
    }>(
      landing,
      "select source_row::int as row, column_name, value, rule from meta.rejects order by row, column_name",
    );
    expect(rejects.map((r) => [r.row, r.column_name, r.value])).toEqual([
      [2, "student_id, school_year, school_id", null],
      [3, "grade", "14"],
      [4, "school_id", "3021004"],
      [5, "race_ethnicity", "purple"],
      [5, "school_year", "24x"],
      [6, "student_id", null],
      [7, "student_id, school_year, school_id", null],
      [8, "act_composite", "40"],
      [8, "diploma_date", "2024-13-01"],
      [10, null, null],
    ]);
    expect(rejects[1]?.rule).toBe("a grade: PK, K, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, UG; required");
    expect(rejects[6]?.rule).toBe(
      "rows 2, 7 have the same student_id, school_year, school_id but other values differ: none of them loaded (duplicate key)",
    );
    expect(rejects[0]?.rule).toBe(rejects[6]?.rule);
    expect(rejects[9]?.rule).toBe("the row has fewer fields than the header");

    const [files] = await query<{ r: number; l: number; j: number }>(
      landing,
      "select rows_read::int r, rows_loaded::int l, rows_rejected::int j from meta.files",
    );
    expect(files).toEqual({ r: 9, l: 1, j: 8 });
    const raw = await query<{ source_row: number; race_ethnicity: string; extras: string }>(
      landing,
      "select source_row::int as source_row, race_ethnicity, extras::varchar as extras from raw.students order by 1",
    );
    expect(raw.map((r) => r.source_row)).toEqual([9]);
    expect(raw[0]?.race_ethnicity).toBe("Hispanic or Latino"); // raw keeps what arrived
    expect(raw[0]?.extras).toBe('{"favorite_color":"teal"}');
  });

  it("replaces student ids by HMAC-SHA256 keys and keeps no id or name anywhere", async () => {
    const dir = scratch("ingest-privacy-golden");
    const landing = path.join(dir, "landing.duckdb");
    await land(landing, [write(dir, "s.csv", `${STUDENTS}\n`)]);
    const keys = await query<{ k: string }>(
      landing,
      "select student_key as k from raw.students order by source_row",
    );
    const hmac = (id: string) => createHmac("sha256", ID_KEY).update(id).digest("hex");
    expect(keys.map((k) => k.k)).toEqual([hmac("S008")]);
    const dump = JSON.stringify(
      await query(
        landing,
        "select * from raw.students union all by name select * from meta.rejects union all by name select * from meta.files",
      ),
      (_k, v) => (typeof v === "bigint" ? Number(v) : v),
    );
    for (const secret of [
      "S001",
      "S002",
      "S003",
      "S004",
      "S007",
      "S008",
      "S009",
      "ALICE",
      "BOBBY",
      "GINA",
      "FRANKIE",
    ]) {
      expect(dump).not.toContain(secret);
    }
  });
});

describe("ingest: NSC detail returns", () => {
  const header = (spelling: "spaced" | "underscored") =>
    spelling === "spaced"
      ? "Your Unique Identifier,First Name,Middle Name,Last Name,Name Suffix,Requester Return Field,Record Found Y/N,High School Code,High School Grad Date,College Code/Branch,College Name,College State,2-year / 4-year,Public / Private,Enrollment Begin,Enrollment End,Enrollment Status,Graduated?,Graduation Date,Degree Title,Major,College Sequence,Program Code"
      : "Your_Unique_Identifier,First_Name,Middle_Name,Last_Name,Name_Suffix,Requester_Return_Field,Record_Found_Y/N,High_School_Code,High_School_Grad_Date,College_Code/Branch,College_Name,College_State,2-YEAR/4-YEAR,PUBLIC/PRIVATE,Enrollment_Begin,Enrollment_End,Enrollment_Status,GRADUATED,Graduation_Date,Degree_Title,Major,College_Sequence,Program_Code";
  const rows = [
    "100000001,ANA,M,ROE,,9001,N,250007,20240520,,,,,,,,,,,,,,", //                      not found
    "100000002,BEN,,LEE,JR,9001,Y,250007,20240520,002423-00,A COLLEGE,MS,4,Public,20240826,20241213,F,N,,,,1,", //
    "100000002,BEN,,LEE,JR,9001,Y,250007,20240520,002423-00,A COLLEGE,MS,4,Public,20250113,20250509,,N,,,,2,", // blank status
    "100000003,CY,,DOE,,9001,Y,250007,20240520,004321-00,B CC,AL,2,Public,20240826,20241213,Q,N,,,,1,", // Q
    "100000003,CY,,DOE,,9001,Y,250014,20240520,004321-00,B CC,AL,2,Public,20240826,20241213,Q,N,,,,1,", // second HS code
    "100000004,DI,,FOX,,9001,Y,250007,20240520,002423-00,A COLLEGE,MS,4,Public,,,,Y,20240510,BACHELOR OF ARTS,BIOLOGY,1,260101", // degree row
    "100000005,ED,,GUY,,9001,Y,250007,20240520,002423-00,A COLLEGE,MS,L,Private,2024-08-32,20241213,W,N,,,,1,", // bad date
  ];
  it("loads either header spelling without edits and rejects only the malformed date", async () => {
    const dir = scratch("ingest-nsc");
    const landing = path.join(dir, "landing.duckdb");
    const a = write(dir, "a.csv", `${header("spaced")}\n${rows.join("\n")}\n`);
    const b = write(dir, "b.csv", `${header("underscored")}\r\n${rows.slice(0, 6).join("\r\n")}\r\n`);
    const result = await land(landing, [a, b]);
    expect(result.files.map((f) => [f.status, f.kind, f.rowsRead, f.rowsLoaded, f.rowsRejected])).toEqual([
      ["loaded", "nsc", 7, 6, 1],
      ["loaded", "nsc", 6, 6, 0],
    ]);
    expect(result.files[0]?.dropped).toEqual(["First Name", "Middle Name", "Last Name", "Name Suffix"]);
    const [reject] = await query(
      landing,
      "select source_row::int as row, column_name, value from meta.rejects",
    );
    expect(reject).toEqual({ row: 8, column_name: "enrollment_begin", value: "2024-08-32" });
    const [shape] = await query(
      landing,
      `select count(distinct student_key)::int as students, count(*) filter (where record_found = 'N')::int as not_found,
        count(*) filter (where enrollment_status is null and enrollment_begin is not null)::int as blank_status,
        count(*) filter (where graduated = 'Y')::int as degree_rows from raw.nsc where file_id = 1`,
    );
    expect(shape).toEqual({ students: 4, not_found: 1, blank_status: 1, degree_rows: 1 });
  });
});

describe("ingest: readers", () => {
  it("reads Windows-1252, a BOM, semicolons, CRLF and quoted newlines", async () => {
    const dir = scratch("ingest-readers");
    const landing = path.join(dir, "landing.duckdb");
    const latin = write(
      dir,
      "districts_1252.csv",
      Buffer.from("district_id,name,locale\n9001,Peña Ridge School District,rural\n", "latin1"),
    );
    const bom = write(
      dir,
      "districts_bom.csv",
      `\uFEFFdistrict_id;name;locale\r\n9002;"Two\r\nLines";town\r\n9003;Plain;city\r\n`,
    );
    const result = await land(landing, [latin, bom]);
    expect(result.files.map((f) => [f.status, f.rowsLoaded])).toEqual([
      ["loaded", 1],
      ["loaded", 2],
    ]);
    expect(result.files[0]?.notes).toContain(
      "not valid UTF-8: decoded as Windows-1252: read from a UTF-8 copy with LF line endings",
    );
    const names = await query<{ name: string; row: number }>(
      landing,
      "select name, source_row::int as row from raw.districts order by district_id",
    );
    expect(names).toEqual([
      { name: "Peña Ridge School District", row: 2 },
      { name: "Two\r\nLines", row: 2 },
      { name: "Plain", row: 3 },
    ]);
  });

  it("reads JSON Lines and Parquet, rejecting a line that is not an object", async () => {
    const dir = scratch("ingest-jsonl");
    const landing = path.join(dir, "landing.duckdb");
    const jsonl = write(
      dir,
      "attainment.jsonl",
      [
        '{"year": 2020, "attainment_pct": 45.2, "definition": "credential", "age_band": "25-64", "source": "MEAC"}',
        "not json",
        '{"year": 2025, "attainment_pct": 148.7, "definition": "credential", "age_band": "25-64", "source": "MEAC"}',
      ].join("\n"),
    );
    const result = await land(landing, [jsonl]);
    expect(result.files[0]).toMatchObject({
      kind: "attainment",
      rowsRead: 3,
      rowsLoaded: 1,
      rowsRejected: 2,
    });
    const rejects = await query(
      landing,
      "select source_row::int as row, column_name, rule from meta.rejects order by 1",
    );
    expect(rejects).toEqual([
      { row: 2, column_name: null, rule: "the line is not a JSON object" },
      { row: 3, column_name: "attainment_pct", rule: "a number from 0 to 100; required" },
    ]);
  });

  it("fails a file it cannot read, with a message, and writes nothing from it", async () => {
    const dir = scratch("ingest-unreadable");
    const landing = path.join(dir, "landing.duckdb");
    const good = write(dir, "d.csv", "district_id,name\n9001,A\n");
    const empty = write(dir, "empty.csv", "");
    const unknown = write(dir, "what.csv", "colour,shape\nred,round\n");
    const wrong = write(
      dir,
      "plans_as_students.csv",
      "student_id,event_date,district_id,school_id,grade,event\nS1,2024-01-02,9001,9001-004,8,created\n",
    );
    const result = await land(landing, [empty, unknown, good]);
    expect(result.files.map((f) => f.status)).toEqual(["failed", "failed", "loaded"]);
    expect(result.files[0]?.error).toMatch(/empty/);
    expect(result.files[1]?.error).toMatch(/cannot tell what kind of file this is/);
    const forced = await land(landing, [wrong], "students");
    expect(forced.files[0]?.error).toMatch(
      /required students columns are missing: school_year, race_ethnicity, sex/,
    );
    const [counts] = await query(
      landing,
      "select (select count(*) from raw.students)::int s, (select count(*) from meta.files)::int f, (select count(*) from raw.districts)::int d",
    );
    expect(counts).toEqual({ s: 0, f: 1, d: 1 });
  });
});

describe("ingest: idempotency and versions", () => {
  it("skips a file already loaded; a second file of the same period counts beside the first unless declared a replacement", async () => {
    const dir = scratch("ingest-versions");
    const landing = path.join(dir, "landing.duckdb");
    const v1 = write(
      dir,
      "v1/acc.csv",
      "level,entity_id,school_year,grad_rate,ccr_rate\ndistrict,9001,2024,88.0,31.5\n",
    );
    const v2 = write(
      dir,
      "v2/acc.csv",
      "level,entity_id,school_year,grad_rate,ccr_rate\ndistrict,9001,2024,88.5,31.5\ndistrict,9002,2024,70,20\n",
    );
    await land(landing, [v1]);
    const again = await land(landing, [v1]);
    expect(again.files[0]?.status).toBe("skipped");
    const beside = await land(landing, [v2]);
    expect([beside.files[0]?.status, beside.files[0]?.supersedes]).toEqual(["loaded", undefined]);
    const v3 = write(dir, "v3/acc.csv", fs.readFileSync(v2, "utf8").replace("70,20", "71,20"));
    process.env.PATHWAYS_ID_KEY = ID_KEY;
    const newer = await ingest({ paths: [v3], write: true, landing, replace: true });
    expect(newer.files[0]?.supersedes).toEqual([1, 2]);
    const files = await query(
      landing,
      "select file_id::int id, status, superseded_by::int as by_file from meta.files order by 1",
    );
    expect(files).toEqual([
      { id: 1, status: "superseded", by_file: 3 },
      { id: 2, status: "superseded", by_file: 3 },
      { id: 3, status: "loaded", by_file: null },
    ]);
    const [rows] = await query(landing, "select count(*)::int as n from raw.accountability");
    expect(rows).toEqual({ n: 5 }); // raw keeps every version; staging reads the loaded ones
  });
});
