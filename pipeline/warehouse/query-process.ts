// The researcher sandbox's query process (started by query.ts, one per query). It opens the
// database READ_ONLY with file access off, no room for temp files and the configuration
// locked, accepts exactly one SELECT (COPY, EXPORT, ATTACH, PRAGMA, SET, INSTALL... are refused
// when parsed, before anything is prepared or run: DuckDB's sandbox alone still lets COPY write the open database's own file
// and its .wal), interrupts the query at its time limit, and prints one JSON line: the result or
// the error. The parent ends this process if the interrupt does not take.
import { DuckDBInstance, StatementType } from "@duckdb/node-api";

export interface SandboxRequest {
  database: string;
  sql: string;
  maxRows: number;
  timeoutMs: number;
  memoryLimit: string;
  threads: number;
  /** Values of the SQL's named parameters ($name), bound as text, never spliced into the SQL. */
  params?: Record<string, string>;
}

export type SandboxReply =
  | { ok: true; columns: string[]; rows: Record<string, unknown>[]; truncated: boolean }
  | { ok: false; error: string; timedOut?: boolean };

async function answer(request: SandboxRequest): Promise<SandboxReply> {
  const instance = await DuckDBInstance.create(request.database, {
    access_mode: "READ_ONLY",
    enable_external_access: "false",
    autoload_known_extensions: "false",
    autoinstall_known_extensions: "false",
    max_temp_directory_size: "0B",
    memory_limit: request.memoryLimit,
    threads: String(request.threads),
    lock_configuration: "true",
  });
  const connection = await instance.connect();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, request.timeoutMs);
  try {
    // parsed only, nothing run: DuckDB serializes SELECT statements alone (preparing an EXPORT
    // already touches files)
    const parsed = await connection.runAndReadAll("select json_serialize_sql($1::varchar) as j", [
      request.sql,
    ]);
    const tree = JSON.parse(String(parsed.getRowObjectsJson()[0]?.j)) as {
      error?: boolean;
      error_message?: string;
      statements?: unknown[];
    };
    if (tree.error)
      return {
        ok: false,
        error: /Only SELECT/i.test(tree.error_message ?? "")
          ? "only a SELECT runs here (COPY, EXPORT, ATTACH, PRAGMA, SET, INSTALL, CREATE... are refused): the warehouse is read-only and nothing can be written"
          : (tree.error_message ?? "the SQL cannot be parsed"),
      };
    if (tree.statements?.length !== 1)
      return {
        ok: false,
        error: `give exactly one SELECT statement (this SQL holds ${tree.statements?.length})`,
      };
    const prepared = await connection.prepare(request.sql);
    if (prepared.statementType !== StatementType.SELECT)
      return {
        ok: false,
        error: `only a SELECT runs here (this is ${StatementType[prepared.statementType]})`,
      };
    const names = Array.from({ length: prepared.parameterCount }, (_, i) => prepared.parameterName(i + 1));
    const given = request.params ?? {};
    const unset = names.filter((n) => !(n in given));
    const unknown = Object.keys(given).filter((n) => !names.includes(n));
    if (unset.length > 0 || unknown.length > 0)
      return {
        ok: false,
        error: [
          unset.length ? `give a value for ${unset.map((n) => `$${n}`).join(", ")} (--param name=value)` : "",
          unknown.length ? `the SQL has no parameter ${unknown.map((n) => `$${n}`).join(", ")}` : "",
        ]
          .filter(Boolean)
          .join("; "),
      };
    for (const name of names) prepared.bindVarchar(prepared.parameterIndex(name), given[name] ?? "");
    const reader = await prepared.streamAndReadUntil(request.maxRows + 1);
    const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
    return {
      ok: true,
      columns: reader.columnNames(),
      rows: rows.slice(0, request.maxRows),
      truncated: rows.length > request.maxRows,
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message, timedOut };
  } finally {
    clearTimeout(timer);
    connection.closeSync();
    instance.closeSync();
  }
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", async () => {
  // started ahead for a query the command did not run (bin/pathways.js): nothing to answer
  if (input === "") process.exit(0);
  const reply = await answer(JSON.parse(input) as SandboxRequest).catch(
    (error: unknown): SandboxReply => ({ ok: false, error: (error as Error).message }),
  );
  process.stdout.write(`${JSON.stringify(reply)}\n`, () => process.exit(0));
});
