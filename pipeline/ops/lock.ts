// One run at a time, across processes: a lock file created with O_EXCL beside the warehouse.
// It names its holder (pid, host, start) so a skipped run can say who holds it, and the holder
// touches it every few seconds. A lock is stale, and is taken over, when its process is gone
// (same host) or it has not been touched for STALE_AFTER_MS (another host, or a frozen process):
// a crashed run never blocks the next one for long.
import fs from "node:fs";
import os from "node:os";

export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 120_000;

export interface LockHolder {
  pid: number;
  host: string;
  started_at: string;
  command: string;
  /** A child process group doing the work (the dashboard build), stopped if the holder dies. */
  child?: number;
}

export interface HeldLock {
  path: string;
  holder: LockHolder;
  /** Taken over from a stale holder, if so. */
  tookOverFrom?: LockHolder & { reason: string };
  /** Record more about the holder (e.g. its child process). */
  update(fields: Partial<LockHolder>): void;
  release(): void;
}

export type LockAttempt = { ok: true; lock: HeldLock } | { ok: false; holder: LockHolder | null };

export function readHolder(file: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
  } catch {
    return null; // absent, or being written this instant
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Why the lock at `file` is stale, or null when its holder is alive. */
export function staleReason(file: string, holder: LockHolder | null, now = Date.now()): string | null {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return "gone";
  if (holder && holder.host === os.hostname() && !processAlive(holder.pid))
    return `process ${holder.pid} is no longer running`;
  const idle = now - stat.mtimeMs;
  if (idle > STALE_AFTER_MS) return `not touched for ${Math.round(idle / 1000)} s`;
  return null;
}

export function tryLock(file: string, command: string): LockAttempt {
  const holder: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    started_at: new Date().toISOString(),
    command,
  };
  let tookOverFrom: HeldLock["tookOverFrom"];
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: "wx" });
      return { ok: true, lock: hold(file, holder, tookOverFrom) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = readHolder(file);
    const reason = staleReason(file, current);
    if (!reason) return { ok: false, holder: current };
    // Remove the stale lock only if it is still the one just judged (another process may have
    // taken it over meanwhile), then try once more to create ours.
    const again = readHolder(file);
    if (JSON.stringify(again) !== JSON.stringify(current)) return { ok: false, holder: again };
    fs.rmSync(file, { force: true });
    if (current) tookOverFrom = { ...current, reason };
  }
  return { ok: false, holder: readHolder(file) };
}

/** Stop the process group a dead holder left working (SIGKILL: it has no one to report to). */
export function stopChild(holder: LockHolder | null | undefined): void {
  if (!holder?.child || holder.host !== os.hostname() || !processAlive(holder.child)) return;
  try {
    process.kill(-holder.child, "SIGKILL");
  } catch {
    // already gone
  }
}

function hold(file: string, holder: LockHolder, tookOverFrom: HeldLock["tookOverFrom"]): HeldLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      fs.utimesSync(file, now, now);
    } catch {
      // the folder became unwritable: the run itself will fail and say why
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    path: file,
    holder,
    tookOverFrom,
    update(fields) {
      Object.assign(holder, fields);
      fs.writeFileSync(file, JSON.stringify(holder));
    },
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      // only our own lock: never remove one another process took over
      if (readHolder(file)?.pid === holder.pid) fs.rmSync(file, { force: true });
    },
  };
}
