import { describe, expect, it } from "vitest";
import { parseRoomPagePath, roomPagePath, roomPageRoute } from "../../schema/room-page";

describe("live page addresses", () => {
  it("reads back the tenant, meeting and page of every path it builds", () => {
    for (const page of ["room", "hall"] as const) {
      expect(parseRoomPagePath(roomPagePath("t-1", "mtg é/1", page))).toEqual({
        tenantId: "t-1",
        meetingId: "mtg é/1",
        page,
      });
    }
    expect(roomPageRoute("hall")).toBe("/t/:tenantId/meetings/:meetingId/hall");
  });

  it("names nothing for other pages, extra segments or a malformed escape, and never throws", () => {
    for (const path of [
      "/t/t-1/meetings/m-1",
      "/t/t-1/meetings/m-1/minutes",
      "/t/t-1/meetings/m-1/room/",
      "/t/t-1/x/meetings/m-1/room",
      "/t/t-1/meetings/%E0%A4%A/room",
    ]) {
      expect(parseRoomPagePath(path), path).toBeNull();
    }
  });
});
