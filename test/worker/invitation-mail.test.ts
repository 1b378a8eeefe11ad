/**
 * An invitation issued for a record with a contact e-mail is sent there (the test Worker has no sender, so it lands in
 * the local outbox); a record without one sends nothing, and the issuer still gets the link and code to hand over.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { IssuedInvitation } from "../../schema/api/invitations";
import type { InvitedGuest } from "../../schema/api/meetings";
import { api, createTenant, d1Of, login } from "../support/fixtures";

const outboxTo = async (to: string) =>
  (
    await env.DB.prepare("select subject, text_body as text from mail_outbox where to_address = ?")
      .bind(to)
      .all<{ subject: string; text: string }>()
  ).results;

describe("invitations by e-mail", () => {
  it("mails a member's invitation to the record's contact address, with the link and the code", async () => {
    const t = await createTenant([
      { name: "Phạm Thị Có Thư", login: false },
      { name: "Cụ Không Thư", login: false },
    ]);
    const token = await login(t.admin.email);
    const withMail = t.people["Phạm Thị Có Thư"]!;
    const issued = await api<IssuedInvitation>(
      "POST",
      `/api/tenants/${t.tenantId}/members/${withMail.membershipId}/invitations`,
      token,
      { purpose: "member" },
    );
    expect(issued.status).toBe(201);
    const mails = await outboxTo(withMail.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(issued.json.link);
    expect(mails[0]!.text.replace(/-/g, "")).toContain(issued.json.code);

    // A record with no contact e-mail: nothing is sent, the answer still carries what to hand over.
    const without = t.people["Cụ Không Thư"]!;
    await d1Of(t.tenantId).prepare("update memberships set email = null where id = ?").bind(without.membershipId).run();
    const slip = await api<IssuedInvitation>(
      "POST",
      `/api/tenants/${t.tenantId}/members/${without.membershipId}/invitations`,
      token,
      { purpose: "member" },
    );
    expect(slip.status).toBe(201);
    expect(await outboxTo(without.email)).toEqual([]);
  });

  it("mails a named guest's invitation to the address the committee typed", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const meeting = await api<{ id: string; topic: string }>("POST", `/api/tenants/${t.tenantId}/meetings`, token, {
      organizationId: t.branchId,
      kind: "regular",
      topic: "Sinh hoạt chi bộ tháng Một",
      scheduledAt: "2027-01-10T01:00:00.000Z",
      place: "Hội trường",
    });
    const to = `${crypto.randomUUID().slice(0, 8)}@tinh.test`;
    const guest = await api<InvitedGuest>(
      "POST",
      `/api/tenants/${t.tenantId}/meetings/${meeting.json.id}/guests`,
      token,
      {
        fullName: "Đồng chí Khách",
        email: to,
        title: "Tỉnh ủy viên",
      },
    );
    expect(guest.status).toBe(201);
    const mails = await outboxTo(to);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(guest.json.invitation!.link);
    // A meeting planned without a call: the guest reads that remote people only follow the hall.
    expect(mails[0]!.text).toContain("Cách dự từ xa: Chỉ tại hội trường.");
    expect(mails[0]!.text).toContain("Hearing and speaking remotely: In the hall only.");
  });

  it("tells a guest the meeting's external call by its service, never by its link", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const link = "https://meet.example.vn/chi-bo-kp1?pwd=bi-mat";
    const meeting = await api<{ id: string }>("POST", `/api/tenants/${t.tenantId}/meetings`, token, {
      organizationId: t.branchId,
      kind: "regular",
      topic: "Sinh hoạt chi bộ tháng Hai",
      scheduledAt: "2027-02-10T01:00:00.000Z",
      mediaMode: "external",
      mediaLink: link,
    });
    expect(meeting.status).toBe(201);
    const to = `${crypto.randomUUID().slice(0, 8)}@tinh.test`;
    const guest = await api("POST", `/api/tenants/${t.tenantId}/meetings/${meeting.json.id}/guests`, token, {
      fullName: "Đồng chí Khách",
      email: to,
    });
    expect(guest.status).toBe(201);
    const [mail] = await outboxTo(to);
    expect(mail!.text).toContain("Cách dự từ xa: Dự trực tuyến qua: meet.example.vn.");
    expect(mail!.text).toContain("Join online via: meet.example.vn.");
    // A forwarded mail must not open the call: the link is on the meeting page and in the room, after log-in.
    expect(mail!.text).not.toContain("pwd=bi-mat");
  });
});
