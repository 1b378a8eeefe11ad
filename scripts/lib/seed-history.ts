/**
 * A branch's year as the demo seeds it: a regular meeting every month and a thematic one every quarter, each
 * held with attendance, speeches, the vote, a grade, approved minutes and a numbered resolution whose tasks the
 * next month's meeting reviews (opening with a task-review item); then this month's meeting, planned, opening
 * with the review of last month's tasks. How the branch does is its profile; the draws are the seed's own.
 */
import {
  addMonths,
  lastDayOfMonth,
  quarterKey,
  quarterMonths,
  quarterOf,
  vnDay,
  vnThisMonth,
} from "../../schema/calendar.ts";
import { monthLabel, REGULAR_AGENDA, THEMATIC_AGENDA, THEMATIC_TOPICS, vnTime } from "./meeting-content.ts";
import { pick, shuffled } from "./names.ts";
import { REVIEW_NOTES, type ReviewStatus, tasksFor } from "./record-content.ts";
import { type HeldMeeting, type SeedBranch, writeMeeting } from "./seed-meetings.ts";
import { type SeedReview, type SeedTask, writeRecord } from "./seed-record.ts";
import type { SqlWriter } from "./sql.ts";

export interface BranchProfile {
  /** Odds a summoned member is away with a reason, without one, and (hybrid meetings) joins remotely. */
  excused: number;
  unexcused: number;
  remote: number;
  /** 0..1: preparation, conduct, principles, follow-up: what the room cannot measure. */
  care: number;
  /** Share of those present who speak. */
  speak: number;
  /** Odds that a meeting goes badly: short, thin, poorly prepared. */
  slip: number;
}

export interface Leader {
  personId: string;
  name: string;
  title: string;
}

export interface HistorySpec {
  tenantId: string;
  branch: SeedBranch;
  /** Meeting ids start with it: `${idPrefix}-2026-05`, `${idPrefix}-2026-05-cd` (thematic), `${idPrefix}-current`. */
  idPrefix: string;
  branchName: string;
  branchType: string;
  format: "in_person" | "hybrid";
  hour: number;
  /** Day of the month the branch meets; this month's meeting is on `currentDay`. */
  day: number;
  currentDay: number;
  months: number;
  now: Date;
  profile: BranchProfile;
  names: Map<string, string>;
  /** Leaders' visit plans by month (`YYYY-MM`); `kept: false` is a visit the leader missed. */
  visits?: { month: string; leader: Leader; kept: boolean }[];
  /** Who confirms the grades of meetings older than last month. */
  confirmedBy?: string;
  /** Quarters (`YYYY-MM` of any of their months) whose thematic meeting is not held in the window. */
  skipThematic?: string[];
}

const parts = (ym: string) => [Number(ym.slice(0, 4)), Number(ym.slice(5, 7)) - 1] as const;

/** Whether month `i` of the window holds its quarter's thematic meeting: the quarter's middle month, or the window's first. */
function thematicMonth(window: string[], i: number): boolean {
  const ym = window[i]!;
  const middle = quarterMonths(Number(ym.slice(0, 4)), quarterOf(ym))[1]!;
  return ym === middle || (i === 0 && middle < ym);
}

/** Writes the branch's history and this month's planned meeting; returns the ids written, oldest first. */
export function writeBranchYear(w: SqlWriter, r: () => number, h: HistorySpec): string[] {
  const thisMonth = vnThisMonth(h.now);
  const window = Array.from({ length: h.months }, (_, i) => addMonths(thisMonth, i - h.months));
  const regularAt = (ym: string) => vnTime(...parts(ym), h.day, h.hour, 30);
  const leads = h.branch.members.filter((m) => m.status === "official" && !m.exempt);
  const pending = new Map<string, SeedReview[]>();
  const reviewsAt = (id: string) => pending.get(id) ?? [];
  const addReview = (id: string, review: SeedReview) => pending.set(id, [...reviewsAt(id), review]);
  const numbers = new Map<number, number>();
  const [firstYear, firstMonth] = parts(window[0]!);
  // Numbering runs per calendar year: the months of the first year before the window had theirs.
  numbers.set(firstYear, firstMonth + Math.floor(firstMonth / 3));
  const ids: string[] = [];
  /** Tasks this month's (planned) meeting will review: last month's, and the month before's still unfinished. */
  let dueNow = 0;

  /** Tasks decided in month `i`; their reviews land in the next months' regular meetings that are held. */
  const tasksOf = (meetingId: string, i: number, count: number, resolutionNumber: number): SeedTask[] => {
    const next = addMonths(window[i]!, 1);
    const pool = shuffled(r, tasksFor(h.branchType));
    return pool.slice(0, count).map((title, k) => {
      const lead = pick(r, leads);
      const task: SeedTask = {
        id: `${meetingId}-nq-t${k + 1}`,
        title,
        leadId: lead.personId,
        leadName: lead.name,
        deadline: r() < 0.5 ? `${next}-25` : lastDayOfMonth(next),
        reportBack: `Sinh hoạt chi bộ tháng ${monthLabel(...parts(next))}`,
        resolutionNumber,
        status: "open",
        doneOn: null,
      };
      const x = r();
      const fate = x < 0.55 + 0.3 * h.profile.care ? "on_time" : x < 0.95 ? "late" : "not_done";
      const first = window[i + 1];
      const second = window[i + 2];
      const review = (ym: string, status: ReviewStatus) => {
        task.status = status;
        if (status === "done") task.doneOn ??= vnDay(regularAt(ym));
        addReview(`${h.idPrefix}-${ym}`, { task, status, note: pick(r, REVIEW_NOTES[status]) });
      };
      if (first) review(first, fate === "on_time" ? "done" : "in_progress");
      if (first && second && fate !== "on_time") review(second, fate === "late" ? "done" : "not_done");
      if (!first || (!second && fate !== "on_time")) dueNow++;
      return task;
    });
  };

  const hold = (held: HeldMeeting, i: number, taskCount: number) => {
    const ym = window[i]!;
    const [year] = parts(ym);
    const number = (numbers.get(year) ?? 0) + 1;
    numbers.set(year, number);
    const leader = h.visits?.find((v) => v.month === ym && v.kept && held.spec.kind === "regular")?.leader;
    writeRecord(w, r, {
      held,
      branchName: h.branchName,
      names: h.names,
      // A meeting that slipped (cut short) was one the branch did not prepare; the others vary around its usual care.
      care: held.spec.durationMinutes ? 0.12 : h.profile.care + (r() - 0.5) * 0.3,
      leader,
      confirmedBy: ym < addMonths(thisMonth, -1) ? h.confirmedBy : undefined,
      reviews: reviewsAt(held.spec.id),
      tasks: tasksOf(held.spec.id, i, taskCount, number),
      forMonth: monthLabel(...parts(addMonths(ym, 1))),
      resolution: { year, number },
    });
    ids.push(held.spec.id);
  };

  const reviewTitle = (n: number) =>
    n > 0 ? `Kiểm điểm việc thực hiện nghị quyết tháng trước (${n} nhiệm vụ)` : undefined;
  const meeting = (id: string, kind: "regular" | "thematic", at: string, topic: string) => {
    const slip = r() < h.profile.slip;
    const p = h.profile;
    return writeMeeting(w, r, {
      tenantId: h.tenantId,
      id,
      branch: h.branch,
      kind,
      topic,
      scheduledAt: at,
      status: "closed",
      format: h.format,
      agenda: kind === "regular" ? REGULAR_AGENDA : THEMATIC_AGENDA,
      reviewTitle: kind === "regular" ? reviewTitle(reviewsAt(id).length) : undefined,
      speakerShare: slip ? 0.2 : Math.min(0.9, p.speak + (r() - 0.5) * 0.2),
      presence: { remote: p.remote, excused: slip ? p.excused * 3 : p.excused, unexcused: p.unexcused },
      durationMinutes: slip ? 78 + Math.floor(r() * 9) : undefined,
      motion: kind === "thematic" ? "Thông qua nghị quyết chuyên đề" : undefined,
      ballots: true,
    });
  };

  window.forEach((ym, i) => {
    const id = `${h.idPrefix}-${ym}`;
    hold(
      meeting(id, "regular", regularAt(ym), `Sinh hoạt thường kỳ tháng ${monthLabel(...parts(ym))}`),
      i,
      2 + Math.floor(r() * 3),
    );
    if (thematicMonth(window, i) && !h.skipThematic?.some((q) => quarterKey(q) === quarterKey(ym))) {
      const topic = THEMATIC_TOPICS[(quarterOf(ym) + i) % THEMATIC_TOPICS.length]!;
      hold(meeting(`${id}-cd`, "thematic", vnTime(...parts(ym), h.day + 6, h.hour, 0), topic), i, 2);
    }
  });

  const currentId = `${h.idPrefix}-current`;
  writeMeeting(w, r, {
    tenantId: h.tenantId,
    id: currentId,
    branch: h.branch,
    kind: "regular",
    topic: `Sinh hoạt thường kỳ tháng ${monthLabel(...parts(thisMonth))}`,
    scheduledAt: vnTime(...parts(thisMonth), h.currentDay, h.hour, 30),
    status: "planned",
    format: h.format,
    agenda: REGULAR_AGENDA,
    reviewTitle: reviewTitle(dueNow),
  });
  ids.push(currentId);

  // A plan invites its leader to its meeting (as the API does), so the room lets them in; a kept visit left the
  // leader's grade in the record above, a missed one nothing.
  for (const v of h.visits ?? []) {
    const meetingId = v.month === thisMonth ? currentId : `${h.idPrefix}-${v.month}`;
    w.insert("meeting_guests", {
      tenant_id: h.tenantId,
      meeting_id: meetingId,
      person_id: v.leader.personId,
      title: v.leader.title,
    });
    w.insert("visit_plans", {
      id: `${h.idPrefix}-visit-${v.month}`,
      tenant_id: h.tenantId,
      leader_person_id: v.leader.personId,
      organization_id: h.branch.id,
      month: v.month,
      meeting_id: meetingId,
      notes: "Dự, nắm tình hình và chỉ đạo sinh hoạt chi bộ",
    });
  }
  return ids;
}
