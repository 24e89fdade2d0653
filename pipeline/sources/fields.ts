// One declaration per contract field gives three things: the zod schema (the contract's single
// source of truth, also used for the data dictionary), the SQL that normalizes a landed VARCHAR
// into the contract's code, and the rule a steward reads when a value is rejected.
// Validation runs as SQL over whole files; zod checks rows that arrive as objects.
import { z } from "zod";

export interface Field {
  name: string;
  description: string;
  required: boolean;
  /** Accepted header spellings besides the name (compared after normalizeHeader). */
  aliases: string[];
  zod: z.ZodType;
  /** SQL expression giving the normalized value of column `c` (a quoted identifier), NULL when it cannot. */
  normalize: (c: string) => string;
  /** The rule in words, as the load report prints it. */
  rule: string;
}

type Options = { required?: boolean; aliases?: string[] };

const blank = (c: string) => `nullif(trim(${c}), '')`;

function make(
  name: string,
  description: string,
  o: Options,
  zod: z.ZodType,
  normalize: Field["normalize"],
  rule: string,
): Field {
  const required = o.required ?? false;
  return {
    name,
    description,
    required,
    aliases: o.aliases ?? [],
    zod: required ? zod : zod.optional().nullable(),
    normalize,
    rule: required ? `${rule}; required` : rule,
  };
}

export const field = {
  text(name: string, description: string, o: Options & { max?: number } = {}): Field {
    const max = o.max ?? 1000;
    return make(
      name,
      description,
      o,
      z.string().min(1).max(max),
      (c) => `case when length(${blank(c)}) <= ${max} then ${blank(c)} end`,
      `text of at most ${max} characters`,
    );
  },
  pattern(name: string, description: string, regex: string, example: string, o: Options = {}): Field {
    return make(
      name,
      description,
      o,
      z.string().regex(new RegExp(regex)),
      (c) => `case when regexp_full_match(${blank(c)}, '${regex}') then ${blank(c)} end`,
      `must look like ${example}`,
    );
  },
  int(name: string, description: string, min: number, max: number, o: Options = {}): Field {
    return make(
      name,
      description,
      o,
      z.number().int().min(min).max(max),
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
      z.number().min(min).max(max),
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
      z.enum(codes as [string, ...string[]]),
      (c) => `case lower(${blank(c)}) ${cases} end`,
      `one of ${codes.join(", ")}`,
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
      z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      (c) => `coalesce(
        try_strptime(${blank(c)}, '%Y-%m-%d'), try_strptime(${blank(c)}, '%m/%d/%Y'),
        try_strptime(${blank(c)}, '%Y%m%d'))::date`,
      "a date (YYYY-MM-DD, M/D/YYYY or YYYYMMDD)",
    );
  },
};

export type FieldMap = Record<string, Field>;

/** The zod object of a kind's row, built from its fields. */
export function rowSchema(fields: Field[]) {
  return z.object(Object.fromEntries(fields.map((f) => [f.name, f.zod.describe(f.description)])));
}
