import { describe, expect, it } from "vitest";
import { buildDemoSql } from "../../scripts/lib/demo-data.ts";
import { buildProvinceSql, PROVINCE_SIZE } from "../../scripts/lib/province-data.ts";
import { literal, type Row, SqlWriter } from "../../scripts/lib/sql.ts";

/** A writer that keeps the people and membership rows it is given, to be looked at. */
class KeepingWriter extends SqlWriter {
  readonly people = new Map<string, Row>();
  readonly memberships: Row[] = [];
  override insert(table: string, row: Row): void {
    if (table === "people") this.people.set(String(row.id), row);
    if (table === "memberships") this.memberships.push(row);
    super.insert(table, row);
  }
}

describe("seed SQL", () => {
  it("quotes literals so a name with an apostrophe cannot break out of the string", () => {
    expect(literal("Nguyễn Văn A'); DROP TABLE people; --")).toBe("'Nguyễn Văn A''); DROP TABLE people; --'");
    expect(literal(null)).toBe("NULL");
    expect(literal(true)).toBe("1");
    expect(literal(12)).toBe("12");
    expect(() => literal(Number.NaN)).toThrow();
  });

  it("chunks inserts by row count and by statement size (an over-long row goes alone), parents' tables first", () => {
    const w = new SqlWriter({ rowsPerStatement: 3, maxStatementBytes: 200 });
    w.insert("tenants", { id: "t", name: "x" });
    for (let i = 0; i < 7; i++)
      w.insert("people", { id: `p${i}`, full_name: "Trần Thị Bích Ngọc".repeat(i === 5 ? 10 : 1) });
    const statements = [...w.statements()];
    expect(statements[0]).toMatch(/^INSERT OR IGNORE INTO tenants/);
    const people = statements.slice(1);
    expect(people.every((s) => s.startsWith("INSERT OR IGNORE INTO people (id,full_name) VALUES"))).toBe(true);
    expect(people.map((s) => s.split("\n").length - 1)).toEqual([3, 2, 1, 1]);
    expect(() => w.insert("people", { full_name: "x", id: "p9" })).toThrow(/same columns/);
  });

  it("gives every membership of the demo and province seeds the committee's own record: the person's name and contact", async () => {
    for (const build of [buildDemoSql, buildProvinceSql]) {
      const w = new KeepingWriter();
      await build(new Date("2026-11-22T12:00:00Z"), w);
      expect(w.memberships.length).toBeGreaterThan(50);
      for (const m of w.memberships) {
        const person = w.people.get(String(m.person_id))!;
        expect(m.full_name, String(m.id)).not.toBe("");
        expect([m.full_name, m.email, m.phone, m.birth_year], `${build.name} ${String(m.id)}`).toEqual([
          person.full_name,
          person.email,
          person.phone,
          person.birth_year,
        ]);
        // Linked exactly when the account can log in (as migration 0003 marks the records it copies).
        expect(m.linked_at !== null, String(m.id)).toBe(person.password_hash !== null);
      }
    }
  }, 60_000);

  it("builds the province at the size of the issue, every statement within D1's limits", async () => {
    const seed = await buildProvinceSql(new Date("2026-11-22T12:00:00Z"));
    const t = seed.rowsByTable;
    expect(seed.branchIds).toHaveLength(PROVINCE_SIZE.branches);
    expect(t.people).toBe(PROVINCE_SIZE.members + 1); // + the admin who logs in
    expect(t.memberships).toBe(PROVINCE_SIZE.members);
    expect(t.organizations).toBe(PROVINCE_SIZE.branches + PROVINCE_SIZE.grassroots);
    const regular = seed.sql.match(/'regular','Sinh hoạt thường kỳ/g)?.length ?? 0;
    expect(regular).toBe(PROVINCE_SIZE.branches * PROVINCE_SIZE.months); // 10,800
    expect(t.meetings!).toBeGreaterThan(regular); // and thematic ones
    expect(t.agenda_items! / t.meetings!).toBeGreaterThanOrEqual(5);
    // Every member of a branch is marked at each of its 35 closed meetings (the 36th is planned).
    expect(t.attendance).toBeGreaterThan(PROVINCE_SIZE.members * (PROVINCE_SIZE.months - 1));
    expect(t.votes).toBe(PROVINCE_SIZE.branches * (PROVINCE_SIZE.months - 1));
    expect(seed.currentMonth).toBe("2026-11");
    for (const statement of seed.sql.split(";\n")) expect(statement.length).toBeLessThan(100_000);
  }, 60_000);
});
