// Small reference kinds: districts, schools, attainment.
import { field } from "./fields.ts";
import type { KindSpec } from "./kind.ts";
import { SCHOOL_ID } from "./students.ts";

export const districts: KindSpec = {
  kind: "districts",
  description: "School districts.",
  key: ["district_id"],
  period: "'all'",
  detectBy: ["district_id", "name"],
  knownExtras: ["district_type", "data_origin"],
  fields: [
    field.pattern("district_id", "State district number", "^[0-9]{1,4}$", "3021", { required: true }),
    field.text("name", "District name", { required: true, max: 200 }),
    field.pattern("nces_leaid", "Federal (NCES) district id", "^[0-9]{7}$", "2803030"),
    field.code("locale", "Locale group", ["city", "suburb", "town", "rural"]),
    field.text("county", "County", { max: 100 }),
  ],
};

export const schools: KindSpec = {
  kind: "schools",
  description: "Schools, with whether a career coach serves them.",
  key: ["school_id", "school_year"],
  period: "coalesce(min(n.school_year)::varchar, 'all')",
  detectBy: ["school_id", "district_id", "name"],
  knownExtras: ["grade_low", "grade_high", "ceeb_code"],
  fields: [
    field.pattern("school_id", "School id", SCHOOL_ID, "3021-004", { required: true }),
    field.pattern("district_id", "State district number", "^[0-9]{1,4}$", "3021", { required: true }),
    field.text("name", "School name", { required: true, max: 200 }),
    field.flag("has_career_coach", "A career coach serves the school"),
    field.int("school_year", "School year the row applies to", 1990, 2100),
  ],
};

/** What an attainment figure or goal measures: the credential definition and the age band. */
const measureOf = () => [
  field.code(
    "definition",
    "credential (degree or high-value certificate) or degree (associate or higher)",
    ["credential", "degree"],
    { required: true },
  ),
  field.text("age_band", "Age band, e.g. 25-64", { required: true, max: 20 }),
];

export const attainment: KindSpec = {
  kind: "attainment",
  description: "Published postsecondary attainment of adults (state series).",
  key: ["year", "definition", "age_band"],
  period: "'all'",
  fields: [
    field.int("year", "Year of the figure", 1990, 2100, { required: true }),
    field.number("attainment_pct", "Percent of the age band holding the credential", 0, 100, {
      required: true,
    }),
    ...measureOf(),
    field.text("source", "Who published the figure", { required: true, max: 300 }),
    field.int("population_25_64", "Population aged 25-64, where known", 0, 1_000_000_000),
  ],
};

export const goals: KindSpec = {
  kind: "goals",
  description: "The state's published attainment goals (Mississippi: 55% by 2030, 60% by 2035).",
  key: ["goal_year", "definition", "age_band"],
  period: "'all'",
  fields: [
    field.int("goal_year", "Year the goal is set for", 1990, 2100, { required: true }),
    field.number(
      "attainment_pct",
      "Percent of the age band the goal says should hold the credential",
      0,
      100,
      {
        required: true,
      },
    ),
    ...measureOf(),
    field.text("source", "Who set the goal", { required: true, max: 300 }),
  ],
};
