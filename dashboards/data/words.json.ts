// The codes of the published tables in words (marts.indicator_catalog, marts.subgroup_catalog):
// every page shows these, never a code.
import { emit, read } from "./warehouse.ts";

emit({
  indicators: await read(
    "select indicator, label, numerator, denominator, unit from marts.indicator_catalog order by indicator",
  ),
  groups: await read(`
    select subgroup_type, subgroup, type_label, label, definition, is_binary, focal, sort_order
    from marts.subgroup_catalog order by subgroup_type, sort_order`),
});
