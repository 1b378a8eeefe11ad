/**
 * Attendance by media (issue 13 item 3), over real WebSockets to the real Durable Object and real D1: a remote
 * member's `rtc/media` is stored (hearing now, heardAt the first time), makes them present remote, survives the
 * room's restart, counts in `presentRemoteMedia` and reaches attendance.heard_at at the close. Refused from
 * observers, outside a live meeting, and in a meeting that does not use built-in media.
 */
import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { attendance, meetings, speeches } from "../../schema/db/tables";
import { issueRoomTicket } from "../../server/room-ticket";
import { dbOf } from "../support/fixtures";
import { closeAllRooms, eventually, joinRoom } from "../support/room-client";
import { createMeeting, type Who } from "./meeting-fixture";

afterEach(() => closeAllRooms());

/** A meeting in built-in media mode (set in D1 before the room first loads it); `who` joined, then started. */
async function builtinMeeting(who: Who[], mode: "builtin" | "hall_only" = "builtin", start = true) {
  const f = await createMeeting();
  await dbOf(f.tenantId).update(meetings).set({ mediaMode: mode }).where(eq(meetings.id, f.meetingId));
  const c = {} as Record<Who, Awaited<ReturnType<typeof f.join>>>;
  for (const w of who) c[w] = await f.join(w);
  if (start) await c.chair!.ok({ type: "meeting/start" });
  return { f, c, chair: c.chair! };
}

const entryOf = async (
  client: { sync: () => Promise<{ state: { attendance: { personId: string }[] } }> },
  id: string,
) =>
  (await client.sync()).state.attendance.find((a) => a.personId === id) as
    | { status: string | null; heardAt?: string | null; hearing?: boolean }
    | undefined;

describe("attendance by media (rtc/media)", () => {
  it("records hearing and the first heardAt, makes an unrecorded member present remote, and survives a restart", async () => {
    const { f, c, chair } = await builtinMeeting(["chair", "m1"]);
    const m2 = await f.open("m2"); // opened the room, never tapped Join
    expect((await entryOf(m2, f.idOf("m2")))?.status).toBeNull();

    const from = chair.received.length;
    await m2.ok({ type: "rtc/media", hearing: true });
    const ev = await chair.event("attendance", (e) => e.entries.some((x) => x.personId === f.idOf("m2")), from);
    const entry = ev.entries.find((x) => x.personId === f.idOf("m2"))!;
    expect(entry).toMatchObject({ status: "present_remote", hearing: true });
    expect(entry.heardAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The chair and m1 joined by the tap; m2 by hearing.
    expect(ev.counts).toMatchObject({ presentRemote: 3, presentRemoteMedia: 1 });
    const heardAt = entry.heardAt;

    // m1 (present remote by the Join tap) hears, then stops: heardAt stays, hearing goes.
    await c.m1!.ok({ type: "rtc/media", hearing: true });
    await c.m1!.ok({ type: "rtc/media", hearing: false });
    const m1 = await entryOf(chair, f.idOf("m1"));
    expect(m1).toMatchObject({ status: "present_remote", hearing: false });
    expect(m1?.heardAt).toBeTruthy();

    // A hall check-in is not overridden by hearing.
    await chair.ok({ type: "presence/check-in", personId: f.idOf("m3"), mode: "hall" });
    const m3 = await f.open("m3");
    await m3.ok({ type: "rtc/media", hearing: true });
    expect((await entryOf(chair, f.idOf("m3")))?.status).toBe("present_hall");

    await evictDurableObject(env.MeetingRoom.get(env.MeetingRoom.idFromName(f.meetingId)));
    const snap = await (await f.open("m4")).sync();
    expect(snap.state.attendance.find((a) => a.personId === f.idOf("m2"))).toMatchObject({ hearing: true, heardAt });
    expect(snap.state.counts).toMatchObject({ presentRemote: 3, presentRemoteMedia: 2, presentHall: 1 });
  });

  it("a guest is acked with no change to the members' counts; the hall device and observers are refused", async () => {
    const { f, chair } = await builtinMeeting(["chair", "m1"]);
    const leader = await f.open("leader");
    const before = (await chair.sync()).state.counts;
    await leader.ok({ type: "rtc/media", hearing: true });
    expect((await chair.sync()).state.counts).toEqual(before);
    await chair.refused({ type: "rtc/media", hearing: true }, "forbidden");
    const { ticket } = await issueRoomTicket(env, {
      pid: "obs-1",
      tid: f.tenantId,
      mid: f.meetingId,
      role: "observer",
      name: "Quan sát",
    });
    const observer = await joinRoom(f.meetingId, ticket);
    await observer.refused({ type: "rtc/media", hearing: true }, "forbidden");
  });

  it("is refused before the start, after the close, and in a meeting that does not use built-in media", async () => {
    const planned = await builtinMeeting(["chair", "m1"], "builtin", false);
    await planned.c.m1!.refused({ type: "rtc/media", hearing: true }, "meeting_not_live");
    await planned.chair.ok({ type: "meeting/start" });
    await planned.chair.ok({ type: "meeting/close" });
    await planned.c.m1!.refused({ type: "rtc/media", hearing: true }, "meeting_closed");

    const hallOnly = await builtinMeeting(["chair", "m1"], "hall_only");
    await hallOnly.c.m1!.refused({ type: "rtc/media", hearing: true }, "conflict");
    const snap = await hallOnly.chair.sync();
    expect(snap.state.attendance.find((a) => a.personId === hallOnly.f.idOf("m1"))?.heardAt ?? null).toBeNull();
  });

  it("writes attendance.heard_at to D1 at the close (and keeps the first), only for those who heard", async () => {
    const { f, c, chair } = await builtinMeeting(["chair", "m1", "m2"]);
    await c.m1!.ok({ type: "rtc/media", hearing: true });
    const first = (await entryOf(chair, f.idOf("m1")))?.heardAt;
    await c.m1!.ok({ type: "rtc/media", hearing: false });
    await c.m1!.ok({ type: "rtc/media", hearing: true });
    await chair.ok({ type: "meeting/close" });
    const rows = await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(attendance)
        .where(and(eq(attendance.tenantId, f.tenantId), eq(attendance.meetingId, f.meetingId)));
      return r.some((x) => x.memberStatus) ? r : null;
    });
    const byId = new Map(rows.map((r) => [r.personId, r]));
    expect(byId.get(f.idOf("m1"))?.heardAt).toBe(first);
    expect(byId.get(f.idOf("m2"))?.heardAt).toBeNull();
    expect(byId.get(f.idOf("m2"))?.status).toBe("present_remote");
    // The room's draft (nobody wrote the minutes) splits the remote members: the chair and m2 only followed.
    const snap = await c.m2!.sync();
    expect(snap.state.minutes.body).toContain(
      "Có mặt: 3 (tại hội trường 0, trực tuyến 3, trong đó 1 nghe qua âm thanh tích hợp, 2 chỉ theo dõi phòng họp)",
    );
  });

  it("records a remote member given the floor like a hall speaker: the speech, the draft, D1", async () => {
    const { f, c, chair } = await builtinMeeting(["chair", "m1"]);
    await chair.ok({ type: "presence/check-in", personId: f.idOf("m3"), mode: "hall" });
    await c.m1!.ok({ type: "rtc/media", hearing: true });
    for (const who of ["m1", "m3"] as const) {
      await chair.ok({ type: "floor/give", personId: f.idOf(who) });
      await chair.ok({ type: "floor/end" });
    }
    await chair.ok({ type: "meeting/close" });
    const snap = await c.m1!.sync();
    expect(snap.state.speeches.map((x) => x.personId)).toEqual([f.idOf("m1"), f.idOf("m3")]);
    for (const who of ["m1", "m3"] as const)
      expect(snap.state.minutes.body).toContain(`Đồng chí ${f.nameOf(who)} phát biểu`);
    expect(snap.state.minutes.body).toContain("Phát biểu: 2 lượt, 2 người");
    const rows = await eventually(async () => {
      const r = await dbOf(f.tenantId).select().from(speeches).where(eq(speeches.meetingId, f.meetingId));
      return r.length === 2 ? r : null;
    });
    expect(new Set(rows.map((r) => r.personId))).toEqual(new Set([f.idOf("m1"), f.idOf("m3")]));
  });
});
