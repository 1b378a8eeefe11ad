/**
 * Seeds are written as SQL text and loaded with `wrangler d1 execute --file`. Values are SQL literals, not
 * bound parameters (D1 allows at most 100 per statement), and rows go in multi-row INSERTs of bounded size
 * so one statement stays far below D1's statement-length limit.
 */
export type SqlValue = string | number | boolean | null;
export type Row = Record<string, SqlValue>;

export function literal(v: SqlValue): string {
  if (v === null) return "NULL";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replaceAll("'", "''")}'`;
}

/** Collects rows per table and writes `INSERT OR IGNORE` statements of at most `rowsPerStatement` rows. */
export class SqlWriter {
  private readonly tables = new Map<string, { columns: string[]; rows: string[] }>();
  /** The rows as given, per table, so `forDatabase` can write them again for another database. */
  private readonly given = new Map<string, Row[]>();
  private readonly order: string[] = [];
  private readonly rowsPerStatement: number;
  private readonly maxStatementBytes: number;
  count = 0;

  constructor(opts: { rowsPerStatement?: number; maxStatementBytes?: number } = {}) {
    this.rowsPerStatement = opts.rowsPerStatement ?? 200;
    this.maxStatementBytes = opts.maxStatementBytes ?? 90_000;
  }

  insert(table: string, row: Row): void {
    let t = this.tables.get(table);
    const columns = Object.keys(row);
    if (!t) {
      t = { columns, rows: [] };
      this.tables.set(table, t);
      this.order.push(table);
    } else if (t.columns.join() !== columns.join()) {
      throw new Error(
        `${table}: rows must list the same columns in the same order (${t.columns.join()} vs ${columns.join()})`,
      );
    }
    t.rows.push(`(${Object.values(row).map(literal).join(",")})`);
    const given = this.given.get(table);
    if (given) given.push(row);
    else this.given.set(table, [row]);
    this.count++;
  }

  /**
   * The rows of the tables `keep` takes, each passed through `map`, in a writer of their own: the same seed written
   * for the directory or a province shard (scripts/lib/shard-seed.ts).
   */
  forDatabase(keep: (table: string) => boolean, map: (table: string, row: Row) => Row = (_, row) => row): SqlWriter {
    const out = new SqlWriter({ rowsPerStatement: this.rowsPerStatement, maxStatementBytes: this.maxStatementBytes });
    for (const table of this.order) {
      if (!keep(table)) continue;
      for (const row of this.given.get(table) ?? []) out.insert(table, map(table, row));
    }
    return out;
  }

  rowCount(table: string): number {
    return this.tables.get(table)?.rows.length ?? 0;
  }

  /** Statements in insertion order of the tables (parents first, so foreign keys hold). */
  *statements(): Generator<string> {
    for (const table of this.order) {
      const t = this.tables.get(table)!;
      const head = `INSERT OR IGNORE INTO ${table} (${t.columns.join(",")}) VALUES\n`;
      let batch: string[] = [];
      let bytes = head.length;
      for (const row of t.rows) {
        // Bytes, not characters: a Vietnamese letter takes two or three bytes in UTF-8, and D1 counts bytes.
        const size = Buffer.byteLength(row) + 2;
        if (batch.length > 0 && (batch.length >= this.rowsPerStatement || bytes + size > this.maxStatementBytes)) {
          yield `${head + batch.join(",\n")};`;
          batch = [];
          bytes = head.length;
        }
        batch.push(row);
        bytes += size;
      }
      if (batch.length > 0) yield `${head + batch.join(",\n")};`;
    }
  }

  toSql(): string {
    return `${[...this.statements()].join("\n")}\n`;
  }
}
