/**
 * The room and hall pages through the Worker's real entry (real D1, the built web/dist behind ASSETS): the
 * visitor's room ticket inside the HTML exactly when the tickets route would give them one.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TicketResponse } from "../../schema/api/tickets";
import { meetingGuests } from "../../schema/db/tables";
import { roomPagePath } from "../../schema/room-page";
import { verifyRoomTicket } from "../../server/room-ticket";
import { SESSION_COOKIE } from "../../worker/lib/session-token";
import { ASSETS_ELEMENT_ID, TICKET_ELEMENT_ID, withTicket } from "../../worker/room-page";
import { api, createPerson, dbOf, login } from "../support/fixtures";
import { branch, planned, setStatus } from "./meetings-helpers";

const page = (path: string, token?: string) =>
  exports.default.fetch(`http://chibo.test${path}`, { headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {} });

const TICKET_TAG = new RegExp(`<script id="${TICKET_ELEMENT_ID}" type="application/json">(.*?)</script>`);

/** The page's HTML and the ticket answer inside it, if any. */
async function read(res: Response) {
  const html = await res.text();
  const m = TICKET_TAG.exec(html);
  return { html, embedded: m ? (JSON.parse(m[1]!) as TicketResponse) : null };
}

describe("room page with the ticket inside", () => {
  it("gives an entitled member the index.html with a ticket for that meeting and role, never stored", async () => {
    const t = await branch();
    const m = await planned(t);
    const cases: [string, "room" | "hall", string][] = [
      [t.member.email, "room", "official"],
      [t.probationary.email, "room", "probationary"],
      [t.secretary.email, "hall", "chair"],
      [t.admin.email, "hall", "observer"],
    ];
    for (const [email, kind, role] of cases) {
      const res = await page(`/t/${t.tenantId}/meetings/${m.id}/${kind}`, await login(email));
      expect(res.status, email).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store, private");
      expect(res.headers.get("etag")).toBeNull();
      const { html, embedded } = await read(res);
      expect(html).toContain('<div id="app">');
      // Ahead of room-boot, the module that reads it.
      expect(html.indexOf(TICKET_ELEMENT_ID)).toBeLessThan(html.search(/src="\/assets\/room-boot-[^"]+\.js"/));
      expect(embedded).toMatchObject({ role, roomPath: `/parties/meeting-room/${m.id}` });
      expect(await verifyRoomTicket(env, embedded!.ticket)).toMatchObject({ tid: t.tenantId, mid: m.id, role });
    }
  });

  it("answers the plain index.html without a ticket when there is no live session", async () => {
    const t = await branch();
    const m = await planned(t);
    const path = `/t/${t.tenantId}/meetings/${m.id}/room`;
    for (const res of [await page(path), await page(path, "not-a-token")]) {
      expect(res.status).toBe(200);
      const { html, embedded } = await read(res);
      expect(embedded).toBeNull();
      expect(html).toContain('<div id="app">');
    }
    // A well-signed token whose session was logged out.
    const token = await login(t.member.email);
    expect((await api("POST", "/api/auth/logout", token)).status).toBe(200);
    expect((await read(await page(path, token))).embedded).toBeNull();
  });

  it("gives no ticket for another tenant's meeting, whichever tenant the address names", async () => {
    const a = await branch();
    const b = await branch();
    const mb = await planned(b);
    const memberOfA = await login(a.member.email);
    for (const path of [`/t/${a.tenantId}/meetings/${mb.id}/room`, `/t/${b.tenantId}/meetings/${mb.id}/room`]) {
      const res = await page(path, memberOfA);
      expect(res.status, path).toBe(200);
      expect((await read(res)).embedded, path).toBeNull();
    }
  });

  it("gives a guest a ticket to the meeting they are invited to only, as leader", async () => {
    const t = await branch();
    const invitedTo = await planned(t);
    const other = await planned(t, { topic: "Chuyên đề" });
    const guest = await createPerson("Đặng Quốc Khách");
    await dbOf(t.tenantId)
      .insert(meetingGuests)
      .values({ tenantId: t.tenantId, meetingId: invitedTo.id, personId: guest.id, title: "Tỉnh ủy viên" });
    const token = await login(guest.email);
    expect((await read(await page(`/t/${t.tenantId}/meetings/${other.id}/room`, token))).embedded).toBeNull();
    expect((await read(await page(`/t/${t.tenantId}/meetings/${invitedTo.id}/room`, token))).embedded?.role).toBe(
      "leader",
    );
  });

  it("gives no ticket for a closed meeting or a malformed address, and never fails", async () => {
    const t = await branch();
    const m = await planned(t);
    const token = await login(t.member.email);
    await setStatus(m.id, "closed");
    expect((await read(await page(`/t/${t.tenantId}/meetings/${m.id}/room`, token))).embedded).toBeNull();
    for (const path of [
      `/t/${t.tenantId}/meetings/%E0%A4%A/room`,
      `/t/x/y/meetings/${m.id}/room`,
      `/t/${t.tenantId}/meetings/${"z".repeat(500)}/hall`,
    ]) {
      const res = await page(path, token);
      expect(res.status, path).toBe(200);
      expect((await read(res)).embedded, path).toBeNull();
    }
  });

  it("lists the room or hall page's own chunks as preloads ahead of room-boot, with or without a ticket", async () => {
    const t = await branch();
    const m = await planned(t);
    const token = await login(t.member.email);
    for (const kind of ["room", "hall"] as const) {
      for (const session of [token, undefined]) {
        const { html } = await read(await page(roomPagePath(t.tenantId, m.id, kind), session));
        const block = new RegExp(`<script type="application/json" id="${ASSETS_ELEMENT_ID}">(.*?)</script>`).exec(html);
        const files = (JSON.parse(block![1]!) as Record<string, string[]>)[kind]!;
        expect(files.some((f) => f.startsWith(`/assets/${kind}-page-`))).toBe(true);
        const preloads = [
          ...html.matchAll(/<link rel="(?:modulepreload|preload" as="style)" crossorigin href="([^"]+)">/g),
        ];
        expect(preloads.map((l) => l[1])).toEqual(files);
        expect(preloads[0]!.index).toBeLessThan(html.search(/src="\/assets\/room-boot-/));
      }
    }
    // Any other page gets none.
    expect((await read(await page("/login"))).html).not.toContain("modulepreload");
  });

  it("escapes the JSON so that nothing in it can close the script element", async () => {
    const hostile: TicketResponse = {
      ticket: "a</script><script>alert(1)</script>",
      expiresAt: "x",
      role: "official",
      roomPath: "/p\u2028&>",
    };
    const res = withTicket(
      new Response("<html><head><script>1</script></head><body></body></html>", { headers: { etag: '"e"' } }),
      hostile,
    );
    const html = await res.text();
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(JSON.parse(TICKET_TAG.exec(html)![1]!)).toEqual(hostile);
    expect(res.headers.get("cache-control")).toBe("no-store, private");
  });
});
