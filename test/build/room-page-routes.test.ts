/**
 * wrangler.toml cannot import schema/room-page.ts: its run_worker_first globs must send the live pages to the
 * Worker (which embeds the room ticket and the security headers), or a member's phone silently loses its head
 * start; the hashed files under /assets/ skip the Worker.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOM_PAGE_PATTERN, ROOM_PAGES, roomPagePath } from "../../schema/room-page.ts";
import { root } from "../../scripts/lib/wrangler.ts";

/** The run_worker_first rules: a glob as a regular expression (`*` spans slashes, as in wrangler), `!` excludes. */
function workerFirst(): { exclude: boolean; glob: RegExp }[] {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const line = /^run_worker_first = (\[.*\])$/m.exec(toml);
  if (!line) throw new Error("no run_worker_first line in wrangler.toml");
  return (JSON.parse(line[1]!) as string[]).map((g) => {
    const exclude = g.startsWith("!");
    const body = exclude ? g.slice(1) : g;
    return { exclude, glob: new RegExp(`^${body.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`) };
  });
}

describe("live pages reach the Worker first", () => {
  const rules = workerFirst();
  const routed = (path: string) =>
    rules.some((r) => !r.exclude && r.glob.test(path)) && !rules.some((r) => r.exclude && r.glob.test(path));

  it("routes every live page of the shared pattern to the Worker", () => {
    for (const page of ROOM_PAGES) {
      const path = roomPagePath("t-1", "m-1", page);
      expect(ROOM_PAGE_PATTERN.test(path), path).toBe(true);
      expect(routed(path), path).toBe(true);
    }
  });

  it("serves the built files under /assets/ without the Worker", () => {
    expect(routed("/assets/room-page-abc123.js")).toBe(false);
    expect(routed("/login")).toBe(true);
  });
});
