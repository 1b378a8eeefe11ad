/**
 * Every figure of every report for the hand-built committee of reports-fixture.ts, year 2025, worked out
 * on paper in the comments. Rates are rounded to 4 decimals by the API.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportResult } from "../../schema/api/reports";
import { attendance, evaluations, meetings, visitPlans, votes } from "../../schema/db/tables";
import { api, createTenant, dbOf, login, mirrorInto } from "../support/fixtures";
import { buildReportTenant, type ReportTenant } from "./reports-fixture";

/** What the visit posts answer, as far as the tests read it. */
type Posted = { id: string; status: string; plan: { meetingId: string; month: string } };

let t: ReportTenant;
let token: string;
const base = () => `/api/tenants/${t.tenantId}`;
const report = async (name: string, query: string) => {
  const res = await api<ReportResult>("GET", `${base()}/reports/${name}?${query}`, token);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
};
const row = (r: { rows: { name: string }[] }, name: string) =>
  r.rows.find((x) => x.name === name) as
    | { values: Record<string, unknown>; behind: boolean; drillable: boolean }
    | undefined;
const month = (r: { series: { month: string; values: Record<string, unknown> }[] }, m: string) =>
  r.series.find((s) => s.month === m)!.values;
/** Every month of a report's series, as the listed figures in order. */
const seriesOf = (r: { series: { values: Record<string, unknown> }[] }, keys: string[]) =>
  r.series.map((x) => keys.map((k) => x.values[k]));
const behindOf = (r: { behind: { name: string; reasons: unknown[] }[] }) =>
  Object.fromEntries(r.behind.map((b) => [b.name, b.reasons]));

beforeAll(async () => {
  t = await buildReportTenant();
  token = await login(t.admin.email);
  const post = async (path: string, body: unknown) => {
    const res = await api<Posted>("POST", `${base()}${path}`, token, body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json;
  };
  // Visit plans (the room's records are already in, so creating a plan closes its loop at once):
  // P1 L→A 2025-02: linked to A's February regular meeting, L present remotely → attended.
  await post("/visits", { leaderPersonId: t.L.id, organizationId: t.org.A, month: "2025-02" });
  // P2 L→B January meeting, L absent → missed; moved to B's next meeting (November, never held) → pending.
  const p2 = await post("/visits", {
    leaderPersonId: t.L.id,
    organizationId: t.org.B,
    month: "2025-01",
    meetingId: t.mt["B-01"],
  });
  expect(p2.status).toBe("missed");
  const moved = await post(`/visits/${p2.id}/move`, {});
  expect(moved.plan.meetingId).toBe(t.mt["B-11"]);
  expect(moved.plan.month).toBe("2025-11");
  // P3 L2→B January (by e-mail): L2 evaluated that meeting → attended.
  await post("/visits", {
    leaderEmail: t.L2.email,
    organizationId: t.org.B,
    month: "2025-01",
    meetingId: t.mt["B-01"],
  });
  // P4 L2→C 2025-03: linked to C's March meeting, L2 not there → missed.
  await post("/visits", { leaderPersonId: t.L2.id, organizationId: t.org.C, month: "2025-03" });
  // P5 L2→A December meeting, present → attended.
  await post("/visits", {
    leaderPersonId: t.L2.id,
    organizationId: t.org.A,
    month: "2025-12",
    meetingId: t.mt["A-12"],
  });
  // P6 L→C 2026-01: outside 2025.
  await post("/visits", { leaderPersonId: t.L.id, organizationId: t.org.C, month: "2026-01" });
  // P7 L→A 2025-07: linked, present → attended.  P8 L3→C 2025-05: linked, absent → missed.
  await post("/visits", { leaderPersonId: t.L.id, organizationId: t.org.A, month: "2025-07" });
  await post("/visits", { leaderPersonId: t.L3.id, organizationId: t.org.C, month: "2025-05" });
  // The committee confirms A's March grade, and B's January: first the leader's, then the branch's instead.
  for (const id of [t.evals.A03.id, t.evals.B01leader.id, t.evals.B01branch.id]) {
    const res = await api("POST", `${base()}/evaluations/${id}/confirm`, token);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }

  // Another committee's records in the same months (same leader L planned there too): must never show.
  const other = await createTenant([{ name: "Người khác", branchRole: "secretary" }]);
  const otherMeeting = `mt-other-${crypto.randomUUID().slice(0, 8)}`;
  const person = Object.values(other.people)[0]!;
  await dbOf(other.tenantId).insert(meetings).values({
    id: otherMeeting,
    tenantId: other.tenantId,
    organizationId: other.branchId,
    kind: "regular",
    topic: "x",
    scheduledAt: "2025-01-10T12:30:00.000Z",
    status: "closed",
  });
  await dbOf(other.tenantId)
    .insert(attendance)
    .values({ tenantId: other.tenantId, meetingId: otherMeeting, personId: person.id, status: "absent_unexcused" });
  await dbOf(other.tenantId)
    .insert(votes)
    .values({
      id: `v-${otherMeeting}`,
      tenantId: other.tenantId,
      meetingId: otherMeeting,
      motion: "x",
      ruleJson: "{}",
      openedAt: "2025-01-10T13:00:00.000Z",
      closedAt: "2025-01-10T13:05:00.000Z",
      eligible: 9,
      agree: 1,
      disagree: 0,
      abstain: 0,
      result: "not_passed",
    });
  await dbOf(other.tenantId)
    .insert(evaluations)
    .values({
      id: `ev-${otherMeeting}`,
      tenantId: other.tenantId,
      meetingId: otherMeeting,
      evaluatorPersonId: person.id,
      evaluatorKind: "branch",
      scoresJson: "{}",
      total: 10,
      grade: "weak",
    });
  await mirrorInto(t.L.id, other.tenantId);
  await dbOf(other.tenantId)
    .insert(visitPlans)
    .values({
      id: `vp-${otherMeeting}`,
      tenantId: other.tenantId,
      leaderPersonId: t.L.id,
      organizationId: other.branchId,
      month: "2025-01",
      meetingId: otherMeeting,
      status: "missed",
    });
});

describe("meetings held vs due, 2025", () => {
  it("counts regular months, thematic quarters and branches that held all, per drill-down level", async () => {
    const r = await report("meetings", "year=2025");
    expect(r.period).toMatchObject({ from: "2025-01-01", to: "2025-12-31", label: "Năm 2025" });
    expect(r.scope).toMatchObject({ id: null, kind: "tenant", name: "Đảng ủy thử báo cáo" });
    // Rows are the grassroots organizations, by name: "Chi bộ cơ sở…" (C) before "Đảng bộ…" (G1).
    expect(r.rows.map((x: { name: string }) => x.name)).toEqual(["Chi bộ cơ sở Trường học", "Đảng bộ phường Một"]);
    // C: regular held in 11 months (Jan twice, no Feb) of 12; thematic in Q1, Q2, Q3 (twice) = 3 of 4 quarters;
    // 12 regular + 4 thematic meetings held.
    expect(row(r, "Chi bộ cơ sở Trường học")).toMatchObject({
      behind: true,
      drillable: false,
      values: {
        branches: 1,
        regularDue: 12,
        regularHeld: 11,
        regularRate: 0.9167,
        thematicDue: 4,
        thematicHeld: 3,
        meetingsHeld: 16,
        cancelled: 0,
        branchesAllRegular: 0,
        branchesAllThematic: 0,
        shareAllRegular: 0,
        shareAllThematic: 0,
        branchesBehind: 1,
      },
    });
    // G1 = A + B. A: 12/12 regular, 4/4 thematic, 16 held. B: 10 months (not Mar: cancelled, not Nov: never held;
    // June's meeting is at 00:30 on 1 June in Vietnam), 1/4 thematic, 11 held, 1 cancelled.
    // 24 due, 22 held → 0.9167; thematic 8 due, 5 held; 27 held; A held all: 1 of 2 branches → 0.5.
    expect(row(r, "Đảng bộ phường Một")).toMatchObject({
      behind: true,
      drillable: true,
      values: {
        branches: 2,
        regularDue: 24,
        regularHeld: 22,
        regularRate: 0.9167,
        thematicDue: 8,
        thematicHeld: 5,
        meetingsHeld: 27,
        cancelled: 1,
        branchesAllRegular: 1,
        branchesAllThematic: 1,
        shareAllRegular: 0.5,
        shareAllThematic: 0.5,
        branchesBehind: 1,
      },
    });
    // Tenant: 36 due, 33 held → 0.9167; 12 thematic due, 8 held; 43 held; 1 of 3 branches held all → 0.3333.
    expect(r.total).toEqual({
      branches: 3,
      regularDue: 36,
      regularHeld: 33,
      regularRate: 0.9167,
      thematicDue: 12,
      thematicHeld: 8,
      meetingsHeld: 43,
      cancelled: 1,
      branchesAllRegular: 1,
      branchesAllThematic: 1,
      shareAllRegular: 0.3333,
      shareAllThematic: 0.3333,
      branchesBehind: 2,
      // No resolution tasks in this fixture (reports-tasks.test.ts counts them).
      tasksDue: 0,
      tasksOnTime: 0,
      tasksOnTimeRate: null,
    });
    expect(behindOf(r)).toEqual({
      "Chi bộ khu phố 2": [
        { code: "missing_regular", count: 2 },
        { code: "missing_thematic", count: 3 },
      ],
      "Chi bộ cơ sở Trường học": [
        { code: "missing_regular", count: 1 },
        { code: "missing_thematic", count: 1 },
      ],
    });
    // Series: January regular A1 + B1 + C2 = 4, thematic C = 1, 3 branches held; February A + B = 2 regular,
    // A's thematic; March A + C (B cancelled); May A, B, C regular + thematic A, B; June A, B (00:30 1 June), C.
    expect(month(r, "2025-01")).toEqual({ regular: 4, thematic: 1, branchesHeld: 3, branches: 3 });
    expect(month(r, "2025-02")).toEqual({ regular: 2, thematic: 1, branchesHeld: 2, branches: 3 });
    expect(month(r, "2025-03")).toEqual({ regular: 2, thematic: 0, branchesHeld: 2, branches: 3 });
    expect(month(r, "2025-05")).toEqual({ regular: 3, thematic: 2, branchesHeld: 3, branches: 3 });
    expect(month(r, "2025-06")).toEqual({ regular: 3, thematic: 0, branchesHeld: 3, branches: 3 });
    expect(month(r, "2025-11")).toEqual({ regular: 2, thematic: 1, branchesHeld: 2, branches: 3 });
    expect(r.series).toHaveLength(12);
    // Every month: regular meetings, thematic meetings, branches that held a regular one (of 3).
    expect(seriesOf(r, ["regular", "thematic", "branchesHeld", "branches"])).toEqual([
      [4, 1, 3, 3],
      [2, 1, 2, 3],
      [2, 0, 2, 3],
      [3, 1, 3, 3],
      [3, 2, 3, 3],
      [3, 0, 3, 3],
      [3, 1, 3, 3],
      [3, 2, 3, 3],
      [3, 0, 3, 3],
      [3, 0, 3, 3],
      [2, 1, 2, 3],
      [3, 0, 3, 3],
    ]);
  });

  it("drills into a grassroots committee (its branches) and into one branch", async () => {
    const g1 = await report("meetings", `year=2025&organizationId=${t.org.G1}`);
    expect(g1.scope).toMatchObject({
      id: t.org.G1,
      name: "Đảng bộ phường Một",
      path: [{ id: t.org.G1, name: "Đảng bộ phường Một" }],
    });
    expect(g1.rows.map((x: { name: string }) => x.name)).toEqual(["Chi bộ khu phố 1", "Chi bộ khu phố 2"]);
    expect(row(g1, "Chi bộ khu phố 1")).toMatchObject({
      behind: false,
      values: {
        regularDue: 12,
        regularHeld: 12,
        thematicHeld: 4,
        meetingsHeld: 16,
        branchesAllRegular: 1,
        shareAllRegular: 1,
        shareAllThematic: 1,
      },
    });
    expect(row(g1, "Chi bộ khu phố 2")).toMatchObject({
      behind: true,
      values: {
        regularDue: 12,
        regularHeld: 10,
        regularRate: 0.8333,
        thematicHeld: 1,
        meetingsHeld: 11,
        cancelled: 1,
        shareAllRegular: 0,
        shareAllThematic: 0,
      },
    });
    expect(g1.total).toMatchObject({ branches: 2, regularHeld: 22, meetingsHeld: 27, branchesBehind: 1 });
    expect(g1.behind.map((b: { name: string; parentName: string | null }) => [b.name, b.parentName])).toEqual([
      ["Chi bộ khu phố 2", "Đảng bộ phường Một"],
    ]);
    const b = await report("meetings", `year=2025&organizationId=${t.org.B}`);
    expect(b.scope.path.map((x: { name: string }) => x.name)).toEqual(["Đảng bộ phường Một", "Chi bộ khu phố 2"]);
    expect(b.rows).toHaveLength(1);
    expect(b.total).toMatchObject({ branches: 1, regularHeld: 10, thematicDue: 4, thematicHeld: 1 });
  });

  it("reads a quarter and a month, judging thematic meetings per whole quarter", async () => {
    // Q4: A held Oct–Dec and its thematic in November; B Oct and Dec (Nov never held), no thematic; C Oct–Dec, none.
    const q4 = await report("meetings", "year=2025&quarter=4");
    expect(q4.period).toMatchObject({
      from: "2025-10-01",
      to: "2025-12-31",
      label: "Quý 4/2025",
      quarters: ["2025-Q4"],
    });
    expect(q4.total).toMatchObject({
      regularDue: 9,
      regularHeld: 8,
      thematicDue: 3,
      thematicHeld: 1,
      meetingsHeld: 9,
      branchesAllRegular: 2,
      branchesAllThematic: 1,
      shareAllRegular: 0.6667,
      shareAllThematic: 0.3333,
    });
    // August alone: thematic due for Q3, held by A (Aug) and C (Jul, Aug) but not B; B's Q3 has none.
    const aug = await report("meetings", "month=2025-08");
    expect(aug.total).toMatchObject({
      regularDue: 3,
      regularHeld: 3,
      thematicDue: 3,
      thematicHeld: 2,
      meetingsHeld: 5,
    });
  });
});

describe("a combined meeting", () => {
  it("counts a thematic meeting held together with the regular one for both the month and the quarter", async () => {
    const c = await createTenant();
    const ctoken = await login(c.admin.email);
    const m = (id: string, kind: "regular" | "thematic", scheduledAt: string, combined = false) => ({
      id: `${id}-${crypto.randomUUID().slice(0, 8)}`,
      tenantId: c.tenantId,
      organizationId: c.branchId,
      kind,
      topic: id,
      scheduledAt,
      status: "closed" as const,
      combined,
    });
    // January: one combined meeting (recorded as thematic); February: a regular one; March: nothing.
    await dbOf(t.tenantId)
      .insert(meetings)
      .values([
        m("jan", "thematic", "2025-01-10T12:30:00.000Z", true),
        m("feb", "regular", "2025-02-10T12:30:00.000Z"),
      ]);
    const res = await api<ReportResult>(
      "GET",
      `/api/tenants/${c.tenantId}/reports/meetings?year=2025&quarter=1`,
      ctoken,
    );
    expect(res.json.total).toMatchObject({
      regularDue: 3,
      regularHeld: 2,
      thematicDue: 1,
      thematicHeld: 1,
      meetingsHeld: 2,
      branchesAllThematic: 1,
    });
    expect(res.json.behind[0]!.reasons).toEqual([{ code: "missing_regular", count: 1 }]);
    expect(seriesOf(res.json, ["regular", "thematic", "branchesHeld"])).toEqual([
      [0, 1, 1],
      [1, 0, 1],
      [0, 0, 0],
    ]);
  });
});

describe("attendance, 2025", () => {
  it("rates presence over those expected, less the exempted who stayed away, members only", async () => {
    const r = await report("attendance", "year=2025");
    // A January: present a1 a2 a4 = 3, a3 excused, a5 exempt (absent) → expected 4; 3/4 = 75% (≤ 85%).
    // A February: all five present, a5 (exempt) counts as present; the leader's row is a guest's → 5/5.
    // A July and December have only the leaders' rows → not counted. A: 2 meetings, 8/9 = 0.8889.
    // B January: 3 present, b3 unexcused → 3/4 = 0.75. B's cancelled March row never counts.
    // C January: 3/3.
    expect(row(r, "Chi bộ cơ sở Trường học")).toMatchObject({
      behind: false,
      values: {
        meetings: 1,
        expected: 3,
        present: 3,
        rate: 1,
        excused: 0,
        unexcused: 0,
        exempt: 0,
        meetingsWithUnexcused: 0,
        meetingsBelowRate: 0,
        branchesBehind: 0,
      },
    });
    // G1: 3 meetings, expected 9 + 4 = 13, present 8 + 3 = 11 → 0.8462.
    expect(row(r, "Đảng bộ phường Một")).toMatchObject({
      behind: true,
      values: {
        meetings: 3,
        expected: 13,
        present: 11,
        rate: 0.8462,
        excused: 1,
        unexcused: 1,
        exempt: 1,
        meetingsWithUnexcused: 1,
        meetingsBelowRate: 2,
        branchesBehind: 1,
      },
    });
    // Tenant: 4 meetings, 14 of 16 → 0.875.
    expect(r.total).toEqual({
      meetings: 4,
      expected: 16,
      present: 14,
      rate: 0.875,
      excused: 1,
      unexcused: 1,
      exempt: 1,
      meetingsWithUnexcused: 1,
      meetingsBelowRate: 2,
      branchesBehind: 1,
    });
    expect(behindOf(r)).toEqual({
      "Chi bộ khu phố 2": [
        { code: "low_attendance", value: 0.75 },
        { code: "unexcused_absence", count: 1 },
      ],
    });
    // January: A 3/4, B 3/4, C 3/3 → 9/11 = 0.8182; February: A 5/5; March: nothing held with a roll call.
    expect(month(r, "2025-01")).toEqual({ meetings: 3, rate: 0.8182, unexcused: 1 });
    expect(month(r, "2025-02")).toEqual({ meetings: 1, rate: 1, unexcused: 0 });
    expect(month(r, "2025-03")).toEqual({ meetings: 0, rate: null, unexcused: 0 });
    expect(seriesOf(r, ["meetings", "rate", "unexcused"])).toEqual([
      [3, 0.8182, 1],
      [1, 1, 0],
      ...Array.from({ length: 10 }, () => [0, null, 0]),
    ]);
    const g1 = await report("attendance", `year=2025&organizationId=${t.org.G1}`);
    expect(row(g1, "Chi bộ khu phố 1")!.values).toMatchObject({
      meetings: 2,
      expected: 9,
      present: 8,
      rate: 0.8889,
      excused: 1,
      exempt: 1,
      meetingsBelowRate: 1,
    });
  });
});

describe("speaking, 2025", () => {
  it("shows the share of members who spoke and how much the top speaker held", async () => {
    const r = await report("speaking", "year=2025");
    // A Jan: a1 400+200, a2 120, a4 80 (a2's point of order left out): 3 speakers of 3 present, 800 s, top 600 → one voice.
    // A Feb: a1, a2, a3 200 each; the leader's 900 s briefing is a guest's: 3 of 5, 600 s, top 200.
    // A: 8 present, 6 speakers → 0.75; 1400 s, top 600 + 200 = 800 → 0.5714 ≥ 0.5 → flagged.
    // B Jan: b1 alone 900 s: 1 of 3 → 0.3333; top share 1 → one voice. C Jan: nobody spoke: 0 of 3 (< 30%).
    expect(row(r, "Chi bộ cơ sở Trường học")).toMatchObject({
      behind: true,
      values: {
        meetings: 1,
        present: 3,
        speakers: 0,
        speakerRate: 0,
        speakingSeconds: 0,
        topShare: null,
        oneVoiceMeetings: 0,
        meetingsFewSpeakers: 1,
        branchesBehind: 1,
      },
    });
    // G1: present 11, speakers 7 → 0.6364; 2300 s, top 1700 → 0.7391.
    expect(row(r, "Đảng bộ phường Một")).toMatchObject({
      behind: true,
      values: {
        meetings: 3,
        present: 11,
        speakers: 7,
        speakerRate: 0.6364,
        speakingSeconds: 2300,
        topShare: 0.7391,
        oneVoiceMeetings: 2,
        meetingsFewSpeakers: 0,
        branchesBehind: 2,
      },
    });
    expect(r.total).toEqual({
      meetings: 4,
      present: 14,
      speakers: 7,
      speakerRate: 0.5,
      speakingSeconds: 2300,
      topShare: 0.7391,
      oneVoiceMeetings: 2,
      meetingsFewSpeakers: 1,
      branchesBehind: 3,
    });
    expect(behindOf(r)).toEqual({
      "Chi bộ khu phố 1": [{ code: "one_voice", value: 0.5714 }],
      "Chi bộ khu phố 2": [{ code: "one_voice", value: 1 }],
      "Chi bộ cơ sở Trường học": [{ code: "few_speakers", value: 0 }],
    });
    // January: speakers 3 + 1 + 0 of present 3 + 3 + 3 = 4/9; seconds 800 + 900, top 600 + 900 → 1500/1700.
    expect(month(r, "2025-01")).toEqual({ speakerRate: 0.4444, topShare: 0.8824 });
    expect(month(r, "2025-02")).toEqual({ speakerRate: 0.6, topShare: 0.3333 });
    expect(seriesOf(r, ["speakerRate", "topShare"])).toEqual([
      [0.4444, 0.8824],
      [0.6, 0.3333],
      ...Array.from({ length: 10 }, () => [null, null]),
    ]);
  });
});

describe("votes, 2025", () => {
  it("counts closed votes of held meetings and participation over those entitled", async () => {
    const r = await report("votes", "year=2025");
    // A: Jan 2 of 4 cast (passed); Feb 4 of 4 (passed, one reserved opinion) and a secret one 1-2-1 of 4 (not
    // passed); Feb's still-open vote is left out. 3 votes, 10/12 = 0.8333; 12 regular meetings, 10 without a vote.
    // B: Jan 3 of 4 → 0.75; 10 regular held, 9 without a vote; the cancelled March meeting's vote never counts.
    // C: no votes; 12 regular meetings held, all without one.
    expect(row(r, "Chi bộ cơ sở Trường học")).toMatchObject({
      behind: true,
      values: {
        votes: 0,
        passed: 0,
        notPassed: 0,
        secret: 0,
        eligible: 0,
        cast: 0,
        participation: null,
        reservedOpinions: 0,
        regularHeld: 12,
        regularWithoutVote: 12,
        branchesBehind: 1,
      },
    });
    expect(row(r, "Đảng bộ phường Một")).toMatchObject({
      behind: true,
      values: {
        votes: 4,
        passed: 3,
        notPassed: 1,
        secret: 1,
        eligible: 16,
        cast: 13,
        participation: 0.8125,
        reservedOpinions: 1,
        regularHeld: 22,
        regularWithoutVote: 19,
        branchesBehind: 2,
      },
    });
    expect(r.total).toEqual({
      votes: 4,
      passed: 3,
      notPassed: 1,
      secret: 1,
      eligible: 16,
      cast: 13,
      participation: 0.8125,
      reservedOpinions: 1,
      regularHeld: 34,
      regularWithoutVote: 31,
      branchesBehind: 3,
    });
    expect(behindOf(r)).toEqual({
      "Chi bộ khu phố 1": [
        { code: "low_participation", value: 0.8333 },
        { code: "meeting_without_vote", count: 10 },
      ],
      "Chi bộ khu phố 2": [
        { code: "low_participation", value: 0.75 },
        { code: "meeting_without_vote", count: 9 },
      ],
      "Chi bộ cơ sở Trường học": [{ code: "meeting_without_vote", count: 12 }],
    });
    // January: A 2/4 and B 3/4 → 5/8; February: A 8/8.
    expect(month(r, "2025-01")).toEqual({ votes: 2, participation: 0.625 });
    expect(month(r, "2025-02")).toEqual({ votes: 2, participation: 1 });
    expect(seriesOf(r, ["votes", "participation"])).toEqual([
      [2, 0.625],
      [2, 1],
      ...Array.from({ length: 10 }, () => [0, null]),
    ]);
  });
});

describe("quality grades, 2025", () => {
  it("counts each held meeting's grade (confirmed, else the leader's, else the branch's) and rolls up the year", async () => {
    const r = await report("grades", "year=2025");
    // A: Jan branch 92 Tốt; Feb the leader's 65 Trung bình (over the branch's 85); Mar 95 Tốt, confirmed.
    //    3 graded of 16 held, avg 252/3 = 84. B: Jan the branch's 48 Kém, confirmed over the leader's 75; 1 of 11.
    //    C: Jan 70 Khá; 1 of 16. B's cancelled March meeting's 100 never counts.
    expect(row(r, "Chi bộ cơ sở Trường học")).toMatchObject({
      behind: false,
      values: {
        meetingsHeld: 16,
        graded: 1,
        confirmed: 0,
        good: 0,
        fair: 1,
        average: 0,
        weak: 0,
        ungraded: 15,
        averageScore: 70,
        branchesBehind: 0,
      },
    });
    // G1: 27 held, 4 graded, 2 confirmed; (252 + 48) / 4 = 75.
    expect(row(r, "Đảng bộ phường Một")).toMatchObject({
      behind: true,
      values: {
        meetingsHeld: 27,
        graded: 4,
        confirmed: 2,
        good: 2,
        fair: 0,
        average: 1,
        weak: 1,
        ungraded: 23,
        averageScore: 75,
        branchesBehind: 1,
      },
    });
    // Tenant: (300 + 70) / 5 = 74.
    expect(r.total).toEqual({
      meetingsHeld: 43,
      graded: 5,
      confirmed: 2,
      good: 2,
      fair: 1,
      average: 1,
      weak: 1,
      ungraded: 38,
      averageScore: 74,
      branchesBehind: 1,
    });
    expect(behindOf(r)).toEqual({
      "Chi bộ khu phố 2": [
        { code: "weak_grade", count: 1 },
        { code: "low_average_grade", value: 48 },
      ],
    });
    expect(month(r, "2025-01")).toEqual({ good: 1, fair: 1, average: 0, weak: 1, averageScore: 70 }); // (92 + 48 + 70) / 3
    expect(month(r, "2025-02")).toEqual({ good: 0, fair: 0, average: 1, weak: 0, averageScore: 65 });
    // March: A's 95 (confirmed); no other month graded.
    expect(seriesOf(r, ["good", "fair", "average", "weak", "averageScore"])).toEqual([
      [1, 1, 0, 1, 70],
      [0, 0, 1, 0, 65],
      [1, 0, 0, 0, 95],
      ...Array.from({ length: 9 }, () => [0, 0, 0, 0, null]),
    ]);
    const years = r.tables.find((x: { key: string }) => x.key === "branchYears")!;
    expect(
      years.rows.map((y: Record<string, unknown>) => [
        y.branchName,
        y.year,
        y.graded,
        y.good,
        y.fair,
        y.average,
        y.weak,
        y.averageScore,
        y.yearGrade,
      ]),
    ).toEqual([
      ["Chi bộ cơ sở Trường học", 2025, 1, 0, 1, 0, 0, 70, "Khá"],
      ["Chi bộ khu phố 1", 2025, 3, 2, 0, 1, 0, 84, "Khá"],
      ["Chi bộ khu phố 2", 2025, 1, 0, 0, 0, 1, 48, "Kém"],
    ]);
  });

  it("rates the branch's year on the whole year when the period is a quarter", async () => {
    // Q2 holds no graded meeting; the main table says so, the branch years still carry January–March.
    const r = await report("grades", "year=2025&quarter=2");
    expect(r.total).toMatchObject({ graded: 0, good: 0, fair: 0, average: 0, weak: 0, averageScore: null });
    const years = r.tables.find((x: { key: string }) => x.key === "branchYears")!;
    expect(
      years.rows.map((y: Record<string, unknown>) => [y.branchName, y.graded, y.averageScore, y.yearGrade]),
    ).toEqual([
      ["Chi bộ cơ sở Trường học", 1, 70, "Khá"],
      ["Chi bộ khu phố 1", 3, 84, "Khá"],
      ["Chi bộ khu phố 2", 1, 48, "Kém"],
    ]);
  });
});

describe("visits kept, 2025", () => {
  it("counts planned vs attended per branch and per leader, flags the yearly minimum", async () => {
    const r = await report("visits", "year=2025");
    // A: P1 (Feb), P7 (Jul), P5 (Dec) attended → 3 of 3, leaders L, L2.
    // B: P2 moved (history), its continuation P2' in November pending, P3 attended → 1 of 2, 1 moved, leaders L, L2.
    // C: P4 (L2) and P8 (L3) missed → 0 of 2. P6 is 2026. Another committee's plan for L never shows.
    expect(row(r, "Chi bộ cơ sở Trường học")).toMatchObject({
      behind: true,
      values: { planned: 2, attended: 0, missed: 2, pending: 0, moved: 0, keptRate: 0, leaders: 2, branchesBehind: 1 },
    });
    expect(row(r, "Đảng bộ phường Một")).toMatchObject({
      behind: false,
      values: {
        planned: 5,
        attended: 4,
        missed: 0,
        pending: 1,
        moved: 1,
        keptRate: 0.8,
        leaders: 2,
        branchesBehind: 0,
      },
    });
    // "3 leaders attended 4 of 7 planned".
    expect(r.total).toEqual({
      planned: 7,
      attended: 4,
      missed: 2,
      pending: 1,
      moved: 1,
      keptRate: 0.5714,
      leaders: 3,
      branchesBehind: 1,
    });
    expect(behindOf(r)).toEqual({ "Chi bộ cơ sở Trường học": [{ code: "visits_missed", count: 2 }] });
    expect(month(r, "2025-01")).toEqual({ planned: 1, attended: 1 }); // P3; P2 moved away
    expect(month(r, "2025-11")).toEqual({ planned: 1, attended: 0 }); // P2'
    // Jan P3, Feb P1, Mar P4, May P8, Jul P7, Nov P2', Dec P5.
    expect(seriesOf(r, ["planned", "attended"])).toEqual([
      [1, 1],
      [1, 1],
      [1, 0],
      [0, 0],
      [1, 0],
      [0, 0],
      [1, 1],
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
    const leaders = r.tables.find((x: { key: string }) => x.key === "leaders")!;
    // L: P1, P2', P7 → 2 of 3; L2: P3, P4, P5 → 2 of 3; L3: P8 → 0 of 1, under the minimum of two a year.
    expect(
      leaders.rows.map((l: Record<string, unknown>) => [
        l.leaderName,
        l.planned,
        l.attended,
        l.missed,
        l.pending,
        l.kept,
        l.year,
        l.attendedInYear,
        l.belowMinimum,
      ]),
    ).toEqual([
      ["Hoàng Thị Đạo", 3, 2, 1, 0, "2/3", 2025, 2, ""],
      ["Lê Văn Lãnh", 3, 2, 0, 1, "2/3", 2025, 2, ""],
      ["Vũ Văn Ba", 1, 0, 1, 0, "0/1", 2025, 0, "Có"],
    ]);
  });

  it("checks a leader's yearly minimum over every branch, also when drilled into one", async () => {
    // C alone: L2 missed P4 and L3 missed P8 there; L2 attended twice elsewhere (B in January, A in December).
    const r = await report("visits", `year=2025&organizationId=${t.org.C}`);
    expect(r.total).toMatchObject({ planned: 2, attended: 0, missed: 2, leaders: 2 });
    const leaders = r.tables.find((x: { key: string }) => x.key === "leaders")!;
    expect(
      leaders.rows.map((l: Record<string, unknown>) => [l.leaderName, l.kept, l.attendedInYear, l.belowMinimum]),
    ).toEqual([
      ["Hoàng Thị Đạo", "0/1", 2, ""],
      ["Vũ Văn Ba", "0/1", 0, "Có"],
    ]);
  });

  it("checks the yearly minimum over the whole year when the period is a quarter", async () => {
    // Q1: L has P1 (attended; P2 moved away), L2 P3 (attended) and P4 (missed); both attended twice in 2025.
    const r = await report("visits", "year=2025&quarter=1");
    expect(r.total).toMatchObject({ planned: 3, attended: 2, missed: 1, pending: 0, moved: 1, leaders: 2 });
    const leaders = r.tables.find((x: { key: string }) => x.key === "leaders")!;
    expect(
      leaders.rows.map((l: Record<string, unknown>) => [l.leaderName, l.kept, l.attendedInYear, l.belowMinimum]),
    ).toEqual([
      ["Hoàng Thị Đạo", "1/2", 2, ""],
      ["Lê Văn Lãnh", "1/1", 2, ""],
    ]);
  });
});

describe("from–to periods", () => {
  it("covers the days asked, in Vietnam's calendar", async () => {
    // 2025-05-31 local covers B's "June" meeting? No: it is 1 June 00:30 in Vietnam, so May 1–31 has
    // A (regular + thematic), B (regular + thematic), C (regular) = 5 meetings.
    const may = await report("meetings", "from=2025-05-01&to=2025-05-31");
    expect(may.period).toMatchObject({ label: "01/05/2025 – 31/05/2025", months: ["2025-05"] });
    expect(may.total).toMatchObject({ meetingsHeld: 5, regularHeld: 3 });
    const june1 = await report("meetings", "from=2025-06-01&to=2025-06-01");
    expect(june1.total).toMatchObject({ meetingsHeld: 1 });
  });
});
