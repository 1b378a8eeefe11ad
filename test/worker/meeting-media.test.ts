import { describe, expect, it } from "vitest";
import { type Meeting, type MeetingDetail, mediaLinkHttpsOnly } from "../../schema/api/meetings";
import { organizations } from "../../schema/db/tables";
import { api, createLeader, dbOf, firstInShards, login } from "../support/fixtures";
import { auditCount, base, branch, planned, staff } from "./meetings-helpers";

const LINK = "https://meet.example.vn/chi-bo-kp1?pwd=bi-mat";

const stored = (meetingId: string) =>
  firstInShards<{ mode: string; link: string | null }>(
    "select media_mode as mode, media_link as link from meetings where id = ?",
    meetingId,
  );

describe("a meeting's media mode", () => {
  it("is hall only unless planned otherwise, and an external call keeps its https link", async () => {
    const t = await branch();
    const plain = await planned(t);
    expect(plain).toMatchObject({ mediaMode: "hall_only", mediaLink: null });
    const external = await planned(t, { mediaMode: "external", mediaLink: LINK });
    expect(external).toMatchObject({ mediaMode: "external", mediaLink: LINK });
    const builtin = await planned(t, { mediaMode: "builtin" });
    expect(builtin).toMatchObject({ mediaMode: "builtin", mediaLink: null });
  });

  it("plans a year of hall-only meetings, each then set like any planned meeting", async () => {
    const t = await branch();
    const year = await api<{ created: Meeting[] }>("POST", `${base(t.tenantId)}/plan-year`, t.adminToken, {
      organizationId: t.branchId,
      year: 2031,
      dayOfMonth: 25,
      time: "19:30",
    });
    expect(year.status).toBe(201);
    expect(year.json.created).toHaveLength(12);
    for (const m of year.json.created) expect(m).toMatchObject({ mediaMode: "hall_only", mediaLink: null });
  });

  it("refuses unsafe or missing links with the envelope, and changes nothing", async () => {
    const t = await branch();
    const m = await planned(t);
    const body = (extra: Record<string, unknown>) => ({
      organizationId: t.branchId,
      kind: "regular",
      topic: "T",
      scheduledAt: "2026-12-20T12:00:00Z",
      ...extra,
    });
    const before = await auditCount(t.tenantId);
    const bad = [
      { mediaMode: "external", mediaLink: "javascript:alert(1)" },
      { mediaMode: "external", mediaLink: "http://meet.example.vn/x" },
      { mediaMode: "external", mediaLink: "ftp://meet.example.vn/x" },
      { mediaMode: "external", mediaLink: "data:text/html,hi" },
      { mediaMode: "external", mediaLink: `https://meet.example.vn/${"a".repeat(500)}` },
      { mediaMode: "external" },
      { mediaMode: "hall_only", mediaLink: LINK },
      { mediaMode: "builtin", mediaLink: LINK },
      { mediaMode: "radio" },
    ];
    for (const extra of bad) {
      const created = await api<{ error: { code: string; message: string } }>(
        "POST",
        base(t.tenantId),
        t.adminToken,
        body(extra),
      );
      expect(created.status, JSON.stringify(extra)).toBe(400);
      expect(created.json.error.code).toBe("bad_request");
      const patched = await api<{ error: { code: string } }>(
        "PATCH",
        `${base(t.tenantId)}/${m.id}`,
        t.adminToken,
        extra,
      );
      expect(patched.status, JSON.stringify(extra)).toBe(400);
      expect(patched.json.error.code).toBe("bad_request");
    }
    const https = await api<{ error: { issues: { path: string; message: string }[] } }>(
      "PATCH",
      `${base(t.tenantId)}/${m.id}`,
      t.adminToken,
      {
        mediaMode: "external",
        mediaLink: "http://meet.example.vn/x",
      },
    );
    expect(https.json.error.issues).toEqual([{ path: "mediaLink", message: mediaLinkHttpsOnly }]);
    expect(await auditCount(t.tenantId)).toBe(before);
    expect(await stored(m.id)).toEqual({ mode: "hall_only", link: null });
  });

  it("is edited while planned: switching away from an external call drops its link", async () => {
    const t = await branch();
    const m = await planned(t);
    const url = `${base(t.tenantId)}/${m.id}`;
    const set = await api<Meeting>("PATCH", url, t.adminToken, { mediaMode: "external", mediaLink: LINK });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(set.json).toMatchObject({ mediaMode: "external", mediaLink: LINK });
    // Another field edited alone keeps the call.
    expect((await api<Meeting>("PATCH", url, t.adminToken, { place: "Hội trường" })).json.mediaLink).toBe(LINK);
    const builtin = await api<Meeting>("PATCH", url, t.adminToken, { mediaMode: "builtin" });
    expect(builtin.json).toMatchObject({ mediaMode: "builtin", mediaLink: null });
    expect(await stored(m.id)).toEqual({ mode: "builtin", link: null });
  });

  it("shows the link to members, guests and staff, and to nobody else", async () => {
    const t = await branch();
    const otherTenant = await branch();
    const m = await planned(t, { mediaMode: "external", mediaLink: LINK });
    const url = `${base(t.tenantId)}/${m.id}`;
    const leader = await createLeader(t.tenantId, "Võ Văn Lãnh Đạo");
    expect((await api("POST", `${url}/guests`, t.adminToken, { personId: leader.id })).status).toBe(201);
    const entitled = [
      await login(t.member.email),
      await login(t.probationary.email),
      await login(leader.email),
      (await staff(t.tenantId, "viewer")).token,
    ];
    for (const token of entitled) {
      const detail = await api<MeetingDetail>("GET", url, token);
      expect(detail.status).toBe(200);
      expect(detail.json.mediaLink).toBe(LINK);
    }
    // A member of another branch of the same committee, another tenant's admin, and nobody logged in.
    const otherBranch = `org-${crypto.randomUUID().slice(0, 8)}`;
    await dbOf(t.tenantId).insert(organizations).values({
      id: otherBranch,
      tenantId: t.tenantId,
      parentId: t.committeeId,
      kind: "branch",
      name: "Chi bộ khu phố 2",
      branchType: "residential",
    });
    const elsewhere = await api<MeetingDetail>("POST", base(t.tenantId), t.adminToken, {
      organizationId: otherBranch,
      kind: "regular",
      topic: "Chi bộ 2",
      scheduledAt: "2026-12-21T12:00:00Z",
      mediaMode: "external",
      mediaLink: `${LINK}-2`,
    });
    expect(elsewhere.status).toBe(201);
    const member = await login(t.member.email);
    const notTheirs = await api("GET", `${base(t.tenantId)}/${elsewhere.json.id}`, member);
    expect(notTheirs.status).toBe(404);
    expect(JSON.stringify(notTheirs.json)).not.toContain("meet.example.vn");
    const list = await api("GET", base(t.tenantId), member);
    expect(JSON.stringify(list.json)).not.toContain(`${LINK}-2`);
    const foreign = await api("GET", url, otherTenant.adminToken);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.json)).not.toContain("meet.example.vn");
    const foreignList = await api("GET", base(t.tenantId), otherTenant.adminToken);
    expect(JSON.stringify(foreignList.json)).not.toContain("meet.example.vn");
    const anonymous = await api("GET", url);
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.json)).not.toContain("meet.example.vn");
    // Another tenant's admin cannot change it either.
    const foreignPatch = await api("PATCH", url, otherTenant.adminToken, { mediaMode: "hall_only" });
    expect(foreignPatch.status).toBe(404);
    expect(await stored(m.id)).toEqual({ mode: "external", link: LINK });
  });
});
