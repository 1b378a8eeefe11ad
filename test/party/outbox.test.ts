import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { speeches } from "../../schema/db/tables";
import { d1Of, dbOf } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { liveMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

describe("outbox to D1", () => {
  it("keeps an acknowledged speech in the room while D1 fails, and writes it on the alarm's retry", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1"]);
    const stub = env.MeetingRoom.get(env.MeetingRoom.idFromName(f.meetingId));
    // Make D1 refuse the write: the speeches table is briefly gone.
    await d1Of(f.tenantId).exec("ALTER TABLE speeches RENAME TO speeches_away");
    try {
      await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
      await chair.ok({ type: "floor/end" });
      // The room still shows it: it was acknowledged from the room's own storage.
      expect((await c.m1!.sync()).state.speeches).toHaveLength(1);
      // The room tried to write it to D1 and counted the failure: the op waits in its outbox for a retry.
      await eventually(() =>
        runInDurableObject(
          stub,
          (_room, state) =>
            state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM room_outbox WHERE attempts > 0").one().n >
            0,
        ),
      );
    } finally {
      await d1Of(f.tenantId).exec("ALTER TABLE speeches_away RENAME TO speeches");
    }
    const none = await dbOf(f.tenantId)
      .select()
      .from(speeches)
      .where(and(eq(speeches.tenantId, f.tenantId), eq(speeches.meetingId, f.meetingId)));
    expect(none).toHaveLength(0);
    await runDurableObjectAlarm(stub);
    const rows = await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(speeches)
        .where(and(eq(speeches.tenantId, f.tenantId), eq(speeches.meetingId, f.meetingId)));
      return r.length ? r : undefined;
    });
    expect(rows[0]).toMatchObject({ personId: f.idOf("m1") });
  });
});
