// Headless Chromium for the browser tests, with nothing downloaded at run time: Debian's
// /usr/bin/chromium when it is installed (as .ci/run installs it), else the binary that
// @sparticuz/chromium carries inside its npm package, so `npm test` runs on a machine with Node only.
// PATHWAYS_TEST_CHROMIUM=bundled picks the npm one even where Debian's exists.
import fs from "node:fs";
import sparticuz from "@sparticuz/chromium";
import { type Browser, chromium } from "playwright-core";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<{ browser: Browser; which: string }> {
  if (process.env.PATHWAYS_TEST_CHROMIUM !== "bundled" && fs.existsSync(SYSTEM_CHROMIUM)) {
    return {
      browser: await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: FLAGS }),
      which: SYSTEM_CHROMIUM,
    };
  }
  // its own args are for AWS Lambda (--single-process crashes a second page; --disable-web-security
  // would hide a failure): the binary runs here with ours
  const executablePath = await sparticuz.executablePath();
  return {
    browser: await chromium.launch({ executablePath, args: FLAGS }),
    which: `@sparticuz/chromium (${executablePath})`,
  };
}
