/**
 * Attending is joining (issue 12 item 5): opening the room before the start to read the agenda marks nobody
 * present; the "Tham dự / Join" tap does (from the start when tapped before it); a member who leaves and comes
 * back keeps one attendance row with its first join and last leave, in the room and in D1. Hall hands are only
 * for the hall (item 6). Roster changes made in the console after the start reach the live room.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { attendance } from "../../schema/db/tables";
import type { RoomEvent } from "../../schema/room/messages";
import { applyEvent, copyForEvent } from "../../web/src/room/room-state";
import { api, dbOf, login } from "../support/fixtures";
import { closeAllRooms, eventually, type RoomClient } from "../support/room-client";
import { advanceRoomClock } from "../support/room-clock";
import { createMeeting, liveMeeting, MEMBER_NAMES } from "./meeting-fixture";

afterEach(() => closeAllRooms());

const entryOf = async (c: RoomClient, personId: string) =>
  (await c.sync()).state.attendance.find((a) => a.personId === personId)!;

async function d1Rows(tenantId: string, meetingId: string) {
  const rows = await dbOf(tenantId)
    .select()
    .from(attendance)
    .where(and(eq(attendance.tenantId, tenantId), eq(attendance.meetingId, meetingId)));
  return new Map(rows.map((r) => [r.personId, r]));
}

describe("attending is joining", () => {
  it("opening the room before the start marks nobody present; a Join tap counts from the start", async () => {
    const f = await createMeeting();
    const chair = await f.open("chair");
    const reader = await f.open("m1");
    expect((await entryOf(chair, f.idOf("m1"))).status).toBeNull();
    expect((await chair.sync()).state.counts).toMatchObject({ present: 0, presentRemote: 0 });

    // m2 taps Join before the start: an intent, shown, not yet counted.
    const m2 = await f.open("m2");
    await m2.ok({ type: "presence/join" });
    expect(await entryOf(chair, f.idOf("m2"))).toMatchObject({ status: null, joining: true, joinedAt: null });
    expect((await chair.sync()).state.counts.present).toBe(0);
    // m3 taps, then closes the app before the start: the intent goes with them.
    const m3 = await f.open("m3");
    await m3.ok({ type: "presence/join" });
    const from = chair.received.length;
    m3.close();
    await chair.event("attendance", (e) => e.entries.some((x) => x.personId === f.idOf("m3") && !x.joining), from);

    await advanceRoomClock(f.meetingId, 60_000);
    await chair.ok({ type: "meeting/start" });
    const snap = await chair.sync();
    const startedAt = snap.state.meeting.startedAt;
    const byId = new Map(snap.state.attendance.map((a) => [a.personId, a]));
    expect(byId.get(f.idOf("m2"))).toMatchObject({
      status: "present_remote",
      joining: false,
      joinedAt: startedAt,
      leftAt: null,
    });
    expect(byId.get(f.idOf("m1"))?.status).toBeNull();
    expect(byId.get(f.idOf("m3"))?.status).toBeNull();
    // The chair who only opened the room is not counted either until checked in.
    expect(byId.get(f.idOf("chair"))?.status).toBeNull();
    expect(snap.state.counts).toMatchObject({ present: 1, presentRemote: 1 });

    // Once live, the reader's tap makes them present at once, joined now.
    await advanceRoomClock(f.meetingId, 5 * 60_000);
    await reader.ok({ type: "presence/join" });
    const m1 = await entryOf(chair, f.idOf("m1"));
    expect(m1.status).toBe("present_remote");
    expect(Date.parse(m1.joinedAt!)).toBeGreaterThanOrEqual(Date.parse(startedAt!) + 5 * 60_000);
    // A second tap changes nothing.
    await reader.ok({ type: "presence/join" });
    expect((await entryOf(chair, f.idOf("m1"))).joinedAt).toBe(m1.joinedAt);
    // A guest has no Join tap: the visit's trace is written on connect (guest-presence.test.ts).
    const leader = await f.open("leader");
    await leader.refused({ type: "presence/join" }, "forbidden");
  });

  it("the start admits everyone joining in one mark, not an entry each, and a client applying it has the room's attendance", async () => {
    const f = await createMeeting();
    const chair = await f.open("chair");
    // m1 and m2 tap Join; m2 is then checked in at the hall (present already: listed on its own at the start);
    // m3 only reads.
    const m1 = await f.open("m1");
    await m1.ok({ type: "presence/join" });
    const m2 = await f.open("m2");
    await m2.ok({ type: "presence/join" });
    await chair.ok({ type: "presence/check-in", personId: f.idOf("m2"), mode: "hall" });
    await f.open("m3");
    const before = await chair.sync();
    const from = chair.received.length;

    await advanceRoomClock(f.meetingId, 60_000);
    await chair.ok({ type: "meeting/start" });
    const mark = await chair.event("attendance", (e) => !!e.admitted, from);
    expect(mark.entries.map((e) => e.personId)).toEqual([f.idOf("m2")]);
    const after = await chair.sync();
    expect(mark.admitted?.at).toBe(after.state.meeting.startedAt);

    // The client's way: the snapshot from before the start, then every event after it, in order.
    const view = copyForEvent(before.state);
    for (const m of chair.received.slice(from))
      if ("version" in m && m.type !== "snapshot" && m.version > before.version && m.version <= after.version)
        applyEvent(view, m as RoomEvent);
    const byPerson = (xs: typeof view.attendance) => [...xs].sort((a, b) => a.personId.localeCompare(b.personId));
    expect(byPerson(view.attendance)).toEqual(byPerson(after.state.attendance));
    expect(view.counts).toEqual(after.state.counts);
    expect(view.attendance.find((a) => a.personId === f.idOf("m1"))).toMatchObject({
      status: "present_remote",
      joining: false,
    });
    expect(view.attendance.find((a) => a.personId === f.idOf("m2"))?.status).toBe("present_hall");
    expect(view.attendance.find((a) => a.personId === f.idOf("m3"))?.status).toBeNull();
  });

  it("a member who leaves and comes back keeps one row with its times, in the room and in D1 after the close", async () => {
    const { f, chair } = await liveMeeting(["chair"]);
    await chair.ok({ type: "presence/check-in", personId: f.idOf("chair"), mode: "hall" });
    // m7 has no phone: checked in at the hall; joined at the check-in.
    await advanceRoomClock(f.meetingId, 2 * 60_000);
    await chair.ok({ type: "presence/check-in", personId: f.idOf("m7"), mode: "hall" });
    const hall = await entryOf(chair, f.idOf("m7"));
    expect(hall).toMatchObject({ status: "present_hall", leftAt: null });
    expect(hall.joinedAt).not.toBeNull();

    const m1 = await f.join("m1");
    const joined = (await entryOf(chair, f.idOf("m1"))).joinedAt;
    expect(joined).not.toBeNull();
    // m1 closes the app: left, still counted as present (they attended).
    await advanceRoomClock(f.meetingId, 10 * 60_000);
    let from = chair.received.length;
    m1.close();
    await chair.event("attendance", (e) => e.entries.some((x) => x.personId === f.idOf("m1") && !!x.leftAt), from);
    const left = await entryOf(chair, f.idOf("m1"));
    expect(left).toMatchObject({ status: "present_remote", joinedAt: joined });
    expect(Date.parse(left.leftAt!)).toBeGreaterThanOrEqual(Date.parse(joined!) + 10 * 60_000);
    expect((await chair.sync()).state.counts).toMatchObject({ present: 3, presentRemote: 1, presentHall: 2 });
    await eventually(async () => (await d1Rows(f.tenantId, f.meetingId)).get(f.idOf("m1"))?.leftAt === left.leftAt);

    // Back: the same row, first join kept, the leave cleared.
    from = chair.received.length;
    const again = await f.open("m1");
    await chair.event(
      "attendance",
      (e) => e.entries.some((x) => x.personId === f.idOf("m1") && x.leftAt === null),
      from,
    );
    expect(await entryOf(again, f.idOf("m1"))).toMatchObject({
      status: "present_remote",
      joinedAt: joined,
      leftAt: null,
    });

    // m2 joins and leaves for good before the close.
    const m2 = await f.join("m2");
    m2.close();
    await eventually(async () => !!(await entryOf(chair, f.idOf("m2"))).leftAt);
    await chair.ok({ type: "meeting/close" });

    const rows = await eventually(async () => {
      const r = await d1Rows(f.tenantId, f.meetingId);
      return r.size === 12 ? r : undefined;
    });
    expect(rows.get(f.idOf("m1"))).toMatchObject({ status: "present_remote", joinedAt: joined, leftAt: null });
    expect(rows.get(f.idOf("m2"))?.status).toBe("present_remote");
    expect(rows.get(f.idOf("m2"))?.leftAt).not.toBeNull();
    expect(rows.get(f.idOf("m7"))).toMatchObject({ status: "present_hall", joinedAt: hall.joinedAt, leftAt: null });
    // Never joined: absent without reason at the close, no times.
    expect(rows.get(f.idOf("m3"))).toMatchObject({ status: "absent_unexcused", joinedAt: null, leftAt: null });
    // The standing at the meeting is kept with the row, so the record reads the same when it changes later.
    expect(rows.get(f.idOf("m1"))?.memberStatus).toBe("official");
    expect(rows.get(f.idOf("probationary"))?.memberStatus).toBe("probationary");
  });
});

describe("hall hands are only for the hall", () => {
  it("refuses a hand count for a member connected remotely, with the room's error code, and changes nothing", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "taker", "m1"]);
    await c.taker!.ok({ type: "presence/check-in", personId: f.idOf("m7"), mode: "hall" });
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })
    ).entityId!;
    const refused = await c.taker!.refused(
      {
        type: "vote/hall",
        voteId,
        entries: [
          { personId: f.idOf("m7"), choice: "agree" },
          { personId: f.idOf("m1"), choice: "disagree" },
        ],
      },
      "not_in_hall",
    );
    expect(refused.message).toContain(MEMBER_NAMES.m1);
    let vote = (await chair.sync()).state.votes.find((v) => v.id === voteId)!;
    expect(vote.voted).toBe(0);
    // The hall member alone is taken; m1 votes on their own device.
    await c.taker!.ok({ type: "vote/hall", voteId, entries: [{ personId: f.idOf("m7"), choice: "agree" }] });
    await c.m1!.ok({ type: "vote/cast", voteId, choice: "disagree" });
    vote = (await chair.sync()).state.votes.find((v) => v.id === voteId)!;
    expect(vote).toMatchObject({ voted: 2, votedHall: 1, votedRemote: 1 });
  });
});

describe("console changes reach the live room", () => {
  it("a member added after the start is on the roster; a member made official may vote in the next vote", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "probationary"]);
    const admin = await login(f.admin.email);
    const first = (await chair.ok({ type: "vote/open", motion: "Biểu quyết một", rule: "resolution", secret: false }))
      .entityId!;
    await c.probationary!.refused({ type: "vote/cast", voteId: first, choice: "agree" }, "probationary_cannot_vote");
    await chair.ok({ type: "vote/close", voteId: first });

    const made = await api(
      "PATCH",
      `/api/tenants/${f.tenantId}/members/${f.people[MEMBER_NAMES.probationary]!.membershipId}`,
      admin,
      {
        status: "official",
      },
    );
    expect(made.status).toBe(200);
    const added = await api<{ personId: string }>("POST", `/api/tenants/${f.tenantId}/members`, admin, {
      fullName: "Mai Thị Mới Chuyển Đến",
      organizationId: f.branchId,
      status: "official",
    });
    expect(added.status).toBe(201);
    const newcomer = added.json.personId;

    const snap = await chair.sync();
    expect(snap.state.roster.find((m) => m.personId === f.idOf("probationary"))?.status).toBe("official");
    expect(snap.state.roster.find((m) => m.personId === newcomer)?.name).toBe("Mai Thị Mới Chuyển Đến");
    expect(snap.state.counts.members).toBe(13);
    // The newcomer is on the roster, so the chair can check them in; the former probationary votes now.
    await chair.ok({ type: "presence/check-in", personId: newcomer, mode: "hall" });
    const next = (await chair.ok({ type: "vote/open", motion: "Biểu quyết hai", rule: "resolution", secret: false }))
      .entityId!;
    await c.probationary!.ok({ type: "vote/cast", voteId: next, choice: "agree" });
    const vote = (await chair.sync()).state.votes.find((v) => v.id === next)!;
    expect(vote.voted).toBe(1);

    // An exemption set in the console mid-meeting (m5, who never came): exempt at once, out of the expected.
    const before = (await chair.sync()).state.counts.expected;
    const m5 = f.people[MEMBER_NAMES.m5]!.membershipId;
    const exempted = await api("PUT", `/api/tenants/${f.tenantId}/members/${m5}/exemption`, admin, {
      reason: "Ốm dài ngày",
      from: "2026-11-01",
    });
    expect(exempted.status).toBe(200);
    const after = await chair.sync();
    expect(after.state.roster.find((m) => m.personId === f.idOf("m5"))?.exempt).toBe(true);
    expect(after.state.attendance.find((a) => a.personId === f.idOf("m5"))?.status).toBe("exempt");
    expect(after.state.counts.expected).toBe(before - 1);
  });
});
