import { describe, expect, it } from "vitest";
import { buildProvinceSql, PROVINCE_SIZE } from "../../scripts/lib/province-data.ts";
import { literal, SqlWriter } from "../../scripts/lib/sql.ts";

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
