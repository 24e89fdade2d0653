// Independent SQL over generated files: a fresh in-memory DuckDB that knows nothing of the generator.
import { openDb } from "../../pipeline/warehouse/connection.ts";

export async function memoryDb() {
  return openDb(":memory:");
}

// Written out here on purpose, not imported from the generator: the tests check its files against the
// NSC layout as published, independently of the code that wrote them.
export const NSC_CANONICAL = [
  "YOUR_UNIQUE_IDENTIFIER",
  "FIRST_NAME",
  "MIDDLE_NAME",
  "LAST_NAME",
  "NAME_SUFFIX",
  "REQUESTER_RETURN_FIELD",
  "RECORD_FOUND_Y/N",
  "HIGH_SCHOOL_CODE",
  "HIGH_SCHOOL_GRAD_DATE",
  "COLLEGE_CODE/BRANCH",
  "COLLEGE_NAME",
  "COLLEGE_STATE",
  "2-YEAR/4-YEAR",
  "PUBLIC/PRIVATE",
  "ENROLLMENT_BEGIN",
  "ENROLLMENT_END",
  "ENROLLMENT_STATUS",
  "GRADUATED",
  "GRADUATION_DATE",
  "DEGREE_TITLE",
  "MAJOR",
  "COLLEGE_SEQUENCE",
  "PROGRAM_CODE",
];

/** Header matching as CONTRACTS.md defines it: case, spaces, underscores, slashes, punctuation ignored. */
export const normalizeHeader = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");
