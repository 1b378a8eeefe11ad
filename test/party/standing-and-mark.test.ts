import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { meetings, memberships } from "../../schema/db/tables";
import { dbOf } from "../support/fixtures";
import { closeAllRooms } from "../support/room-client";
import { createMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

describe("who counts, and the duration mark", () => {
  it("leaves transferred, suspended and detained members off the roster, the counts and the vote base", async () => {
    const f = await createMeeting();
    const away = { m5: "transferred", m6: "suspended", m7: "detained" } as const;
    for (const [who, standing] of Object.entries(away)) {
      await dbOf(f.tenantId)
        .update(memberships)
        .set({ standing })
        .where(and(eq(memberships.tenantId, f.tenantId), eq(memberships.personId, f.idOf(who as keyof typeof away))));
    }
    const chair = await f.join("chair");
    const { state } = await chair.snapshot();
    const onRoster = state.roster.map((m) => m.personId);
    for (const who of Object.keys(away)) expect(onRoster).not.toContain(f.idOf(who as keyof typeof away));
    // 12 on the books, 3 away: 9 members (8 official, 1 probationary), 2 exempt; 6 official members expected.
    expect(state.counts).toMatchObject({ members: 9, official: 8, probationary: 1, exempt: 2, expected: 6 });
    await chair.ok({ type: "meeting/start" });
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })
    ).entityId!;
    const vote = await chair.event("vote", (e) => e.vote.id === voteId, 0);
    // The base: 8 official less the 2 exempt who are absent; a transferred member is no longer "needed".
    expect(vote.vote.base).toBe(6);
    // A member away cannot enter the room's vote either: their ticket's person is not on the roster.
    const suspended = await f.open("m6");
    await suspended.refused({ type: "vote/cast", voteId, choice: "agree" }, "guest_cannot_vote");
  });

  it("sets the 120-minute mark for a combined thematic and regular meeting, 90 otherwise", async () => {
    const regular = await createMeeting();
    expect((await (await regular.join("chair")).snapshot()).state.meeting.durationMarkMinutes).toBe(90);
    const combined = await createMeeting();
    await dbOf(combined.tenantId)
      .update(meetings)
      .set({ combined: true })
      .where(and(eq(meetings.tenantId, combined.tenantId), eq(meetings.id, combined.meetingId)));
    expect((await (await combined.join("chair")).snapshot()).state.meeting.durationMarkMinutes).toBe(120);
  });
});
