/**
 * Issue 13 item 1: the room's meeting view says how remote people hear and speak, and carries an external call's
 * link to the room's participants (members and guests, whom the ticket alone admits).
 */
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { meetings } from "../../schema/db/tables";
import { dbOf } from "../support/fixtures";
import { closeAllRooms } from "../support/room-client";
import { createMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

const LINK = "https://meet.example.vn/chi-bo-kp1";

describe("the room's media mode", () => {
  it("is hall only for a meeting planned without one, with no link", async () => {
    const f = await createMeeting();
    const { state } = await (await f.join("chair")).snapshot();
    expect(state.meeting).toMatchObject({ mediaMode: "hall_only", mediaLink: null });
  });

  it("carries an external call's link to members and the visiting leader", async () => {
    const f = await createMeeting();
    await dbOf(f.tenantId)
      .update(meetings)
      .set({ mediaMode: "external", mediaLink: LINK })
      .where(and(eq(meetings.tenantId, f.tenantId), eq(meetings.id, f.meetingId)));
    for (const who of ["chair", "m1", "leader"] as const) {
      const { state } = await (await f.join(who)).snapshot();
      expect(state.meeting, who).toMatchObject({ mediaMode: "external", mediaLink: LINK });
    }
  });

  it("never sends a link stored beside another mode", async () => {
    const f = await createMeeting();
    // Not reachable through the API (it refuses a link without an external call); the room does not trust it.
    await dbOf(f.tenantId)
      .update(meetings)
      .set({ mediaMode: "builtin", mediaLink: LINK })
      .where(and(eq(meetings.tenantId, f.tenantId), eq(meetings.id, f.meetingId)));
    const { state } = await (await f.join("m1")).snapshot();
    expect(state.meeting).toMatchObject({ mediaMode: "builtin", mediaLink: null });
  });
});
