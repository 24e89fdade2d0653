// `accountability` in its normalized layout; the MDE media file is read into these fields.
import { field } from "./fields.ts";
import type { KindSpec } from "./kind.ts";

const rate = (name: string, description: string) =>
  field.number(name, `${description} (percent, 0-100)`, 0, 100);

export const accountability: KindSpec = {
  kind: "accountability",
  description: "Published accountability results per entity and school year (graduation and CCR rates).",
  key: ["level", "entity_id", "school_year", "subgroup"],
  period: "min(n.school_year)::varchar || '-' || max(n.school_year)::varchar",
  fields: [
    field.code("level", "state, district or school", ["state", "district", "school"], { required: true }),
    field.pattern(
      "entity_id",
      "District number, school id (DDDD-SSS) or state code",
      "^([0-9]{1,4}|[0-9]{1,4}-[0-9]{3}|[A-Z]{2})$",
      "3021 or 3021-016",
      { required: true },
    ),
    field.int("school_year", "Accountability school year (ends in this year)", 1990, 2100, {
      required: true,
    }),
    rate("grad_rate", "Four-year graduation rate of the previous graduating class"),
    rate("ccr_rate", "College and career readiness rate"),
    rate("acceleration_rate", "Acceleration component"),
    field.text("grade", "Letter grade", { max: 3 }),
    field.number("total_points", "Total accountability points", 0, 1000),
    field.text("subgroup", "Student group, when the file reports one", { max: 60 }),
  ],
};
