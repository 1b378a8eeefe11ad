/**
 * A month (or quarter) still in progress is not yet missed: a branch that met every month so far this year is
 * not "behind" on the 7th of December because December's meeting is still to come. Once held, it counts.
 * Dates are taken from today's clock in Vietnam, as the report itself does.
 */
import { describe, expect, it } from "vitest";
import type { ReportResult } from "../../schema/api/reports";
import { vnDay } from "../../schema/calendar";
import { meetings } from "../../schema/db/tables";
import { api, createTenant, dbOf, login } from "../support/fixtures";

const uid = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

const today = vnDay(new Date().toISOString());
const year = Number(today.slice(0, 4));
const thisMonth = Number(today.slice(5, 7));
const monthKey = (m: number) => `${year}-${String(m).padStart(2, "0")}`;
/** 10:00 in Vietnam on the 5th (03:00 UTC): inside the month wherever the clock is read. */
const heldAt = (m: number) => `${monthKey(m)}-05T03:00:00.000Z`;

async function closedMeeting(tenantId: string, organizationId: string, m: number, kind: "regular" | "thematic") {
  await dbOf(tenantId)
    .insert(meetings)
    .values({
      id: uid("mt"),
      tenantId,
      organizationId,
      kind,
      topic: kind === "regular" ? `Sinh hoạt tháng ${m}` : `Chuyên đề tháng ${m}`,
      scheduledAt: heldAt(m),
      status: "closed",
      startedAt: heldAt(m),
      endedAt: heldAt(m).replace("T03:", "T04:"),
    });
}

describe("the meetings report and the month in progress", () => {
  it("does not count this month or this quarter as missed before they end; a meeting held in them counts", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    // Every month before this one held; a thematic meeting in every quarter that has ended.
    for (let m = 1; m < thisMonth; m++) {
      await closedMeeting(t.tenantId, t.branchId, m, "regular");
      if (m % 3 === 0) await closedMeeting(t.tenantId, t.branchId, m, "thematic");
    }
    const read = async () => {
      const res = await api<ReportResult>("GET", `/api/tenants/${t.tenantId}/reports/meetings?year=${year}`, token);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      return res.json;
    };
    const endedQuarters = Math.floor((thisMonth - 1) / 3);
    const before = await read();
    expect(before.total).toMatchObject({
      regularDue: thisMonth - 1,
      regularHeld: thisMonth - 1,
      thematicDue: endedQuarters,
      branchesAllRegular: 1,
      branchesAllThematic: 1,
    });
    expect(before.behind).toEqual([]);

    // This month's meeting held (a thematic one with it): both now count as due and held.
    await closedMeeting(t.tenantId, t.branchId, thisMonth, "regular");
    await closedMeeting(t.tenantId, t.branchId, thisMonth, "thematic");
    const after = await read();
    expect(after.total).toMatchObject({
      regularDue: thisMonth,
      regularHeld: thisMonth,
      thematicDue: endedQuarters + 1,
      branchesAllRegular: 1,
    });
    expect(after.behind).toEqual([]);
  });
});
