/**
 * The SFU track list and attendance by media, pure: who may be listed, what the floor's end, the chair's mute and
 * the close take off (the hall's tracks stay until the close), what the view shows (no mids), and `rtc/media`'s
 * effect on attendance. Also the close at Cloudflare of pruned tracks, against a fake fetch.
 */
import { describe, expect, it } from "vitest";
import { hearing } from "../../party/logic/attendance-media";
import { addTracks, isListed, mediaView, pruneTracks, removeClosed } from "../../party/logic/media-tracks";
import { endFloor, giveFloor } from "../../party/logic/queue";
import { mute } from "../../party/logic/rtc";
import { type Actor, type Ctx, initialState, type Result, type RoomState } from "../../party/logic/state";
import { closeAtSfu } from "../../party/sfu-close";
import { plannedMeeting } from "./planned-meeting";

const T0 = Date.parse("2026-11-22T12:00:00Z");
const ctx: Ctx = { now: T0, newId: () => crypto.randomUUID() };
const actor = (personId: string, role: Actor["role"] = "official"): Actor => ({ personId, role, name: personId });

/** Chair p1 (the hall device), members p2, p3, guest g1; live, built-in media. */
function room(mediaMode: "builtin" | "hall_only" = "builtin"): RoomState {
  const roster = ["p1", "p2", "p3"].map((personId, i) => ({
    personId,
    name: personId,
    status: "official" as const,
    branchRole: i === 0 ? ("secretary" as const) : ("member" as const),
    exempt: false,
  }));
  const s = initialState(
    { meeting: plannedMeeting, roster, guests: [{ personId: "g1", name: "g1", title: "Tỉnh ủy viên" }], agenda: [] },
    T0,
  );
  return {
    ...s,
    meeting: { ...s.meeting, chairPersonId: "p1", status: "live", startedAt: plannedMeeting.scheduledAt, mediaMode },
  };
}
const must = (r: Result): RoomState => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.state;
};
const audio = (p: string, mid = "0") => ({ trackName: `audio-${p}`, mid });

describe("the SFU track list", () => {
  it("lists the hall device's tracks and the floor holder's, nobody else's; the view has no mids", () => {
    const s = room();
    expect(addTracks(s, "p2", "sess-p2", [audio("p2")])).toBeNull();
    const hall = addTracks(s, "p1", "sess-hall", [audio("p1")])!;
    const speaking = addTracks(must(giveFloor(hall, "p2", undefined, ctx)), "p2", "sess-p2", [
      audio("p2"),
      { trackName: "video-p2", mid: "1" },
    ])!;
    expect(mediaView(speaking).tracks).toEqual([
      { personId: "p1", sessionId: "sess-hall", trackName: "audio-p1", kind: "audio" },
      { personId: "p2", sessionId: "sess-p2", trackName: "audio-p2", kind: "audio" },
      { personId: "p2", sessionId: "sess-p2", trackName: "video-p2", kind: "video" },
    ]);
    expect(isListed(speaking, "sess-p2", "video-p2")).toBe(true);
    expect(isListed(speaking, "sess-hall", "audio-p2")).toBe(false);
    // Published again on a new session: one entry, the new one.
    const again = addTracks(speaking, "p1", "sess-hall-2", [audio("p1")])!;
    expect(mediaView(again).tracks.filter((t) => t.personId === "p1")).toEqual([
      { personId: "p1", sessionId: "sess-hall-2", trackName: "audio-p1", kind: "audio" },
    ]);
  });

  it("prunes the speaker's tracks when the floor ends or the chair mutes, the hall's only at the close", () => {
    const hall = addTracks(room(), "p1", "sess-hall", [audio("p1")])!;
    const speaking = addTracks(must(giveFloor(hall, "p2", undefined, ctx)), "p2", "sess-p2", [audio("p2")])!;
    const ended = must(endFloor(speaking, ctx));
    const pruned = pruneTracks(speaking, ended);
    expect(pruned.removed.map((t) => [t.personId, t.mid])).toEqual([["p2", "0"]]);
    expect(mediaView(pruned.state).tracks.map((t) => t.personId)).toEqual(["p1"]);

    const muted = must(mute(speaking, actor("p1", "chair"), "p2", ctx));
    expect(pruneTracks(speaking, muted).removed.map((t) => t.personId)).toEqual(["p2"]);
    // Nothing that tells anyone to stop (a queue change) keeps the list as it is.
    expect(pruneTracks(speaking, speaking)).toEqual({ state: speaking, removed: [] });
    const closed = { ...hall, meeting: { ...hall.meeting, status: "closed" as const } };
    expect(pruneTracks(hall, closed).removed.map((t) => t.personId)).toEqual(["p1"]);
    expect(mediaView(pruneTracks(hall, closed).state).tracks).toEqual([]);
  });

  it("unlists only the closing publisher's own tracks of that session", () => {
    const hall = addTracks(room(), "p1", "sess-hall", [audio("p1")])!;
    expect(removeClosed(hall, "p2", "sess-hall", ["0"])).toBe(hall);
    expect(removeClosed(hall, "p1", "other", ["0"])).toBe(hall);
    expect(mediaView(removeClosed(hall, "p1", "sess-hall", ["0"])).tracks).toEqual([]);
  });

  it("closes pruned tracks at Cloudflare, one forced call per session; a failure is logged, not thrown", async () => {
    const sent: { url: string; body: unknown }[] = [];
    const f = (async (url: string, init?: RequestInit) => {
      sent.push({ url, body: JSON.parse(String(init?.body)) });
      return url.includes("broken") ? new Response("no", { status: 500 }) : Response.json({ tracks: [] });
    }) as typeof fetch;
    const removed = [
      { personId: "p2", sessionId: "s2", trackName: "audio-p2", kind: "audio" as const, mid: "0" },
      { personId: "p2", sessionId: "s2", trackName: "video-p2", kind: "video" as const, mid: "1" },
      { personId: "p3", sessionId: "broken", trackName: "audio-p3", kind: "audio" as const, mid: "0" },
    ];
    await closeAtSfu({}, removed, f);
    expect(sent).toEqual([]);
    await closeAtSfu({ REALTIME_APP_ID: "app", REALTIME_APP_TOKEN: "tok" }, removed, f);
    expect(sent).toEqual([
      {
        url: "https://rtc.live.cloudflare.com/v1/apps/app/sessions/s2/tracks/close",
        body: { tracks: [{ mid: "0" }, { mid: "1" }], force: true },
      },
      {
        url: "https://rtc.live.cloudflare.com/v1/apps/app/sessions/broken/tracks/close",
        body: { tracks: [{ mid: "0" }], force: true },
      },
    ]);
  });
});

describe("attendance by media", () => {
  it("a member who hears is present remote with heardAt; stopping keeps heardAt; a hall check-in stays", () => {
    const s = room();
    const heard = hearing(s, actor("p2"), true, ctx);
    expect(heard.ok && heard.outbox).toEqual([
      {
        kind: "attendance",
        entries: [
          expect.objectContaining({ personId: "p2", status: "present_remote", heardAt: "2026-11-22T12:00:00.000Z" }),
        ],
      },
    ]);
    const later = { ...ctx, now: T0 + 60_000 };
    const off = must(hearing(must(heard), actor("p2"), false, later));
    expect(off.attendance.p2).toMatchObject({ hearing: false, heardAt: "2026-11-22T12:00:00.000Z" });
    // Hearing again changes nothing D1 keeps: no outbox.
    const on = hearing(off, actor("p2"), true, later);
    expect(on.ok && on.outbox).toEqual([]);
    const hallCheck = {
      ...s,
      attendance: { p3: { personId: "p3", status: "present_hall" as const, reason: null, recordedBy: "p1", at: "x" } },
    };
    expect(must(hearing(hallCheck, actor("p3"), true, ctx)).attendance.p3?.status).toBe("present_hall");
  });

  it("refuses the hall device, observers, another media mode; a guest is acked with nothing stored", () => {
    expect(hearing(room(), actor("p1", "chair"), true, ctx)).toMatchObject({ ok: false, code: "forbidden" });
    expect(hearing(room(), actor("o1", "observer"), true, ctx)).toMatchObject({ ok: false, code: "forbidden" });
    expect(hearing(room("hall_only"), actor("p2"), true, ctx)).toMatchObject({ ok: false, code: "conflict" });
    const s = room();
    expect(hearing(s, actor("g1", "leader"), true, ctx)).toEqual({
      ok: true,
      state: s,
      changes: [],
      outbox: [],
      ack: undefined,
    });
  });
});
