// The releases published before this one, and what they mean for this one. The attacker holds
// every earlier release: a count shown then and unchanged now is known, whatever this release
// hides; and where counts changed (a late, withdrawn or corrected file), the two releases' sums
// differ by exactly the change, which can give away what each release hid on its own.
//
// Every build keeps the cells it published, with their true counts and flags, in
// history.release_cells (private: it never leaves the warehouse), carried from the warehouse it
// replaces. The relations of the next build then cover the earlier releases too (relations.ts):
//   - a graduating class whose every cell is unchanged since a release adds nothing but that
//     release's flags: a part it showed is known (`shown_before`: never hidden to protect
//     another, since hiding it would protect nothing), and a part the last release hid stays
//     hidden (`hidden_before`) while its counts are unchanged;
//   - a class with any change (a cell added, gone or with other counts) enters again as that
//     release published it, with its own relations, in which a cell with unchanged counts is
//     this release's cell (the same unknown), and its flags fixed; the difference of each of its
//     relations and this release's relation of the same name is a relation too ('history': the
//     state's total then and now differ by the withdrawn district's cell). The protection decides
//     this release's flags so that the earlier and the new release together give away no
//     protected count of either;
//   - what the earlier releases alone already fix (a sum of what they showed: the state's cell
//     of a group once the district that made it large is withdrawn) cannot be protected by hiding
//     it now: it is hidden as the rules say, not protected, and counted (knownBefore).
import type { Db } from "../warehouse/connection.ts";
import { learnedFrom, UNBOUNDED } from "./propagate.ts";
import { appendVars, type RelationSystem, readColumns, varsWhere } from "./system.ts";

export const HISTORY_TABLE = "history.release_cells";

/** A class of earlier release k enters the relations with cohort shifted by k times this. */
export const RELEASE_COHORT_SHIFT = 100_000;

const KEY = "indicator, level, entity_id, cohort, subgroup_type, subgroup";

/**
 * The cells a database publishes with counts, one row each (source, keys, band, counts, unit and
 * flags), from its tables (`tables`: those present) under `prefix` ("" or an attached alias and a dot).
 */
export function releaseCellsSql(tables: Set<string>, prefix = ""): string {
  const flags = "suppressed, denominator_suppressed, value_band";
  // counts of students only: the accountability flags count districts and schools, as published
  const sources = [
    `select 'indicators' as source, ${KEY}, null::varchar as band, numerator::double as numerator,
       denominator::double as denominator, students::double as students, unit, ${flags}
     from ${prefix}marts.indicators where numerator is not null and denominator is not null and students is not null`,
  ];
  if (tables.has("marts.enrollment_by_revision_band"))
    sources.push(`select 'bands', 'ps_enrolled_fall', level, entity_id, cohort, subgroup_type, subgroup, revision_band,
       enrolled_fall::double, graduates::double, graduates::double, 'proportion', ${flags}
     from ${prefix}marts.enrollment_by_revision_band`);
  // a college row is a cell too: its second-year count (numerator) out of its entrants
  // (denominator); before the second year is observed, a count of entrants (unit count)
  if (tables.has("marts.college_destinations"))
    sources.push(`select 'colleges', 'college_destinations', level, entity_id, cohort, 'all', 'all', college_code,
       coalesce(second_year, entrants)::double, entrants::double, students::double, unit, ${flags}
     from ${prefix}marts.college_destinations`);
  return sources.join("\n      union all\n");
}

/** schema.table of every table of an attached database (or the current one). */
async function tablesOf(db: Db, catalog = "current_database()"): Promise<Set<string>> {
  const rows = await db.all<{ t: string }>(
    `select table_schema || '.' || table_name as t from information_schema.tables where table_catalog = ${catalog}`,
  );
  return new Set(rows.map((r) => r.t));
}

/**
 * Start this build's history from the warehouse it replaces (`previous`, attached read-only): its
 * history, or, built by a version that kept none, its own release as the first one.
 */
export async function carryHistory(db: Db, previous: string): Promise<void> {
  await db.run(`create schema if not exists history;
    create or replace table ${HISTORY_TABLE} (release_id integer, built_at timestamp, source varchar,
      indicator varchar, level varchar, entity_id varchar, cohort integer, subgroup_type varchar, subgroup varchar,
      band varchar, numerator double, denominator double, students double, unit varchar,
      suppressed boolean, denominator_suppressed boolean, value_band varchar);`);
  const alias = "previous_release";
  await db.run(`attach '${previous.replaceAll("'", "''")}' as ${alias} (read_only)`);
  try {
    const tables = await tablesOf(db, `'${alias}'`);
    if (tables.has(HISTORY_TABLE)) {
      await db.run(`insert into ${HISTORY_TABLE} by name select * from ${alias}.${HISTORY_TABLE}`);
    } else if (tables.has("marts.indicators")) {
      const [built] = await db
        .all<{ at: string | null }>(
          tables.has("meta.build_info")
            ? `select max(built_at)::varchar as at from ${alias}.meta.build_info`
            : "select null as at",
        )
        .catch(() => [{ at: null }]);
      await db.run(`insert into ${HISTORY_TABLE} by name
        select 1 as release_id, ${built?.at ? `'${built.at}'::timestamp` : "null::timestamp"} as built_at, *
        from (${releaseCellsSql(tables, `${alias}.`)})`);
    }
  } finally {
    await db.run(`detach ${alias}`);
  }
}

/** Add the release this build publishes (the flags as written) to the history, unless unchanged. */
export async function recordRelease(db: Db): Promise<number> {
  await db.run(`create schema if not exists history;
    create table if not exists ${HISTORY_TABLE} (release_id integer, built_at timestamp, source varchar,
      indicator varchar, level varchar, entity_id varchar, cohort integer, subgroup_type varchar, subgroup varchar,
      band varchar, numerator double, denominator double, students double, unit varchar,
      suppressed boolean, denominator_suppressed boolean, value_band varchar);
    create or replace temp table release_now as ${releaseCellsSql(await tablesOf(db))};`);
  // a rebuild that publishes exactly what the last release did adds nothing to remember
  const [same] = await db.all<{ differs: number; last: number | null }>(`
    with last as (
      select * exclude (release_id, built_at) from ${HISTORY_TABLE}
      where release_id = (select max(release_id) from ${HISTORY_TABLE})
    )
    select (select max(release_id) from ${HISTORY_TABLE}) as last,
      (select count(*) from (select * from last except all select * from release_now))
      + (select count(*) from (select * from release_now except all select * from last)) as differs`);
  const last = same?.last === null || same?.last === undefined ? 0 : Number(same.last);
  if (last > 0 && Number(same?.differs) === 0) {
    await db.run("drop table release_now");
    return last;
  }
  await db.run(`insert into ${HISTORY_TABLE} by name
    select ${last + 1} as release_id, now()::timestamp as built_at, * from release_now;
    drop table release_now;`);
  return last + 1;
}

/**
 * After rel_current (this release's cells, numbered) exists: rel_history (the earlier releases'
 * cells that enter the relations, numbered on from this release's, with the cell of this release
 * they equal) and rel_before (per cell of this release: which parts an earlier release showed
 * with the same counts, which the last one hid). Returns whether there is any history.
 */
export async function compareWithHistory(db: Db): Promise<boolean> {
  const tables = await tablesOf(db);
  if (!tables.has(HISTORY_TABLE)) return false;
  // a built warehouse's history holds its own release too (meta.disclosure_audit.release_id):
  // the releases before it are those with a lower number
  const own =
    tables.has("meta.disclosure_audit") &&
    (
      await db.all<{ c: string }>(
        "select column_name as c from information_schema.columns where table_catalog = current_database() and table_schema = 'meta' and table_name = 'disclosure_audit' and column_name = 'release_id'",
      )
    ).length > 0
      ? (await db.all<{ id: number }>("select max(release_id)::int as id from meta.disclosure_audit"))[0]?.id
      : undefined;
  const earlier = own ? `(select * from ${HISTORY_TABLE} where release_id < ${own})` : HISTORY_TABLE;
  const [n] = await db.all<{ n: number }>(`select count(*)::int as n from ${earlier}`);
  if (!n?.n) return false;
  const same = `c.source = h.source and c.indicator = h.indicator and c.level = h.level
    and c.entity_id = h.entity_id and c.cohort = h.cohort and c.subgroup_type = h.subgroup_type
    and c.subgroup = h.subgroup and c.band is not distinct from h.band`;
  await db.run(`
    create or replace temp table rel_hist as
    select h.*, dense_rank() over (order by h.release_id desc)::int as k, c.cell as now_cell,
      c.cell is not null and c.numerator = h.numerator and c.denominator = h.denominator
        and c.students = h.students and c.unit = h.unit as unchanged
    from ${earlier} h left join rel_current c on ${same};
    -- a class changed since release k: a cell of it gone, added or with other counts
    create or replace temp table rel_hist_changed as
    select distinct k, cohort from rel_hist where not unchanged
    union
    select r.k, c.cohort from rel_current c join (select distinct k, cohort from rel_hist) r using (cohort)
    where not exists (select 1 from rel_hist h where h.k = r.k and ${same});
    create or replace temp table rel_history as
    select (select coalesce(max(cell), 0) from rel_current)
        + row_number() over (order by h.k, h.source, h.indicator, h.level, h.entity_id, h.cohort, h.subgroup_type, h.subgroup, h.band) as cell,
      h.k as release, h.source, h.indicator, h.level, h.entity_id, h.cohort - ${RELEASE_COHORT_SHIFT} * h.k as cohort,
      h.subgroup_type, h.subgroup, h.band, h.numerator, h.denominator, h.students, h.unit,
      h.suppressed, h.denominator_suppressed, h.value_band, case when h.unchanged then h.now_cell end as same_as,
      h.now_cell
    from rel_hist h join rel_hist_changed using (k, cohort);
    create or replace temp table rel_before as
    select now_cell as cell,
      bool_or(not suppressed) as num_shown_before, bool_or(not denominator_suppressed) as den_shown_before,
      bool_or(k = 1 and suppressed and value_band is null) as num_hidden_before,
      bool_or(k = 1 and denominator_suppressed) as den_hidden_before
    from rel_hist where unchanged group by now_cell;
    drop table rel_hist; drop table rel_hist_changed;`);
  return true;
}

/**
 * What the earlier releases alone give away (rel_known_before, attacked on its own): a count of
 * this release they already fix cannot be protected by hiding it now, and was not protected by
 * them (a sum of what they showed: the state's cell of a group once the one district that made
 * it large is withdrawn). It is hidden as the rules say but not protected, and counted
 * (meta.disclosure_audit.known_before). Null without a history; else the mask (system indices),
 * also in the temp table known_before (var) for the auditor's SQL.
 */
export async function knownBefore(
  db: Db,
  sys: RelationSystem,
  coding: { codeBelow: number; codeAbove: number },
): Promise<Uint8Array | null> {
  // what the attacker had before this release: the earlier releases' shown parts and bands, and
  // what every count is anyway (at least 0; a hidden group at least 1 student)
  const known = new Uint8Array(sys.vars);
  const lo = new Float64Array(sys.vars);
  const hi = new Float64Array(sys.vars).fill(UNBOUNDED);
  let any = false;
  await readColumns(
    db,
    `select v.var::int, (b.var is not null)::tinyint,
      -- (a group has a row, so at least 1 student, in a release that published it: this one's
      -- rows are this release's news, unless an earlier one had them with the same counts)
      case when b.var is not null then v.truth
        when v.part = 1 and not c.chained and (c.release > 0 or c.unchanged_before) then 1 else 0 end::double,
      case when b.var is not null then v.truth
        when c.release > 0 and c.value_band like '<=%' and v.part = 0 then (${coding.codeBelow} * c.denominator::bigint) // 100
        when c.release > 0 and c.value_band like '>=%' and v.part = 2 then ((100 - ${coding.codeAbove}) * c.denominator::bigint) // 100
        else ${UNBOUNDED} end::double
    from rel_vars v join rel_cells c using (cell) left join rel_known_before b using (var)`,
    (cols, n) => {
      const [v, k, l, h] = cols as [Int32Array, Int8Array, Float64Array, Float64Array];
      for (let i = 0; i < n; i++) {
        const at = sys.indexOf[v[i] as number] as number;
        known[at] = k[i] as number;
        lo[at] = l[i] as number;
        hi[at] = h[i] as number;
        if (k[i]) any = true;
      }
    },
  );
  await db.run("create or replace temp table known_before (var bigint)");
  if (!any) return null;
  const pinned = learnedFrom(sys, lo, hi, known);
  await appendVars(
    db,
    "known_before",
    sys,
    varsWhere(sys, (v) => pinned[v] === 1 && !known[v]),
  );
  return pinned;
}
