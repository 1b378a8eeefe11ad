/** Set-up for the resolution tests: a closed meeting with a small record, and a draft saved through the API. */
import { attendance, speeches, votes } from "../../schema/db/tables";
import { api, d1Of, dbOf } from "../support/fixtures";
import { type Branch, base, planned, setStatus } from "./meetings-helpers";

export type Resolution = {
  id: string | null;
  status: string;
  year: number | null;
  number: number | null;
  body: string;
  adoptedVoteId: string | null;
  tasks: {
    id: string;
    title: string;
    leadName: string;
    leadPersonId: string | null;
    status: string;
    doneOn: string | null;
  }[];
  facts: Record<string, unknown>;
  votes: { id: string; agree: number | null; base: number | null }[];
  reviews: { taskId: string; review: { status: string; note: string } | null }[];
  canWrite: boolean;
};
export type ReviewList = {
  canReview: boolean;
  tasks: {
    taskId: string;
    title: string;
    status: string;
    doneOn: string | null;
    review: { status: string; note: string } | null;
  }[];
};

export const resolutionUrl = (t: Branch, meetingId: string) => `${base(t.tenantId)}/${meetingId}/resolution`;

const DAY = 86400_000;

/** A meeting `daysAgo` days ago, closed, with three members on the record (two in the hall, one remote absent). */
export async function closedMeeting(t: Branch, daysAgo = 30) {
  const m = await planned(t, { scheduledAt: new Date(Date.now() - daysAgo * DAY).toISOString() });
  const started = new Date(Date.now() - daysAgo * DAY);
  const ended = new Date(started.getTime() + 95 * 60_000);
  await setStatus(m.id, "closed");
  await d1Of(t.tenantId)
    .prepare("update meetings set started_at = ?, ended_at = ? where id = ?")
    .bind(started.toISOString(), ended.toISOString(), m.id)
    .run();
  const voteId = `v-${crypto.randomUUID()}`;
  await dbOf(t.tenantId)
    .insert(attendance)
    .values([
      { tenantId: t.tenantId, meetingId: m.id, personId: t.secretary.id, status: "present_hall" },
      { tenantId: t.tenantId, meetingId: m.id, personId: t.deputy.id, status: "present_remote" },
      { tenantId: t.tenantId, meetingId: m.id, personId: t.member.id, status: "present_hall" },
      { tenantId: t.tenantId, meetingId: m.id, personId: t.probationary.id, status: "absent_excused", reason: "Ốm" },
    ]);
  await dbOf(t.tenantId)
    .insert(speeches)
    .values({
      id: `s-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId: m.id,
      personId: t.member.id,
      startedAt: started.toISOString(),
      endedAt: started.toISOString(),
      durationSeconds: 120,
      limitSeconds: 300,
    });
  await dbOf(t.tenantId)
    .insert(votes)
    .values({
      id: voteId,
      tenantId: t.tenantId,
      meetingId: m.id,
      motion: "Thông qua nghị quyết",
      ruleJson: JSON.stringify({ preset: "resolution" }),
      openedAt: started.toISOString(),
      closedAt: started.toISOString(),
      base: 3,
      eligible: 3,
      agree: 2,
      disagree: 1,
      abstain: 0,
      result: "passed",
    });
  return { ...m, voteId };
}

export const task = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  leadName: "Chi ủy",
  deadline: "2026-12-31",
  reportBack: "Sinh hoạt chi bộ tháng 1/2027",
  ...extra,
});

/** Saves a draft with these tasks and issues it; answers the issued resolution. */
export async function issued(t: Branch, meetingId: string, tasks = [task("Vận động đóng đảng phí")]) {
  const put = await api<Resolution>("PUT", resolutionUrl(t, meetingId), t.adminToken, { body: "Quyết nghị", tasks });
  if (put.status !== 200) throw new Error(`draft failed: ${put.status} ${JSON.stringify(put.json)}`);
  const res = await api<Resolution>("POST", `${resolutionUrl(t, meetingId)}/issue`, t.adminToken);
  if (res.status !== 200) throw new Error(`issue failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}
