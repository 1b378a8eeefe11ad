/**
 * Writes one branch meeting with everything a meeting of that status carries: agenda, and for a closed
 * meeting the attendance of every member, a few speeches and the vote on its resolution with its tallies.
 * Shared by the demo seed and the province-scale seed so both look like the same product's data; returns
 * what it wrote, so the demo can write the signed record (./seed-record.ts) from the same facts.
 */
import {
  type AttendanceStatus,
  closingResult,
  inMembersBase,
  isPresent,
  mayVote,
  tallyOf,
  votePresets,
} from "../../schema/vote-rules.ts";
import { ABSENCE_REASONS, type AgendaTemplateItem, addMinutes, RESOLUTION_RULE_JSON } from "./meeting-content.ts";
import { pick, shuffled } from "./names.ts";
import type { SqlWriter } from "./sql.ts";

export interface SeedMember {
  personId: string;
  name: string;
  status: "official" | "probationary";
  exempt: boolean;
}

export interface SeedBranch {
  id: string;
  members: SeedMember[];
  secretaryId: string;
  deputyId: string;
  minutesTakerId: string;
  place: string;
}

/** How likely a summoned member is away (excused or not), and, for a hybrid meeting, joins remotely. */
export interface Presence {
  remote: number;
  excused: number;
  unexcused: number;
}
export const USUAL_PRESENCE: Presence = { remote: 0.07, excused: 0.07, unexcused: 0.02 };

export interface MeetingSpec {
  tenantId: string;
  id: string;
  branch: SeedBranch;
  kind: "regular" | "thematic";
  topic: string;
  scheduledAt: string;
  status: "planned" | "closed";
  format: "in_person" | "hybrid";
  agenda: readonly AgendaTemplateItem[];
  /** A task-review item (kind `task_review`) right after the opening: last month's tasks come back. */
  reviewTitle?: string;
  /** Closed meetings only. */
  speeches?: number;
  /** Instead of `speeches`: this share of the members present speak, each once. */
  speakerShare?: number;
  ballots?: boolean;
  presence?: Presence;
  durationMinutes?: number;
  /** The motion adopting the resolution; a regular meeting always votes on one. */
  motion?: string;
}

export interface HeldAttendance {
  member: SeedMember;
  status: AttendanceStatus;
  reason: string | null;
}
export interface HeldVote {
  id: string;
  motion: string;
  itemId: string | null;
  base: number;
  agree: number;
  disagree: number;
  abstain: number;
  result: "passed" | "not_passed";
}
/** What a meeting row set holds, for the record written from it. */
export interface HeldMeeting {
  spec: MeetingSpec;
  startedAt: string | null;
  endedAt: string | null;
  agenda: { id: string; position: number; title: string; kind: "item" | "task_review" }[];
  attendance: HeldAttendance[];
  speeches: { personId: string; itemId: string | null; seconds: number }[];
  vote: HeldVote | null;
}

const REGULAR_MOTION = "Thông qua nghị quyết chi bộ tháng này";

function writeAgenda(w: SqlWriter, m: MeetingSpec): HeldMeeting["agenda"] {
  const items: (AgendaTemplateItem & { kind: "item" | "task_review" })[] = m.agenda.map((item) => ({
    ...item,
    kind: "item",
  }));
  if (m.reviewTitle)
    items.splice(1, 0, { title: m.reviewTitle, minutes: 10, presenter: "secretary", kind: "task_review" });
  return items.map((item, i) => {
    const id = `${m.id}-a${i + 1}`;
    const presenter =
      item.presenter === "secretary" ? m.branch.secretaryId : item.presenter === "deputy" ? m.branch.deputyId : null;
    w.insert("agenda_items", {
      id,
      tenant_id: m.tenantId,
      meeting_id: m.id,
      position: i + 1,
      title: item.title,
      presenter_person_id: presenter,
      minutes_budget: item.minutes,
      kind: item.kind,
    });
    return { id, position: i + 1, title: item.title, kind: item.kind };
  });
}

function attendanceOf(r: () => number, m: MeetingSpec, member: SeedMember): AttendanceStatus {
  const odds = m.presence ?? USUAL_PRESENCE;
  const x = r();
  if (member.exempt) return x < 0.2 ? "present_hall" : "exempt";
  const hall = 1 - odds.remote - odds.excused - odds.unexcused;
  if (x < hall) return "present_hall";
  if (x < hall + odds.remote) return m.format === "hybrid" ? "present_remote" : "present_hall";
  if (x < 1 - odds.unexcused) return "absent_excused";
  return "absent_unexcused";
}

export function writeMeeting(w: SqlWriter, r: () => number, m: MeetingSpec): HeldMeeting {
  const closed = m.status === "closed";
  const duration = m.durationMinutes ?? 95 + Math.floor(r() * 35);
  const startedAt = closed ? addMinutes(m.scheduledAt, Math.floor(r() * 6)) : null;
  const endedAt = closed ? addMinutes(m.scheduledAt, duration) : null;
  w.insert("meetings", {
    id: m.id,
    tenant_id: m.tenantId,
    organization_id: m.branch.id,
    kind: m.kind,
    topic: m.topic,
    scheduled_at: m.scheduledAt,
    place: m.branch.place,
    format: m.format,
    status: m.status,
    chair_person_id: m.branch.secretaryId,
    minutes_taker_person_id: m.branch.minutesTakerId,
    started_at: startedAt,
    ended_at: endedAt,
  });
  const held: HeldMeeting = {
    spec: m,
    startedAt,
    endedAt,
    agenda: writeAgenda(w, m),
    attendance: [],
    speeches: [],
    vote: null,
  };
  if (!closed || !startedAt) return held;

  const present: (SeedMember & { remote: boolean })[] = [];
  const voters: typeof present = [];
  let base = 0;
  m.branch.members.forEach((member, i) => {
    const status = attendanceOf(r, m, member);
    const seat = { ...member, attendance: status };
    const here = isPresent(status) ? { ...member, remote: status === "present_remote" } : null;
    if (here) present.push(here);
    if (here && mayVote(seat)) voters.push(here);
    if (inMembersBase(seat)) base++;
    const reason = status === "absent_excused" ? pick(r, ABSENCE_REASONS) : null;
    held.attendance.push({ member, status, reason });
    w.insert("attendance", {
      tenant_id: m.tenantId,
      meeting_id: m.id,
      person_id: member.personId,
      status,
      reason,
      recorded_by: m.branch.minutesTakerId,
      // Members arrive over the minutes before the start; nobody in the seed leaves early.
      joined_at: here ? addMinutes(startedAt, -(i % 7)) : null,
      left_at: null,
      member_status: member.status,
    });
  });

  const discussion = held.agenda.find((a) => /^(Thảo luận|Liên hệ)/.test(a.title)) ?? held.agenda[3];
  const speakers =
    m.speakerShare === undefined
      ? Array.from({ length: present.length > 0 ? (m.speeches ?? 0) : 0 }, () => pick(r, present))
      : shuffled(r, present).slice(0, Math.max(2, Math.round(present.length * m.speakerShare)));
  let clock = addMinutes(m.scheduledAt, 35);
  speakers.forEach((speaker, i) => {
    const seconds = 60 + Math.floor(r() * 240);
    const ended = new Date(Date.parse(clock) + seconds * 1000).toISOString();
    w.insert("speeches", {
      id: `${m.id}-s${i + 1}`,
      tenant_id: m.tenantId,
      meeting_id: m.id,
      person_id: speaker.personId,
      agenda_item_id: discussion?.id ?? null,
      kind: "speech",
      started_at: clock,
      ended_at: ended,
      duration_seconds: seconds,
      limit_seconds: 300,
    });
    held.speeches.push({ personId: speaker.personId, itemId: discussion?.id ?? null, seconds });
    clock = addMinutes(ended, 1);
  });

  const motion = m.motion ?? (m.kind === "regular" ? REGULAR_MOTION : null);
  if (!motion) return held;
  const abstain = voters.length > 3 && r() < 0.3 ? 1 : 0;
  const agree = voters.length - abstain;
  const cast = voters.map((v, i) => ({ ...v, choice: i < abstain ? ("abstain" as const) : ("agree" as const) }));
  const voteItem = held.agenda.find((a) => /^(Biểu quyết|Kết luận)/.test(a.title)) ?? held.agenda.at(-3);
  const opened = addMinutes(m.scheduledAt, duration - 15);
  const result = closingResult(votePresets.resolution, base, tallyOf(cast.map((v) => v.choice))).result;
  held.vote = { id: `${m.id}-v1`, motion, itemId: voteItem?.id ?? null, base, agree, disagree: 0, abstain, result };
  w.insert("votes", {
    id: held.vote.id,
    tenant_id: m.tenantId,
    meeting_id: m.id,
    agenda_item_id: held.vote.itemId,
    motion,
    rule_json: RESOLUTION_RULE_JSON,
    secret: false,
    opened_at: opened,
    closed_at: addMinutes(opened, 3),
    base,
    agree,
    disagree: 0,
    abstain,
    eligible: voters.length,
    result,
  });
  if (!m.ballots) return held;
  for (const v of cast) {
    w.insert("ballots", {
      tenant_id: m.tenantId,
      vote_id: held.vote.id,
      person_id: v.personId,
      choice: v.choice,
      channel: v.remote ? "remote" : "hall",
      cast_at: addMinutes(opened, 1),
    });
  }
  return held;
}
