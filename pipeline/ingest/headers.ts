// Matching a file's headers to a kind's fields, and telling the kind from the headers.
import { distance } from "fastest-levenshtein";
import { KINDS } from "../sources/index.ts";
import { type KindSpec, normalizeHeader } from "../sources/kind.ts";
import type { Mapping } from "./mapping.ts";
import { looksLikeIdentifier } from "./privacy.ts";

export interface HeaderMap {
  /** field name -> header as it appears in the file */
  fields: Map<string, string>;
  /** direct identifiers in the file (by name, or a second column for the student id): never loaded */
  dropped: string[];
  /** unknown columns: kept in raw.extras and reported */
  extras: string[];
  missingRequired: string[];
}

/** Headers are matched to fields by their normalized spelling; a mapping's renames come first. */
export function mapHeaders(spec: KindSpec, headers: string[], mapping?: Mapping): HeaderMap {
  const byNormalized = new Map<string, string>();
  for (const field of spec.fields) {
    for (const name of [field.name, ...field.aliases]) byNormalized.set(normalizeHeader(name), field.name);
  }
  if (mapping?.kind === spec.kind) for (const [from, to] of mapping.columns) byNormalized.set(from, to);
  const layoutIdentifiers = new Set((spec.identifiers ?? []).map(normalizeHeader));
  const fields = new Map<string, string>();
  const dropped: string[] = [];
  const extras: string[] = [];
  for (const header of headers) {
    if (header.startsWith("__")) continue;
    const n = normalizeHeader(header);
    const field = byNormalized.get(n);
    if (field && !fields.has(field)) fields.set(field, header);
    else if (
      (field !== undefined && field === spec.identity) ||
      layoutIdentifiers.has(n) ||
      looksLikeIdentifier(header)
    )
      dropped.push(header);
    else extras.push(header);
  }
  const stands = (name: string) =>
    fields.has(name) ||
    (name === spec.identity && !!spec.identityFallback && fields.has(spec.identityFallback));
  const missingRequired = spec.fields.filter((f) => f.required && !stands(f.name)).map((f) => f.name);
  return { fields, dropped, extras, missingRequired };
}

/**
 * For a header no field accepts: the kind's fields whose spellings come closest (edit distance on
 * the normalized spelling, the same letters reordered, or one inside the other), best first, at
 * most three.
 */
export function closestFields(spec: KindSpec, header: string): string[] {
  const h = normalizeHeader(header);
  if (h.length < 2) return [];
  const scored = spec.fields.map((f) => {
    const best = Math.min(
      ...[f.name, ...f.aliases].map((a) => {
        const n = normalizeHeader(a);
        const d = distance(h, n) / Math.max(h.length, n.length);
        // the same letters in another order (yr2_yr4 for 2yr/4yr), or one name inside the other
        if ([...h].sort().join("") === [...n].sort().join("")) return Math.min(d, 0.2);
        return n.includes(h) || h.includes(n) ? Math.min(d, 0.3) : d;
      }),
    );
    return { name: f.name, score: best };
  });
  return scored
    .filter((s) => s.score <= 0.4)
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((s) => s.name);
}

/** The first kind whose detecting headers are all present. */
export function detectKind(headers: string[], mapping?: Mapping): KindSpec | undefined {
  if (mapping) return KINDS.find((k) => k.kind === mapping.kind);
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
