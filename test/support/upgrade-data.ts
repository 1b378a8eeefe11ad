/**
 * Data for the upgrade tests (test/worker/migrations-upgrade.test.ts inside workerd, test/build/migrations.test.ts
 * through wrangler): the demo committee's seed SQL fitted to an older schema, and the queries that read back
 * everything an upgrade must keep. Pure string work, so both sides share it.
 */

declare module "vitest" {
  /** What test/build/upgrade-seed.ts hands the workers project's upgrade test. */
  export interface ProvidedContext {
    upgradeSeedSql: string;
  }
}

/** The demo seed's "now", fixed so the data (and a failure) is the same on every run. */
export const SEED_NOW = "2026-11-22T12:00:00Z";

/** Tables the demo committee fills: an upgrade test that finds one of them empty proves nothing about it. */
export const FILLED_TABLES = [
  "tenants",
  "organizations",
  "people",
  "memberships",
  "meetings",
  "agenda_items",
  "attendance",
  "votes",
  "evaluations",
  "visit_plans",
];

/** Table → its columns in order. */
export type Columns = Map<string, string[]>;

/** The columns of every table of a database, from `sqlite_master` and `pragma_table_info` rows. */
export const COLUMNS_SQL =
  "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p " +
  "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' AND m.name != 'd1_migrations' " +
  "ORDER BY m.name, p.cid";

export function columnsFromRows(rows: { t: string; c: string }[]): Columns {
  const out: Columns = new Map();
  for (const { t, c } of rows) out.set(t, [...(out.get(t) ?? []), c]);
  return out;
}

const HEADER = /^INSERT OR IGNORE INTO (\w+) \(([^)]*)\) VALUES$/gm;

/**
 * The seed (scripts/lib/sql.ts statements, written for today's schema) as statements that load into an
 * older one: each table's rows go into an untyped staging table, then only the columns the old table has
 * are copied over, parents first; a table the old schema lacks is left out. So a column that a later
 * migration adds, and the seed fills, does not break loading the last release.
 */
export function seedStatements(seedSql: string, schema: Columns): string[] {
  const starts = [...seedSql.matchAll(HEADER)];
  if (starts.length === 0) throw new Error("no INSERT OR IGNORE statements in the seed");
  const tables = new Map<string, string[]>();
  const inserts = starts.map((m, i) => {
    const [, table = "", cols = ""] = m;
    if (!tables.has(table)) tables.set(table, cols.split(","));
    const body = seedSql
      .slice(m.index + m[0].length, starts[i + 1]?.index ?? seedSql.length)
      .trim()
      .replace(/;$/, "");
    return `INSERT INTO _seed_${table} (${cols}) VALUES\n${body}`;
  });
  const create = [...tables].map(([t, cols]) => `CREATE TABLE _seed_${t} (${cols.join(", ")})`);
  const copy = [...tables].flatMap(([t, cols]) => {
    const old = schema.get(t);
    const drop = `DROP TABLE _seed_${t}`;
    if (!old) return [drop];
    const common = cols.filter((c) => old.includes(c)).join(", ");
    return [`INSERT OR IGNORE INTO ${t} (${common}) SELECT ${common} FROM _seed_${t} ORDER BY rowid`, drop];
  });
  return [...create, ...inserts, ...copy];
}

/** One query per table: every row over the given columns, in a fixed order. */
export function dumpStatements(schema: Columns): string[] {
  return [...schema].map(
    ([t, cols]) => `SELECT ${cols.join(", ")} FROM ${t} ORDER BY ${cols.map((_, i) => i + 1).join(", ")}`,
  );
}

export type Dump = Record<string, Record<string, unknown>[]>;

export const rowCounts = (d: Dump) => Object.fromEntries(Object.entries(d).map(([t, rows]) => [t, rows.length]));
