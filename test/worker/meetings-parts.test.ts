import { describe, expect, it } from "vitest";
import type { InvitedGuest } from "../../schema/api/meetings";
import type { ErrorBody, ErrorIssue } from "../../schema/errors";
import { api, createLeader, createPerson, d1Of, login } from "../support/fixtures";
import { auditCount, base, branch, planned, setStatus, staff } from "./meetings-helpers";

/** What these tests read of the meeting answers (schema/api/meetings.ts exports no answer types). */
type AgendaItem = { id: string; title: string; position: number; minutesBudget: number } & Record<string, unknown>;
type Created = { id: string } & Record<string, unknown>;
type DocumentAnswer = { id: string; late: boolean } & Record<string, unknown>;
type GuestAnswer = { personId: string } & Record<string, unknown>;
type MeetingDetail = {
  agenda: AgendaItem[];
  lateDocuments: boolean;
  documents: unknown[];
  guests: GuestAnswer[];
} & Record<string, unknown>;
type MeetingList = { items: { id: string }[] };
/** A validation refusal, read as carrying at least one issue. */
type Invalid = ErrorBody & { error: { issues: [ErrorIssue, ...ErrorIssue[]] } };

const agendaOf = async (t: { tenantId: string; adminToken: string }, id: string) =>
  (await api<MeetingDetail>("GET", `${base(t.tenantId)}/${id}`, t.adminToken)).json.agenda as {
    id: string;
    title: string;
    position: number;
    minutesBudget: number;
  }[];

describe("agenda", () => {
  it("adds, edits, reorders and deletes items, keeping positions 1..n, each with an audit row", async () => {
    const t = await branch();
    const m = await planned(t, { agenda: [{ title: "A" }, { title: "B" }] });
    const url = `${base(t.tenantId)}/${m.id}/agenda`;
    const before = await auditCount(t.tenantId);
    const c = await api<Created>("POST", url, t.adminToken, {
      title: "C",
      minutesBudget: 15,
      presenterPersonId: t.member.id,
    });
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ title: "C", position: 3, minutesBudget: 15, presenterName: "Lê Văn Đảng Viên" });
    const patched = await api("PATCH", `${url}/${c.json.id}`, t.adminToken, {
      title: "C sửa",
      presenterPersonId: null,
    });
    expect(patched.json).toMatchObject({ title: "C sửa", presenterPersonId: null, minutesBudget: 15 });
    const [a, b] = m.agenda;
    const order = await api<AgendaItem[]>("PUT", `${url}/order`, t.adminToken, { itemIds: [c.json.id, a!.id, b!.id] });
    expect(order.status).toBe(200);
    expect(order.json.map((i: { title: string }) => i.title)).toEqual(["C sửa", "A", "B"]);
    expect((await api("DELETE", `${url}/${a!.id}`, t.adminToken)).status).toBe(200);
    expect((await agendaOf(t, m.id)).map((i) => [i.title, i.position])).toEqual([
      ["C sửa", 1],
      ["B", 2],
    ]);
    expect(await auditCount(t.tenantId)).toBe(before + 4);
  });

  it("refuses an order that is not a permutation, and bad bodies", async () => {
    const t = await branch();
    const m = await planned(t, { agenda: [{ title: "A" }, { title: "B" }] });
    const url = `${base(t.tenantId)}/${m.id}/agenda`;
    const [a, b] = m.agenda;
    for (const itemIds of [[a!.id], [a!.id, a!.id], [a!.id, b!.id, "x-extra"], [a!.id, "x-other"]]) {
      const res = await api<Invalid>("PUT", `${url}/order`, t.adminToken, { itemIds });
      expect(res.status, JSON.stringify(itemIds)).toBe(400);
      expect(res.json.error.issues[0].path).toBe("itemIds");
    }
    for (const body of [
      "{bad",
      {},
      { title: "" },
      { title: 3 },
      { title: "x".repeat(301) },
      { title: "ok", minutesBudget: 1.5 },
      { title: "ok", presenterPersonId: "có dấu" },
    ]) {
      expect((await api("POST", url, t.adminToken, body)).status, JSON.stringify(body)).toBe(400);
    }
    const outsider = await createPerson("Người Ngoài");
    expect((await api("POST", url, t.adminToken, { title: "X", presenterPersonId: outsider.id })).status).toBe(400);
    for (const body of ["{bad", {}, { minutesBudget: "5" }]) {
      expect((await api("PATCH", `${url}/${a!.id}`, t.adminToken, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await api("PUT", `${url}/order`, t.adminToken, { itemIds: "a" })).status).toBe(400);
    expect((await api("PATCH", `${url}/item-unknown`, t.adminToken, { title: "X" })).status).toBe(404);
    expect((await api("DELETE", `${url}/item-unknown`, t.adminToken)).status).toBe(404);
    expect((await api("POST", `${base(t.tenantId)}/mtg-unknown/agenda`, t.adminToken, { title: "X" })).status).toBe(
      404,
    );
    expect((await agendaOf(t, m.id)).map((i) => i.title)).toEqual(["A", "B"]);
  });

  it("is frozen once the meeting is live, refuses members, and hides another tenant's items", async () => {
    const t = await branch();
    const m = await planned(t, { agenda: [{ title: "A" }] });
    const url = `${base(t.tenantId)}/${m.id}/agenda`;
    const item = m.agenda[0]!;
    expect((await api("POST", url, await login(t.member.email), { title: "X" })).status).toBe(403);
    const other = await branch();
    const theirs = await planned(other, { agenda: [{ title: "Của họ" }] });
    const before = await auditCount(other.tenantId);
    // Their meeting through our tenant, and their item under our meeting: both unknown here.
    expect(
      (
        await api("PATCH", `${base(t.tenantId)}/${theirs.id}/agenda/${theirs.agenda[0]!.id}`, t.adminToken, {
          title: "H",
        })
      ).status,
    ).toBe(404);
    expect((await api("PATCH", `${url}/${theirs.agenda[0]!.id}`, t.adminToken, { title: "H" })).status).toBe(404);
    expect((await api("DELETE", `${url}/${theirs.agenda[0]!.id}`, t.adminToken)).status).toBe(404);
    expect((await api("PUT", `${url}/order`, t.adminToken, { itemIds: [theirs.agenda[0]!.id] })).status).toBe(400);
    expect((await api("POST", `${base(other.tenantId)}/${m.id}/agenda`, other.adminToken, { title: "H" })).status).toBe(
      404,
    );
    expect((await agendaOf(other, theirs.id)).map((i) => i.title)).toEqual(["Của họ"]);
    expect(await auditCount(other.tenantId)).toBe(before);
    await setStatus(m.id, "live");
    expect((await api("PATCH", `${url}/${item.id}`, t.adminToken, { title: "Y" })).status).toBe(409);
    expect((await api("DELETE", `${url}/${item.id}`, t.adminToken)).status).toBe(409);
  });
});

describe("documents", () => {
  it("adds a text or a link, flags documents added less than a day ahead, and deletes", async () => {
    const t = await branch();
    const soon = await planned(t, { scheduledAt: new Date(Date.now() + 3 * 3600_000).toISOString() });
    const ahead = await planned(t, { scheduledAt: new Date(Date.now() + 3 * 86400_000).toISOString() });
    const late = await api("POST", `${base(t.tenantId)}/${soon.id}/documents`, t.adminToken, {
      title: "Nghị quyết",
      body: "Toàn văn",
    });
    expect(late.status).toBe(201);
    expect(late.json).toMatchObject({ title: "Nghị quyết", body: "Toàn văn", url: null, late: true });
    expect((await api<MeetingDetail>("GET", `${base(t.tenantId)}/${soon.id}`, t.adminToken)).json.lateDocuments).toBe(
      true,
    );
    const early = await api<DocumentAnswer>("POST", `${base(t.tenantId)}/${ahead.id}/documents`, t.adminToken, {
      title: "Dự thảo",
      url: "https://example.vn/du-thao.pdf",
    });
    expect(early.json.late).toBe(false);
    const detail = await api<MeetingDetail>("GET", `${base(t.tenantId)}/${ahead.id}`, await login(t.member.email));
    expect(detail.json.lateDocuments).toBe(false);
    expect(detail.json.documents).toEqual([
      expect.objectContaining({ id: early.json.id, url: "https://example.vn/du-thao.pdf" }),
    ]);
    expect(
      (await api("DELETE", `${base(t.tenantId)}/${ahead.id}/documents/${early.json.id}`, t.adminToken)).status,
    ).toBe(200);
    expect((await api<MeetingDetail>("GET", `${base(t.tenantId)}/${ahead.id}`, t.adminToken)).json.documents).toEqual(
      [],
    );
  });

  it("refuses bad bodies, members, closed meetings and other tenants' documents", async () => {
    const t = await branch();
    const m = await planned(t);
    const url = `${base(t.tenantId)}/${m.id}/documents`;
    for (const body of [
      "{bad",
      {},
      { title: "T" },
      { title: "T", body: "b", url: "https://a.vn" },
      { title: "T", url: "javascript:alert(1)" },
      { title: "x".repeat(301), body: "b" },
      { title: 1, body: "b" },
    ]) {
      expect((await api("POST", url, t.adminToken, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await api("POST", url, await login(t.member.email), { title: "T", body: "b" })).status).toBe(403);
    expect((await api("DELETE", `${url}/doc-unknown`, t.adminToken)).status).toBe(404);
    const other = await branch();
    const theirs = await planned(other);
    const doc = await api<DocumentAnswer>("POST", `${base(other.tenantId)}/${theirs.id}/documents`, other.adminToken, {
      title: "Của họ",
      body: "b",
    });
    expect((await api("DELETE", `${url}/${doc.json.id}`, t.adminToken)).status).toBe(404);
    expect(
      (await api("DELETE", `${base(t.tenantId)}/${theirs.id}/documents/${doc.json.id}`, t.adminToken)).status,
    ).toBe(404);
    expect(
      (await api<MeetingDetail>("GET", `${base(other.tenantId)}/${theirs.id}`, other.adminToken)).json.documents,
    ).toHaveLength(1);
    await setStatus(m.id, "closed");
    expect((await api("POST", url, t.adminToken, { title: "T", body: "b" })).status).toBe(409);
  });
});

describe("guests", () => {
  it("invites a named guest by invitation only, and admits the province's leaders by pick", async () => {
    const t = await branch();
    const other = await branch();
    const m = await planned(t);
    const url = `${base(t.tenantId)}/${m.id}/guests`;
    // A named guest (even with an e-mail another committee knows) gets an empty account and an invitation.
    const named = await api<InvitedGuest>("POST", url, t.adminToken, {
      email: other.secretary.email.toUpperCase(),
      fullName: "Võ Văn Lãnh Đạo",
      title: "Tỉnh ủy viên",
    });
    expect(named.status, JSON.stringify(named.json)).toBe(201);
    expect(named.json).toMatchObject({ fullName: "Võ Văn Lãnh Đạo", email: null, canLogIn: false });
    expect(named.json.personId).not.toBe(other.secretary.id);
    expect(named.json.invitation?.link).toMatch(/\/invite\//);
    const otherToken = await login(other.secretary.email);
    expect((await api("GET", `${base(t.tenantId)}/${m.id}`, otherToken)).status).toBe(404);
    // The invitation, redeemed by the leader logged in: their own account takes the guest's place.
    const redeemed = await api("POST", "/api/invitations/redeem", otherToken, { code: named.json.invitation?.code });
    expect(redeemed.status, JSON.stringify(redeemed.json)).toBe(200);
    expect(
      (await api<MeetingList>("GET", base(t.tenantId), otherToken)).json.items.map((x: { id: string }) => x.id),
    ).toEqual([m.id]);
    // A province leader is picked by id; a person of another committee by id is not found.
    const leader = await createLeader(t.tenantId, "Trần Thị Tỉnh Ủy");
    const picked = await api<InvitedGuest>("POST", url, t.adminToken, { personId: leader.id, title: "Phó Bí thư" });
    expect(picked.status, JSON.stringify(picked.json)).toBe(201);
    expect(picked.json).toMatchObject({ personId: leader.id, fullName: "Trần Thị Tỉnh Ủy", invitation: null });
    expect((await api("POST", url, t.adminToken, { personId: leader.id })).status).toBe(409);
    const stranger = await api("POST", url, t.adminToken, { personId: other.admin.id });
    expect(stranger.status).toBe(404);
    const detail = await api<MeetingDetail>("GET", `${base(t.tenantId)}/${m.id}`, t.adminToken);
    expect(detail.json.guests.map((g: { personId: string }) => g.personId)).toEqual([other.secretary.id, leader.id]);
    expect((await api("DELETE", `${url}/${other.secretary.id}`, t.adminToken)).status).toBe(200);
    expect((await api("GET", `${base(t.tenantId)}/${m.id}`, otherToken)).status).toBe(404);
  });

  it("refuses bad bodies, members, unknown and other tenants' guests", async () => {
    const t = await branch();
    const m = await planned(t);
    const url = `${base(t.tenantId)}/${m.id}/guests`;
    for (const body of [
      "{bad",
      {},
      { email: "không-phải-email", fullName: "A" },
      { email: "a@b.vn" },
      { email: "a@b.vn", fullName: "x".repeat(201) },
      { email: 5, fullName: "A" },
    ]) {
      expect((await api("POST", url, t.adminToken, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await api("POST", url, await login(t.member.email), { email: "a@b.vn", fullName: "A" })).status).toBe(403);
    expect(
      (await api("POST", url, (await staff(t.tenantId, "viewer")).token, { email: "a@b.vn", fullName: "A" })).status,
    ).toBe(403);
    expect((await api("DELETE", `${url}/p-unknown`, t.adminToken)).status).toBe(404);
    const other = await branch();
    const theirs = await planned(other);
    const g = await api<GuestAnswer>("POST", `${base(other.tenantId)}/${theirs.id}/guests`, other.adminToken, {
      email: `g-${crypto.randomUUID()}@x.vn`,
      fullName: "Khách",
    });
    expect((await api("DELETE", `${url}/${g.json.personId}`, t.adminToken)).status).toBe(404);
    expect(
      (await api("DELETE", `${base(t.tenantId)}/${theirs.id}/guests/${g.json.personId}`, t.adminToken)).status,
    ).toBe(404);
    expect(
      (await api("POST", `${base(t.tenantId)}/${theirs.id}/guests`, t.adminToken, { email: "z@z.vn", fullName: "Z" }))
        .status,
    ).toBe(404);
    const n = (await d1Of(other.tenantId)
      .prepare("select count(*) as n from meeting_guests where meeting_id = ?")
      .bind(theirs.id)
      .first()) as { n: number };
    expect(n.n).toBe(1);
  });
});
