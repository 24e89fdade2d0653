// `assessments`: state test results, one row per student, school year, subject and grade tested.
// The Strategic Data Project's Student_Test_Scores layout (sid, school_year, grade_level,
// test_subject, raw_score, scaled_score) loads as it comes.
import { field } from "./fields.ts";
import type { KindSpec } from "./kind.ts";
import { SCHOOL_ID } from "./students.ts";

export const assessments: KindSpec = {
  kind: "assessments",
  description:
    "State assessment results (MAAP): scale score and achievement level per student, year, subject and grade.",
  identity: "student_id",
  key: ["student_id", "school_year", "subject", "grade"],
  period: "min(n.school_year)::varchar || '-' || max(n.school_year)::varchar",
  detectBy: ["student_id", "school_year", "subject", "scale_score"],
  fields: [
    field.id("student_id", "State student id (replaced by student_key on landing)", {
      required: true,
      aliases: ["sid", "State Student ID", "MSIS ID"],
    }),
    field.int("school_year", "Year the school year of the test ends (2024 = spring 2024)", 1990, 2100, {
      required: true,
    }),
    field.grade("grade", "Grade the student was tested in", {
      required: true,
      aliases: ["grade_level", "tested_grade"],
    }),
    field.code("subject", "Subject tested", ["math", "ela"], {
      required: true,
      aliases: ["test_subject"],
      spellings: {
        mathematics: "math",
        "english language arts": "ela",
        "english/language arts": "ela",
      },
    }),
    field.number(
      "scale_score",
      "Scale score (standardized within school year, subject and grade for comparisons)",
      0,
      100000,
      {
        required: true,
        aliases: ["scaled_score"],
      },
    ),
    field.number("raw_score", "Raw score (points earned)", 0, 100000),
    field.code(
      "achievement_level",
      "Achievement level: 1 Minimal, 2 Basic, 3 Passing, 4 Proficient, 5 Advanced",
      ["1", "2", "3", "4", "5"],
      {
        spellings: { minimal: "1", basic: "2", passing: "3", proficient: "4", advanced: "5" },
      },
    ),
    field.pattern("district_id", "District of the school tested in", "^[0-9]{1,4}$", "3021"),
    field.pattern("school_id", "School tested in", SCHOOL_ID, "3021-004"),
  ],
};
