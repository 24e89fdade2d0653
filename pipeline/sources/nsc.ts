// `nsc`: one National Student Clearinghouse StudentTracker detail row (student x college x term).
// Accepts the StudentTracker for High Schools layout (23 columns, and the 25-column variant with
// Reporting_Year and LEA), the StudentTracker for Colleges layout (33 columns: Search Date,
// Class Level, enrollment and degree majors with CIP codes), and newer columns beside them.
// Only the id (YOUR_UNIQUE_IDENTIFIER, or REQUESTER_RETURN_FIELD where it is blank) and
// RECORD_FOUND_Y/N are required; real returns spell levels, controls and dates in several ways.
import { field } from "./fields.ts";
import type { KindSpec } from "./kind.ts";

/** OPEID and branch: `005166-00`; lost leading zeros (`5166-00`) and a missing hyphen are restored. */
const collegeCode = () => {
  const f = field.text("college_code", "OPEID code and branch of the college (NNNNNN-NN)", {
    max: 12,
    aliases: ["COLLEGE_CODE/BRANCH", "College Code", "OPEID"],
  });
  return {
    ...f,
    normalize: (c: string) => {
      const v = `trim(${c})`;
      return `case
        when regexp_full_match(${v}, '[0-9]{1,6}-[0-9]{2}')
          then lpad(split_part(${v}, '-', 1), 6, '0') || '-' || split_part(${v}, '-', 2)
        when regexp_full_match(${v}, '[0-9]{8}') then left(${v}, 6) || '-' || right(${v}, 2)
        else (${f.normalize(c)}) end`;
    },
    accepts: "NNNNNN-NN; leading zeros lost by a spreadsheet (5166-00) and NNNNNNNN are written NNNNNN-NN",
  };
};

export const nsc: KindSpec = {
  kind: "nsc",
  description:
    "National Student Clearinghouse StudentTracker detail return (high schools or colleges layout).",
  identity: "your_unique_identifier",
  identityFallback: "requester_return_field",
  key: [],
  // the graduation dates the return covers (YYYYMMDD, as periods were always written); else its
  // search date (colleges layout); else the span of its terms: a file of the same period replaces
  // an earlier one, so a return without dates must not share a period with every other
  period: `coalesce(
    strftime(min(n.high_school_grad_date), '%Y%m%d') || '-' || strftime(max(n.high_school_grad_date), '%Y%m%d'),
    'searched ' || strftime(max(n.search_date), '%Y%m%d'),
    'terms ' || strftime(min(n.enrollment_begin), '%Y%m%d') || '-' || strftime(max(n.enrollment_begin), '%Y%m%d'),
    'undated')`,
  identifiers: ["first_name", "middle_name", "middle_initial", "last_name", "name_suffix"],
  detectBy: ["record_found"],
  knownExtras: [
    "Reporting_Year",
    "LEA",
    "Class Level",
    ...[1, 2].flatMap((k) => [`Enrollment Major ${k}`, `Enrollment CIP ${k}`]),
    ...[2, 3, 4].flatMap((k) => [`Degree Major ${k}`, `Degree CIP ${k}`]),
  ],
  fields: [
    field.id("your_unique_identifier", "The id the district sent (replaced by student_key on landing)", {
      required: true,
      trailing: "_",
      aliases: ["YOUR_UNIQUE_IDENTIFIER", "Your Unique Identifier", "Unique Identifier"],
    }),
    field.text(
      "requester_return_field",
      "Requester's own return field (the id when YOUR_UNIQUE_IDENTIFIER is blank)",
      {
        max: 200,
      },
    ),
    field.code("record_found", "Whether NSC found the student", ["Y", "N"], {
      required: true,
      aliases: ["RECORD_FOUND_Y/N", "Record Found Y/N", "Record Found"],
      spellings: { yes: "Y", no: "N" },
    }),
    field.date("search_date", "The date NSC searched from (colleges layout)"),
    field.text("high_school_code", "ACT/CEEB code of the submitting high school", { max: 12 }),
    field.date("high_school_grad_date", "High-school graduation date"),
    collegeCode(),
    field.text("college_name", "College name", { max: 200 }),
    field.pattern("college_state", "College state", "^[A-Z]{2}$", "MS"),
    field.code("level", "2-year, 4-year or less than 2 years", ["4", "2", "L"], {
      aliases: ["2-YEAR/4-YEAR", "2-year / 4-year", "2yr/4yr"],
      spellings: {
        "4-year": "4",
        "4 year": "4",
        "4year": "4",
        "four-year": "4",
        "2-year": "2",
        "2 year": "2",
        "2year": "2",
        "two-year": "2",
        "less than 2 years": "L",
        "less than 2 year": "L",
        "less than 2-year": "L",
        "<2 year": "L",
      },
    }),
    field.code("control", "Public or private", ["Public", "Private"], {
      aliases: ["PUBLIC/PRIVATE", "Public / Private"],
      spellings: {
        "private nonprofit": "Private",
        "private not-for-profit": "Private",
        "private for-profit": "Private",
      },
    }),
    field.date("enrollment_begin", "Term begin date"),
    field.date("enrollment_end", "Term end date"),
    field.code(
      "enrollment_status",
      "F full, Q three-quarter, H half, L less than half, W withdrawn, A leave, D deceased; blank not released",
      ["F", "Q", "H", "L", "W", "A", "D"],
    ),
    field.code("graduated", "A degree or certificate row", ["Y", "N"], {
      aliases: ["Graduated?"],
      spellings: { yes: "Y", no: "N" },
    }),
    field.date("graduation_date", "Degree date"),
    field.text("degree_title", "Degree title", { max: 200 }),
    field.text("major", "Major (high-schools layout) or first degree major (colleges layout)", {
      max: 200,
      aliases: ["Degree Major 1", "DEGREE_MAJOR_1"],
    }),
    field.int(
      "college_sequence",
      "Order of the college record for the student; 0 = enrolled while still in high school (dual enrollment)",
      0,
      999,
    ),
    field.text("program_code", "Program (CIP) code", { max: 20, aliases: ["Degree CIP 1", "DEGREE_CIP_1"] }),
  ],
};
