// The secret behind student_key = HMAC-SHA256(key, normalized id) (CONTRACTS.md section 2), and
// its custody. The key comes from PATHWAYS_ID_KEY, else the file `.id_key` beside the landing
// store (random, mode 600, created once). The landing store records a fingerprint of the key it
// was loaded with: a file hashed with another key would make every student two students, so an
// ingest or build with a different (or lost) key refuses and says how to recover.
import { createHash, createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";

/** Shorter keys can be guessed; an empty one makes student_key = HMAC('', id), which anyone can recompute. */
export const MIN_KEY_LENGTH = 32;

export class IdKeyError extends Error {}

export interface IdKey {
  key: Buffer;
  /** Where it came from, in words. */
  origin: string;
}

/** The key file of a landing store: beside it, never in the repository. */
export function idKeyFile(landing: string): string {
  return path.join(path.dirname(path.resolve(landing)), ".id_key");
}

function checked(key: string, origin: string): IdKey {
  if (key.length < MIN_KEY_LENGTH)
    throw new IdKeyError(
      `the id key from ${origin} is ${key.length === 0 ? "empty" : `${key.length} characters long`}; it must have at least ${MIN_KEY_LENGTH} (e.g. 64 hex digits: openssl rand -hex 32)`,
    );
  return { key: Buffer.from(key, "utf8"), origin };
}

/** The key in use (PATHWAYS_ID_KEY, else the key file), or null when there is none. */
export function findIdKey(landing: string): IdKey | null {
  const fromEnv = process.env.PATHWAYS_ID_KEY;
  if (fromEnv !== undefined) return checked(fromEnv, "PATHWAYS_ID_KEY");
  const file = idKeyFile(landing);
  if (!fs.existsSync(file)) return null;
  return checked(fs.readFileSync(file, "utf8").trim(), `the file ${file}`);
}

function createIdKey(landing: string): IdKey {
  const file = idKeyFile(landing);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  return findIdKey(landing) as IdKey;
}

/** A fingerprint that identifies a key without revealing it (HMAC of a fixed label). */
export function keyFingerprint(key: Buffer): string {
  return createHmac("sha256", key).update("pathways id key fingerprint v1").digest("hex").slice(0, 16);
}

async function recordedFingerprint(
  db: Db,
  schema = "meta",
): Promise<{ fingerprint: string; at: string } | null> {
  const rows = await db
    .all<{ fingerprint: string; at: string }>(
      `select fingerprint, strftime(recorded_at, '%Y-%m-%d %H:%M UTC') as at from ${schema}.id_key limit 1`,
    )
    .catch(() => []);
  return rows[0] ?? null;
}

function mismatch(
  landing: string,
  recorded: { fingerprint: string; at: string },
  found: IdKey | null,
): IdKeyError {
  const what = found
    ? `this key (fingerprint ${keyFingerprint(found.key)}, from ${found.origin}) is another one, and would give every student a second student_key`
    : `no key was found (neither PATHWAYS_ID_KEY nor ${idKeyFile(landing)})`;
  return new IdKeyError(
    `the landing store ${landing} was loaded with the id key whose fingerprint is ${recorded.fingerprint} (recorded ${recorded.at}); ${what}. ` +
      `Nothing was loaded or built. Use the key it was loaded with: restore ${idKeyFile(landing)} from your backup, or set PATHWAYS_ID_KEY to it. ` +
      `If that key is lost, the landing store cannot be extended: move ${landing} away and load every file again into a new one.`,
  );
}

/**
 * The key for an ingest into this landing store (open for writing): the recorded one must match;
 * a store without a record gets one now (a new key is created only for a store without one).
 */
export async function keyForLanding(db: Db, landing: string): Promise<IdKey> {
  await db.run("create table if not exists meta.id_key (fingerprint varchar, recorded_at timestamp)");
  const recorded = await recordedFingerprint(db);
  const found = findIdKey(landing);
  if (recorded) {
    if (!found || keyFingerprint(found.key) !== recorded.fingerprint)
      throw mismatch(landing, recorded, found);
    return found;
  }
  const key = found ?? createIdKey(landing);
  await db.run(`insert into meta.id_key values (${sqlString(keyFingerprint(key.key))}, now())`);
  return key;
}

/** A build refuses a landing store loaded with another key than the one in use now. */
export async function checkKeyForBuild(db: Db, landing: string, schema: string): Promise<void> {
  const recorded = await recordedFingerprint(db, schema);
  if (!recorded) return; // a store landed before fingerprints were recorded
  const found = findIdKey(landing);
  if (!found || keyFingerprint(found.key) !== recorded.fingerprint) throw mismatch(landing, recorded, found);
}

/** A key for validation only (nothing is stored): the real one when there is one. */
export function keyForValidation(landing: string): IdKey {
  return findIdKey(landing) ?? { key: randomBytes(32), origin: "a random key (validation only)" };
}

/**
 * SQL macro `student_key(id)`: HMAC-SHA256 computed inside DuckDB (sha256 over the RFC 2104 inner
 * and outer pads), so millions of ids never pass through JavaScript. It takes the id as the
 * contract normalized it (field.id: trimmed, upper-cased, leading zeros of all-digit ids dropped).
 */
export function studentKeyMacro(key: Buffer): string {
  const block = Buffer.alloc(64);
  // keys longer than the block are hashed first, as HMAC specifies
  (key.length > 64 ? createHash("sha256").update(key).digest() : key).copy(block);
  const pad = (x: number) => Buffer.from(block.map((b) => b ^ x)).toString("hex");
  return `
    create or replace temp macro student_key(x) as
      sha256(unhex('${pad(0x5c)}') || unhex(sha256(unhex('${pad(0x36)}') || encode(x))));`;
}
