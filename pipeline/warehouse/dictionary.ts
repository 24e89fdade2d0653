// The data dictionary, generated from one source: each model's header comment (its tables'
// description, grain and a `columns:` block) and, for columns that keep an input field's name,
// the field's description in the zod contracts. It becomes meta.dictionary and DuckDB COMMENTs.
import { KINDS } from "../sources/index.ts";
import { type Db, sqlString } from "./connection.ts";
import type { Model } from "./models.ts";

/** Schemas researchers query; every table and column in them must be described. */
export const PUBLIC_SCHEMAS = ["core", "marts", "meta"];
const DOCUMENTED_SCHEMAS = ["staging", ...PUBLIC_SCHEMAS];

export interface ModelDoc {
  model: string;
  tables: string[];
  description: string;
  fields: Record<string, string>;
  columns: Record<string, string>;
}

const DICTIONARY_DOC: ModelDoc = {
  model: "pipeline/warehouse/dictionary.ts",
  tables: ["meta.dictionary"],
  description:
    "Every table and column of the warehouse with its description: one row per table (column_name null), then one per column. Generated at build from the model headers in sql/ and the input contracts.",
  fields: { grain: "table, or table x column" },
  columns: {
    schema_name: "schema of the table",
    table_name: "table name",
    column_name: "column name (null on the row describing the table)",
    data_type: "DuckDB data type",
    description: "what the table or column holds",
    documented_in: "where the description comes from: a model file, model headers, or input contract",
  },
};

const INPUT_CONTRACT_DOC: ModelDoc = {
  model: "pipeline/sources/",
  tables: ["meta.input_contract"],
  description:
    "What the loader accepts, per input kind and field: the header spellings, the rule a value must meet, and the other spellings it maps to the contract's codes. Generated at build from the contracts in pipeline/sources/, so it always says what this build's loader accepted.",
  fields: { grain: "input kind x field" },
  columns: {
    kind: "input kind (students, plans, nsc, accountability, attainment, districts, schools)",
    field: "the contract's name of the field (raw.<kind> column)",
    required: "a file without this column fails; a row with it empty is rejected",
    headers:
      "header spellings accepted besides the field name (matched ignoring case, spaces and punctuation)",
    rule: "the rule a value must meet, as the load report prints it",
    accepted: "other spellings accepted and what they become",
    description: "what the field holds",
  },
};

/** meta.input_contract: every field of every input kind, from the contracts themselves. */
async function writeInputContract(db: Db): Promise<void> {
  const v = (s: string | undefined) => (s ? sqlString(s) : "null");
  const rows = KINDS.flatMap((spec) =>
    spec.fields.map(
      (f) =>
        `(${v(spec.kind)}, ${v(f.name)}, ${f.required || (f.name === spec.identity && !spec.identityFallback)}, ${v(f.aliases.join("; "))}, ${v(f.rule.replace(/; required$/, ""))}, ${v(f.accepts)}, ${v(f.description)})`,
    ),
  );
  await db.run(`create or replace table meta.input_contract (
      kind varchar, field varchar, required boolean, headers varchar, rule varchar, accepted varchar, description varchar);
    insert into meta.input_contract values ${rows.join(",\n")};`);
}

const LABEL = /^(grain|keys?|sources|columns):\s*(.*)$/;

/** Read a model's leading comment block. */
export function parseModelHeader(model: Model): ModelDoc {
  const lines: string[] = [];
  for (const line of model.sql.split(/\r?\n/)) {
    if (!line.startsWith("--")) break;
    lines.push(line.replace(/^--\s?/, ""));
  }
  const tables = (lines.shift() ?? "")
    .replace(/\(.*\)/, "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => /^\w+\.\w+$/.test(t));
  const description: string[] = [];
  const fields: Record<string, string> = {};
  const columns: Record<string, string> = {};
  // a labelled field (grain:, sources:...) or a column doc, which indented lines continue
  let target: Record<string, string> | null = null;
  let key = "";
  let inColumns = false;
  for (const line of lines) {
    const label = LABEL.exec(line);
    const column = inColumns ? /^ {2}(\w+):\s*(.*)$/.exec(line) : null;
    if (label) {
      const [, name = "", text = ""] = label;
      inColumns = name === "columns";
      target = inColumns ? null : fields;
      key = name === "key" ? "keys" : name;
      if (target) target[key] = text;
    } else if (column) {
      const [, name = "", text = ""] = column;
      target = columns;
      key = name;
      columns[key] = text;
    } else if (target && /^\s{2,}/.test(line)) {
      target[key] = `${target[key] ?? ""} ${line.trim()}`;
    } else {
      target = null;
      inColumns = false;
      description.push(line.trim());
    }
  }
  return { model: model.name, tables, description: description.join(" ").trim(), fields, columns };
}

function contractDescriptions(): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of KINDS) {
    for (const f of spec.fields) if (!out.has(f.name)) out.set(f.name, f.description);
  }
  return out;
}

/** Build meta.dictionary from the models' headers and the contracts, and COMMENT every object. */
export async function writeDictionary(db: Db, models: Model[], extra: ModelDoc[] = []): Promise<void> {
  const docs = models.map(parseModelHeader);
  const tableDoc = new Map<string, ModelDoc>();
  const anyColumnDoc = new Map<string, string>();
  for (const doc of docs) {
    for (const t of doc.tables) tableDoc.set(t, doc);
    for (const [c, d] of Object.entries(doc.columns)) if (!anyColumnDoc.has(c)) anyColumnDoc.set(c, d);
  }
  tableDoc.set("meta.dictionary", DICTIONARY_DOC);
  tableDoc.set("meta.input_contract", INPUT_CONTRACT_DOC);
  for (const doc of extra) for (const t of doc.tables) tableDoc.set(t, doc);
  await writeInputContract(db);
  await db.run(`
    create schema if not exists meta;
    create or replace table meta.dictionary (
      schema_name varchar, table_name varchar, column_name varchar, data_type varchar,
      description varchar, documented_in varchar);`);
  const contract = contractDescriptions();
  const schemas = DOCUMENTED_SCHEMAS.map(sqlString).join(", ");
  const columns = await db.all<{
    schema_name: string;
    table_name: string;
    column_name: string;
    data_type: string;
  }>(`
    select table_schema as schema_name, table_name, column_name, data_type
    from information_schema.columns
    where table_catalog = current_database() and table_schema in (${schemas})
    order by table_schema, table_name, ordinal_position`);

  const rows: string[] = [];
  const comments: string[] = [];
  const tablesSeen = new Set<string>();
  for (const c of columns) {
    const table = `${c.schema_name}.${c.table_name}`;
    const doc = tableDoc.get(table);
    if (!tablesSeen.has(table)) {
      tablesSeen.add(table);
      const grain = doc?.fields.grain ? ` Grain: ${doc.fields.grain}.` : "";
      const text = doc ? `${doc.description}${grain}` : "";
      rows.push(row(c.schema_name, c.table_name, null, null, text, doc ? doc.model : null));
      if (text) comments.push(`comment on table ${table} is ${sqlString(text)};`);
    }
    const own = doc?.columns[c.column_name];
    const text = own ?? anyColumnDoc.get(c.column_name) ?? contract.get(c.column_name) ?? "";
    const source = own
      ? doc?.model
      : anyColumnDoc.has(c.column_name)
        ? "model headers"
        : contract.has(c.column_name)
          ? "input contract"
          : null;
    rows.push(row(c.schema_name, c.table_name, c.column_name, c.data_type, text, source ?? null));
    if (text) comments.push(`comment on column ${table}.${c.column_name} is ${sqlString(text)};`);
  }
  await db.run(`
    ${rows.length ? `insert into meta.dictionary values ${rows.join(",\n")};` : ""}
    ${comments.join("\n")}`);
}

function row(
  schema: string,
  table: string,
  column: string | null,
  type: string | null,
  description: string,
  source: string | null,
): string {
  const v = (s: string | null) => (s === null ? "null" : sqlString(s));
  return `(${v(schema)}, ${v(table)}, ${v(column)}, ${v(type)}, ${v(description)}, ${v(source)})`;
}
