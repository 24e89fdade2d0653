// Every input kind, in the order kinds are detected (most specific headers first).
import { accountability } from "./accountability.ts";
import { assessments } from "./assessments.ts";
import type { KindSpec } from "./kind.ts";
import { nsc } from "./nsc.ts";
import { plans } from "./plans.ts";
import { attainment, districts, goals, schools } from "./reference.ts";
import { students } from "./students.ts";

export const KINDS: KindSpec[] = [
  nsc,
  students,
  assessments,
  plans,
  accountability,
  goals,
  attainment,
  schools,
  districts,
];

export function kindNamed(name: string): KindSpec {
  const spec = KINDS.find((k) => k.kind === name);
  if (!spec) throw new Error(`unknown kind "${name}": use one of ${KINDS.map((k) => k.kind).join(", ")}`);
  return spec;
}
