// One declaration per contract field gives three things: the description the data dictionary and
// meta.input_contract print, the SQL that normalizes a landed VARCHAR into the contract's code, and
// the rule a steward reads when a value is rejected. Validation runs as SQL over whole files (JSON
// Lines and XLSX rows too, once landed as text), so the contracts carry no per-row schema.

export interface Field {
  name: string;
  description: string;
  required: boolean;
  /** Accepted header spellings besides the name (compared after normalizeHeader). */
  aliases: string[];
  /** SQL expression giving the normalized value of column `c` (a quoted identifier), NULL when it cannot. */
  normalize: (c: string) => string;
  /** The rule in words, as the load report prints it. */
  rule: string;
  /** Other spellings accepted besides the codes, as docs/ingest.md and the dictionary list them. */
  accepts?: string;
}

type Options = { required?: boolean; aliases?: string[] };

/** Empty, or `N/A` as NSC returns and spreadsheets write it: both mean no value. */
const blank = (c: string) => `case when upper(trim(${c})) not in ('', 'N/A') then trim(${c}) end`;

function make(
  name: string,
  description: string,
  o: Options,
  normalize: Field["normalize"],
  rule: string,
  accepts?: string,
): Field {
  const required = o.required ?? false;
  return {
    name,
    description,
    required,
    aliases: o.aliases ?? [],
    normalize,
    rule: required ? `${rule}; required` : rule,
    accepts,
  };
}

export const field = {
  text(name: string, description: string, o: Options & { max?: number } = {}): Field {
    const max = o.max ?? 1000;
    return make(
      name,
      description,
      o,
      (c) => `case when length(${blank(c)}) <= ${max} then ${blank(c)} end`,
      `text of at most ${max} characters`,
    );
  },
  pattern(name: string, description: string, regex: string, example: string, o: Options = {}): Field {
    return make(
      name,
      description,
      o,
      (c) => `case when regexp_full_match(${blank(c)}, '${regex}') then ${blank(c)} end`,
      `must look like ${example}`,
    );
  },
  int(name: string, description: string, min: number, max: number, o: Options = {}): Field {
    return make(
      name,
      description,
      o,
      (c) => `case when try_cast(${blank(c)} as double) between ${min} and ${max}
        and try_cast(${blank(c)} as double) = floor(try_cast(${blank(c)} as double))
        then try_cast(${blank(c)} as double)::integer end`,
      `a whole number from ${min} to ${max}`,
    );
  },
  number(name: string, description: string, min: number, max: number, o: Options = {}): Field {
    return make(
      name,
      description,
      o,
      (c) => `case when try_cast(replace(${blank(c)}, '%', '') as double) between ${min} and ${max}
        then try_cast(replace(${blank(c)}, '%', '') as double) end`,
      `a number from ${min} to ${max}`,
    );
  },
  /** A code list; `spellings` maps other spellings (lower case) to codes. */
  code(
    name: string,
    description: string,
    codes: readonly string[],
    o: Options & { spellings?: Record<string, string> } = {},
  ): Field {
    const pairs = [...codes.map((c) => [c.toLowerCase(), c] as const), ...Object.entries(o.spellings ?? {})];
    const cases = pairs.map(([from, to]) => `when '${from.replaceAll("'", "''")}' then '${to}'`).join(" ");
    return make(
      name,
      description,
      o,
      (c) => `case lower(${blank(c)}) ${cases} end`,
      `one of ${codes.join(", ")}`,
      Object.keys(o.spellings ?? {}).length > 0
        ? `any case; also ${Object.entries(o.spellings ?? {})
            .map(([from, to]) => `${from} (${to})`)
            .join(", ")}`
        : "any case",
    );
  },
  flag(name: string, description: string, o: Options = {}): Field {
    return field.code(name, description, ["Y", "N"], {
      ...o,
      spellings: { "1": "Y", "0": "N", true: "Y", false: "N", yes: "Y", no: "N", t: "Y", f: "N" },
    });
  },
  /** ISO YYYY-MM-DD, US M/D/YYYY, or NSC YYYYMMDD. */
  date(name: string, description: string, o: Options = {}): Field {
    return make(
      name,
      description,
      o,
      (c) => `coalesce(
        try_strptime(${blank(c)}, '%Y-%m-%d'), try_strptime(${blank(c)}, '%m/%d/%Y'),
        try_strptime(${blank(c)}, '%Y%m%d'))::date`,
      "a date (YYYY-MM-DD, M/D/YYYY or YYYYMMDD)",
      "YYYY-MM-DD, M/D/YYYY or MM/DD/YYYY, YYYYMMDD; N/A or empty = no date",
    );
  },
  /**
   * A student id. Normalized before it is keyed, so one student has one key whatever wrote the
   * file: trimmed, upper-cased, leading zeros dropped from all-digit ids, `123.0` read as `123`,
   * and `1.23E+2` as `123` when every digit is shown (a spreadsheet that shows fewer digits than the
   * id has may have rounded it: rejected). `trailing` strips that character from the end (NSC
   * returns ids with a trailing `_`).
   */
  id(name: string, description: string, o: Options & { trailing?: string } = {}): Field {
    return make(
      name,
      description,
      o,
      (c) => normalizedIdSql(c, o.trailing),
      "an id of at most 64 characters (a number in scientific notation only with every digit shown)",
      `trimmed and upper-cased; leading zeros of all-digit ids dropped; 123.0 = 123. = 123; 1.23E+2 = 1.230E+02 = 123${
        o.trailing ? `; a trailing ${o.trailing} dropped` : ""
      }`,
    );
  },
  /** Grade level as a code: PK, K, 1-12, UG (ungraded). */
  grade(name: string, description: string, o: Options = {}): Field {
    return make(
      name,
      description,
      o,
      (c) => gradeSql(c),
      `a grade: ${GRADE_CODES.join(", ")}`,
      "PK, PreK, Pre-K; K, KG, 0, 00, Kindergarten; 1-12, zero-padded 01-12, Grade 9, 9th; 13, UG, Ungraded",
    );
  },
};

export const GRADE_CODES = [
  "PK",
  "K",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7",
  "8",
  "9",
  "10",
  "11",
  "12",
  "UG",
] as const;

function gradeSql(c: string): string {
  // "Grade 9", "9th", "09" -> "9"
  const v = `regexp_replace(regexp_replace(lower(${blank(c)}), '^(grade|gr\\.?)\\s*', ''), '(st|nd|rd|th)$', '')`;
  return `case
    when ${v} in ('pk', 'prek', 'pre-k', 'pre-kindergarten', 'prekindergarten') then 'PK'
    when ${v} in ('k', 'kg', 'kindergarten', '0', '00') then 'K'
    when ${v} in ('13', 'ug', 'ungraded') then 'UG'
    when regexp_full_match(${v}, '0?([1-9]|1[0-2])') then ltrim(${v}, '0')
  end`;
}

function normalizedIdSql(c: string, trailing?: string): string {
  const v = trailing ? `rtrim(trim(${c}), '${trailing}')` : `trim(${c})`;
  const frac = `coalesce(regexp_extract(upper(${v}), '\\.([0-9]*)E', 1), '')`;
  const e = `try_cast(regexp_extract(upper(${v}), 'E\\+?([0-9]+)', 1) as integer)`;
  // all digits first: nearly every id, one regular expression
  return `case
    when length(${v}) > 64 then null
    when regexp_full_match(${v}, '[0-9]+') then coalesce(nullif(ltrim(${v}, '0'), ''), '0')
    when upper(${v}) in ('', 'N/A') then null
    when regexp_full_match(${v}, '[0-9]+\\.0*')
      then coalesce(nullif(ltrim(split_part(${v}, '.', 1), '0'), ''), '0')
    when regexp_full_match(upper(${v}), '[0-9]\\.?[0-9]*E\\+?[0-9]+') then
      -- every digit shown: the fraction holds at least the exponent's digits, and only zeros past them
      case when length(${frac}) >= ${e} and regexp_full_match(substr(${frac}, ${e} + 1), '0*')
        then coalesce(nullif(ltrim(left(${v}, 1) || left(${frac}, ${e}), '0'), ''), '0') end
    else upper(${v})
  end`;
}
