/**
 * How the browser tests find Chromium (scripts/lib/chromium.ts): CHROMIUM_PATH first, and a clear message
 * when it points nowhere; with nothing set, a binary that really runs (Debian's, or the npm package's,
 * unpacked once), so `npm install` alone is enough for `npm run test:browser`.
 */
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { chromiumPath } from "../../scripts/lib/chromium.ts";

const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe("chromiumPath", () => {
  it("takes CHROMIUM_PATH as it is, and names it when the file is missing", async () => {
    process.env.CHROMIUM_PATH = process.execPath;
    await expect(chromiumPath()).resolves.toBe(process.execPath);
    process.env.CHROMIUM_PATH = "/nowhere/chromium";
    await expect(chromiumPath()).rejects.toThrow("CHROMIUM_PATH=/nowhere/chromium does not exist");
  });

  it("finds a Chromium that runs when nothing is set", async () => {
    delete process.env.CHROMIUM_PATH;
    const path = await chromiumPath();
    const res = spawnSync(path, ["--version"], { encoding: "utf8" });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^Chromium \d+\./);
  }, 120_000);
});
