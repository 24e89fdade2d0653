// What may be said about a file without saying what is in it. Column names that look like a
// personal identifier are dropped on landing (by pattern, not by a list of exact names); messages
// that are stored or printed quote a header row only when it looks like column names, never a
// row of data (a file without its header row would otherwise put a student's id, name and birth
// date into the error text, meta.runs and the warehouse); DuckDB's own messages lose what they
// quote; control characters are shown escaped, never sent to a terminal.

/** Words that make a column name an identifier of a person wherever they appear (normalized). */
const PERSONAL = [
  "ssn",
  "socialsecurity",
  "msis",
  "birth",
  "dob",
  "maiden",
  "email",
  "phone",
  "mobile",
  "address",
  "street",
  "zipcode",
  "postal",
  "firstname",
  "lastname",
  "middlename",
  "middleinitial",
  "fullname",
  "surname",
  "givenname",
  "nickname",
  "namesuffix",
  "last4",
  "lastfour",
];
/** Words that name an organization or a thing, not a person: `school id`, `college name`. */
const NOT_A_PERSON = new Set([
  "school",
  "district",
  "college",
  "institution",
  "lea",
  "entity",
  "course",
  "section",
  "program",
  "cluster",
  "campus",
  "county",
  "major",
  "degree",
  "cip",
  "ceeb",
  "nces",
  "opeid",
  "ipeds",
  "file",
  "sheet",
  "endorsement",
]);
const PERSON = new Set([
  "student",
  "stu",
  "person",
  "pupil",
  "learner",
  "parent",
  "guardian",
  "mother",
  "father",
]);

/** A header split into lower-case words: `Student_SSN` -> student, ssn; `msisID` -> msis, id. */
export function words(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Za-z])([0-9])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Whether a column name looks like an identifier of a person: an SSN, MSIS or other id, a birth
 * date, a name or a part of one, an e-mail, phone or address, with any separators, prefixes and
 * suffixes (`SSN_LAST4`, `mother_maiden_name`, `DOB_`, `Student ID`, `student_id_1`).
 */
export function looksLikeIdentifier(header: string): boolean {
  const joined = header.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (PERSONAL.some((p) => joined.includes(p))) return true;
  const w = words(header);
  const thing = w.some((x) => NOT_A_PERSON.has(x));
  const person = w.some((x) => PERSON.has(x));
  if (w.some((x) => ["id", "ids", "identifier", "uid", "guid", "sid", "key"].includes(x)) && !thing)
    return true;
  if (/^(stu|student|person|pupil)(id|num|number|no|key)$/.test(joined)) return true;
  if (w.some((x) => ["name", "names", "initial", "initials"].includes(x)) && !thing) return true;
  if (w.some((x) => ["number", "num", "no", "nbr"].includes(x)) && person) return true;
  return false;
}

/** A header that is a value, not a name: a number, a date, an e-mail, a long code or hex string. */
function isValueLike(header: string): boolean {
  const h = header.trim();
  return (
    /^[0-9\s.,:/+_-]+$/.test(h) ||
    /@/.test(h) ||
    /^[0-9a-f]{16,}$/i.test(h) ||
    /[0-9]{5,}/.test(h) ||
    h.length > 64
  );
}

/** Whether a header row reads as data (a file without its header row, or not a table at all). */
export function headerRowIsData(headers: string[]): boolean {
  return headers.some(isValueLike);
}

/**
 * A header row for a message: the column names (escaped, at most `max`), or, when the row holds
 * values instead of names, a description that quotes none of them.
 */
export function describeHeaders(headers: string[], max = 12): string {
  if (headerRowIsData(headers))
    return `${headers.length} column(s) whose first row holds values (numbers, dates, codes), not column names: does the file lack its header row? (the values are not repeated here)`;
  const shown = headers.slice(0, max).map(printable);
  return headers.length > max ? `${shown.join(", ")}, ... ${headers.length - max} more` : shown.join(", ");
}

/** DuckDB's message about a file, without what it quotes from the file (a line, a value). */
export function withoutQuotedText(message: string): string {
  return message
    .split("\n")[0]
    ?.replace(/"[^"]*"|'[^']*'/g, "(value withheld)")
    .replace(/Original Line:.*$/i, "") as string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Control characters escaped (`\x1b`), so a value cannot drive the terminal it is printed on. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
