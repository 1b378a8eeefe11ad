/**
 * The reports' SQL, as plain statements with bound parameters: each scans one tenant's meetings of a time
 * range through `meetings_tenant_time` and reaches attendance, speeches, votes and evaluations through
 * their (tenant, meeting, …) indexes — covering ones for attendance and speeches. `CROSS JOIN` keeps the
 * meetings the outer loop, so a year reads a year's rows. Grouping happens in SQLite, so only per-branch
 * or per-meeting rows come back. Kept as text so the benchmark prints `EXPLAIN QUERY PLAN` of exactly what
 * runs; its one import (the calendar) carries its `.ts` extension, so Node loads it too.
 */

// With `.ts`: the benchmark loads this file in Node too.
import { VN_SQL_SHIFT, VN_SQL_UNSHIFT } from "../../../schema/calendar.ts";

export interface Query {
  name: string;
  sql: string;
  params: (string | number)[];
}

const month = `strftime('%Y-%m', m.scheduled_at, '${VN_SQL_SHIFT}')`;
const closedIn = "m.tenant_id = ?1 AND m.scheduled_at >= ?2 AND m.scheduled_at < ?3";
/**
 * Grouping per meeting in the order `meetings_tenant_time` yields them (its key, then the rowid), so
 * SQLite aggregates as it scans instead of sorting ~190k attendance rows into a temporary b-tree.
 */
const inScanOrder = "m.scheduled_at, m.rowid";
// (In the votes query `+m.organization_id` stops SQLite from walking the whole tenant through
// `meetings_tenant_org_time` for its grouping order instead of reading only the period's meetings.)
/** Guests (visiting leaders) are not members: their attendance and speeches stay out of members' figures. */
const notGuest = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM meeting_guests g WHERE g.meeting_id = ${alias}.meeting_id AND g.person_id = ${alias}.person_id)`;

/**
 * Meetings per branch, month, kind and status (held = closed), and how many of them combined a thematic
 * with a regular meeting; with `withVote`, how many had a closed vote.
 */
export const meetingCountsQuery = (tenantId: string, fromUtc: string, toUtc: string, withVote = false): Query => ({
  name: withVote ? "meeting_counts_with_vote" : "meeting_counts",
  sql: `SELECT m.organization_id AS org, ${month} AS month, m.kind AS kind, m.status AS status, count(*) AS n,
  sum(m.combined) AS combined${
    withVote
      ? ",\n  sum(EXISTS (SELECT 1 FROM votes v WHERE v.meeting_id = m.id AND v.closed_at IS NOT NULL)) AS with_vote"
      : ""
  }
FROM meetings m
WHERE ${closedIn}
GROUP BY m.organization_id, month, m.kind, m.status`,
  params: [tenantId, fromUtc, toUtc],
});

/**
 * Tasks of issued resolutions per branch and month of their deadline (`YYYY-MM-DD`, Vietnam's calendar, between
 * ?2 and ?3 inclusive), and how many were done by it. A task counts as due once its deadline has passed (before
 * `today`, ?4) or once it is done: one whose deadline is still to come is not yet late. Reached through
 * `resolution_tasks_org_deadline`.
 */
export const tasksByDeadlineQuery = (tenantId: string, fromDay: string, toDay: string, today: string): Query => ({
  name: "tasks_by_deadline",
  sql: `SELECT t.organization_id AS org, substr(t.deadline, 1, 7) AS month,
  sum(t.deadline < ?4 OR t.done_on IS NOT NULL) AS due,
  sum(t.done_on IS NOT NULL AND t.done_on <= t.deadline) AS on_time
FROM resolution_tasks t CROSS JOIN resolutions r ON r.id = t.resolution_id
WHERE t.tenant_id = ?1 AND t.deadline >= ?2 AND t.deadline <= ?3 AND r.status = 'issued'
GROUP BY t.organization_id, month`,
  params: [tenantId, fromDay, toDay, today],
});

/** Attendance per closed meeting, members only. */
export const attendanceByMeetingQuery = (tenantId: string, fromUtc: string, toUtc: string): Query => ({
  name: "attendance_by_meeting",
  sql: `SELECT m.id AS meeting, m.organization_id AS org, ${month} AS month,
  sum(a.status IN ('present_hall', 'present_remote')) AS present,
  sum(a.status = 'absent_excused') AS excused,
  sum(a.status = 'absent_unexcused') AS unexcused,
  sum(a.status = 'exempt') AS exempt
FROM meetings m CROSS JOIN attendance a ON a.meeting_id = m.id
WHERE ${closedIn} AND m.status = 'closed' AND a.tenant_id = ?1 AND ${notGuest("a")}
GROUP BY ${inScanOrder}`,
  params: [tenantId, fromUtc, toUtc],
});

/** Speaking per closed meeting: distinct member speakers, total seconds and the top speaker's seconds. */
export const speakingByMeetingQuery = (tenantId: string, fromUtc: string, toUtc: string): Query => ({
  name: "speaking_by_meeting",
  sql: `SELECT meeting, count(*) AS speakers, sum(secs) AS total_secs, max(secs) AS top_secs
FROM (
  SELECT m.scheduled_at AS at, m.rowid AS rid, s.meeting_id AS meeting, s.person_id, sum(s.duration_seconds) AS secs
  FROM meetings m CROSS JOIN speeches s ON s.meeting_id = m.id
  WHERE ${closedIn} AND m.status = 'closed' AND s.tenant_id = ?1 AND s.kind = 'speech' AND ${notGuest("s")}
  GROUP BY ${inScanOrder}, s.person_id
)
GROUP BY at, rid`,
  params: [tenantId, fromUtc, toUtc],
});

/** Closed votes of closed meetings per branch and month, with cast tallies and reserved opinions. */
export const votesQuery = (tenantId: string, fromUtc: string, toUtc: string): Query => ({
  name: "votes",
  sql: `SELECT m.organization_id AS org, ${month} AS month, count(*) AS votes,
  sum(v.result = 'passed') AS passed, sum(v.result = 'not_passed') AS not_passed, sum(v.secret) AS secret,
  sum(coalesce(v.eligible, 0)) AS eligible,
  sum(coalesce(v.agree, 0) + coalesce(v.disagree, 0) + coalesce(v.abstain, 0)) AS cast,
  sum((SELECT count(*) FROM reserved_opinions r WHERE r.vote_id = v.id)) AS reserved
FROM meetings m CROSS JOIN votes v ON v.meeting_id = m.id
WHERE ${closedIn} AND m.status = 'closed' AND v.tenant_id = ?1 AND v.closed_at IS NOT NULL
GROUP BY +m.organization_id, month`,
  params: [tenantId, fromUtc, toUtc],
});

/**
 * Every evaluation of a closed meeting, with the meeting's local day; the report picks the one that counts
 * per meeting (and reads whole years once, taking the period's days out of them).
 */
export const evaluationsQuery = (tenantId: string, fromUtc: string, toUtc: string): Query => ({
  name: "evaluations",
  sql: `SELECT m.id AS meeting, m.organization_id AS org, ${month} AS month,
  strftime('%Y-%m-%d', m.scheduled_at, '${VN_SQL_SHIFT}') AS day, e.evaluator_kind AS evaluator_kind,
  e.total AS total, e.grade AS grade, e.confirmed_at AS confirmed_at, e.created_at AS updated_at
FROM meetings m CROSS JOIN evaluations e ON e.meeting_id = m.id
WHERE ${closedIn} AND m.status = 'closed' AND e.tenant_id = ?1`,
  params: [tenantId, fromUtc, toUtc],
});

/** Visit plans per leader, branch, month and status, for months `fromMonth`..`toMonth`. */
export const visitsQuery = (tenantId: string, fromMonth: string, toMonth: string): Query => ({
  name: "visits",
  sql: `SELECT vp.leader_person_id AS leader, p.full_name AS leader_name, vp.organization_id AS org, vp.month AS month,
  vp.status AS status, count(*) AS n
FROM visit_plans vp JOIN people p ON p.id = vp.leader_person_id
WHERE vp.tenant_id = ?1 AND vp.month >= ?2 AND vp.month <= ?3
GROUP BY vp.leader_person_id, vp.organization_id, vp.month, vp.status`,
  params: [tenantId, fromMonth, toMonth],
});

export const LEADER_GUEST_TITLE = "Lãnh đạo dự sinh hoạt";
/** A plan's month start (or the next month's) as a UTC instant, comparable with stored meeting times. */
const monthStartUtc = (offset: string) =>
  `strftime('%Y-%m-%dT%H:%M:%fZ', visit_plans.month || '-01'${offset}, '${VN_SQL_UNSHIFT}')`;

/**
 * Closing the visit loop (see worker/data/visits.ts): link plans to their branch's meeting of the month,
 * invite the leader, mark attended, mark missed when the meeting ended without them or the month passed
 * with no meeting. Attended means the room holds a trace of the leader in that very meeting: a presence
 * row, or something only a connected participant can leave there — their evaluation, a note, a speech.
 * (A guest who joins and stays silent has a presence row too: the room writes one on connect.)
 */
export const visitLoopQueries = (tenantId: string, todayMonth: string): Query[] => [
  {
    name: "visit_loop_link",
    sql: `UPDATE visit_plans SET meeting_id = (
    SELECT m.id FROM meetings m
    WHERE m.tenant_id = visit_plans.tenant_id AND m.organization_id = visit_plans.organization_id
      AND m.status != 'cancelled'
      AND m.scheduled_at >= ${monthStartUtc("")} AND m.scheduled_at < ${monthStartUtc(", '+1 month'")}
    ORDER BY m.kind = 'regular' DESC, m.scheduled_at LIMIT 1)
  WHERE tenant_id = ?1 AND status = 'planned' AND meeting_id IS NULL`,
    params: [tenantId],
  },
  {
    name: "visit_loop_invite",
    sql: `INSERT OR IGNORE INTO meeting_guests (tenant_id, meeting_id, person_id, title)
  SELECT tenant_id, meeting_id, leader_person_id, ?2 FROM visit_plans
  WHERE tenant_id = ?1 AND status = 'planned' AND meeting_id IS NOT NULL`,
    params: [tenantId, LEADER_GUEST_TITLE],
  },
  {
    name: "visit_loop_attended",
    sql: `UPDATE visit_plans SET status = 'attended'
  WHERE tenant_id = ?1 AND status = 'planned' AND meeting_id IS NOT NULL AND (
    EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = visit_plans.meeting_id
      AND a.person_id = visit_plans.leader_person_id AND a.status IN ('present_hall', 'present_remote'))
    OR EXISTS (SELECT 1 FROM evaluations e WHERE e.meeting_id = visit_plans.meeting_id
      AND e.evaluator_person_id = visit_plans.leader_person_id)
    OR EXISTS (SELECT 1 FROM leader_notes n WHERE n.meeting_id = visit_plans.meeting_id
      AND n.person_id = visit_plans.leader_person_id)
    OR EXISTS (SELECT 1 FROM speeches s WHERE s.tenant_id = visit_plans.tenant_id
      AND s.meeting_id = visit_plans.meeting_id AND s.person_id = visit_plans.leader_person_id))`,
    params: [tenantId],
  },
  {
    name: "visit_loop_missed",
    sql: `UPDATE visit_plans SET status = 'missed'
  WHERE tenant_id = ?1 AND status = 'planned' AND (
    (meeting_id IS NOT NULL AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = visit_plans.meeting_id
      AND m.status IN ('closed', 'cancelled')))
    OR (meeting_id IS NULL AND month < ?2))`,
    params: [tenantId, todayMonth],
  },
];
