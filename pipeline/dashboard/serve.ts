// Serve the built site (dist/) on localhost, for `pathways dashboard preview` and the browser tests.
import http from "node:http";
import type { AddressInfo } from "node:net";

export async function serveDashboard(
  dist: string,
  port = 3000,
): Promise<{ url: string; close: () => Promise<void> }> {
  // dev: look each file up per request, so a site a scheduled run publishes is served at once
  const { default: sirv } = await import("sirv");
  const handler = sirv(dist, { extensions: ["html"], single: false, dev: true });
  const server = http.createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end("not found");
    }),
  );
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
