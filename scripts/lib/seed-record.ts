/**
 * The signed record of a held meeting as the demo seeds it: the branch's grade on the quality grid (the points the
 * room measures from the meeting's own rows, `suggestScores`, the rest from how carefully the branch works), a
 * visiting leader's grade, approved minutes, and the issued resolution with its tasks. Fixed ids, fixed times.
 */
import { type Grade, gradeOf, qualityGrid, type Scores, suggestScores } from "../../schema/quality-grid.ts";
import { resolutionNumberLabel } from "../../schema/record/resolution-text.ts";
import { addMinutes } from "./meeting-content.ts";
import type { ReviewStatus } from "./record-content.ts";
import type { HeldMeeting } from "./seed-meetings.ts";
import { attendanceSummary, minutesText, resolutionBody } from "./seed-minutes.ts";
import type { SqlWriter } from "./sql.ts";

export interface SeedTask {
  id: string;
  title: string;
  leadId: string;
  leadName: string;
  deadline: string;
  reportBack: string;
  /** The number of the resolution it belongs to. */
  resolutionNumber: number;
  /** As the latest review left it (`open` before any), and the day a review first marked it done. */
  status: "open" | ReviewStatus;
  doneOn: string | null;
}
export interface SeedReview {
  task: SeedTask;
  status: ReviewStatus;
  note: string;
}

export interface RecordSpec {
  held: HeldMeeting;
  branchName: string;
  names: Map<string, string>;
  /** 0..1: how well the branch prepares and runs its meetings, for the points the room cannot measure. */
  care: number;
  leader?: { personId: string; name: string; title: string };
  /** Who confirms the grade that counts, when the committee already has. */
  confirmedBy?: string;
  reviews: SeedReview[];
  tasks: SeedTask[];
  forMonth: string;
  resolution: { year: number; number: number };
}

function scoresOf(r: () => number, held: HeldMeeting, care: number): Scores {
  const c = attendanceSummary(held);
  const measured = suggestScores({
    attendanceRate: c.rate,
    unexcusedAbsences: held.attendance.filter((a) => a.status === "absent_unexcused").length,
    durationMinutes: Math.round((Date.parse(held.endedAt!) - Date.parse(held.startedAt!)) / 60_000),
    combined: false,
    speakerShare: c.present === 0 ? 0 : new Set(held.speeches.map((s) => s.personId)).size / c.present,
    minutesWritten: true,
  });
  const scores: Scores = { ...measured };
  for (const k of qualityGrid) {
    if (scores[k.key] !== undefined) continue;
    const share = Math.min(1, Math.max(0.1, care + (r() - 0.5) * 0.2));
    scores[k.key] = Math.round(k.max * share);
  }
  return scores;
}

export function writeRecord(w: SqlWriter, r: () => number, spec: RecordSpec): void {
  const { held } = spec;
  const m = held.spec;
  const endedAt = held.endedAt!;
  const grades: { personId: string; name: string; kind: "branch" | "leader"; total: number; grade: Grade }[] = [];
  const evaluation = (id: string, by: string, kind: "branch" | "leader", scores: Scores, confirmed: boolean) => {
    const { total, grade } = gradeOf(scores);
    grades.push({ personId: by, name: spec.names.get(by) ?? spec.leader?.name ?? "", kind, total, grade });
    w.insert("evaluations", {
      id,
      tenant_id: m.tenantId,
      meeting_id: m.id,
      evaluator_person_id: by,
      evaluator_kind: kind,
      scores_json: JSON.stringify(scores),
      total,
      grade,
      confirmed_by: confirmed ? (spec.confirmedBy ?? null) : null,
      confirmed_at: confirmed ? addMinutes(endedAt, 60 * 24 * 20) : null,
      created_at: addMinutes(endedAt, -10),
    });
  };
  const own = scoresOf(r, held, spec.care);
  // The grade that counts is the leader's when one came; that is the one the committee confirms.
  evaluation(`${m.id}-ev`, m.branch.secretaryId, "branch", own, !!spec.confirmedBy && !spec.leader);
  if (spec.leader) {
    const theirs = { ...own, preparation: Math.max(0, (own.preparation ?? 0) - Math.floor(r() * 4)) };
    evaluation(`${m.id}-ev-leader`, spec.leader.personId, "leader", theirs, !!spec.confirmedBy);
  }

  const body = minutesText({
    held,
    names: spec.names,
    guests: spec.leader ? [{ name: spec.leader.name, title: spec.leader.title }] : [],
    reviews: spec.reviews.map((x) => ({
      title: x.task.title,
      leadName: x.task.leadName,
      deadline: x.task.deadline,
      resolutionNumber: resolutionNumberLabel(x.task.resolutionNumber),
      review: { status: x.status, note: x.note },
    })),
    grades,
  });
  // Read back and approved at the end of the meeting (its last agenda item), as the branch does.
  w.insert("minutes", {
    id: `${m.id}-min1`,
    tenant_id: m.tenantId,
    meeting_id: m.id,
    version: 1,
    body,
    status: "approved",
    created_by: m.branch.minutesTakerId,
    approved_by: m.branch.secretaryId,
    approved_at: endedAt,
    created_at: addMinutes(endedAt, -5),
  });
  for (const x of spec.reviews)
    w.insert("task_reviews", {
      tenant_id: m.tenantId,
      meeting_id: m.id,
      task_id: x.task.id,
      status: x.status,
      note: x.note,
      reviewed_by: m.branch.secretaryId,
      reviewed_at: addMinutes(held.startedAt!, 15),
    });

  const resolutionId = `${m.id}-nq`;
  w.insert("resolutions", {
    id: resolutionId,
    tenant_id: m.tenantId,
    meeting_id: m.id,
    organization_id: m.branch.id,
    year: spec.resolution.year,
    number: spec.resolution.number,
    body: resolutionBody({
      held,
      branchName: spec.branchName,
      forMonth: spec.forMonth,
      reviewed: { done: spec.reviews.filter((x) => x.status === "done").length, total: spec.reviews.length },
      tasks: spec.tasks,
    }),
    adopted_vote_id: held.vote?.id ?? null,
    status: "issued",
    created_by: m.branch.minutesTakerId,
    created_at: endedAt,
    issued_by: m.branch.secretaryId,
    issued_at: addMinutes(endedAt, 60 * 14),
  });
  for (const [i, t] of spec.tasks.entries())
    w.insert("resolution_tasks", {
      id: t.id,
      tenant_id: m.tenantId,
      resolution_id: resolutionId,
      organization_id: m.branch.id,
      position: i + 1,
      title: t.title,
      lead_person_id: t.leadId,
      lead_name: t.leadName,
      deadline: t.deadline,
      report_back: t.reportBack,
      status: t.status,
      done_on: t.doneOn,
    });
}
