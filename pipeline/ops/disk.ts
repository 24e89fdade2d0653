// Before a run writes anything: can it write where it must, and is there room for a new
// warehouse beside the old one? And when the disk fills or turns read-only mid-run anyway,
// say so in words a data steward can act on.
import fs from "node:fs";
import path from "node:path";

/** Free space a run keeps in hand beyond a second copy of the warehouse (PATHWAYS_MIN_FREE_MB). */
export function minimumFreeBytes(): number {
  const mb = Number(process.env.PATHWAYS_MIN_FREE_MB ?? 100);
  return (Number.isFinite(mb) && mb >= 0 ? mb : 100) * 2 ** 20;
}

export class DiskError extends Error {}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString("en-US")} MB`;

/** Throws DiskError unless every folder is writable and the warehouse's has room for a rebuild. */
export function checkDisk(options: { warehouse: string; folders: string[] }): void {
  for (const dir of new Set(options.folders.map((f) => path.resolve(f)))) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const probe = path.join(dir, `.pathways-probe-${process.pid}`);
      fs.writeFileSync(probe, "probe");
      fs.rmSync(probe);
    } catch (error) {
      throw new DiskError(`cannot write in ${dir}: ${explainIoError(error)}`);
    }
  }
  const folder = path.dirname(path.resolve(options.warehouse));
  const { bavail, bsize } = fs.statfsSync(folder);
  const free = bavail * bsize;
  const current = fs.statSync(options.warehouse, { throwIfNoEntry: false })?.size ?? 0;
  const needed = current + minimumFreeBytes();
  if (free < needed)
    throw new DiskError(
      `not enough free disk space in ${folder}: ${mb(free)} free; a run needs about ${mb(needed)} ` +
        `(a new warehouse is written beside the current ${mb(current)} one, plus ${mb(minimumFreeBytes())} ` +
        "in hand, PATHWAYS_MIN_FREE_MB). Free some space and run again; nothing was changed.",
    );
}

/** The cause of a file-system failure in plain words, with the system's own message after it. */
export function explainIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ENOSPC" || /no space left on device/i.test(message)) return `the disk is full (${message})`;
  if (code === "EROFS" || /read-only file system/i.test(message))
    return `the folder is on a read-only file system (${message})`;
  if (code === "EACCES" || code === "EPERM" || /permission denied/i.test(message))
    return `no permission to write there (${message})`;
  if (code === "EDQUOT" || /quota exceeded/i.test(message)) return `the disk quota is used up (${message})`;
  return message;
}

/** True when an error is the file system refusing to write (full, read-only, no permission). */
export function isDiskError(error: unknown): boolean {
  return explainIoError(error) !== (error instanceof Error ? error.message : String(error));
}
