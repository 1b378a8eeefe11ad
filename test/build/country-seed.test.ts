/**
 * The country's shape (scripts/lib/country-data.ts), the reports benchmark's seed: two provinces in two shards, each
 * province's committees under it and every row of theirs in its shard, and figures that add up from the branches to
 * the committees to the province, so the province's roll-up has something true to be compared with.
 */
import { describe, expect, it } from "vitest";
import { buildCountry, COUNTRY, COUNTRY_MONTHS, type CountrySeed } from "../../scripts/lib/country-data.ts";
import { shardedSeed } from "../../scripts/lib/shard-seed.ts";
import type { Row } from "../../scripts/lib/sql.ts";

/** A province's rows of some tables, read back from its writer. */
function rowsOf(p: CountrySeed["provinces"][number], tables: string[]) {
  const out = new Map<string, Row[]>(tables.map((t) => [t, []]));
  p.writer.forDatabase(
    (t) => out.has(t),
    (t, row) => {
      out.get(t)!.push(row);
      return row;
    },
  );
  return (t: string) => out.get(t)!;
}

describe("the country's shape", () => {
  it("puts two provinces in two shards, each committee under its province, and adds up from branches to province", async () => {
    const seed = await buildCountry(new Date("2026-11-22T12:00:00Z"));
    expect(seed.provinces.map((p) => [p.id, p.shard])).toEqual(COUNTRY.map((s) => [s.id, s.shard]));
    expect(new Set(seed.provinces.map((p) => p.shard)).size).toBe(2);
    const [large, small] = COUNTRY;
    expect(small!.members * 4).toBe(large!.members);
    expect(small!.branches * 4).toBe(large!.branches);

    for (const p of seed.provinces) {
      const shape = COUNTRY.find((s) => s.id === p.id)!;
      const rows = rowsOf(p, ["tenants", "organizations", "memberships", "meetings", "tenant_roles", "people"]);
      const tenants = rows("tenants");
      expect(tenants.filter((t) => t.kind === "province")).toEqual([
        { id: p.id, name: shape.name, kind: "province", parent_id: null },
      ]);
      const committees = tenants.filter((t) => t.kind === "committee");
      expect(committees.map((t) => t.id)).toEqual(p.committeeIds);
      expect(committees).toHaveLength(shape.committees);
      expect(committees.every((t) => t.parent_id === p.id)).toBe(true);

      // Every row of the tree belongs to one of this province's committees, never to the province itself.
      const mine = new Set(p.committeeIds);
      for (const table of ["organizations", "memberships", "meetings"])
        expect(
          rows(table).every((r) => mine.has(String(r.tenant_id))),
          table,
        ).toBe(true);

      // Branches straight under their committee (a commune committee's own), adding up to the province's size.
      const branches = rows("organizations");
      expect(branches.every((o) => o.kind === "branch" && o.parent_id === null)).toBe(true);
      expect(branches).toHaveLength(shape.branches);
      const branchesOf = new Map<string, number>();
      for (const o of branches) branchesOf.set(String(o.tenant_id), (branchesOf.get(String(o.tenant_id)) ?? 0) + 1);
      expect([...branchesOf.keys()].sort()).toEqual([...p.committeeIds].sort());
      expect(Math.max(...branchesOf.values())).toBe(branchesOf.get(p.largest.id));
      expect(p.largest.branches).toBe(branchesOf.get(p.largest.id));
      expect(p.largest.branches).toBe(Math.round(shape.branches / 10));

      const memberships = rows("memberships");
      expect(memberships).toHaveLength(shape.members);
      const branchTenant = new Map(branches.map((o) => [o.id, o.tenant_id]));
      expect(memberships.every((m) => branchTenant.get(String(m.organization_id)) === m.tenant_id)).toBe(true);
      expect(memberships.filter((m) => m.tenant_id === p.largest.id)).toHaveLength(p.largest.members);
      expect(rows("people")).toHaveLength(shape.members + 2); // + the province's admin and its largest committee's

      // A regular meeting a month in every branch, in its branch's committee.
      const meetings = rows("meetings");
      expect(meetings.filter((m) => m.kind === "regular")).toHaveLength(shape.branches * COUNTRY_MONTHS);
      expect(meetings.every((m) => branchTenant.get(String(m.organization_id)) === m.tenant_id)).toBe(true);

      expect(rows("tenant_roles")).toEqual([
        expect.objectContaining({ tenant_id: p.id, role: "admin" }),
        expect.objectContaining({ tenant_id: p.largest.id, role: "admin" }),
      ]);

      // Split for D1 sharded by province: the directory names the province's shard for all its tenants.
      const { directory, shard } = shardedSeed(p.writer, p.shard);
      expect(directory.match(new RegExp(`'${p.shard}'\\)`, "g"))).toHaveLength(1 + shape.committees);
      expect(directory).not.toMatch(/INTO (memberships|meetings|organizations)/);
      expect(shard).toMatch(/INTO memberships/);
    }
    expect(seed.rows).toBe(seed.provinces.reduce((n, p) => n + p.rows, 0));
  }, 180_000);
});
