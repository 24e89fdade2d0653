// The contracts as SQL macros, so staging models normalize with exactly the rules ingest
// validated with: contract_<kind>_<field>(value), e.g. contract_students_race_ethnicity('B').
import { KINDS } from "./index.ts";

export function contractMacros(): string {
  return KINDS.flatMap((spec) =>
    spec.fields.map(
      (f) => `create or replace temp macro contract_${spec.kind}_${f.name}(v) as (${f.normalize("v")});`,
    ),
  ).join("\n");
}
