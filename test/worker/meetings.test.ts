import { describe, expect, it } from "vitest";
import { meetingGuests, organizations } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { REGULAR_MEETING_TEMPLATE, THEMATIC_MEETING_TEMPLATE } from "../../schema/meeting-template";
import { api, createPerson, dbOf, login } from "../support/fixtures";
import { auditCount, base, branch, planned, setStatus, staff } from "./meetings-helpers";

/** What these tests read of the meeting answers (schema/api/meetings.ts exports no answer types). */
type AgendaItem = { id: string; title: string; position: number; minutesBudget: number } & Record<string, unknown>;
type MeetingSummary = { id: string; kind: string; scheduledAt: string } & Record<string, unknown>;
type MeetingPage = { items: MeetingSummary[]; total: number };
type MeetingDetail = { id: string; agenda: AgendaItem[]; onlineBasis: string | null; combined: boolean } & Record<
  string,
  unknown
>;
type PlanYearAnswer = { created: MeetingSummary[]; skipped: string[] };

describe("planning one meeting", () => {
  it("plans a meeting with the usual agenda, names and an audit row", async () => {
    const t = await branch();
    const before = await auditCount(t.tenantId);
    const m = await planned(t, { template: true, scheduledAt: "2026-12-05T19:30:00+07:00" });
    expect(m).toMatchObject({
      organizationId: t.branchId,
      organizationName: "Chi bộ khu phố 1",
      status: "planned",
      format: "hybrid",
      scheduledAt: "2026-12-05T12:30:00.000Z",
      chairName: "Nguyễn Văn Bí Thư",
      minutesTakerName: "Trần Thị Phó",
      lateDocuments: false,
    });
    expect(m.agenda.map((a) => a.title)).toEqual(REGULAR_MEETING_TEMPLATE.map((x) => x.title));
    expect(m.agenda.map((a) => a.position)).toEqual(REGULAR_MEETING_TEMPLATE.map((_, i) => i + 1));
    expect(await auditCount(t.tenantId)).toBe(before + 1);
    const got = await api<MeetingDetail>("GET", `${base(t.tenantId)}/${m.id}`, t.adminToken);
    expect(got.status).toBe(200);
    expect(got.json.agenda).toHaveLength(REGULAR_MEETING_TEMPLATE.length);
  });

  it("takes a given agenda in order and requires a basis for an online meeting", async () => {
    const t = await branch();
    const thematic = await planned(t, { kind: "thematic", template: true });
    expect(thematic.agenda.map((a) => a.title)).toEqual(THEMATIC_MEETING_TEMPLATE.map((x) => x.title));
    const m = await planned(t, {
      agenda: [
        { title: "Một", minutesBudget: 5 },
        { title: "Hai", presenterPersonId: t.member.id },
      ],
    });
    expect(m.agenda).toMatchObject([
      { title: "Một", minutesBudget: 5, position: 1 },
      { title: "Hai", minutesBudget: 10, position: 2, presenterName: "Lê Văn Đảng Viên" },
    ]);
    const body = {
      organizationId: t.branchId,
      kind: "thematic",
      topic: "Chuyên đề",
      scheduledAt: "2026-12-10T12:00:00Z",
      format: "online",
    };
    const noBasis = await api<ErrorBody>("POST", base(t.tenantId), t.adminToken, body);
    expect(noBasis.status).toBe(400);
    expect(noBasis.json.error.issues).toEqual([expect.objectContaining({ path: "onlineBasis" })]);
    const ok = await api<MeetingDetail>("POST", base(t.tenantId), t.adminToken, {
      ...body,
      onlineBasis: "Công văn 12-CV/ĐU thí điểm",
    });
    expect(ok.status).toBe(201);
    expect(ok.json.onlineBasis).toBe("Công văn 12-CV/ĐU thí điểm");
  });

  it("refuses a chair or minutes-taker who is not a member of the branch", async () => {
    const t = await branch();
    const outsider = await createPerson("Người Ngoài");
    const before = await auditCount(t.tenantId);
    const res = await api<ErrorBody>("POST", base(t.tenantId), t.adminToken, {
      organizationId: t.branchId,
      kind: "regular",
      topic: "X",
      scheduledAt: "2026-12-10T12:00:00Z",
      chairPersonId: outsider.id,
      minutesTakerPersonId: t.member.id,
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: "chairPersonId", message: "not a member of the branch" }]);
    expect(await auditCount(t.tenantId)).toBe(before);
  });

  it("lets the branch secretary and deputy plan for their own branch only; members and viewers cannot", async () => {
    const t = await branch();
    const otherBranch = `org-${crypto.randomUUID().slice(0, 8)}`;
    await dbOf(t.tenantId).insert(organizations).values({
      id: otherBranch,
      tenantId: t.tenantId,
      parentId: t.committeeId,
      kind: "branch",
      name: "Chi bộ khu phố 2",
      branchType: "residential",
    });
    const body = (organizationId: string) => ({
      organizationId,
      kind: "regular",
      topic: "T",
      scheduledAt: "2026-12-10T12:00:00Z",
    });
    for (const who of [t.secretary, t.deputy]) {
      const token = await login(who.email);
      expect((await api("POST", base(t.tenantId), token, body(t.branchId))).status).toBe(201);
      expect((await api("POST", base(t.tenantId), token, body(otherBranch))).status).toBe(403);
    }
    expect((await api("POST", base(t.tenantId), await login(t.member.email), body(t.branchId))).status).toBe(403);
    expect(
      (await api("POST", base(t.tenantId), (await staff(t.tenantId, "viewer")).token, body(t.branchId))).status,
    ).toBe(403);
    expect(
      (await api("POST", base(t.tenantId), (await staff(t.tenantId, "organizer")).token, body(otherBranch))).status,
    ).toBe(201);
    // A committee does not meet as a branch does.
    expect((await api("POST", base(t.tenantId), t.adminToken, body(t.committeeId))).status).toBe(400);
  });

  it("answers bad input with 400 in the envelope", async () => {
    const t = await branch();
    const good = { organizationId: t.branchId, kind: "regular", topic: "T", scheduledAt: "2026-12-10T12:00:00Z" };
    const bad: unknown[] = [
      "{not json",
      {},
      { ...good, kind: "weekly" },
      { ...good, topic: 12 },
      { ...good, topic: "x".repeat(301) },
      { ...good, scheduledAt: "tomorrow" },
      { ...good, format: "radio" },
      { ...good, agenda: [{ title: "" }] },
      { ...good, agenda: [{ title: "A", minutesBudget: 0 }] },
      { ...good, template: true, agenda: [] },
      { ...good, extra: 1 },
    ];
    for (const body of bad) {
      const res = await api<ErrorBody>("POST", base(t.tenantId), t.adminToken, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect((await api("POST", base(t.tenantId), t.adminToken, { ...good, organizationId: "org-unknown" })).status).toBe(
      404,
    );
  });
});

describe("listing meetings", () => {
  it("lists by branch and month on Vietnam's clock, sorted by time, with status filter", async () => {
    const t = await branch();
    const late = await planned(t, { topic: "Muộn", scheduledAt: "2026-12-20T12:00:00Z" });
    const early = await planned(t, { topic: "Sớm", scheduledAt: "2026-12-03T12:00:00Z" });
    // 30 Nov 18:00 UTC is already 1 December in Vietnam.
    const edge = await planned(t, { topic: "Biên", scheduledAt: "2026-11-30T18:00:00Z" });
    await planned(t, { topic: "Tháng 1", scheduledAt: "2027-01-05T12:00:00Z" });
    const res = await api<MeetingPage>(
      "GET",
      `${base(t.tenantId)}?organizationId=${t.branchId}&month=2026-12`,
      t.adminToken,
    );
    expect(res.status).toBe(200);
    expect(res.json.items.map((m: { id: string }) => m.id)).toEqual([edge.id, early.id, late.id]);
    expect(res.json.total).toBe(3);
    await api("POST", `${base(t.tenantId)}/${late.id}/cancel`, t.adminToken, { reason: "Mưa bão" });
    const cancelled = await api<MeetingPage>("GET", `${base(t.tenantId)}?status=cancelled`, t.adminToken);
    expect(cancelled.json.items.map((m: { id: string }) => m.id)).toEqual([late.id]);
    const range = await api<MeetingPage>("GET", `${base(t.tenantId)}?from=2026-12-01&to=2026-12-03`, t.adminToken);
    expect(range.json.items.map((m: { id: string }) => m.id)).toEqual([edge.id, early.id]);
  });

  it("shows members their branch's meetings and a guest only the meeting they are invited to", async () => {
    const t = await branch();
    const a = await planned(t);
    const b = await planned(t);
    expect((await api<MeetingPage>("GET", base(t.tenantId), await login(t.member.email))).json.total).toBe(2);
    const guest = await createPerson("Lãnh Đạo Khách");
    await dbOf(t.tenantId).insert(meetingGuests).values({ tenantId: t.tenantId, meetingId: a.id, personId: guest.id });
    const gt = await login(guest.email);
    const list = await api<MeetingPage>("GET", base(t.tenantId), gt);
    expect(list.json.items.map((m: { id: string }) => m.id)).toEqual([a.id]);
    expect((await api("GET", `${base(t.tenantId)}/${a.id}`, gt)).status).toBe(200);
    expect((await api("GET", `${base(t.tenantId)}/${b.id}`, gt)).status).toBe(404);
  });

  it("refuses bad filters and keeps other tenants' meetings out", async () => {
    const t = await branch();
    const other = await branch();
    const theirs = await planned(other);
    for (const q of [
      "month=2026-13",
      "from=yesterday",
      "status=open",
      "pageSize=0",
      "organizationId=có dấu",
      "bogus=1",
    ]) {
      const res = await api<ErrorBody>("GET", `${base(t.tenantId)}?${q}`, t.adminToken);
      expect(res.status, q).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect(
      (await api<MeetingPage>("GET", `${base(t.tenantId)}?organizationId=${other.branchId}`, t.adminToken)).json.total,
    ).toBe(0);
    expect((await api("GET", `${base(t.tenantId)}/${theirs.id}`, t.adminToken)).status).toBe(404);
    expect((await api("GET", base(other.tenantId), t.adminToken)).status).toBe(404);
  });
});

describe("editing and cancelling", () => {
  it("edits a planned meeting and refuses once it is live (409), with audit rows", async () => {
    const t = await branch();
    const m = await planned(t);
    const before = await auditCount(t.tenantId);
    const res = await api("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, {
      topic: "Chủ đề mới",
      chairPersonId: t.deputy.id,
      format: "in_person",
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ topic: "Chủ đề mới", chairName: "Trần Thị Phó", format: "in_person" });
    expect(await auditCount(t.tenantId)).toBe(before + 1);
    expect((await api("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, { format: "online" })).status).toBe(400);
    await setStatus(m.id, "live");
    const live = await api<ErrorBody>("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, { topic: "Nữa" });
    expect(live.status).toBe(409);
    expect(live.json.error.code).toBe("conflict");
    expect((await api("POST", `${base(t.tenantId)}/${m.id}/cancel`, t.adminToken, { reason: "x" })).status).toBe(409);
  });

  it("marks a thematic meeting combined with the regular one, and refuses combining a regular meeting (400)", async () => {
    const t = await branch();
    expect((await planned(t)).combined).toBe(false);
    const combined = await planned(t, { kind: "thematic", combined: true });
    expect(combined.combined).toBe(true);
    const refused = await api<ErrorBody>("POST", base(t.tenantId), t.adminToken, {
      organizationId: t.branchId,
      kind: "regular",
      topic: "Thường kỳ",
      scheduledAt: "2026-12-10T12:00:00Z",
      combined: true,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.issues).toEqual([expect.objectContaining({ path: "combined" })]);
    const m = await planned(t, { kind: "thematic" });
    const before = await auditCount(t.tenantId);
    const on = await api("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, { combined: true });
    expect(on.json).toMatchObject({ kind: "thematic", combined: true });
    // Made a regular meeting, it is no longer combined; asking for both at once is refused.
    const both = await api<ErrorBody>("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, {
      kind: "regular",
      combined: true,
    });
    expect(both.status).toBe(400);
    expect(both.json.error).toMatchObject({
      code: "bad_request",
      issues: [expect.objectContaining({ path: "combined" })],
    });
    expect((await api<MeetingDetail>("GET", `${base(t.tenantId)}/${m.id}`, t.adminToken)).json.combined).toBe(true);
    const regular = await api("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, { kind: "regular" });
    expect(regular.json).toMatchObject({ kind: "regular", combined: false });
    expect((await api("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, { combined: true })).status).toBe(400);
    expect((await api("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, { combined: "yes" })).status).toBe(400);
    expect(await auditCount(t.tenantId)).toBe(before + 2);
  });

  it("cancels with a reason; a cancelled meeting cannot be edited", async () => {
    const t = await branch();
    const m = await planned(t);
    expect((await api("POST", `${base(t.tenantId)}/${m.id}/cancel`, t.adminToken, {})).status).toBe(400);
    const res = await api("POST", `${base(t.tenantId)}/${m.id}/cancel`, t.adminToken, { reason: "Trùng lịch bầu cử" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "cancelled", cancelReason: "Trùng lịch bầu cử" });
    expect((await api("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, { topic: "Y" })).status).toBe(409);
  });

  it("refuses members and viewers, bad bodies, and another tenant's meeting without changing it", async () => {
    const t = await branch();
    const m = await planned(t);
    expect(
      (await api("PATCH", `${base(t.tenantId)}/${m.id}`, await login(t.member.email), { topic: "Z" })).status,
    ).toBe(403);
    expect(
      (
        await api("POST", `${base(t.tenantId)}/${m.id}/cancel`, (await staff(t.tenantId, "viewer")).token, {
          reason: "Z",
        })
      ).status,
    ).toBe(403);
    for (const body of [
      "{bad",
      {},
      { topic: "" },
      { topic: 5 },
      { scheduledAt: "soon" },
      { place: "x".repeat(301) },
      { status: "closed" },
    ]) {
      expect((await api("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, body)).status, JSON.stringify(body)).toBe(
        400,
      );
    }
    expect(
      (await api("PATCH", `${base(t.tenantId)}/${m.id}`, t.adminToken, { minutesTakerPersonId: "p-unknown" })).status,
    ).toBe(400);
    expect((await api("PATCH", `${base(t.tenantId)}/mtg-unknown`, t.adminToken, { topic: "Z" })).status).toBe(404);
    const other = await branch();
    const before = await auditCount(t.tenantId);
    expect((await api("PATCH", `${base(other.tenantId)}/${m.id}`, other.adminToken, { topic: "Hacked" })).status).toBe(
      404,
    );
    expect(
      (await api("PATCH", `${base(other.tenantId)}/${m.id}`, other.adminToken, { kind: "thematic", combined: true }))
        .status,
    ).toBe(404);
    expect(
      (await api("POST", `${base(other.tenantId)}/${m.id}/cancel`, other.adminToken, { reason: "Hacked" })).status,
    ).toBe(404);
    const after = await api("GET", `${base(t.tenantId)}/${m.id}`, t.adminToken);
    expect(after.json).toMatchObject({
      topic: "Sinh hoạt thường kỳ",
      kind: "regular",
      status: "planned",
      combined: false,
    });
    expect(await auditCount(t.tenantId)).toBe(before);
  });
});

describe("planning a year", () => {
  it("creates 12 regular meetings and a thematic one a quarter, then skips what exists", async () => {
    const t = await branch();
    const existing = await planned(t, { scheduledAt: "2027-03-10T12:00:00Z" });
    const body = {
      organizationId: t.branchId,
      year: 2027,
      dayOfMonth: 31,
      time: "19:30",
      place: "Hội trường",
      withThematic: true,
    };
    const before = await auditCount(t.tenantId);
    const res = await api<PlanYearAnswer>("POST", `${base(t.tenantId)}/plan-year`, t.adminToken, body);
    expect(res.status).toBe(201);
    expect(res.json.skipped).toEqual(["2027-03"]);
    const regular = res.json.created.filter((m: { kind: string }) => m.kind === "regular");
    expect(regular).toHaveLength(11);
    expect(res.json.created.filter((m: { kind: string }) => m.kind === "thematic")).toHaveLength(4);
    // 31 falls on the month's last day; 19:30 in Vietnam is 12:30 UTC.
    expect(regular.map((m: { scheduledAt: string }) => m.scheduledAt)).toContain("2027-02-28T12:30:00.000Z");
    expect(regular.map((m: { scheduledAt: string }) => m.scheduledAt)).toContain("2027-04-30T12:30:00.000Z");
    expect(await auditCount(t.tenantId)).toBe(before + 1);
    const detail = await api<MeetingDetail>("GET", `${base(t.tenantId)}/${regular[0]!.id}`, t.adminToken);
    expect(detail.json.agenda).toHaveLength(REGULAR_MEETING_TEMPLATE.length);
    // A thematic meeting starts from the thematic order, not an empty agenda.
    const thematic = res.json.created.find((m: { kind: string }) => m.kind === "thematic");
    const thematicDetail = await api<MeetingDetail>("GET", `${base(t.tenantId)}/${thematic!.id}`, t.adminToken);
    expect(
      thematicDetail.json.agenda.map((a: { title: string; minutesBudget: number; position: number }) => [
        a.position,
        a.title,
        a.minutesBudget,
      ]),
    ).toEqual(THEMATIC_MEETING_TEMPLATE.map((x, i) => [i + 1, x.title, x.minutesBudget]));
    const again = await api<PlanYearAnswer>("POST", `${base(t.tenantId)}/plan-year`, t.adminToken, body);
    expect(again.status).toBe(200);
    expect(again.json.created).toEqual([]);
    expect(again.json.skipped).toHaveLength(16);
    const list = await api<MeetingPage>(
      "GET",
      `${base(t.tenantId)}?organizationId=${t.branchId}&from=2027-01-01&to=2027-12-31`,
      t.adminToken,
    );
    expect(list.json.total).toBe(16);
    expect(list.json.items.some((m: { id: string }) => m.id === existing.id)).toBe(true);
  });

  it("refuses bad input, members and another tenant's branch", async () => {
    const t = await branch();
    const good = { organizationId: t.branchId, year: 2027, dayOfMonth: 5, time: "19:30", place: "" };
    for (const body of [
      "{bad",
      {},
      { ...good, year: "2027" },
      { ...good, dayOfMonth: 32 },
      { ...good, time: "25:00" },
      { ...good, topic: "x".repeat(301) },
    ]) {
      expect(
        (await api("POST", `${base(t.tenantId)}/plan-year`, t.adminToken, body)).status,
        JSON.stringify(body),
      ).toBe(400);
    }
    expect((await api("POST", `${base(t.tenantId)}/plan-year`, await login(t.member.email), good)).status).toBe(403);
    const other = await branch();
    expect((await api("POST", `${base(other.tenantId)}/plan-year`, other.adminToken, good)).status).toBe(404);
    expect(
      (await api<MeetingPage>("GET", `${base(t.tenantId)}?organizationId=${t.branchId}`, t.adminToken)).json.total,
    ).toBe(0);
  });
});
