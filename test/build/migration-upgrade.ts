/**
 * Upgrading a database that holds data the way `npm run deploy` does, with `wrangler d1 migrations apply`
 * (here `--local`) on a throwaway project: its own wrangler.toml, migrations folder and --persist-to state,
 * nothing shared with `npm start`. First the migrations the database already has, then the demo committee
 * (scripts/lib/demo-data.ts), then the new migrations. test/build/migrations.test.ts runs a migration that
 * drizzle-kit just generated through it; test/worker/migrations-upgrade.test.ts does the same for the
 * repository's own migrations inside workerd, where it is much faster.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDemoSql } from "../../scripts/lib/demo-data.ts";
import { wrangler } from "../../scripts/lib/wrangler.ts";
import { type Columns, type Dump, dumpStatements, SEED_NOW, seedStatements } from "../support/upgrade-data.ts";

export interface TempProject {
  dir: string;
  config: string;
  migrations: string;
  state: string;
}

/** A project with an empty migrations folder and a local D1 of its own (nothing shared with `npm start`). */
export async function tempProject(prefix: string): Promise<TempProject> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const migrations = join(dir, "migrations");
  mkdirSync(migrations);
  const config = join(dir, "wrangler.toml");
  writeFileSync(
    config,
    [
      'name = "chibo-upgrade-test"',
      'compatibility_date = "2026-04-01"',
      "[[d1_databases]]",
      'binding = "DB"',
      'database_name = "chibo"',
      'database_id = "00000000-0000-0000-0000-000000000000"',
      'migrations_dir = "migrations"',
      "",
    ].join("\n"),
  );
  return { dir, config, migrations, state: join(dir, "state") };
}

const local = (p: TempProject) => ["--local", "--config", p.config, "--persist-to", p.state];

export function copyMigrations(p: TempProject, from: string, names: string[]): void {
  for (const name of names) copyFileSync(join(from, name), join(p.migrations, name));
}

export async function applyMigrations(p: TempProject): Promise<void> {
  await wrangler(["d1", "migrations", "apply", "DB", ...local(p)]);
}

/** Runs statements from a file in one wrangler run and returns the rows of each, in order. */
export async function runSql(p: TempProject, statements: string[]): Promise<Record<string, unknown>[][]> {
  const file = join(p.dir, "run.sql");
  writeFileSync(file, `${statements.join(";\n")};\n`);
  const { stdout } = await wrangler(["d1", "execute", "DB", ...local(p), "--file", file, "--yes", "--json"]);
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error(`unexpected output from d1 execute: ${stdout.slice(0, 200)}`);
  return parsed.map((r: unknown) =>
    r && typeof r === "object" && "results" in r && Array.isArray(r.results)
      ? (r.results as Record<string, unknown>[])
      : [],
  );
}

/** Table → columns of the schema as of `migration`, from drizzle-kit's snapshot of it in `meta/`. */
export function schemaAt(migrationsFolder: string, migration: string): Columns {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  const entry = journal.entries.find((e) => `${e.tag}.sql` === migration);
  if (!entry) throw new Error(`${migration} is not in the drizzle journal`);
  const snapshotFile = join(migrationsFolder, "meta", `${String(entry.idx).padStart(4, "0")}_snapshot.json`);
  const snapshot = JSON.parse(readFileSync(snapshotFile, "utf8")) as {
    tables: Record<string, { columns: Record<string, unknown> }>;
  };
  return new Map(Object.entries(snapshot.tables).map(([t, def]) => [t, Object.keys(def.columns)]));
}

/**
 * Applies `before` (the migrations the deployed database has), loads the demo committee, dumps it, applies
 * `after` (the new ones) and dumps again over the same columns, then runs `checks` (their rows come back).
 * `from` holds the migration files and the drizzle snapshots that say what the schema looked like after
 * the last of `before`.
 */
export async function upgradeWithDemoData(
  p: TempProject,
  from: string,
  before: string[],
  after: string[],
  checks: string[] = [],
): Promise<{ before: Dump; after: Dump; applied: string[]; checks: Record<string, unknown>[][] }> {
  const last = before.at(-1);
  if (!last) throw new Error("an upgrade starts from at least one migration");
  const schema = schemaAt(from, last);
  copyMigrations(p, from, before);
  await applyMigrations(p);
  const { sql } = await buildDemoSql(new Date(SEED_NOW));
  // Seed and read back in one wrangler run, and read back with the applied list in one more: each run
  // starts workerd, which is most of this test's time.
  const seed = seedStatements(sql, schema);
  const dumps = dumpStatements(schema);
  const beforeRows = (await runSql(p, [...seed, ...dumps])).slice(seed.length);
  copyMigrations(p, from, after);
  await applyMigrations(p);
  const afterRows = await runSql(p, [...dumps, "SELECT name FROM d1_migrations ORDER BY id", ...checks]);
  const tables = [...schema.keys()];
  const asDump = (rows: Record<string, unknown>[][]): Dump =>
    Object.fromEntries(tables.map((t, i) => [t, rows[i] ?? []]));
  return {
    before: asDump(beforeRows),
    after: asDump(afterRows),
    applied: (afterRows[tables.length] ?? []).map((r) => String(r.name)),
    checks: afterRows.slice(tables.length + 1),
  };
}
