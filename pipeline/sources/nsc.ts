// `nsc`: one StudentTracker for High Schools detail row (student x college x term).
import { field } from "./fields.ts";
import type { KindSpec } from "./kind.ts";

const yyyymmdd = (name: string, description: string) =>
  field.pattern(
    name,
    `${description} (YYYYMMDD)`,
    "^(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$",
    "20240826",
  );

export const nsc: KindSpec = {
  kind: "nsc",
  description: "National Student Clearinghouse StudentTracker for High Schools detail return.",
  identity: "your_unique_identifier",
  key: [],
  period: "min(n.high_school_grad_date) || '-' || max(n.high_school_grad_date)",
  identifiers: ["first_name", "middle_name", "last_name", "name_suffix"],
  fields: [
    field.text("your_unique_identifier", "The id the district sent (replaced by student_key on landing)", {
      required: true,
      max: 64,
      aliases: ["YOUR_UNIQUE_IDENTIFIER", "Your Unique Identifier"],
    }),
    field.text("requester_return_field", "Requester's own return field", { max: 200 }),
    field.code("record_found", "Whether NSC found the student", ["Y", "N"], {
      required: true,
      aliases: ["RECORD_FOUND_Y/N", "Record Found Y/N"],
    }),
    field.text("high_school_code", "ACT/CEEB code of the submitting high school", {
      required: true,
      max: 12,
    }),
    yyyymmdd("high_school_grad_date", "High-school graduation date"),
    field.text("college_code", "OPEID code and branch", { max: 12, aliases: ["COLLEGE_CODE/BRANCH"] }),
    field.text("college_name", "College name", { max: 200 }),
    field.pattern("college_state", "College state", "^[A-Z]{2}$", "MS"),
    field.code("level", "2-year, 4-year or less than 2 years", ["4", "2", "L"], {
      aliases: ["2-YEAR/4-YEAR", "2-year / 4-year"],
    }),
    field.code("control", "Public or private", ["Public", "Private"], {
      aliases: ["PUBLIC/PRIVATE", "Public / Private"],
    }),
    yyyymmdd("enrollment_begin", "Term begin date"),
    yyyymmdd("enrollment_end", "Term end date"),
    field.code(
      "enrollment_status",
      "F full, Q three-quarter, H half, L less than half, W withdrawn, A leave, D deceased; blank not released",
      ["F", "Q", "H", "L", "W", "A", "D"],
    ),
    field.code("graduated", "A degree or certificate row", ["Y", "N"], { aliases: ["Graduated?"] }),
    yyyymmdd("graduation_date", "Degree date"),
    field.text("degree_title", "Degree title", { max: 200 }),
    field.text("major", "Major", { max: 200 }),
    field.int("college_sequence", "Order of the college record for the student", 1, 999),
    field.text("program_code", "Program (CIP) code", { max: 20 }),
  ],
};
