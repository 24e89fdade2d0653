// Methods page: the definitions, the indicator status, how fresh the data are, and what
// disclosure control cost and found.
import { emit, read } from "./warehouse.ts";

const [build] = await read("select * from meta.build_info");
emit({
  build,
  catalog: await read(
    "select * exclude (requires), array_to_string(requires, ', ') as requires from marts.indicator_catalog order by family, indicator",
  ),
  audit: (await read("select * from meta.disclosure_audit"))[0] ?? null,
  cost: await read(
    "select * from meta.disclosure_cost where table_name = 'marts.indicators' order by level desc, subgroup_type",
  ),
  // group types not published at every level, and why
  levels: await read(
    "select distinct subgroup_type, type_label, levels, levels_note from marts.subgroup_catalog where levels_note is not null order by subgroup_type",
  ),
  status: await read("select indicator, available, cohorts, reason from meta.indicator_status"),
  files: await read(`
    select kind, count(*) as files, sum(rows_loaded) as rows_loaded, sum(rows_rejected) as rows_rejected,
      max(loaded_at)::varchar as last_loaded_at, string_agg(distinct period, ', ' order by period) as periods
    from meta.files where status = 'loaded' group by kind order by kind`),
});
