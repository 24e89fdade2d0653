// The data dictionary, generated from one source: each model's header comment (its table's
// description, grain and a `columns:` block) and, for a staging table's columns that keep an input
// field's name, that kind's contract. A column is described by its own model or contract only,
// never by another table's: meta.dictionary says where each description comes from, and the build's
// lineage (meta.lineage) says which tables each one reads. It also becomes DuckDB COMMENTs.
import { KINDS } from "../sources/index.ts";
import { type Db, sqlString } from "./connection.ts";
import { type Model, modelFile } from "./models.ts";

/** Schemas researchers query; every table and column in them must be described. */
export const PUBLIC_SCHEMAS = ["core", "marts", "meta"];
const DOCUMENTED_SCHEMAS = ["staging", "intermediate", ...PUBLIC_SCHEMAS];

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
    documented_in:
      "where the description comes from: the table's own model file (or the program that writes it), or the input contract of the kind a staging table types",
    upstream: "on a table's row: the tables it is built from (meta.lineage lists them one per row)",
  },
};

const LINEAGE_DOC: ModelDoc = {
  model: "pipeline/warehouse/models.ts",
  tables: ["meta.lineage"],
  description:
    "Which tables each model reads, derived at build from the SQL itself (the schema-qualified names it mentions and those of the macros it calls); the build runs the models in this order.",
  fields: { grain: "model x table read" },
  columns: {
    table_name: "the table or view a model creates, schema.table",
    model_file: "the model's file under sql/",
    build_order: "the position of the model in the build (1 = first)",
    upstream_table:
      "a table it reads: another model's, or the landing store's (landing.raw.<kind>, landing.meta.<table>)",
    upstream_kind: "model (built by this build) or source (the landing store)",
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

/** staging.stg_<kind> -> that kind's field descriptions: a staging table types one input kind. */
function contractDescriptions(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const spec of KINDS) {
    out.set(`staging.stg_${spec.kind}`, new Map(spec.fields.map((f) => [f.name, f.description])));
  }
  return out;
}

/** meta.lineage: one row per model and table it reads. */
async function writeLineage(db: Db, models: Model[]): Promise<void> {
  const built = new Set(models.map((m) => m.table));
  const rows = models.flatMap((m, i) =>
    m.reads.map(
      (t) =>
        `(${sqlString(m.table)}, ${sqlString(modelFile(m))}, ${i + 1}, ${sqlString(t)}, ${sqlString(built.has(t) ? "model" : "source")})`,
    ),
  );
  await db.run(`create or replace table meta.lineage (
      table_name varchar, model_file varchar, build_order integer, upstream_table varchar, upstream_kind varchar);
    ${rows.length ? `insert into meta.lineage values ${rows.join(",\n")};` : ""}`);
}

/** Build meta.dictionary from the models' headers and the contracts, and COMMENT every object. */
export async function writeDictionary(db: Db, models: Model[], extra: ModelDoc[] = []): Promise<void> {
  const tableDoc = new Map<string, ModelDoc>();
  for (const model of models) {
    const doc = parseModelHeader(model);
    tableDoc.set(model.table, { ...doc, model: modelFile(model) });
  }
  for (const doc of [DICTIONARY_DOC, INPUT_CONTRACT_DOC, LINEAGE_DOC, ...extra])
    for (const t of doc.tables) tableDoc.set(t, doc);
  const upstream = new Map(models.map((m) => [m.table, m.reads.join(", ")]));
  await writeInputContract(db);
  await writeLineage(db, models);
  await db.run(`
    create or replace table meta.dictionary (
      schema_name varchar, table_name varchar, column_name varchar, data_type varchar,
      description varchar, documented_in varchar, upstream varchar);`);
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
      rows.push(
        row([c.schema_name, c.table_name, null, null, text, doc?.model ?? null, upstream.get(table) ?? null]),
      );
      if (text) comments.push(`comment on table ${table} is ${sqlString(text)};`);
    }
    // its own model's header, else (staging) the contract of the kind it types; nothing borrowed
    const own = doc?.columns[c.column_name];
    const fromContract = contract.get(table)?.get(c.column_name);
    const text = own ?? fromContract ?? "";
    const source = own
      ? (doc?.model ?? null)
      : fromContract
        ? `input contract (${table.replace("staging.stg_", "")})`
        : null;
    rows.push(row([c.schema_name, c.table_name, c.column_name, c.data_type, text, source, null]));
    if (text) comments.push(`comment on column ${table}.${c.column_name} is ${sqlString(text)};`);
  }
  await db.run(`
    ${rows.length ? `insert into meta.dictionary values ${rows.join(",\n")};` : ""}
    ${comments.join("\n")}`);
}

function row(values: (string | null)[]): string {
  return `(${values.map((s) => (s === null ? "null" : sqlString(s))).join(", ")})`;
}
