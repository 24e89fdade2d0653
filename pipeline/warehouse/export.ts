// Export the warehouse to Parquet, with the data dictionary as Markdown beside it.
// --public exports only what may be published: the aggregate marts with every hidden number
// nulled, the catalog, the indicator status, what disclosure control cost, and the dictionary of
// those tables.
import fs from "node:fs";
import path from "node:path";
import { type Db, openDb, sqlString } from "./connection.ts";
import { PUBLIC_SCHEMAS } from "./dictionary.ts";

/**
 * A SELECT of a mart with every hidden number nulled: the value columns where `suppressed`, the
 * denominator columns where `denominator_suppressed`. The reason is published only as "coded"
 * (a band is shown) or "suppressed": saying "extreme" beside a shown denominator would tell
 * that everyone or no one had the outcome. `reason`: the table's reason column, with or without
 * bands, or none.
 */
function withoutHidden(
  table: string,
  values: string[],
  { denominators = [], reason }: { denominators?: string[]; reason: "banded" | "plain" | "none" },
): string {
  const nulled = [
    ...values.map((c) => `case when suppressed then null else ${c} end as ${c}`),
    ...denominators.map((c) => `case when denominator_suppressed then null else ${c} end as ${c}`),
  ];
  if (reason === "banded")
    nulled.push(
      "case when value_band is not null then 'coded' when suppressed then 'suppressed' end as suppression_reason",
    );
  if (reason === "plain") nulled.push("case when suppressed then 'suppressed' end as suppression_reason");
  return `select * replace (${nulled.join(", ")}) from ${table}`;
}

/** Tables of a public export, each with the SELECT that makes it safe to publish. */
export const PUBLIC_TABLES: Record<string, string> = {
  "marts.indicators": withoutHidden("marts.indicators", ["numerator", "value", "ci_low", "ci_high"], {
    denominators: ["denominator", "students"],
    reason: "banded",
  }),
  "marts.enrollment_by_revision_band": withoutHidden(
    "marts.enrollment_by_revision_band",
    ["enrolled_fall", "value", "ci_low", "ci_high"],
    { denominators: ["graduates"], reason: "banded" },
  ),
  "marts.college_destinations": withoutHidden(
    "marts.college_destinations",
    ["second_year", "value", "ci_low", "ci_high"],
    { denominators: ["entrants", "students"], reason: "banded" },
  ),
  "marts.indicator_gaps": withoutHidden(
    "marts.indicator_gaps",
    [
      "numerator",
      "denominator",
      "value",
      "rest_numerator",
      "rest_denominator",
      "rest_value",
      "gap_pp",
      "gap_ci_low",
      "gap_ci_high",
      "excludes_zero",
    ],
    { reason: "none" },
  ),
  "marts.plan_revisits_by_grade": withoutHidden(
    "marts.plan_revisits_by_grade",
    ["student_years", "revisits", "value"],
    { reason: "plain" },
  ),
  "marts.plan_effect": withoutHidden(
    "marts.plan_effect",
    [
      "n_treated",
      "n_control",
      "treated_rate_pct",
      "control_rate_pct",
      "counterfactual_rate_pct",
      "raw_difference_pp",
      "estimate_pp",
      "std_error_pp",
      "ci_low_pp",
      "ci_high_pp",
      "max_abs_smd_before",
      "max_abs_smd_after",
      "e_value",
      "e_value_ci",
      "control_effective_n",
      "clusters",
    ],
    { reason: "none" },
  ),
  "marts.plan_effect_balance": withoutHidden(
    "marts.plan_effect_balance",
    ["mean_treated", "mean_control", "mean_control_weighted", "smd_before", "smd_after"],
    { reason: "none" },
  ),
  "marts.adjusted_gaps": withoutHidden(
    "marts.adjusted_gaps",
    [
      "graduates",
      "raw_gap_pp",
      "raw_ci_low_pp",
      "raw_ci_high_pp",
      "adjusted_gap_pp",
      "adjusted_ci_low_pp",
      "adjusted_ci_high_pp",
    ],
    { reason: "none" },
  ),
  "marts.adjusted_rates": withoutHidden(
    "marts.adjusted_rates",
    [
      "graduates",
      "observed_pct",
      "expected_pct",
      "difference_pp",
      "ci_low_pp",
      "ci_high_pp",
      "adjusted_pct",
      "comparison",
    ],
    { reason: "none" },
  ),
  "marts.indicator_catalog": "select * from marts.indicator_catalog",
  "marts.subgroup_catalog": "select * from marts.subgroup_catalog",
  // which groups another indicator counts (a relation the disclosure step protects)
  "marts.indicator_groups": "select * from marts.indicator_groups",
  // names and districts only: which schools add up to a district
  "marts.schools": "select * from marts.schools",
  // a district's locale, a school's career coach: which all cells add up to a group's cell
  "marts.entity_groups": "select * from marts.entity_groups",
  // rounded, with small shares left out, in the model itself
  "marts.district_profiles": "select * from marts.district_profiles",
  // the ranking only: full-precision distances over the districts' traits give back the counts
  // district_profiles leaves out (20 of 33 in an outside attack)
  "marts.comparable_districts": "select district_id, comparable_id, rank from marts.comparable_districts",
  "meta.indicator_status": "select * from meta.indicator_status",
  "meta.disclosure_cost": "select * from meta.disclosure_cost",
};

export interface ExportResult {
  files: { table: string; file: string; rows: number }[];
  dictionary: string;
}

export async function exportWarehouse(
  warehouse: string,
  out: string,
  options: { public?: boolean } = {},
): Promise<ExportResult> {
  if (!fs.existsSync(warehouse)) throw new Error(`no warehouse at ${warehouse}: run pathways build first`);
  fs.mkdirSync(out, { recursive: true });
  const db = await openDb(warehouse, { readOnly: true });
  try {
    const tables = options.public ? PUBLIC_TABLES : await allTables(db);
    const files: ExportResult["files"] = [];
    for (const [table, select] of Object.entries(tables)) {
      const file = path.join(out, `${table}.parquet`);
      await db.run(`copy (${select}) to ${sqlString(file)} (format parquet, compression zstd)`);
      const [counted] = await db.all<{ n: number }>(`select count(*)::int as n from (${select})`);
      files.push({ table, file, rows: counted?.n ?? 0 });
    }
    const dictionary = path.join(out, "dictionary.md");
    fs.writeFileSync(dictionary, await dictionaryMarkdown(db, Object.keys(tables)));
    return { files, dictionary };
  } finally {
    db.close();
  }
}

async function allTables(db: Db): Promise<Record<string, string>> {
  const rows = await db.all<{ name: string }>(`
    select schema_name || '.' || table_name as name from duckdb_tables()
    where database_name = current_database() and schema_name in (${PUBLIC_SCHEMAS.map(sqlString).join(", ")})
    order by 1`);
  return Object.fromEntries(rows.map((r) => [r.name, `select * from ${r.name}`]));
}

/** The dictionary of the given tables as Markdown: a section per table, a row per column. */
export async function dictionaryMarkdown(db: Db, tables: string[]): Promise<string> {
  const rows = await db.all<{
    t: string;
    column_name: string | null;
    data_type: string | null;
    description: string;
  }>(`
    select schema_name || '.' || table_name as t, column_name, data_type, description
    from meta.dictionary
    where schema_name || '.' || table_name in (${tables.map(sqlString).join(", ")})`);
  const cell = (s: string | null | undefined) => (s ?? "").replaceAll("|", "\\|").replaceAll("\n", " ");
  const out = [
    "# Pathways warehouse: data dictionary",
    "",
    "Generated by `pathways export` from `meta.dictionary` (model headers in `sql/` and the input contracts).",
    "",
  ];
  for (const table of tables) {
    const own = rows.filter((r) => r.t === table);
    const about = own.find((r) => r.column_name === null);
    out.push(
      `## ${table}`,
      "",
      cell(about?.description ?? ""),
      "",
      "| column | type | description |",
      "| --- | --- | --- |",
    );
    for (const r of own.filter((r) => r.column_name !== null)) {
      out.push(`| \`${r.column_name}\` | ${cell(r.data_type)} | ${cell(r.description)} |`);
    }
    out.push("");
  }
  // the codes of the cells in words, from the catalogs (the same words the dashboard shows)
  if (tables.includes("marts.indicator_catalog")) {
    out.push(
      "## Indicators in words",
      "",
      "| indicator | label | numerator | denominator |",
      "| --- | --- | --- | --- |",
    );
    for (const r of await db.all<Record<string, string | null>>(
      "select indicator, label, numerator, denominator from marts.indicator_catalog order by family, indicator",
    ))
      out.push(`| \`${r.indicator}\` | ${cell(r.label)} | ${cell(r.numerator)} | ${cell(r.denominator)} |`);
    out.push("");
  }
  if (tables.includes("marts.subgroup_catalog")) {
    out.push(
      "## Student groups in words",
      "",
      "| subgroup_type | subgroup | label | who |",
      "| --- | --- | --- | --- |",
    );
    for (const r of await db.all<Record<string, string | null>>(
      "select subgroup_type, subgroup, type_label || ': ' || label as label, definition from marts.subgroup_catalog order by subgroup_type, sort_order",
    ))
      out.push(`| \`${r.subgroup_type}\` | \`${r.subgroup}\` | ${cell(r.label)} | ${cell(r.definition)} |`);
    out.push("");
  }
  return out.join("\n");
}
