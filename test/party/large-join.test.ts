/**
 * Joining a large room (issue 14 item 2): the snapshot's shared part is serialised once per version and Join taps
 * arriving together share one storage commit (and one D1 write). Checked: nothing of it shows — each member's own
 * parts stay theirs, a change is in the next snapshot, an acknowledged tap survives an eviction, and every tap of
 * a batch reaches D1.
 */
import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { refreshEveryMs } from "../../party/admission";
import { COALESCE_FROM } from "../../party/fanout";
import { attendance } from "../../schema/db/tables";
import { dbOf } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { connectObservers, createMeeting, liveMeeting, type MeetingFixture, type Who } from "./meeting-fixture";

afterEach(() => closeAllRooms());

/** Observers past the coalescing mark: the room counts as large from here on. */
const fillWithObservers = (f: MeetingFixture, already: number) => connectObservers(f, COALESCE_FROM + 2 - already);

const TAPPERS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"] as const satisfies readonly Who[];

describe("joining a large room", () => {
  it("re-reads a planned meeting from D1 every 3 s, less often for a branch of thousands", () => {
    expect(refreshEveryMs(12)).toBe(3_000);
    expect(refreshEveryMs(600)).toBe(3_000);
    expect(refreshEveryMs(2_000)).toBe(10_000);
  });

  it("gives each member their own parts in the shared snapshot, and a change in the next one", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1", "m2", "leader"]);
    await fillWithObservers(f, 4);
    const note = await c.leader!.ok({
      type: "note/save",
      itemId: f.items[0]!.id,
      body: "Ghi chú riêng",
      shared: false,
    });
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })
    ).entityId!;
    await c.m1!.ok({ type: "vote/cast", voteId, choice: "agree" });
    const m1 = await c.m1!.sync();
    const m2 = await c.m2!.sync();
    const leader = await c.leader!.sync();
    expect(m1.you).toMatchObject({ personId: f.idOf("m1"), ballots: { [voteId]: "agree" } });
    expect(m2.you).toMatchObject({ personId: f.idOf("m2"), ballots: {} });
    expect(m1.state.notes).toEqual([]);
    expect(leader.state.notes.map((n) => n.id)).toEqual([note.entityId]);
    expect(m2.state.roster).toEqual(m1.state.roster);

    await chair.ok({ type: "agenda/go", itemId: f.items[1]!.id });
    const after = await c.m2!.sync();
    expect(after.version).toBeGreaterThan(m2.version);
    expect(after.state.currentItemId).toBe(f.items[1]!.id);
  });

  it("keeps every acknowledged Join tap of a batch through an eviction, and counts them from the start", async () => {
    const f = await createMeeting();
    const chair = await f.open("chair");
    await fillWithObservers(f, 1);
    const members = await Promise.all(TAPPERS.map((w) => f.open(w)));
    // Sent together: the taps wait for one shared commit.
    const taps = await Promise.all(members.map((m) => m.request({ type: "presence/join" })));
    expect(taps.map((t) => t.type)).toEqual(TAPPERS.map(() => "ack"));

    await evictDurableObject(env.MeetingRoom.get(env.MeetingRoom.idFromName(f.meetingId)));
    await chair.ok({ type: "meeting/start" });
    const snap = await chair.sync();
    for (const w of TAPPERS)
      expect(snap.state.attendance.find((a) => a.personId === f.idOf(w))?.status).toBe("present_remote");
  });

  it("writes the attendance of every tap in a live batch to D1, with its join time", async () => {
    const { f } = await liveMeeting(["chair"]);
    await fillWithObservers(f, 1);
    const members = await Promise.all(TAPPERS.map((w) => f.open(w)));
    const taps = await Promise.all(members.map((m) => m.request({ type: "presence/join" })));
    expect(taps.map((t) => t.type)).toEqual(TAPPERS.map(() => "ack"));
    const rows = await eventually(async () => {
      const found = await dbOf(f.tenantId)
        .select()
        .from(attendance)
        .where(and(eq(attendance.tenantId, f.tenantId), eq(attendance.meetingId, f.meetingId)));
      const tapped = found.filter((r) => TAPPERS.some((w) => f.idOf(w) === r.personId));
      return tapped.length === TAPPERS.length ? tapped : undefined;
    });
    for (const r of rows) expect(r).toMatchObject({ status: "present_remote", joinedAt: expect.any(String) });
  });
});
