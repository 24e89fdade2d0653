// `students`: one row per student and school year (and school).
import { field } from "./fields.ts";
import type { KindSpec } from "./kind.ts";

export const RACE_CODES = [
  "hispanic",
  "american_indian",
  "asian",
  "black",
  "pacific_islander",
  "white",
  "two_or_more",
] as const;
export const RACE_SPELLINGS: Record<string, string> = {
  h: "hispanic",
  "hispanic or latino": "hispanic",
  latino: "hispanic",
  i: "american_indian",
  "american indian": "american_indian",
  "american indian or alaska native": "american_indian",
  a: "asian",
  b: "black",
  "black or african american": "black",
  "african american": "black",
  p: "pacific_islander",
  "native hawaiian or other pacific islander": "pacific_islander",
  "pacific islander": "pacific_islander",
  w: "white",
  m: "two_or_more",
  t: "two_or_more",
  "two or more races": "two_or_more",
  "two or more": "two_or_more",
  multiracial: "two_or_more",
  "multi-racial": "two_or_more",
  "black/african american": "black",
  "native american": "american_indian",
  "alaska native": "american_indian",
  "american indian/alaska native": "american_indian",
  "asian american": "asian",
  "native hawaiian/other pacific islander": "pacific_islander",
  "native hawaiian": "pacific_islander",
  "hispanic/latino": "hispanic",
};
export const SCHOOL_ID = "^[0-9]{1,4}-[0-9]{3}$";
export const DISTRICT_ID = "^[0-9]{1,4}$";

export const students: KindSpec = {
  kind: "students",
  description: "Student-year records from the state's student information system.",
  identity: "student_id",
  key: ["student_id", "school_year", "school_id"],
  period: "min(n.school_year)::varchar || '-' || max(n.school_year)::varchar",
  fields: [
    field.id("student_id", "State student id (replaced by student_key on landing)", {
      required: true,
      aliases: ["sid", "State Student ID", "MSIS ID"],
    }),
    field.int("school_year", "Year the school year ends (2024 = 2023-24)", 1990, 2100, { required: true }),
    field.pattern("district_id", "State district number", "^[0-9]{1,4}$", "3021", { required: true }),
    field.pattern("school_id", "School id: district number, hyphen, school number", SCHOOL_ID, "3021-004", {
      required: true,
    }),
    field.grade(
      "grade",
      "Grade level (PK, K, 1-12, UG = ungraded); every grade loads, each indicator picks its own",
      {
        required: true,
        aliases: ["grade_level"],
      },
    ),
    field.code("race_ethnicity", "Race/ethnicity (federal seven)", RACE_CODES, {
      required: true,
      spellings: RACE_SPELLINGS,
    }),
    field.code("sex", "Sex (X: another or not reported)", ["F", "M", "X"], {
      required: true,
      spellings: { female: "F", male: "M", u: "X", "not reported": "X", "non-binary": "X", nonbinary: "X" },
    }),
    field.flag("econ_disadvantaged", "Economically disadvantaged this year", { required: true }),
    field.flag("english_learner", "English learner this year", { required: true }),
    field.flag("iep", "Has an IEP this year", { required: true }),
    field.code("exit_code", "How the year ended", [
      "enrolled",
      "graduated",
      "transferred_in_state",
      "transferred_out",
      "dropped_out",
      "other",
    ]),
    field.date("diploma_date", "Date the diploma was awarded"),
    field.code("diploma_type", "Diploma type; only regular counts as graduation", [
      "regular",
      "alternate",
      "certificate",
      "other",
    ]),
    field.flag("ccr_met", "Met the state college-and-career-readiness benchmark"),
    field.int("act_composite", "ACT composite score", 1, 36),
    field.number("days_enrolled", "Days enrolled at this school this year", 0, 366),
    field.number("days_absent", "Days absent from this school this year (half days allowed)", 0, 366),
  ],
};
