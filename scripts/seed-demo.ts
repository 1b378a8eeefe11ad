/**
 * Loads the demo committee into the local D1 when the database has no tenant yet.
 * `npm run seed [-- [--persist-to DIR] [--force]]` (migrations must be applied first; `npm start`
 * does both). `--force` loads even into a non-empty database: fixed ids + INSERT OR IGNORE keep it harmless.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildDemoSql, DEMO_LOGINS, DEMO_PASSWORD } from "./lib/demo-data.ts";
import { executeFileLocal, queryLocal } from "./lib/wrangler.ts";

export async function countTenants(persistTo?: string): Promise<number> {
  const rows = await queryLocal<{ n: number }>("SELECT COUNT(*) AS n FROM tenants", persistTo);
  return Number(rows[0]?.n ?? 0);
}

/** Returns whether it loaded anything. */
export async function seedDemo(
  opts: { persistTo?: string; force?: boolean; now?: Date } = {},
): Promise<{ seeded: boolean; rows: number }> {
  if (!opts.force && (await countTenants(opts.persistTo)) > 0) return { seeded: false, rows: 0 };
  const { sql, rows } = await buildDemoSql(opts.now);
  const dir = await mkdtemp(join(tmpdir(), "chibo-demo-"));
  try {
    const file = join(dir, "demo.sql");
    await writeFile(file, sql);
    await executeFileLocal(file, opts.persistTo);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { seeded: true, rows };
}

export function printDemoLogins(url?: string): void {
  const width = Math.max(...DEMO_LOGINS.map((l) => l.email.length));
  console.log(`\nTài khoản demo / demo logins (mật khẩu / password: ${DEMO_PASSWORD})${url ? ` — ${url}` : ""}`);
  for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(width)}  ${l.name} — ${l.what}`);
  console.log("");
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { "persist-to": { type: "string" }, force: { type: "boolean" } } });
  const started = performance.now();
  const result = await seedDemo({ persistTo: values["persist-to"], force: values.force });
  if (result.seeded) console.log(`Demo seed: ${result.rows} rows in ${Math.round(performance.now() - started)} ms`);
  else console.log("Demo seed: the database already has a committee; nothing to do.");
  printDemoLogins();
}
