/**
 * A province's whole tree lives in its shard (issue 14 items 5–6): its roll-up (`scope=children`), its committee list
 * and its staff's reach read that one database. A committee in the other shard is not the province's, even when its
 * rows name the province as their parent (a row written by hand, or a committee put in the wrong shard): the province
 * neither counts it nor reaches into it.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { CommitteeList } from "../../schema/api/committees";
import type { ReportResult } from "../../schema/api/reports";
import { meetings, tenants } from "../../schema/db/tables";
import { SHARDS } from "../../worker/lib/shard-names";
import { api, dbOf, moveTenant, shardOf } from "../support/fixtures";
import { branch } from "./meetings-helpers";
import { createProvince, placeUnder } from "./province-fixture";

/** A regular meeting held on 10 January 2025 in the committee's branch. */
async function heldIn2025(c: Awaited<ReturnType<typeof branch>>) {
  await dbOf(c.tenantId)
    .insert(meetings)
    .values({
      id: `mt-${crypto.randomUUID().slice(0, 8)}`,
      tenantId: c.tenantId,
      organizationId: c.branchId,
      kind: "regular",
      topic: "Sinh hoạt thường kỳ tháng 1",
      scheduledAt: "2025-01-10T12:30:00.000Z",
      status: "closed",
    });
}

describe("a province and the shards", () => {
  it("rolls up its own shard's committees only; a committee in the other shard naming it as parent stays out of reach", async () => {
    const p = await createProvince("Tỉnh ủy một shard");
    const mine = await branch();
    await placeUnder(mine.tenantId, p.id);
    const stray = await branch();
    const otherShard = SHARDS.find((s) => s !== shardOf(p.id))!;
    await moveTenant(stray.tenantId, otherShard);
    // Its rows name the province, in the directory and in its own shard, but it lives in the other shard.
    await dbOf(stray.tenantId).update(tenants).set({ parentId: p.id }).where(eq(tenants.id, stray.tenantId));
    await env.DB.prepare("update tenants set parent_id = ? where id = ?").bind(p.id, stray.tenantId).run();
    await heldIn2025(mine);
    await heldIn2025(stray);
    expect(shardOf(mine.tenantId)).toBe(shardOf(p.id));
    expect(shardOf(stray.tenantId)).not.toBe(shardOf(p.id));

    const report = await api<ReportResult>(
      "GET",
      `/api/tenants/${p.id}/reports/meetings?year=2025&scope=children`,
      p.admin.token,
    );
    expect(report.status).toBe(200);
    expect(report.json.rows.map((r) => r.organizationId)).toEqual([mine.tenantId]);
    expect(report.json.total).toMatchObject({ branches: 1, regularHeld: 1 });

    const list = await api<CommitteeList>("GET", `/api/tenants/${p.id}/committees`, p.admin.token);
    expect(list.json.items.map((c) => c.id)).toEqual([mine.tenantId]);

    for (const query of [`organizationId=${stray.tenantId}`, `organizationId=${stray.branchId}`]) {
      const drill = await api("GET", `/api/tenants/${p.id}/reports/meetings?scope=children&${query}`, p.admin.token);
      expect(drill.status, query).toBe(404);
    }
    for (const path of ["/organizations", "/members", "/meetings", "/reports/meetings"]) {
      expect((await api("GET", `/api/tenants/${stray.tenantId}${path}`, p.admin.token)).status, path).toBe(404);
      expect((await api("GET", `/api/tenants/${mine.tenantId}${path}`, p.admin.token)).status, path).toBe(200);
    }
  });
});
