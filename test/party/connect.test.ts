import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { configOf } from "../../server/config";
import { roomTicketKey, signToken } from "../../server/signed-token";
import { closeAllRooms, connectRoom, RoomClient } from "../support/room-client";
import { createMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

async function refusedWith(res: RoomClient | Response, status: number) {
  expect(res).toBeInstanceOf(Response);
  if (res instanceof Response) {
    expect(res.status).toBe(status);
    expect(res.webSocket).toBeNull();
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(/\//);
  }
}

describe("connecting to a meeting room", () => {
  it("refuses a missing, forged or expired ticket with 401 and no socket", async () => {
    const f = await createMeeting();
    await refusedWith(await connectRoom(f.meetingId, null), 401);
    await refusedWith(await connectRoom(f.meetingId, "not.a-ticket"), 401);
    const good = await f.ticket("m1");
    await refusedWith(await connectRoom(f.meetingId, `${good.slice(0, -3)}abc`), 401);
    const expired = await signToken(
      {
        pid: f.idOf("m1"),
        tid: f.tenantId,
        mid: f.meetingId,
        role: "official",
        name: "x",
        exp: Math.floor(Date.now() / 1000) - 5,
      },
      roomTicketKey(configOf(env).sessionSecret),
    );
    await refusedWith(await connectRoom(f.meetingId, expired), 401);
  });

  it("refuses a ticket for another meeting with 403", async () => {
    const f = await createMeeting();
    const other = await createMeeting();
    await refusedWith(await connectRoom(f.meetingId, await other.ticket("m1")), 403);
  });

  it("refuses a ticket whose tenant does not own the meeting", async () => {
    const f = await createMeeting();
    const other = await createMeeting();
    // A validly signed ticket naming this meeting but another tenant: the meeting is not in that tenant.
    await refusedWith(await connectRoom(f.meetingId, await f.ticket("m1", { tid: other.tenantId })), 404);
    // Once the room is loaded, the same ticket is refused as another tenant's.
    const first = await f.join("m1");
    first.close();
    await refusedWith(await connectRoom(f.meetingId, await f.ticket("m1", { tid: other.tenantId })), 403);
  });

  it("refuses a foreign browser Origin and allows its own or none", async () => {
    const f = await createMeeting();
    await refusedWith(await connectRoom(f.meetingId, await f.ticket("m1"), { origin: "https://evil.example" }), 403);
    const same = await connectRoom(f.meetingId, await f.ticket("m1"), { origin: "http://chibo.test" });
    expect(same).toBeInstanceOf(RoomClient);
  });

  it("refuses a closed meeting that was never opened", async () => {
    const f = await createMeeting({ status: "closed" });
    await refusedWith(await connectRoom(f.meetingId, await f.ticket("m1")), 409);
  });

  it("answers plain HTTP on a room path with 404", async () => {
    const f = await createMeeting();
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch(`http://chibo.test/parties/meeting-room/${f.meetingId}`);
    expect(res.status).toBe(404);
  });

  it("sends a snapshot with the roster, agenda and identity from the ticket", async () => {
    const f = await createMeeting();
    const c = await connectRoom(f.meetingId, await f.ticket("m1"));
    if (!(c instanceof RoomClient)) throw new Error("refused");
    const snap = await c.snapshot();
    expect(snap.you).toMatchObject({ personId: f.idOf("m1"), role: "official", official: true });
    expect(snap.state.roster).toHaveLength(12);
    expect(snap.state.roster.filter((m) => m.exempt)).toHaveLength(2);
    expect(snap.state.agenda.map((a) => a.title)).toEqual(f.items.map((i) => i.title));
    expect(snap.state.meeting.status).toBe("planned");
    // Connecting is reading, not attending: the member is connected but not checked in (attendance-join.test.ts).
    expect(snap.state.attendance.find((a) => a.personId === f.idOf("m1"))).toMatchObject({
      status: null,
      connected: 1,
      joining: false,
    });
  });
});
