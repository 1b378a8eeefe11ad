import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  hashMigration,
  listMigrations,
  migrationsDir,
  readReleased,
  recordReleased,
  releasedFile,
  releasedProblems,
  unreleasedMigrations,
} from "../../scripts/lib/migrations.ts";
import { root } from "../../scripts/lib/wrangler.ts";
import { FILLED_TABLES, rowCounts, seedStatements } from "../support/upgrade-data.ts";
import { tempProject, upgradeWithDemoData } from "./migration-upgrade.ts";

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A copy of the repository's migrations folder (with drizzle-kit's meta/). */
async function migrationsCopy(): Promise<string> {
  const dir = join(await temp("chibo-migrations-"), "migrations");
  cpSync(migrationsDir, dir, { recursive: true });
  return dir;
}

/** Every file under a folder with its content, to compare before and after drizzle-kit ran. */
function contents(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  return Object.fromEntries(
    files.map((f) => [
      join(f.parentPath, f.name).slice(dir.length + 1),
      readFileSync(join(f.parentPath, f.name), "utf8"),
    ]),
  );
}

/**
 * `drizzle-kit generate` on a copy of the schema and migrations (what `npm run db:generate` does in the
 * repository), run where drizzle-kit resolves drizzle-orm through a link to our node_modules.
 */
async function generate(tablesTs: string, name?: string): Promise<{ migrations: string; output: string }> {
  const dir = await temp("chibo-generate-");
  mkdirSync(join(dir, "schema"));
  writeFileSync(join(dir, "schema", "tables.ts"), tablesTs);
  cpSync(migrationsDir, join(dir, "migrations"), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  const args = ["generate", "--dialect", "sqlite", "--schema", "schema/tables.ts", "--out", "migrations"];
  const res = spawnSync(
    process.execPath,
    [join(root, "node_modules", "drizzle-kit", "bin.cjs"), ...args, ...(name ? ["--name", name] : [])],
    {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  const output = `${res.stdout}${res.stderr}`;
  if (res.status !== 0) throw new Error(`drizzle-kit generate failed (${res.status}):\n${output}`);
  return { migrations: join(dir, "migrations"), output };
}

const tables = readFileSync(join(root, "schema", "db", "tables.ts"), "utf8");

describe("released migrations", () => {
  it("are all in the migrations folder, unchanged, and sort before every new one", () => {
    const released = readReleased();
    expect(released.map((m) => m.name)).toContain("0000_init.sql");
    expect(releasedProblems(released)).toEqual([]);
  });

  it("are checked: a changed, a removed or an out-of-order migration is reported", async () => {
    const released = readReleased();
    const dir = await migrationsCopy();
    const first = join(dir, released[0]!.name);
    writeFileSync(first, `${readFileSync(first, "utf8")}\nCREATE INDEX x ON tenants (name);\n`);
    writeFileSync(join(dir, "0000_aaa.sql"), "SELECT 1;\n");
    expect(releasedProblems(released, dir)).toEqual([
      `released migration ${released[0]!.name} was changed (add a new migration instead)`,
      `new migration 0000_aaa.sql sorts before the released ${released.at(-1)!.name} (renumber it after)`,
    ]);
    unlinkSync(first);
    expect(releasedProblems(released, dir)).toContain(`released migration ${released[0]!.name} was removed`);
    // Line endings alone are not a rewrite.
    expect(hashMigration("a;\r\nb;\r\n")).toBe(hashMigration("a;\nb;\n"));
  });

  it("are recorded after a deploy: the new ones appended with their hash, the rest of the file kept", async () => {
    const dir = await migrationsCopy();
    const file = join(dir, "..", "released.json");
    writeFileSync(file, readFileSync(releasedFile, "utf8"));
    // Migrations written since the last release (none right after a deploy) are recorded along with this one.
    const pending = unreleasedMigrations(readReleased(), dir);
    const sql = "ALTER TABLE `tenants` ADD `motto` text;";
    writeFileSync(join(dir, "0999_add_motto.sql"), sql);
    expect(recordReleased(dir, file)).toEqual([...pending, "0999_add_motto.sql"]);
    expect(readReleased(file).at(-1)).toEqual({ name: "0999_add_motto.sql", sha256: hashMigration(sql) });
    expect(readReleased(file).slice(0, -1 - pending.length)).toEqual(readReleased());
    expect(JSON.parse(readFileSync(file, "utf8")).about).toMatch(/never edit or delete/);
    expect(recordReleased(dir, file)).toEqual([]);
  });
});

describe("the upgrade tests' data", () => {
  it("fits a seed written for a newer schema into the old one: only the old columns, only the old tables", () => {
    const seed = [
      "INSERT OR IGNORE INTO tenants (id,name,motto) VALUES\n('t1','Hòa An','x'),\n('t2','O''Neil;\nVALUES','y');",
      "INSERT OR IGNORE INTO badges (id,tenant_id) VALUES\n('b1','t1');",
      "INSERT OR IGNORE INTO tenants (id,name,motto) VALUES\n('t3','Ba','z');",
      "",
    ].join("\n");
    const old = new Map([["tenants", ["id", "name", "created_at"]]]);
    expect(seedStatements(seed, old)).toEqual([
      "CREATE TABLE _seed_tenants (id, name, motto)",
      "CREATE TABLE _seed_badges (id, tenant_id)",
      "INSERT INTO _seed_tenants (id,name,motto) VALUES\n('t1','Hòa An','x'),\n('t2','O''Neil;\nVALUES','y')",
      "INSERT INTO _seed_badges (id,tenant_id) VALUES\n('b1','t1')",
      "INSERT INTO _seed_tenants (id,name,motto) VALUES\n('t3','Ba','z')",
      "INSERT OR IGNORE INTO tenants (id, name) SELECT id, name FROM _seed_tenants ORDER BY rowid",
      "DROP TABLE _seed_tenants",
      "DROP TABLE _seed_badges",
    ]);
  });
});

describe("drizzle-kit's migrations", () => {
  it("journal lists exactly the SQL files, each with its snapshot", () => {
    const journal = JSON.parse(readFileSync(join(migrationsDir, "meta", "_journal.json"), "utf8")) as {
      entries: { idx: number; tag: string }[];
    };
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(listMigrations());
    const snapshots = readdirSync(join(migrationsDir, "meta")).filter((f) => f.endsWith("_snapshot.json"));
    expect(snapshots.sort()).toEqual(journal.entries.map((e) => `${String(e.idx).padStart(4, "0")}_snapshot.json`));
  });

  it("match schema/db/tables.ts: generating from it adds nothing", async () => {
    const before = contents(migrationsDir);
    const { migrations, output } = await generate(tables);
    expect(output).toContain("No schema changes");
    expect(contents(migrations)).toEqual(before);
  }, 120_000);

  it("grow by a numbered migration beside the old ones, which a database with data takes", async () => {
    const anchor = '  "tenants",\n  {\n    id: text("id").primaryKey(),\n';
    expect(tables).toContain(anchor);
    const { migrations } = await generate(tables.replace(anchor, `${anchor}    motto: text("motto"),\n`), "add_motto");
    const old = listMigrations();
    const next = `${String(old.length).padStart(4, "0")}_add_motto.sql`;
    expect(listMigrations(migrations)).toEqual([...old, next]);
    for (const name of old)
      expect(readFileSync(join(migrations, name), "utf8"), name).toBe(readFileSync(join(migrationsDir, name), "utf8"));
    expect(readFileSync(join(migrations, next), "utf8").trim()).toBe("ALTER TABLE `tenants` ADD `motto` text;");

    const p = await tempProject("chibo-upgrade-");
    temps.push(p.dir);
    const { before, after, applied, checks } = await upgradeWithDemoData(
      p,
      migrations,
      old,
      [next],
      ["SELECT id, motto FROM tenants ORDER BY id"],
    );
    const counts = rowCounts(before);
    for (const t of FILLED_TABLES) expect(counts[t], t).toBeGreaterThan(0);
    expect(rowCounts(after)).toEqual(counts);
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);
    expect(applied).toEqual([...old, next]);
    expect(checks[0]).toEqual(before.tenants!.map((t) => ({ id: t.id, motto: null })));
  }, 240_000);
});
