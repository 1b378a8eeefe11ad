/**
 * wrangler.toml cannot import schema/room-page.ts: its run_worker_first globs must send exactly the live pages
 * to the Worker (which embeds the room ticket), or a member's phone silently loses its head start.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOM_PAGE_PATTERN, ROOM_PAGES, roomPagePath } from "../../schema/room-page.ts";
import { root } from "../../scripts/lib/wrangler.ts";

/** The run_worker_first globs, as regular expressions (`*` spans slashes, as in wrangler). */
function workerFirst(): RegExp[] {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const line = /^run_worker_first = (\[.*\])$/m.exec(toml);
  if (!line) throw new Error("no run_worker_first line in wrangler.toml");
  const globs = JSON.parse(line[1]!) as string[];
  return globs.map((g) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`));
}

describe("live pages reach the Worker first", () => {
  it("routes every live page of the shared pattern to the Worker, and no other page of a meeting", () => {
    const globs = workerFirst();
    const routed = (path: string) => globs.some((g) => g.test(path));
    for (const page of ROOM_PAGES) {
      const path = roomPagePath("t-1", "m-1", page);
      expect(ROOM_PAGE_PATTERN.test(path), path).toBe(true);
      expect(routed(path), path).toBe(true);
    }
    for (const path of ["/t/t-1/meetings/m-1", "/t/t-1/meetings/m-1/minutes", "/t/t-1/meetings"]) {
      expect(routed(path), path).toBe(false);
    }
  });
});
