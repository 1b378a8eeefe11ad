import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { databaseName, deployConfig } from "../../scripts/deploy.ts";
import { quietEnv, root, wrangler } from "../../scripts/lib/wrangler.ts";

describe("deploy", () => {
  it("bundles the Worker with its room class offline (wrangler deploy --dry-run)", async () => {
    // [assets] needs its directory; `npm test` builds the client first, a lone run may not have.
    mkdirSync(join(root, "web", "dist"), { recursive: true });
    const out = await mkdtemp(join(tmpdir(), "chibo-bundle-"));
    try {
      const res = await wrangler(["deploy", "--dry-run", "--outdir", out], { check: false });
      expect(res.code, res.stderr + res.stdout).toBe(0);
      const files = readdirSync(out);
      const entry = files.find((f) => f.endsWith(".js"));
      expect(entry, files.join(", ")).toBeDefined();
      const code = readFileSync(join(out, entry!), "utf8");
      expect(code).toContain("MeetingRoom");
      expect(code).toContain("/api");
      // Workers' compressed limit is 3 MiB on the free plan; the raw bundle should stay far below it.
      expect(statSync(join(out, entry!)).size).toBeLessThan(3 * 1024 * 1024);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);

  it("refuses cleanly without CLOUDFLARE_API_TOKEN and changes nothing", () => {
    const before = readFileSync(join(root, "wrangler.toml"), "utf8");
    const env = { ...quietEnv };
    delete env.CLOUDFLARE_API_TOKEN;
    const res = spawnSync(process.execPath, [join(root, "scripts", "deploy.ts")], {
      cwd: root,
      env,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("CLOUDFLARE_API_TOKEN is not set");
    expect(res.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    expect(readFileSync(join(root, "wrangler.toml"), "utf8")).toBe(before);
  });

  it("puts each database's real id only into the generated config, the directory's and every shard's", () => {
    const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
    const generated = deployConfig(toml, {
      DB: "3f1c1d6e-1111-4222-8333-944455556666",
      SHARD_1: "3f1c1d6e-1111-4222-8333-000000000001",
      SHARD_2: "3f1c1d6e-1111-4222-8333-000000000002",
    });
    for (const [binding, id, name] of [
      ["DB", "3f1c1d6e-1111-4222-8333-944455556666", "chibo"],
      ["SHARD_1", "3f1c1d6e-1111-4222-8333-000000000001", "chibo-shard-1"],
      ["SHARD_2", "3f1c1d6e-1111-4222-8333-000000000002", "chibo-shard-2"],
    ]) {
      expect(generated).toContain(`binding = "${binding}"\ndatabase_name = "${name}"\ndatabase_id = "${id}"`);
      expect(databaseName(binding ?? "")).toBe(name);
    }
    expect(generated).not.toMatch(/00000000-0000-0000-0000-00000000000\d/);
    expect(existsSync(join(root, ".gitignore")) && readFileSync(join(root, ".gitignore"), "utf8")).toContain(
      "wrangler.deploy.toml",
    );
  });
});
