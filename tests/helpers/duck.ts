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

/**
 * Reading NSC returns by name across layouts and header spellings, written here independently of
 * the contract: with `read_csv(..., union_by_name = true)` every spelling is its own column, so
 * `nscColumn` coalesces the columns whose name matches (`your.unique.identifier`), and `nscDate`
 * reads YYYYMMDD or MM/DD/YYYY (N/A gives null).
 */
export const nscColumn = (regex: string) => `coalesce(*columns('(?i)^${regex}$'))`;
export const nscDate = (c: string) =>
  `coalesce(try_strptime(${c}, '%Y%m%d'), try_strptime(${c}, '%m/%d/%Y'))::date`;
