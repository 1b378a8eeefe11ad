import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { attendance, evaluations, leaderNotes, meetings, minutes } from "../../schema/db/tables";
import { draftMinutes } from "../../schema/record/minutes-draft";
import { factsOfRoomView } from "../../schema/record/minutes-facts";
import { dbOf } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { advanceRoomClock } from "../support/room-clock";
import { liveMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

describe("visiting leader", () => {
  it("keeps private notes per item, shared with the committee only when chosen", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "taker", "m1", "leader"]);
    await c.m1!.refused({ type: "note/save", body: "x", shared: false }, "forbidden");
    const note = await c.leader!.ok({
      type: "note/save",
      itemId: f.items[0]!.id,
      body: "Chi bộ chuẩn bị tốt, cần nhiều ý kiến hơn",
      shared: false,
    });
    const chairSnap = await chair.sync();
    expect(chairSnap.state.notes).toHaveLength(0);
    expect((await c.leader!.sync()).state.notes[0]).toMatchObject({
      id: note.entityId,
      itemId: f.items[0]!.id,
      shared: false,
    });

    const from = chair.received.length;
    const fromM1 = c.m1!.received.length;
    await c.leader!.ok({
      type: "note/save",
      noteId: note.entityId,
      itemId: f.items[0]!.id,
      body: "Chi bộ chuẩn bị tốt; đề nghị phát huy",
      shared: true,
    });
    const shared = await chair.event("notes", (e) => e.notes.length === 1, from);
    expect(shared.notes[0]).toMatchObject({ shared: true, body: "Chi bộ chuẩn bị tốt; đề nghị phát huy" });
    expect((await c.taker!.sync()).state.notes).toHaveLength(1);
    // An ordinary member never sees a leader's notes.
    expect((await c.m1!.sync()).state.notes).toHaveLength(0);
    expect(c.m1!.received.slice(fromM1).some((m) => m.type === "notes")).toBe(false);
    // Only a visiting leader writes notes, even with a known note id.
    await chair.refused({ type: "note/save", noteId: note.entityId, body: "x", shared: false }, "forbidden");

    const row = await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(leaderNotes)
        .where(and(eq(leaderNotes.tenantId, f.tenantId), eq(leaderNotes.meetingId, f.meetingId)));
      return r[0]?.sharedWithCommittee ? r[0] : undefined;
    });
    expect(row).toMatchObject({ personId: f.leader.id, agendaItemId: f.items[0]!.id });
  });

  it("posts guidance to the room and scores the meeting on the 100-point grid", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1", "leader"]);
    const from = c.m1!.received.length;
    await c.leader!.ok({ type: "guidance/post", body: "Đề nghị chi bộ bám sát Chỉ thị 50-CT/TW" });
    expect((await c.m1!.event("guidance", () => true, from)).guidance.body).toMatch(/50-CT\/TW/);
    await c.m1!.refused({ type: "guidance/post", body: "x" }, "forbidden");

    // 97 points but not full marks on speaking: Khá, not Tốt.
    const scores = {
      attendance: 20,
      preparation: 15,
      documents: 5,
      duration: 10,
      conduct: 10,
      speaking: 12,
      principles: 10,
      resolution: 10,
      minutes: 5,
    };
    await c.leader!.ok({ type: "evaluation/save", scores });
    let ev = await c.m1!.event("evaluation", () => true, from);
    expect(ev.evaluation).toMatchObject({ kind: "leader", total: 97, grade: "fair" });
    await c.leader!.ok({ type: "evaluation/save", scores: { ...scores, speaking: 15 } });
    ev = await c.m1!.event("evaluation", (e) => e.evaluation.total === 100, from);
    expect(ev.evaluation.grade).toBe("good");
    await chair.ok({
      type: "evaluation/save",
      scores: { attendance: 10, duration: 5, speaking: 5, minutes: 5, preparation: 10, conduct: 10, principles: 10 },
    });
    await c.leader!.refused({ type: "evaluation/save", scores: { attendance: 21 } }, "bad_message");
    await c.m1!.refused({ type: "evaluation/save", scores: {} }, "forbidden");
    const rows = await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(evaluations)
        .where(and(eq(evaluations.tenantId, f.tenantId), eq(evaluations.meetingId, f.meetingId)));
      return r.length === 2 && r.some((x) => x.total === 100) ? r : undefined;
    });
    expect(rows.find((r) => r.evaluatorKind === "leader")).toMatchObject({ total: 100, grade: "good" });
    expect(rows.find((r) => r.evaluatorKind === "branch")).toMatchObject({ total: 55, grade: "average" });
  });
});

describe("minutes and closing", () => {
  it("drafts the minutes from the room, edits live by revision, and closing freezes version 1 in D1", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "taker", "m1", "m2", "leader"]);
    await c.taker!.ok({ type: "presence/mark-absent", personId: f.idOf("m6"), excused: true, reason: "Ốm nằm viện" });
    await c.m1!.ok({ type: "queue/raise", kind: "speech" });
    await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
    await advanceRoomClock(f.meetingId, 90_000);
    await chair.ok({ type: "floor/end" });
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết tháng 11", rule: "resolution", secret: false })
    ).entityId!;
    await c.m1!.ok({ type: "vote/cast", voteId, choice: "agree" });
    // Closing with a vote still open is refused.
    await chair.refused({ type: "meeting/close" }, "vote_open");
    await chair.ok({ type: "vote/close", voteId });

    await c.m1!.refused({ type: "minutes/prefill" }, "forbidden");
    await c.taker!.ok({ type: "minutes/prefill" });
    let snap = await c.taker!.sync();
    // Nobody wrote yet: the body stays empty and the screen shows the room's draft, built as the room builds it.
    expect(snap.state.minutes.body).toBe("");
    const draft = draftMinutes(factsOfRoomView(snap.state));
    expect(draft).not.toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(draft).toContain(f.nameOf("chair"));
    expect(draft).toContain("Trịnh Văn Lãnh Đạo");
    expect(draft).toContain(`${f.nameOf("m6")} (Ốm nằm viện)`);
    expect(draft).toContain(`Đồng chí ${f.nameOf("m1")} phát biểu (2 phút)`);
    expect(draft).toContain("Biểu quyết số 1: Thông qua nghị quyết tháng 11");
    expect(draft).toMatch(/Kết quả biểu quyết số 1: .*KHÔNG THÔNG QUA/);
    const rev = snap.state.minutes.revision;
    await c.taker!.ok({
      type: "minutes/edit",
      body: `${draft}\nPhân công: đồng chí Một phụ trách thu quỹ.`,
      baseRevision: rev,
    });
    // An editor who missed that edit is told, not allowed to overwrite it.
    await chair.refused({ type: "minutes/edit", body: "ghi đè", baseRevision: rev }, "stale_revision");
    await c.m1!.refused({ type: "minutes/edit", body: "x", baseRevision: rev + 1 }, "forbidden");

    await c.m1!.refused({ type: "meeting/close" }, "forbidden");
    const from = c.m1!.received.length;
    await chair.ok({ type: "meeting/close" });
    const closed = await c.m1!.event("meeting", (e) => e.meeting.status === "closed", from);
    expect(closed.meeting.endedAt).not.toBeNull();
    snap = await c.m1!.sync();
    expect(snap.state.minutes.frozenVersion).toBe(1);
    // After close the room is read-only.
    await c.taker!.refused(
      { type: "minutes/edit", body: "muộn", baseRevision: snap.state.minutes.revision },
      "meeting_closed",
    );
    await c.m2!.refused({ type: "queue/raise", kind: "speech" }, "meeting_closed");

    const frozen = await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(minutes)
        .where(and(eq(minutes.tenantId, f.tenantId), eq(minutes.meetingId, f.meetingId)));
      return r[0];
    });
    expect(frozen).toMatchObject({ version: 1, status: "frozen", createdBy: f.idOf("chair") });
    expect(frozen.body).toContain("Phân công: đồng chí Một phụ trách thu quỹ.");
    const [m] = await dbOf(f.tenantId)
      .select()
      .from(meetings)
      .where(and(eq(meetings.tenantId, f.tenantId), eq(meetings.id, f.meetingId)));
    expect(m).toMatchObject({ status: "closed" });
    expect(m!.endedAt).not.toBeNull();
    // Attendance is settled for all 12: never recorded → absent without reason; the absent exempt stay exempt.
    const rows = await dbOf(f.tenantId)
      .select()
      .from(attendance)
      .where(and(eq(attendance.tenantId, f.tenantId), eq(attendance.meetingId, f.meetingId)));
    // 12 members, and the visiting leader's presence row (the trace of the visit).
    const att = rows.filter((a) => a.personId !== f.leader.id);
    expect(rows).toHaveLength(13);
    expect(att).toHaveLength(12);
    const st = new Map(att.map((a) => [a.personId, a.status]));
    expect(st.get(f.idOf("exempt1"))).toBe("exempt");
    expect(st.get(f.idOf("m7"))).toBe("absent_unexcused");
    expect(st.get(f.idOf("m6"))).toBe("absent_excused");
    expect(st.get(f.idOf("m1"))).toBe("present_remote");
  });
});

describe("long minutes", () => {
  it("accepts minutes at the 60,000-character limit and refuses one character more", async () => {
    const { c } = await liveMeeting(["chair", "taker"]);
    const body = "Đồng chí phát biểu.\n".repeat(3000);
    expect(body.length).toBe(60_000);
    await c.taker!.ok({ type: "minutes/edit", body, baseRevision: 0 });
    await c.taker!.refused({ type: "minutes/edit", body: `${body}x`, baseRevision: 1 }, "bad_message");
    expect((await c.chair!.sync()).state.minutes.body).toBe(body);
  });
});
