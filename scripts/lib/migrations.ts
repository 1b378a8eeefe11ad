/**
 * Released migrations. wrangler records an applied migration by its file name only, so a migration edited
 * after it reached the deployed database is never applied there again: local and test databases would get
 * the new text, production keeps the old. `schema/db/released-migrations.json` lists what shipped with a
 * hash of each file; `npm run deploy` refuses to run when one changed or vanished and records the new ones
 * after a successful remote apply, and test/build/migrations.test.ts fails on the same mistakes.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const migrationsDir = join(import.meta.dirname, "..", "..", "schema", "db", "migrations");
export const releasedFile = join(import.meta.dirname, "..", "..", "schema", "db", "released-migrations.json");

export interface ReleasedMigration {
  name: string;
  sha256: string;
}

/** The `.sql` files of a migrations folder in the order wrangler applies them (by name). */
export function listMigrations(dir = migrationsDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
}

/** Line endings normalized, so a checkout with CRLF does not count as a rewrite. */
export function hashMigration(sql: string): string {
  return createHash("sha256").update(sql.replaceAll("\r\n", "\n")).digest("hex");
}

export function readReleased(file = releasedFile): ReleasedMigration[] {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  const list = parsed && typeof parsed === "object" && "released" in parsed ? parsed.released : undefined;
  if (!Array.isArray(list)) throw new Error(`${file}: expected { "released": [{ "name", "sha256" }] }`);
  return list.map((m: unknown, i) => {
    if (
      !m ||
      typeof m !== "object" ||
      !("name" in m) ||
      !("sha256" in m) ||
      typeof m.name !== "string" ||
      typeof m.sha256 !== "string"
    )
      throw new Error(`${file}: entry ${i} needs a name and a sha256`);
    return { name: m.name, sha256: m.sha256 };
  });
}

/**
 * What is wrong with the migrations folder against the released list: a released file changed or removed,
 * or a new migration sorted before a released one (wrangler would apply it out of order, after the later
 * ones, on the deployed database). Empty when all is well.
 */
export function releasedProblems(released: ReleasedMigration[], dir = migrationsDir): string[] {
  const files = listMigrations(dir);
  const problems: string[] = [];
  for (const m of released) {
    if (!files.includes(m.name)) {
      problems.push(`released migration ${m.name} was removed`);
      continue;
    }
    if (hashMigration(readFileSync(join(dir, m.name), "utf8")) !== m.sha256)
      problems.push(`released migration ${m.name} was changed (add a new migration instead)`);
  }
  const last = released
    .map((m) => m.name)
    .sort()
    .at(-1);
  const releasedNames = new Set(released.map((m) => m.name));
  for (const f of files)
    if (last !== undefined && !releasedNames.has(f) && f < last)
      problems.push(`new migration ${f} sorts before the released ${last} (renumber it after)`);
  return problems;
}

/** The folder's migrations not in the released list, in order: what the next deploy applies. */
export function unreleasedMigrations(released: ReleasedMigration[], dir = migrationsDir): string[] {
  const names = new Set(released.map((m) => m.name));
  return listMigrations(dir).filter((f) => !names.has(f));
}

/** Adds every unreleased migration of the folder to the list file; returns the names added. */
export function recordReleased(dir = migrationsDir, file = releasedFile): string[] {
  const released = readReleased(file);
  const added = unreleasedMigrations(released, dir);
  if (added.length === 0) return [];
  const next = [
    ...released,
    ...added.map((name) => ({ name, sha256: hashMigration(readFileSync(join(dir, name), "utf8")) })),
  ];
  // Keep the file's other keys (its "about" note) as they are.
  const whole = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...whole, released: next }, null, 2)}\n`);
  return added;
}
