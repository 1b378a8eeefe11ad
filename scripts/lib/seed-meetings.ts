/**
 * Writes one branch meeting with everything a meeting of that status carries: agenda, and for a closed
 * meeting the attendance of every member, a few speeches and the resolution vote with its tallies.
 * Shared by the demo seed and the province-scale seed so both look like the same product's data.
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
import { pick } from "./names.ts";
import type { SqlWriter } from "./sql.ts";

export interface SeedMember {
  personId: string;
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
  /** Closed meetings only. */
  speeches?: number;
  ballots?: boolean;
}

export function writeMeeting(w: SqlWriter, r: () => number, m: MeetingSpec): void {
  const closed = m.status === "closed";
  const duration = 95 + Math.floor(r() * 35);
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
    started_at: closed ? addMinutes(m.scheduledAt, Math.floor(r() * 6)) : null,
    ended_at: closed ? addMinutes(m.scheduledAt, duration) : null,
  });
  const itemIds = m.agenda.map((item, i) => {
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
    });
    return id;
  });
  if (!closed) return;

  const present: (SeedMember & { remote: boolean })[] = [];
  const voters: typeof present = [];
  let base = 0;
  for (const member of m.branch.members) {
    const x = r();
    let status: AttendanceStatus;
    if (member.exempt) status = x < 0.2 ? "present_hall" : "exempt";
    else if (x < 0.84) status = "present_hall";
    else if (x < 0.91) status = m.format === "hybrid" ? "present_remote" : "present_hall";
    else if (x < 0.98) status = "absent_excused";
    else status = "absent_unexcused";
    const seat = { ...member, attendance: status };
    const here = isPresent(status) ? { ...member, remote: status === "present_remote" } : null;
    if (here) present.push(here);
    if (here && mayVote(seat)) voters.push(here);
    if (inMembersBase(seat)) base++;
    w.insert("attendance", {
      tenant_id: m.tenantId,
      meeting_id: m.id,
      person_id: member.personId,
      status,
      reason: status === "absent_excused" ? pick(r, ABSENCE_REASONS) : null,
      recorded_by: m.branch.minutesTakerId,
    });
  }

  const discussion = itemIds[Math.min(3, itemIds.length - 1)] ?? null;
  let clock = addMinutes(m.scheduledAt, 35);
  for (let i = 0; i < (m.speeches ?? 0) && present.length > 0; i++) {
    const seconds = 60 + Math.floor(r() * 240);
    const ended = new Date(Date.parse(clock) + seconds * 1000).toISOString();
    w.insert("speeches", {
      id: `${m.id}-s${i + 1}`,
      tenant_id: m.tenantId,
      meeting_id: m.id,
      person_id: pick(r, present).personId,
      agenda_item_id: discussion,
      kind: "speech",
      started_at: clock,
      ended_at: ended,
      duration_seconds: seconds,
      limit_seconds: 300,
    });
    clock = addMinutes(ended, 1);
  }

  if (m.kind !== "regular") return;
  const abstain = voters.length > 3 && r() < 0.3 ? 1 : 0;
  const agree = voters.length - abstain;
  const cast = voters.map((v, i) => ({ ...v, choice: i < abstain ? ("abstain" as const) : ("agree" as const) }));
  const voteId = `${m.id}-v1`;
  const opened = addMinutes(m.scheduledAt, duration - 15);
  w.insert("votes", {
    id: voteId,
    tenant_id: m.tenantId,
    meeting_id: m.id,
    agenda_item_id: itemIds[itemIds.length - 3] ?? null,
    motion: "Thông qua nghị quyết chi bộ tháng này",
    rule_json: RESOLUTION_RULE_JSON,
    secret: false,
    opened_at: opened,
    closed_at: addMinutes(opened, 3),
    base,
    agree,
    disagree: 0,
    abstain,
    eligible: voters.length,
    result: closingResult(votePresets.resolution, base, tallyOf(cast.map((v) => v.choice))).result,
  });
  if (!m.ballots) return;
  for (const v of cast) {
    w.insert("ballots", {
      tenant_id: m.tenantId,
      vote_id: voteId,
      person_id: v.personId,
      choice: v.choice,
      channel: v.remote ? "remote" : "hall",
      cast_at: addMinutes(opened, 1),
    });
  }
}
