// Operations: `pathways run`, `schedule`, `status` as a data team runs them, and the faults they
// must survive: a process killed while landing, building or building the dashboard; a corrupt
// file among good ones; a stale lock; a full or read-only disk. Each check compares the published
// warehouse with what it was before (its bytes, or its build time and contents) and the landing
// store with the files (rows of raw.* = rows counted in meta.files).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHolder, STALE_AFTER_MS } from "../pipeline/ops/lock.ts";
import { generateState } from "../pipeline/synth/generate.ts";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { memoryDb } from "./helpers/duck.ts";
import { query as read, scratch } from "./helpers/landing.ts";

const BIN = path.resolve("bin/pathways.js");
const ROOT = scratch("operations");
const GENERATED = path.join(ROOT, "generated");

interface Place {
  dir: string;
  incoming: string;
  warehouse: string;
  landing: string;
  dist: string;
  env: NodeJS.ProcessEnv;
}

/** A fresh data folder and incoming folder; the CLI finds them through its environment. */
function place(name: string, dataDir?: string): Place {
  const dir = path.join(ROOT, name);
  fs.mkdirSync(dir, { recursive: true });
  const data = dataDir ?? path.join(dir, "data");
  fs.mkdirSync(data, { recursive: true });
  const p = {
    dir,
    incoming: path.join(dir, "incoming"),
    warehouse: path.join(data, "warehouse.duckdb"),
    landing: path.join(data, "landing.duckdb"),
    dist: path.join(dir, "site"),
  };
  fs.mkdirSync(p.incoming, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATHWAYS_WAREHOUSE: p.warehouse,
    PATHWAYS_DIST: p.dist,
    PATHWAYS_ID_KEY: "operations-key-not-secret-0123456789",
  };
  delete env.PATHWAYS_LANDING;
  return { ...p, env };
}

/** Copy generated files (paths relative to the generated folder) into a place's incoming folder. */
function deliver(p: Place, ...files: string[]): void {
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(p.incoming, f)), { recursive: true });
    fs.copyFileSync(path.join(GENERATED, f), path.join(p.incoming, f));
  }
}

const BASE = ["districts.csv", "schools.csv", "students.csv", "plans.csv", "attainment.csv"];
const NSC = [2020, 2021, 2022, 2023].map((c) => `nsc/nsc_detail_class_${c}.csv`);

/** The command line with the place's incoming folder (run and schedule take --incoming). */
const argv = (p: Place, args: string[]) =>
  ["run", "schedule"].includes(args[0] as string) ? [BIN, ...args, "--incoming", p.incoming] : [BIN, ...args];

function cli(p: Place, ...args: string[]) {
  return spawnSync(process.execPath, argv(p, args), { encoding: "utf8", env: p.env });
}

/** Start the CLI; resolves `reached` when its stderr first matches the pattern. */
function start(p: Place, args: string[], pattern: RegExp) {
  const child = spawn(process.execPath, argv(p, args), { env: p.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const reached = new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (pattern.test(stderr)) resolve();
    });
    child.on("close", () => reject(new Error(`ended before ${pattern}:\n${stderr}`)));
  });
  reached.catch(() => {});
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const ended = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, reached, ended, output: () => ({ stdout, stderr }) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What identifies a published warehouse: when it was built, and a sum over its indicators. */
async function snapshot(warehouse: string): Promise<string | null> {
  if (!fs.existsSync(warehouse)) return null;
  const [row] = await read<{ s: string }>(
    warehouse,
    `select (select built_at::varchar from meta.build_info) || ' ' ||
       (select count(*) || '/' || coalesce(sum(numerator), 0) from marts.indicators) ||
       ' files ' || (select files_loaded from meta.build_info) as s`,
  );
  return row?.s ?? null;
}

/** Open the published warehouse over and over while `work` runs; every state seen. */
async function watch(warehouse: string, work: Promise<unknown>): Promise<Set<string | null>> {
  const seen = new Set<string | null>();
  let done = false;
  work.finally(() => {
    done = true;
  });
  while (!done) {
    seen.add(await snapshot(warehouse));
    await sleep(150);
  }
  seen.add(await snapshot(warehouse));
  return seen;
}

/** Every landed file's rows are all in raw.*, and raw.* holds no row of an unrecorded file. */
async function landingConsistent(landing: string): Promise<void> {
  const rows = await read<{ kind: string; file_id: number; counted: number; landed: number }>(
    landing,
    `select f.kind, f.file_id, f.rows_loaded::int as counted, coalesce(r.n, 0)::int as landed
     from meta.files as f left join (
       select file_id, count(*) as n from raw.students group by all union all
       select file_id, count(*) from raw.plans group by all union all
       select file_id, count(*) from raw.nsc group by all union all
       select file_id, count(*) from raw.districts group by all union all
       select file_id, count(*) from raw.schools group by all union all
       select file_id, count(*) from raw.attainment group by all) as r using (file_id)`,
  );
  for (const r of rows) expect(r.landed, `file ${r.file_id} (${r.kind})`).toBe(r.counted);
  const orphans = await read<{ n: number }>(
    landing,
    `select count(*)::int as n from (select file_id from raw.students union all select file_id from raw.plans
       union all select file_id from raw.nsc) where file_id not in (select file_id from meta.files)`,
  );
  expect(orphans[0]?.n).toBe(0);
}

function leftovers(p: Place): string[] {
  const names = [
    ...fs.readdirSync(path.dirname(p.warehouse)).filter((f) => f.includes(".building-")),
    ...fs.readdirSync(p.dir).filter((f) => f.includes(".building-") || f.includes(".link-")),
  ];
  return names;
}

/** Distinct rows of each generated CSV, counted here: what lands (an exact duplicate row lands once). */
const distinctRows = new Map<string, number>();
const rowsOf = (files: string[]) => files.reduce((a, f) => a + (distinctRows.get(f) ?? Number.NaN), 0);

beforeAll(async () => {
  await generateState({
    // a small state of the same make-up (300 students, 12 districts): what these tests check does not
    // grow with the students or the districts, but every build's disclosure step and every dashboard
    // build does (a build of 500 students takes 12 s, of 1,000 students 19 s)
    students: 300,
    districts: 12,
    seed: 11,
    firstClass: 2020,
    lastClass: 2024,
    out: GENERATED,
    memoryLimit: "1GB",
  });
  const db = await memoryDb();
  for (const f of [...BASE, ...NSC]) {
    const file = path.join(GENERATED, f).replaceAll("'", "''");
    const [row] = await db.all<{ n: number }>(
      `select count(*)::int as n from (select distinct * from read_csv('${file}', all_varchar = true))`,
    );
    distinctRows.set(f, row?.n ?? 0);
  }
  db.close();
}, 120_000);

afterAll(() => {
  spawnSync("sh", ["-c", `umount ${ROOT}/*/mnt 2>/dev/null`]);
});

describe("pathways run and status", () => {
  it("lands what is new, rebuilds only when inputs changed, keeps going past a corrupt file, and records each run", async () => {
    const p = place("run");
    deliver(p, ...BASE);
    const first = cli(p, "run", "--no-dashboard", "--json");
    expect(first.status, first.stderr).toBe(0);
    const log1 = JSON.parse(first.stdout.trim());
    expect(log1).toMatchObject({ event: "run", status: "succeeded", files_new: 5, warehouse_built: true });
    expect(log1.rows_loaded).toBe(rowsOf(BASE));

    // nothing new: nothing rebuilt, the warehouse untouched
    const before = fs.statSync(p.warehouse).mtimeMs;
    const idle = JSON.parse(cli(p, "run", "--no-dashboard", "--json").stdout);
    expect(idle).toMatchObject({
      status: "succeeded",
      files_new: 0,
      files_skipped: 5,
      warehouse_built: false,
    });
    expect(fs.statSync(p.warehouse).mtimeMs).toBe(before);

    // NSC returns arrive with a corrupt file among them, and a corrected attainment file with a bad row
    deliver(p, ...NSC);
    fs.writeFileSync(
      path.join(p.incoming, "nsc", "garbled.csv"),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2]),
    );
    const attainment = fs.readFileSync(path.join(GENERATED, "attainment.csv"), "utf8");
    fs.writeFileSync(
      path.join(p.incoming, "attainment_corrected.csv"),
      `${attainment.trimEnd()}\n2026,not a number,credential,25-64,corrected,1500000,\n`,
    );
    const third = cli(p, "run", "--no-dashboard", "--json");
    expect(third.status).toBe(1);
    const log3 = JSON.parse(third.stdout);
    expect(log3).toMatchObject({ status: "partial", files_new: 5, files_failed: 1, rows_rejected: 1 });
    expect(log3.rows_loaded).toBe(rowsOf(NSC) + rowsOf(["attainment.csv"]));
    expect(log3.error).toMatch(/1 file\(s\) could not be loaded, the others were: nsc\/garbled\.csv/);
    await landingConsistent(p.landing);

    // meta.runs (landing, and its copy in the warehouse) says the same
    const runs = await read<{ run_id: number; status: string; files_new: number; rows_loaded: number }>(
      p.landing,
      "select run_id, status, files_new, rows_loaded::int as rows_loaded from meta.runs order by run_id",
    );
    expect(runs.map((r) => [r.status, r.files_new, r.rows_loaded])).toEqual([
      ["succeeded", 5, rowsOf(BASE)],
      ["succeeded", 0, 0],
      ["partial", 5, log3.rows_loaded],
    ]);
    const copied = await read<{ n: number }>(p.warehouse, "select count(*)::int as n from meta.runs");
    expect(copied[0]?.n).toBe(3);

    // the same landed files build the same warehouse (a same-day tie once made builds differ)
    const again = path.join(p.dir, "again.duckdb");
    const rebuilt = spawnSync(process.execPath, [BIN, "build", "--warehouse", again], {
      encoding: "utf8",
      env: { ...p.env, PATHWAYS_LANDING: p.landing },
    });
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    const both = await openDb(":memory:");
    await both.run(`attach '${p.warehouse}' as a (read_only); attach '${again}' as b (read_only)`);
    for (const table of ["marts.indicators", "marts.indicator_gaps", "marts.student_plans"]) {
      const [diff] = await both.all<{ n: number }>(
        `select (select count(*) from (select * from a.${table} except all select * from b.${table}))::int
              + (select count(*) from (select * from b.${table} except all select * from a.${table}))::int as n`,
      );
      expect(diff?.n, table).toBe(0);
    }
    both.close();

    const status = cli(p, "status", "--no-such-flag");
    expect(status.status).toBe(2);
    const shown = cli(p, "status").stdout;
    expect(shown).toMatch(/no run in progress/);
    expect(shown).toMatch(/#3 .* partial .* 5 new file\(s\), 1 failed/);
    expect(shown).toMatch(/nsc\s+20221212-20230726\s+1 file\(s\)\s+1,178 rows|nsc\s+\d{8}-\d{8}\s+1 file/);
    expect(shown).toMatch(/students\s+2015-2024\s+1 file\(s\)/);
    expect(shown).toMatch(/it holds every loaded file/);
    expect(shown).toMatch(/Open rejects: 1 row\(s\)/);
    expect(shown).toMatch(/attainment .*attainment_corrected\.csv attainment_pct/);
    expect(shown).toMatch(/dashboard: not built/);
  }, 180_000);

  it("never runs twice at once: a live holder makes the run skip (exit 75); a dead or silent one is taken over", async () => {
    const p = place("lock");
    deliver(p, "districts.csv", "schools.csv");
    const lock = `${p.warehouse}.lock`;
    // held by a live process on this host (this test's own)
    const holder = {
      pid: process.pid,
      host: os.hostname(),
      started_at: new Date().toISOString(),
      command: "schedule",
    };
    fs.writeFileSync(lock, JSON.stringify(holder));
    const skipped = cli(p, "run", "--no-dashboard");
    expect(skipped.status).toBe(75);
    expect(skipped.stdout).toMatch(
      new RegExp(
        `skipped .*schedule \\(pid ${process.pid} on ${os.hostname()}, since .*\\) holds .*warehouse.duckdb.lock`,
      ),
    );
    expect(fs.existsSync(p.landing)).toBe(false);
    expect(cli(p, "build").stderr).toMatch(/another run is in progress: schedule, pid \d+/);

    // a process that no longer exists
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    fs.writeFileSync(lock, JSON.stringify({ ...holder, pid: Number(dead.stdout) }));
    const tookOver = cli(p, "run", "--no-dashboard");
    expect(tookOver.status, tookOver.stderr).toBe(0);
    expect(tookOver.stderr).toMatch(
      new RegExp(`took over a stale lock of pid ${dead.stdout.trim()}: process .* is no longer running`),
    );
    expect(fs.existsSync(lock)).toBe(false);

    // another host's lock not touched for longer than STALE_AFTER_MS
    fs.writeFileSync(lock, JSON.stringify({ ...holder, host: "elsewhere" }));
    const old = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    fs.utimesSync(lock, old, old);
    const silent = cli(p, "run", "--no-dashboard");
    expect(silent.status).toBe(0);
    expect(silent.stderr).toMatch(/took over a stale lock of pid \d+: not touched for \d+ s/);
  }, 120_000);
});

describe("a run killed at any point", () => {
  it.each([
    // plans land before schools and students: 50 ms into them the run is still landing
    ["while landing", "ingest", /ingest \d+\/\d+: plans\.csv/, 50],
    ["while building", "build", /build 12\/\d+/, 0],
  ])(
    "%s: the published warehouse was always the old or the new one, and the next run succeeds",
    async (_, step, at, delay) => {
      const p = place(`kill-${step}`);
      deliver(p, "districts.csv", "schools.csv", "attainment.csv");
      expect(cli(p, "run", "--no-dashboard").status).toBe(0);
      const old = await snapshot(p.warehouse);

      deliver(p, "students.csv", "plans.csv", ...NSC);
      const victim = start(p, ["run", "--no-dashboard"], at);
      const seenDuringKill = watch(p.warehouse, victim.ended);
      await victim.reached;
      await sleep(delay);
      victim.child.kill("SIGKILL");
      expect(await victim.ended).toBe(null);
      expect(await seenDuringKill).toEqual(new Set([old]));
      await landingConsistent(p.landing);
      // a build killed mid-way leaves its half-written file beside the warehouse
      if (step === "build") {
        expect(leftovers(p).length).toBeGreaterThan(0);
        for (const f of leftovers(p)) expect(f).toMatch(/^warehouse\.duckdb\.building-\d+/);
      }

      const next = start(p, ["run", "--no-dashboard", "--json"], /$^/);
      const seen = await watch(p.warehouse, next.ended);
      expect(await next.ended, next.output().stderr).toBe(0);
      const log = JSON.parse(next.output().stdout);
      expect(log).toMatchObject({ status: "succeeded", warehouse_built: true, abandoned_runs_closed: 1 });
      const fresh = await snapshot(p.warehouse);
      expect(fresh).not.toBe(old);
      expect([...seen].every((s) => s === old || s === fresh)).toBe(true);
      expect(fresh).toMatch(/files 9$/);
      await landingConsistent(p.landing);
      expect(leftovers(p)).toEqual([]);
      const runs = await read<{ status: string; error: string | null }>(
        p.landing,
        "select status, error from meta.runs order by run_id",
      );
      expect(runs[1]?.status).toBe("interrupted");
      expect(runs[1]?.error).toMatch(
        new RegExp(`the process ended during step ${step} \\(killed or crashed\\)`),
      );
      expect(runs[2]?.status).toBe("succeeded");
    },
    180_000,
  );

  it("while building the dashboard: the old site stays whole, the orphaned build is stopped, the next run publishes", async () => {
    const p = place("kill-dashboard");
    deliver(p, ...BASE, ...NSC);
    const first = cli(p, "run");
    expect(first.status, first.stderr).toBe(0);
    const oldSite = fs.readlinkSync(p.dist);
    const oldIndex = fs.readFileSync(path.join(p.dist, "index.html"), "utf8");

    fs.writeFileSync(path.join(p.incoming, "README.md"), "not a data file: ignored; --force rebuilds");
    const victim = start(p, ["run", "--force"], /step: dashboard/);
    await victim.reached;
    await sleep(4_000);
    victim.child.kill("SIGKILL");
    await victim.ended;
    // the site is the old one, complete
    expect(fs.readlinkSync(p.dist)).toBe(oldSite);
    expect(fs.readFileSync(path.join(p.dist, "index.html"), "utf8")).toBe(oldIndex);
    // the Framework build it had started, if still running, is stopped by the next builder
    const lock = readHolder("dashboards/.observablehq/build.lock");
    const orphanPid = lock && lock.pid === victim.child.pid ? lock.child : undefined;

    const next = cli(p, "run");
    expect(next.status, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/Dashboard rebuilt and published/);
    expect(fs.readlinkSync(p.dist)).not.toBe(oldSite);
    expect(fs.existsSync(path.join(p.dist, "index.html"))).toBe(true);
    expect(leftovers(p)).toEqual([]);
    expect(fs.readdirSync(p.dir).filter((f) => f.startsWith("site.site-"))).toHaveLength(1);
    if (orphanPid) expect(() => process.kill(orphanPid, 0)).toThrow();
  }, 240_000);
});

describe("pathways schedule", () => {
  it("runs on its ticks, skips and logs a tick while a run is going, and stops cleanly on SIGTERM mid-build", async () => {
    const p = place("schedule");
    deliver(p, ...BASE);
    const bad = cli(p, "schedule", "--cron", "every night");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--cron: not a cron expression/);

    const scheduler = start(
      p,
      ["schedule", "--cron", "*/1 * * * * *", "--now", "--no-dashboard"],
      /step: build/,
    );
    const lines = () =>
      scheduler
        .output()
        .stdout.trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    while (!lines().some((l) => l.event === "run")) await sleep(250);
    const firstRun = lines().find((l) => l.event === "run");
    expect(firstRun).toMatchObject({ command: "schedule", status: "succeeded", files_new: 5 });
    expect(lines().some((l) => l.event === "skipped" && /still going/.test(l.reason))).toBe(true);
    const published = await snapshot(p.warehouse);
    const bytes = fs.readFileSync(p.warehouse);

    // a second process meanwhile: skipped while a tick runs, or up to date
    const other = cli(p, "run", "--no-dashboard", "--json");
    expect([0, 75]).toContain(other.status);

    // new files arrive; stop the scheduler while it builds them
    const beforeStop = scheduler.output().stderr.length;
    deliver(p, ...NSC);
    while (!/step: build/.test(scheduler.output().stderr.slice(beforeStop))) await sleep(100);
    await sleep(500);
    scheduler.child.kill("SIGTERM");
    expect(await scheduler.ended).toBe(0);
    const events = lines().map((l) => l.event);
    expect(events.slice(-3)).toEqual(["stopping", "run", "stopped"]);
    const last = lines()
      .filter((l) => l.event === "run")
      .at(-1);
    expect(last).toMatchObject({ status: "interrupted", step: "build", files_new: 4 });
    expect(last.error).toMatch(/stopped during build: build abandoned on request/);
    expect(await snapshot(p.warehouse)).toBe(published);
    expect(fs.readFileSync(p.warehouse).equals(bytes)).toBe(true);
    expect(leftovers(p)).toEqual([]);
    expect(fs.existsSync(`${p.warehouse}.lock`)).toBe(false);

    // the files it landed are built by the next run
    const next = JSON.parse(cli(p, "run", "--no-dashboard", "--json").stdout);
    expect(next).toMatchObject({ status: "succeeded", files_new: 0, warehouse_built: true });
  }, 180_000);
});

const canMount =
  process.getuid?.() === 0 &&
  spawnSync("sh", [
    "-c",
    `mkdir -p ${ROOT}/probe && mount -t tmpfs -o size=1m tmpfs ${ROOT}/probe && umount ${ROOT}/probe`,
  ]).status === 0;

describe.skipIf(!canMount)("a full or read-only disk (a tmpfs mounted for the test)", () => {
  const mount = (dir: string, options: string) =>
    expect(spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir]).status).toBe(0);
  const remount = (dir: string, options: string) =>
    expect(spawnSync("mount", ["-o", `remount,${options}`, dir]).status).toBe(0);

  it("gives a clear error and changes nothing", async () => {
    const mnt = path.join(ROOT, "disk", "mnt");
    fs.mkdirSync(mnt, { recursive: true });
    mount(mnt, "size=64m");
    const p = place("disk", mnt);
    p.env.PATHWAYS_MIN_FREE_MB = "0";
    deliver(p, "districts.csv", "schools.csv", "attainment.csv");
    expect(cli(p, "run", "--no-dashboard").status).toBe(0);
    const bytes = fs.readFileSync(p.warehouse);
    deliver(p, "students.csv", "plans.csv", ...NSC);

    // read-only
    remount(mnt, "ro");
    const ro = cli(p, "run", "--no-dashboard");
    expect(ro.status).toBe(1);
    expect(ro.stdout).toMatch(/cannot write in .*mnt: the folder is on a read-only file system \(EROFS/);
    remount(mnt, "rw");
    expect(fs.readFileSync(p.warehouse).equals(bytes)).toBe(true);

    // too little room for a second warehouse: refused before anything is written
    const used = Number(spawnSync("du", ["-sk", mnt], { encoding: "utf8" }).stdout.split("\t")[0]);
    remount(mnt, `size=${used + 256}k`);
    const tight = cli(p, "run", "--no-dashboard");
    expect(tight.status).toBe(1);
    expect(tight.stdout).toMatch(
      /not enough free disk space in .*mnt: \d+ MB free; a run needs about \d+ MB/,
    );

    // room for the check, not for the work: the disk fills during the run
    const warehouseKb = Math.ceil(bytes.length / 1024);
    remount(mnt, `size=${used + warehouseKb + 512}k`);
    const full = cli(p, "run", "--no-dashboard");
    expect(full.status).toBe(1);
    expect(full.stdout).toMatch(/the disk is full \(.*No space left on device/i);
    expect(fs.readFileSync(p.warehouse).equals(bytes)).toBe(true);

    // room again: the next run loads everything
    remount(mnt, "size=256m");
    const ok = cli(p, "run", "--no-dashboard", "--json");
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).status).toBe("succeeded");
    await landingConsistent(p.landing);
    expect(await snapshot(p.warehouse)).toMatch(/files 9$/);
  }, 180_000);
});
