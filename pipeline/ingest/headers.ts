// Matching a file's headers to a kind's fields, and telling the kind from the headers.
import { KINDS } from "../sources/index.ts";
import { isDirectIdentifier, type KindSpec, normalizeHeader } from "../sources/kind.ts";

export interface HeaderMap {
  /** field name -> header as it appears in the file */
  fields: Map<string, string>;
  /** direct identifiers in the file: never loaded */
  dropped: string[];
  /** unknown columns: kept in raw.extras and reported */
  extras: string[];
  missingRequired: string[];
}

export function mapHeaders(spec: KindSpec, headers: string[]): HeaderMap {
  const byNormalized = new Map<string, string>();
  for (const field of spec.fields) {
    for (const name of [field.name, ...field.aliases]) byNormalized.set(normalizeHeader(name), field.name);
  }
  const layoutIdentifiers = new Set((spec.identifiers ?? []).map(normalizeHeader));
  const fields = new Map<string, string>();
  const dropped: string[] = [];
  const extras: string[] = [];
  for (const header of headers) {
    if (header.startsWith("__")) continue;
    const n = normalizeHeader(header);
    const field = byNormalized.get(n);
    if (field && !fields.has(field)) fields.set(field, header);
    else if (layoutIdentifiers.has(n) || isDirectIdentifier(header)) dropped.push(header);
    else extras.push(header);
  }
  const missingRequired = spec.fields.filter((f) => f.required && !fields.has(f.name)).map((f) => f.name);
  return { fields, dropped, extras, missingRequired };
}

/** The first kind whose detecting headers are all present. */
export function detectKind(headers: string[]): KindSpec | undefined {
  return KINDS.find((spec) => {
    const map = mapHeaders(spec, headers);
    const needed = spec.detectBy ?? spec.fields.filter((f) => f.required).map((f) => f.name);
    return needed.every((name) => map.fields.has(name));
  });
}

/** For an undetected file: the kind it comes closest to, and what it lacks. */
export function closestKind(headers: string[]): { kind: string; missing: string[] } | undefined {
  const scored = KINDS.map((spec) => {
    const map = mapHeaders(spec, headers);
    const needed = spec.detectBy ?? spec.fields.filter((f) => f.required).map((f) => f.name);
    return {
      kind: spec.kind,
      found: needed.filter((n) => map.fields.has(n)).length,
      missing: needed.filter((n) => !map.fields.has(n)),
    };
  }).sort((a, b) => b.found - a.found);
  const best = scored[0];
  return best && best.found > 0 ? { kind: best.kind, missing: best.missing } : undefined;
}
