/**
 * The record after close, read through the API straight away: while the room's outbox has not all landed in D1 the
 * answer says "saving" and is not complete (never a half record); once it has, complete with every row.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { MeetingRecordAnswer } from "../../schema/api/meetings";
import { api, d1Of, login } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { liveMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

const meetingStatus = async (f: { tenantId: string }, id: string) =>
  (await d1Of(f.tenantId).prepare("select status from meetings where id = ?").bind(id).first<{ status: string }>())
    ?.status;

describe("the record while the room's copy lands in D1", () => {
  it("says saving, not complete, until every row the room owes has landed; then complete with the speech", async () => {
    const { f, chair } = await liveMeeting(["chair", "taker", "m1"]);
    const token = await login(f.admin.email);
    const url = `/api/tenants/${f.tenantId}/meetings/${f.meetingId}/record`;
    const read = async () => {
      const res = await api<MeetingRecordAnswer>("GET", url, token);
      expect(res.status).toBe(200);
      return res.json;
    };
    // Live, nothing closed yet: neither saving nor complete.
    expect(await read()).toMatchObject({ complete: false, saving: false });

    // D1 refuses the speech's write (reads still work): it stays in the room's outbox, the close op behind it.
    await d1Of(f.tenantId).exec(
      "CREATE TRIGGER refuse_speeches BEFORE INSERT ON speeches BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    try {
      await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
      await chair.ok({ type: "floor/end" });
      await chair.ok({ type: "meeting/close" });
      const saving = await read();
      expect(saving).toMatchObject({ complete: false, saving: true });
      // The meeting is not yet closed in D1: the close op lands after the rows before it.
      expect(await meetingStatus(f, f.meetingId)).toBe("live");
    } finally {
      await d1Of(f.tenantId).exec("DROP TRIGGER refuse_speeches");
    }
    await runDurableObjectAlarm(env.MeetingRoom.get(env.MeetingRoom.idFromName(f.meetingId)));
    const done = await eventually(async () => {
      const r = await read();
      return r.complete ? r : undefined;
    });
    expect(done.saving).toBe(false);
    expect(await meetingStatus(f, f.meetingId)).toBe("closed");
    expect(done.speeches).toEqual([expect.objectContaining({ personId: f.idOf("m1") })]);
    expect(done.attendance.filter((a) => a.status === "present_remote" || a.status === "present_hall")).toHaveLength(3);
  });

  it("never answers complete with a row missing, read as fast as the close lands", async () => {
    const { f, chair } = await liveMeeting(["chair", "taker", "m1", "m2"]);
    const token = await login(f.admin.email);
    const url = `/api/tenants/${f.tenantId}/meetings/${f.meetingId}/record`;
    await chair.ok({ type: "floor/give", personId: f.idOf("m2") });
    await chair.ok({ type: "floor/end" });
    await chair.ok({ type: "meeting/close" });
    const seen: MeetingRecordAnswer[] = [];
    const done = await eventually(async () => {
      const r = (await api<MeetingRecordAnswer>("GET", url, token)).json;
      seen.push(r);
      return r.complete ? r : undefined;
    });
    // Before complete it only ever said saving; complete carries the speech and everyone's attendance.
    for (const r of seen.slice(0, -1)) expect(r).toMatchObject({ complete: false, saving: true });
    expect(done.speeches).toHaveLength(1);
    expect(done.attendance.length).toBeGreaterThanOrEqual(4);
  });
});
