/**
 * The app's D1 databases (the directory and the province shards, worker/lib/shard-names.ts) as a script reaches them
 * through wrangler: the local ones (`.wrangler/state`, or `--persist-to DIR`) or
 * the deployed one (`--remote`, named by the `wrangler.deploy.toml` that `npm run deploy` writes with the real
 * database id). Rows built with the drizzle tables become plain INSERT statements here (values as SQL literals:
 * `d1 execute` binds no parameters), so a script writes exactly the rows the Worker would.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import { literal, type SqlValue } from "./sql.ts";
import { persistArgs, retryWhileLocked, root, wrangler } from "./wrangler.ts";

/** Written by scripts/deploy.ts: wrangler.toml with the deployed database's id. */
export const DEPLOY_CONFIG = "wrangler.deploy.toml";

export type D1Target = { remote: false; persistTo?: string } | { remote: true };

function targetArgs(target: D1Target): string[] {
  if (!target.remote) return ["--local", ...persistArgs(target.persistTo)];
  if (!existsSync(join(root, DEPLOY_CONFIG)))
    throw new Error(
      `--remote needs ${DEPLOY_CONFIG}, which \`npm run deploy\` writes (it creates the database and applies the migrations): deploy first`,
    );
  return ["--remote", "--config", DEPLOY_CONFIG];
}

/** Runs SQL statements (separated by `;`) and returns the rows of each, in order; `database` is a binding (DB, SHARD_1…). */
export async function queryAll(target: D1Target, sql: string, database = "DB"): Promise<Record<string, unknown>[][]> {
  const { stdout } = await wrangler(["d1", "execute", database, ...targetArgs(target), "--json", "--command", sql]);
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error(`unexpected output from d1 execute: ${stdout.slice(0, 200)}`);
  return parsed.map((r: unknown) =>
    r && typeof r === "object" && "results" in r && Array.isArray(r.results)
      ? (r.results as Record<string, unknown>[])
      : [],
  );
}

/** Runs a file of SQL statements in one database (the directory `DB` unless a shard's binding is named). */
export async function executeSql(target: D1Target, sql: string, database = "DB"): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "chibo-d1-"));
  try {
    const file = join(dir, "statements.sql");
    await writeFile(file, sql);
    const execute = () =>
      wrangler(["d1", "execute", database, ...targetArgs(target), "--file", file, "--yes"], { env: { CI: "1" } });
    await (target.remote ? execute() : retryWhileLocked(execute));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One INSERT for a row keyed by the drizzle table's property names (`fullName` → `full_name`). */
export function insertSql<T extends Table>(table: T, row: T["$inferInsert"]): string {
  const columns = getTableColumns(table);
  const names: string[] = [];
  const values: string[] = [];
  for (const [key, value] of Object.entries(row as Record<string, SqlValue | undefined>)) {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column for ${key}`);
    if (value === undefined) continue;
    names.push(column.name);
    values.push(literal(value));
  }
  return `INSERT INTO ${getTableName(table)} (${names.join(", ")}) VALUES (${values.join(", ")});`;
}
