// One streaming pass over a file: its sha256, its size, and what DuckDB's CSV reader cannot take
// as it is: another encoding (Windows-1252, UTF-16 with or without its byte order mark), more than
// one byte order mark, or line endings that mix CRLF and LF. Such a file is rewritten once as
// UTF-8 with LF endings (`rewriteAsUtf8`) and read from the copy; the sha256 stays the original's.
import { createHash } from "node:crypto";
import fs from "node:fs";

export type Encoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

export interface Fingerprint {
  sha256: string;
  bytes: number;
  encoding: Encoding;
  /** Byte order marks at the start (a doubled BOM is 2). */
  boms: number;
  /** Both CRLF and bare LF (or bare CR) line endings occur. */
  mixedLineEndings: boolean;
  /** The file holds a double quote (DuckDB's sniffer may switch quoting off on a broken one). */
  hasQuotes: boolean;
}

/** Whether DuckDB must read a rewritten copy instead of the file itself. */
export function needsRewrite(print: Fingerprint): boolean {
  return print.encoding !== "utf-8" || print.boms > 1 || print.mixedLineEndings;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function utf16Of(head: Buffer): Encoding | null {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  // no BOM: text of ASCII letters has a NUL in every other byte
  const n = Math.min(head.length - (head.length % 2), 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul > n / 4 && evenNul === 0) return "utf-16le";
  if (evenNul > n / 4 && oddNul === 0) return "utf-16be";
  return null;
}

export async function fingerprint(file: string): Promise<Fingerprint> {
  const hash = createHash("sha256");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let utf8 = true;
  let bytes = 0;
  let crlf = 0;
  let bareLf = 0;
  let bareCr = 0;
  let previous = -1;
  let hasQuotes = false;
  let head: Buffer | null = null;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    if (head === null) head = buffer.subarray(0, 8192);
    bytes += buffer.length;
    if (!hasQuotes && buffer.includes(0x22)) hasQuotes = true;
    for (let at = buffer.indexOf(0x0a); at !== -1; at = buffer.indexOf(0x0a, at + 1)) {
      const before = at > 0 ? buffer[at - 1] : previous;
      if (before === 0x0d) crlf++;
      else bareLf++;
    }
    if (crlf > 0 && bareLf === 0) {
      // a CR not followed by LF (old Mac endings) counts as mixed too
      for (let at = buffer.indexOf(0x0d); at !== -1 && bareCr === 0; at = buffer.indexOf(0x0d, at + 1)) {
        if (at + 1 < buffer.length && buffer[at + 1] !== 0x0a) bareCr++;
      }
    }
    previous = buffer[buffer.length - 1] ?? previous;
    if (utf8) {
      try {
        decoder.decode(buffer, { stream: true });
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
  const start = head ?? Buffer.alloc(0);
  const utf16 = utf16Of(start);
  let boms = 0;
  if (!utf16) {
    while (UTF8_BOM.every((b, i) => start[boms * 3 + i] === b)) boms++;
  }
  const encoding: Encoding = utf16 ?? (utf8 ? "utf-8" : "windows-1252");
  return {
    sha256: hash.digest("hex"),
    bytes,
    encoding,
    boms,
    // in UTF-16 every line ending is counted by its LF byte; mixing is judged after decoding
    mixedLineEndings: crlf > 0 && (bareLf > 0 || bareCr > 0),
    hasQuotes,
  };
}

/**
 * Re-encode a file as UTF-8 with LF line endings and no byte order mark (streaming), decoding it
 * from the encoding the fingerprint found.
 */
export async function rewriteAsUtf8(from: string, to: string, encoding: Encoding): Promise<void> {
  const decoder = new TextDecoder(encoding);
  const out = fs.createWriteStream(to);
  let first = true;
  let pendingCr = false;
  const write = async (text: string) => {
    let t = text;
    if (first && t.length > 0) {
      t = t.replace(/^\uFEFF+/, "");
      first = false;
    }
    // CRLF and lone CR become LF; a CR at the end of a chunk waits for the next one
    if (pendingCr) t = `\r${t}`;
    pendingCr = t.endsWith("\r");
    if (pendingCr) t = t.slice(0, -1);
    t = t.replace(/\r\n?/g, "\n");
    if (!out.write(t)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  for await (const chunk of fs.createReadStream(from, { highWaterMark: 1 << 20 })) {
    await write(decoder.decode(chunk as Buffer, { stream: true }));
  }
  await write(decoder.decode());
  out.end(pendingCr ? "\n" : "");
  await new Promise<void>((resolve, reject) => out.on("finish", () => resolve()).on("error", reject));
}
