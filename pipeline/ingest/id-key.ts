// The secret behind student_key = HMAC-SHA256(key, normalized id) (CONTRACTS.md section 2).
// From PATHWAYS_ID_KEY, else a random key created once in data/.id_key (mode 600) and reused.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR } from "../config.ts";

export function loadIdKey(keyFile = path.join(DATA_DIR, ".id_key")): Buffer {
  const fromEnv = process.env.PATHWAYS_ID_KEY;
  if (fromEnv) return Buffer.from(fromEnv, "utf8");
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return Buffer.from(fs.readFileSync(keyFile, "utf8").trim(), "utf8");
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
