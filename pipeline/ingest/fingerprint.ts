// One streaming pass over a file: its sha256, its size, and whether it is valid UTF-8.
import { createHash } from "node:crypto";
import fs from "node:fs";

export interface Fingerprint {
  sha256: string;
  bytes: number;
  utf8: boolean;
}

export async function fingerprint(file: string): Promise<Fingerprint> {
  const hash = createHash("sha256");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let utf8 = true;
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    if (utf8) {
      try {
        decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        utf8 = false;
      }
    }
  }
  if (utf8) {
    try {
      decoder.decode();
    } catch {
      utf8 = false;
    }
  }
  return { sha256: hash.digest("hex"), bytes, utf8 };
}

/** Re-encode a Windows-1252 file as UTF-8 (streaming). */
export async function transcodeWindows1252(from: string, to: string): Promise<void> {
  const decoder = new TextDecoder("windows-1252");
  const out = fs.createWriteStream(to);
  for await (const chunk of fs.createReadStream(from, { highWaterMark: 1 << 20 })) {
    if (!out.write(decoder.decode(chunk as Buffer, { stream: true }))) {
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  }
  out.end(decoder.decode());
  await new Promise<void>((resolve, reject) => out.on("finish", () => resolve()).on("error", reject));
}
