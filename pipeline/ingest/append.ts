// Validate one part of a file (a CSV, or one sheet of a workbook) against its kind's contract and
// append it: good rows to raw.<kind> with lineage and the student id keyed, rejected values to
// meta.rejects, exact duplicates to meta.duplicates. Runs inside landFile's transaction.
import { type KindSpec, normalizeHeader } from "../sources/kind.ts";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import type { FileReport } from "./file-report.ts";
import { closestFields, type HeaderMap, mapHeaders } from "./headers.ts";
import type { Mapping } from "./mapping.ts";
import { describeHeaders, headerRowIsData, words } from "./privacy.ts";
import { profile } from "./profile.ts";
import { type ReadResult, UnreadableFileError } from "./readers.ts";
import { rawColumns, rawTable } from "./store.ts";
import { findExactDuplicates, findProblems, q, summarizeRejects } from "./validate.ts";

export async function appendPart(
  db: Db,
  spec: KindSpec,
  part: ReadResult,
  file: string,
  fileId: number,
  options: { loadId: number; write: boolean },
  mapping: Mapping | undefined,
  report: FileReport,
): Promise<void> {
  const map = mapHeaders(spec, part.headers, mapping);
  const known = new Set((spec.knownExtras ?? []).map(normalizeHeader));
  const unrecognized = map.extras.filter((h) => h !== "__extras" && !known.has(normalizeHeader(h)));
  // a column dropped for its name (`sid`) may be the id a mapping must name
  const suggestions = [...unrecognized, ...map.dropped]
    .map((header) => ({ header, fields: closestFields(spec, header) }))
    .filter((s) => s.fields.length > 0);
  if (map.missingRequired.length > 0) {
    const near = suggestions.map((s) => `${s.header} (closest: ${s.fields.join(", ")})`);
    const data = headerRowIsData(part.headers);
    throw new UnreadableFileError(
      `${part.sheet ? `sheet ${part.sheet}: ` : ""}required ${spec.kind} columns are missing: ${map.missingRequired.join(", ")} ` +
        `(found: ${describeHeaders(part.headers)})` +
        (unrecognized.length > 0 && !data
          ? `; columns no ${spec.kind} field accepts: ${[...near, ...unrecognized.filter((h) => !suggestions.some((s) => s.header === h))].join(", ")}`
          : "") +
        `; map a column with --map SOURCE=TARGET (e.g. --map ${data ? "sid" : mapExample(spec, map, unrecognized, suggestions)}=${map.missingRequired[0]})`,
    );
  }
  const table = await prepare(db, spec, part, map, mapping);
  await dropCopiesOfTheId(db, spec, map, table);
  const source = part.sheet ? `${file}#${part.sheet}` : file;
  report.dropped.push(...map.dropped.filter((d) => !report.dropped.includes(d)));
  report.extras.push(...map.extras.filter((d) => !report.extras.includes(d)));
  report.suggestions.push(
    ...suggestions.filter((s) => !report.suggestions.some((r) => r.header === s.header)),
  );
  report.notes.push(...part.notes);

  const duplicates = await findExactDuplicates(db, table, part.headers);
  profile("exact duplicates");
  await findProblems(db, spec, map, table, part.rowsRead);
  profile("validate");
  const structural = part.rejects.map((r) => `(${r.row}, null, null, ${sqlString(r.rule)})`);
  if (structural.length > 0) {
    await db.run(`insert into ${table}_bad values ${structural.join(", ")}`);
  }
  const [counts] = await db.all<{ rejected: number; duplicate: number }>(
    `select (select count(distinct row) from ${table}_bad)::bigint as rejected,
       (select count(*) from ${table}_exact e where e.row not in (select row from ${table}_bad))::bigint as duplicate`,
  );
  const rejected = Number(counts?.rejected ?? 0);
  const duplicate = duplicates > 0 ? Number(counts?.duplicate ?? 0) : 0;
  report.rowsRead += part.rowsRead;
  report.rowsRejected += rejected;
  report.rowsDuplicate += duplicate;
  report.rowsLoaded += part.rowsRead - rejected - duplicate;
  report.rejects.push(...(await summarizeRejects(db, `${table}_bad`, spec)));

  if (!options.write) return;
  await db.run(`insert into meta.rejects
    select ${options.loadId}, ${fileId}, ${sqlString(source)}, row, column_name, value, rule from ${table}_bad`);
  await db.run(`insert into meta.duplicates
    select ${options.loadId}, ${fileId}, ${sqlString(source)}, row, duplicate_of from ${table}_exact
    where row not in (select row from ${table}_bad)`);
  const columns = rawColumns(spec);
  const values = columns.map((c) => (map.fields.has(c) ? `t.${q(map.fields.get(c) as string)}` : "null"));
  let keyJoin = "";
  if (spec.identity) {
    // HMAC once per distinct id, not once per row, over the id as the contract normalizes it
    const id = q(map.fields.get(spec.identity) as string);
    const normalize = spec.fields.find((f) => f.name === spec.identity)?.normalize("id") as string;
    await db.run(`create temp table ${part.table}_keys as
      select id, student_key(${normalize}) as student_key from (select distinct ${id} as id from ${table})`);
    keyJoin = `left join ${part.table}_keys k on k.id = t.${id}`;
  }
  const skipped =
    rejected + duplicate > 0
      ? `anti join (select row from ${table}_bad union select row from ${table}_exact) b on b.row = t.__row`
      : "";
  await db.run(`
    insert into ${rawTable(spec)} (load_id, file_id, source_row, ${spec.identity ? "student_key," : ""} ${columns.map(q).join(", ")}, extras)
    select ${options.loadId}, ${fileId}, t.__row, ${spec.identity ? "k.student_key," : ""} ${values.join(", ")},
      ${extrasExpression(map, part)}
    from ${table} t ${keyJoin} ${skipped}`);
  if (spec.identity) await db.run(`drop table ${part.table}_keys`);
  profile("insert raw");
}

function extrasExpression(map: HeaderMap, part: ReadResult): string {
  const own = part.headers.includes("__extras") ? "t.__extras::json" : null;
  const kept = map.extras.filter((h) => h !== "__extras");
  const object =
    kept.length > 0 ? `json_object(${kept.map((h) => `${sqlString(h)}, t.${q(h)}`).join(", ")})` : null;
  if (own && object) return `json_merge_patch(${own}, ${object})`;
  return own ?? object ?? "null";
}

/** The column a --map example should name for the first missing field: its closest, or an id column dropped for its name. */
function mapExample(
  spec: KindSpec,
  map: HeaderMap,
  unrecognized: string[],
  suggestions: { header: string; fields: string[] }[],
): string {
  const missing = map.missingRequired[0];
  const idColumn =
    missing === spec.identity
      ? map.dropped.find((h) => words(h).some((w) => ["id", "sid", "identifier"].includes(w)))
      : undefined;
  return (
    suggestions.find((s) => s.fields.includes(missing as string))?.header ??
    idColumn ??
    unrecognized[0] ??
    "sid"
  );
}

/**
 * A column that holds the student id under a name that does not say so (`alt`, a copy made by a
 * spreadsheet) would land unhashed in raw.extras: an extra column equal to the id on at least half
 * of the rows that have one is dropped like any identifier.
 */
async function dropCopiesOfTheId(db: Db, spec: KindSpec, map: HeaderMap, table: string): Promise<void> {
  const id = spec.identity ? map.fields.get(spec.identity) : undefined;
  const extras = map.extras.filter((h) => h !== "__extras");
  if (!id || extras.length === 0) return;
  const [shares] = await db.all<Record<string, number>>(`select
    ${extras.map((h, i) => `count(*) filter (where upper(trim(${q(h)})) = upper(trim(${q(id)}))) / greatest(count(${q(id)}), 1) as s${i}`).join(", ")}
    from ${table}`);
  const copies = extras.filter((_, i) => Number(shares?.[`s${i}`] ?? 0) >= 0.5);
  map.extras = map.extras.filter((h) => !copies.includes(h));
  map.dropped.push(...copies);
}

/**
 * The rows as the contract reads them: a mapping's value replacements applied, and the identity
 * taken from its fallback column where it is blank (NSC: REQUESTER_RETURN_FIELD), as `__id`.
 */
async function prepare(db: Db, spec: KindSpec, part: ReadResult, map: HeaderMap, mapping?: Mapping) {
  const replaced: string[] = [];
  for (const [fieldName, pairs] of mapping?.values ?? []) {
    const header = map.fields.get(fieldName);
    if (!header || pairs.size === 0) continue;
    const cases = [...pairs].map(([from, to]) => `when ${sqlString(from)} then ${sqlString(to)}`).join(" ");
    replaced.push(`case trim(${q(header)}) ${cases} else ${q(header)} end as ${q(header)}`);
  }
  const extra: string[] = [];
  if (spec.identity && spec.identityFallback && map.fields.has(spec.identityFallback)) {
    const id = map.fields.get(spec.identity);
    const fallback = q(map.fields.get(spec.identityFallback) as string);
    extra.push(`${id ? `coalesce(nullif(trim(${q(id)}), ''), ${fallback})` : fallback} as __id`);
    map.fields.set(spec.identity, "__id");
  }
  const table = `${part.table}_in`;
  await db.run(`create temp view ${table} as
    select * ${replaced.length > 0 ? `replace (${replaced.join(", ")})` : ""} ${extra.map((e) => `, ${e}`).join("")}
    from ${part.table}`);
  return table;
}
