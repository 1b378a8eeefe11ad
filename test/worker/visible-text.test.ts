import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../schema/errors";
import { api, createTenant, d1Of, login } from "../support/fixtures";

const INVISIBLE = ["\u200B\u200B", "\u200C \u200D", "\uFEFF", "\u2060\u00AD"];

describe("text a person can see, and dates a calendar holds", () => {
  it("refuses names, topics and titles made only of invisible characters", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const before = await d1Of(t.tenantId)
      .prepare("select count(*) as n from memberships where tenant_id = ?")
      .bind(t.tenantId)
      .first<{ n: number }>();
    for (const blank of INVISIBLE) {
      const member = await api<ErrorBody>("POST", `/api/tenants/${t.tenantId}/members`, token, {
        fullName: blank,
        organizationId: t.branchId,
        status: "official",
      });
      expect(member.status, JSON.stringify(blank)).toBe(400);
      expect(member.json.error.code).toBe("bad_request");
      const org = await api("POST", `/api/tenants/${t.tenantId}/organizations`, token, {
        kind: "grassroots_branch",
        name: blank,
        branchType: "school",
      });
      expect(org.status).toBe(400);
      const meeting = await api("POST", `/api/tenants/${t.tenantId}/meetings`, token, {
        organizationId: t.branchId,
        kind: "regular",
        topic: blank,
        scheduledAt: "2027-03-10T19:30:00+07:00",
      });
      expect(meeting.status).toBe(400);
    }
    const after = await d1Of(t.tenantId)
      .prepare("select count(*) as n from memberships where tenant_id = ?")
      .bind(t.tenantId)
      .first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
    // A real name with a zero-width joiner inside is still a name.
    const ok = await api("POST", `/api/tenants/${t.tenantId}/members`, token, {
      fullName: "Nguyễn\u200BVăn An",
      organizationId: t.branchId,
      status: "official",
    });
    expect(ok.status).toBe(201);
  });

  it("refuses a meeting outside the years a branch plans in", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    for (const scheduledAt of ["9999-12-31T23:30:00-05:00", "0001-01-01T00:00:00Z", "2101-06-01T00:00:00+07:00"]) {
      const res = await api<ErrorBody>("POST", `/api/tenants/${t.tenantId}/meetings`, token, {
        organizationId: t.branchId,
        kind: "regular",
        topic: "Sinh hoạt",
        scheduledAt,
      });
      expect(res.status, scheduledAt).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    const rows = await d1Of(t.tenantId)
      .prepare("select count(*) as n from meetings where tenant_id = ?")
      .bind(t.tenantId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});
