/**
 * What the minutes are written from: the meeting's record as plain data. Built from the live room
 * (`factsOfRoomView`, the room and the minutes-taker's screen both use it) and from D1 after the close
 * (worker/data/minutes-facts.ts), so the draft (minutes-draft.ts) and the approval check (minutes-counts.ts)
 * read one shape wherever they run. Pure, runtime-safe.
 */
import type { ReviewStatus } from "../api/resolution-labels.ts";
import type { Grade } from "../quality-grid.ts";
import type { RoomView } from "../room/views.ts";
import type { AttendanceStatus, VoteResult, VoteRule } from "../vote-rules.ts";

/** A task of an earlier resolution as this meeting reviewed it (schema/api/resolutions.ts `TaskUnderReview`). */
export interface TaskReviewFact {
  title: string;
  leadName: string;
  /** `YYYY-MM-DD` */
  deadline: string;
  /** "Số 05-NQ/CB" of the resolution it comes from. */
  resolutionNumber: string;
  review: { status: ReviewStatus; note: string } | null;
}

export interface MinutesFacts {
  topic: string;
  place: string;
  scheduledAt: string;
  startedAt: string | null;
  endedAt: string | null;
  chairName: string | null;
  minutesTakerName: string | null;
  guests: { name: string; title: string }[];
  /**
   * How remote people heard the meeting (issue 13): only `builtin` splits the remote count by who heard the hall
   * with sound. Absent: as `hall_only` (facts built before it existed).
   */
  mediaMode?: "hall_only" | "external" | "builtin";
  /**
   * The branch's roster at the meeting; `attendance` null while not recorded (the close settles it). `heard`: heard
   * the hall with sound through built-in media at some point of the meeting.
   */
  members: {
    name: string;
    official: boolean;
    attendance: AttendanceStatus | null;
    reason: string | null;
    heard?: boolean;
  }[];
  /** `task_review`: the item that reviews the last resolution's tasks (its lines are `taskReviews`). */
  agenda: { id: string; position: number; title: string; kind?: "item" | "task_review" }[];
  /** The review of earlier resolutions' tasks, printed under the `task_review` item (task-review-lines.ts). */
  taskReviews?: TaskReviewFact[];
  /** In the order they were made. */
  speeches: { personId: string; name: string; itemId: string | null; durationSeconds: number }[];
  /** In the order they were opened: "vote no. 1" is the first opened, in the draft and in the check alike. */
  votes: {
    id: string;
    itemId: string | null;
    motion: string;
    rule: VoteRule;
    secret: boolean;
    /** null while the vote is open. */
    closing: { base: number; agree: number; disagree: number; abstain: number; result: VoteResult } | null;
  }[];
  reserved: { voteId: string; name: string; body: string }[];
  /** Ordered by evaluator id, so both sides number several evaluations of one kind alike. */
  evaluations: { personId: string; name: string; kind: "branch" | "leader"; total: number; grade: Grade }[];
}

const byPerson = <T extends { personId: string }>(a: T, b: T) => a.personId.localeCompare(b.personId);

/** The facts of a room as a client (or the room itself, through its own view) sees it. */
export function factsOfRoomView(view: RoomView): MinutesFacts {
  const m = view.meeting;
  const who = new Map<string, string>([
    ...view.roster.map((p) => [p.personId, p.name] as const),
    ...view.guests.map((g) => [g.personId, g.name] as const),
  ]);
  const att = new Map(view.attendance.map((a) => [a.personId, a]));
  return {
    topic: m.topic,
    place: m.place,
    scheduledAt: m.scheduledAt,
    startedAt: m.startedAt,
    endedAt: m.endedAt,
    chairName: m.chairPersonId ? (who.get(m.chairPersonId) ?? null) : null,
    minutesTakerName: m.minutesTakerPersonId ? (who.get(m.minutesTakerPersonId) ?? null) : null,
    guests: view.guests.map((g) => ({ name: g.name, title: g.title })),
    mediaMode: m.mediaMode ?? "hall_only",
    members: view.roster.map((p) => ({
      name: p.name,
      official: p.status === "official",
      attendance: att.get(p.personId)?.status ?? null,
      reason: att.get(p.personId)?.reason ?? null,
      heard: Boolean(att.get(p.personId)?.heardAt),
    })),
    agenda: view.agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, kind: a.kind ?? "item" })),
    taskReviews: view.agenda.find((a) => a.kind === "task_review")?.reviews ?? [],
    speeches: view.speeches.map((s) => ({
      personId: s.personId,
      name: s.name,
      itemId: s.itemId,
      durationSeconds: s.durationSeconds,
    })),
    // Numbered in the order they opened, ties by id: as D1's copy is (worker/data/minutes-facts.ts).
    votes: [...view.votes]
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id))
      .map((v) => ({
        id: v.id,
        itemId: v.itemId,
        motion: v.motion,
        rule: v.rule,
        secret: v.secret,
        closing: v.status === "closed" && v.result && v.tally ? { base: v.base, ...v.tally, result: v.result } : null,
      })),
    reserved: view.reservedOpinions.map((r) => ({ voteId: r.voteId, name: r.name, body: r.body })),
    evaluations: view.evaluations
      .map((e) => ({ personId: e.personId, name: e.name, kind: e.kind, total: e.total, grade: e.grade }))
      .sort(byPerson),
  };
}
