// Column and value mappings for files whose headers or codes differ from a kind's contract:
// `--map SOURCE=TARGET` on the command line, or a mapping file (JSON or YAML) given with
// `--mapping FILE` or kept in the mappings folder beside the incoming data, where `run` applies
// it to every file whose header holds all of its source columns.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";
import { KINDS, kindNamed } from "../sources/index.ts";
import { type KindSpec, normalizeHeader } from "../sources/kind.ts";

export interface Mapping {
  /** Where it came from, for the load report ("--map" or a file path). */
  origin: string;
  kind: string;
  /** normalized source header -> field name of the kind */
  columns: Map<string, string>;
  /** normalized source header -> the header as the mapping spells it (for the report) */
  spelled: Map<string, string>;
  /** field name -> (value as written, trimmed -> value to validate instead) */
  values: Map<string, Map<string, string>>;
}

/** A mapping that cannot be used: the CLI turns it into a usage error (exit 2). */
export class MappingError extends Error {}

const MappingFile = z
  .object({
    kind: z.string().optional(),
    columns: z.record(z.string(), z.string()).default({}),
    values: z
      .record(z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])))
      .default({}),
  })
  .strict();

/** The field a header spelling names in a kind (any spelling the kind accepts), or undefined. */
export function fieldFor(spec: KindSpec, header: string): string | undefined {
  const n = normalizeHeader(header);
  return spec.fields.find((f) => [f.name, ...f.aliases].some((a) => normalizeHeader(a) === n))?.name;
}

function target(spec: KindSpec, name: string, origin: string): string {
  const field = fieldFor(spec, name);
  if (!field) {
    throw new MappingError(
      `${origin}: "${name}" is not a ${spec.kind} field; the ${spec.kind} fields are ${spec.fields.map((f) => f.name).join(", ")}`,
    );
  }
  return field;
}

function kindOf(name: string | undefined, origin: string): KindSpec {
  if (!name)
    throw new MappingError(
      `${origin}: a mapping needs a kind (${KINDS.map((k) => k.kind).join(", ")}): give --kind`,
    );
  try {
    return kindNamed(name);
  } catch (error) {
    throw new MappingError(`${origin}: ${(error as Error).message}`);
  }
}

function build(
  spec: KindSpec,
  origin: string,
  columns: Record<string, string>,
  values: Record<string, Record<string, unknown>>,
): Mapping {
  const mapping: Mapping = {
    origin,
    kind: spec.kind,
    columns: new Map(),
    spelled: new Map(),
    values: new Map(),
  };
  for (const [source, to] of Object.entries(columns)) {
    if (normalizeHeader(source) === "") throw new MappingError(`${origin}: an empty source column name`);
    mapping.columns.set(normalizeHeader(source), target(spec, to, origin));
    mapping.spelled.set(normalizeHeader(source), source);
  }
  for (const [name, pairs] of Object.entries(values)) {
    mapping.values.set(
      target(spec, name, origin),
      new Map(Object.entries(pairs).map(([from, to]) => [from.trim(), String(to)])),
    );
  }
  return mapping;
}

/** `--map SOURCE=TARGET` (repeatable), for the kind given with --kind. */
export function mappingFromFlags(pairs: string[], kind: string | undefined): Mapping {
  const spec = kindOf(kind, "--map");
  const columns: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf("=");
    if (at <= 0 || at === pair.length - 1) throw new MappingError(`--map takes SOURCE=TARGET, got "${pair}"`);
    columns[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return build(spec, "--map", columns, {});
}

/** A mapping file: JSON or YAML with `kind`, `columns: {source: target}`, `values: {field: {from: to}}`. */
export function readMappingFile(file: string, kind?: string): Mapping {
  let parsed: unknown;
  try {
    const text = fs.readFileSync(file, "utf8");
    // the YAML reader is loaded only for a YAML file
    parsed = /\.json$/i.test(file)
      ? JSON.parse(text)
      : (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse(text);
  } catch (error) {
    throw new MappingError(
      `${file}: cannot be read as ${/\.json$/i.test(file) ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  const shape = MappingFile.safeParse(parsed ?? {});
  if (!shape.success) {
    const issue = shape.error.issues[0];
    throw new MappingError(
      `${file}: ${issue?.path.join(".") || "the file"}: ${issue?.message}; a mapping file holds kind, columns {source: target} and values {field: {from: to}}`,
    );
  }
  if (kind && shape.data.kind && kind !== shape.data.kind)
    throw new MappingError(`${file}: maps ${shape.data.kind} files, but --kind is ${kind}`);
  return build(kindOf(kind ?? shape.data.kind, file), file, shape.data.columns, shape.data.values);
}

export const MAPPING_EXTENSIONS = /\.(json|ya?ml)$/i;

/** The folder inside the incoming folder whose mapping files `run` and `schedule` apply. */
export const MAPPINGS_FOLDER = "mappings";

/** Every mapping file of a folder (none when it does not exist), in name order. */
export function mappingsIn(dir: string): Mapping[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => MAPPING_EXTENSIONS.test(f) && !f.startsWith("."))
    .sort()
    .map((f) => readMappingFile(path.join(dir, f)));
}

/** A mapping applies to a file when the file's header holds every source column it renames. */
export function mappingMatches(mapping: Mapping, headers: string[]): boolean {
  const present = new Set(headers.map(normalizeHeader));
  return mapping.columns.size > 0 && [...mapping.columns.keys()].every((c) => present.has(c));
}

/** What a mapping did, for meta.files and the report: "--map: sid -> your_unique_identifier; ...". */
export function describeMapping(mapping: Mapping): string {
  const cols = [...mapping.columns].map(([from, to]) => `${mapping.spelled.get(from) ?? from} -> ${to}`);
  const vals = [...mapping.values].map(
    ([f, pairs]) => `${f} values ${[...pairs].map(([a, b]) => `${a} -> ${b}`).join(", ")}`,
  );
  return `${mapping.origin}: ${[...cols, ...vals].join("; ")}`;
}
