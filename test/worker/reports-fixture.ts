/**
 * A small committee built by hand in D1 for the report tests, as the room would have recorded it in 2025.
 * Every figure the reports give for it is worked out on paper in reports.test.ts. Times are UTC; the
 * branches meet at 19:30 Vietnam time (12:30Z) on the 10th unless said otherwise.
 *
 *   Chi bộ cơ sở Trường học (C, grassroots branch: c1 secretary, c2, c3)
 *   Đảng bộ phường Một (G1, grassroots committee)
 *     ├ Chi bộ khu phố 1 (A: a1 secretary, a2, a3, a4 probationary, a5 exempt)
 *     └ Chi bộ khu phố 2 (B: b1 secretary, b2, b3, b4)
 * Visiting leaders from outside the committee: Lê Văn Lãnh (L), Hoàng Thị Đạo (L2), Vũ Văn Ba (L3).
 */
import {
  attendance,
  evaluations,
  meetingGuests,
  meetings,
  memberships,
  organizations,
  reservedOpinions,
  speeches,
  tenantRoles,
  votes,
} from "../../schema/db/tables";
import { createLeader, createPerson, dbOf, placeTenant } from "../support/fixtures";

const uid = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;
const months = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];

type Status = "planned" | "live" | "closed" | "cancelled";
type Person = Awaited<ReturnType<typeof createPerson>>;

export async function buildReportTenant() {
  const tenantId = uid("t");
  await placeTenant({ id: tenantId, name: "Đảng ủy thử báo cáo" });
  const org = { G1: uid("org"), A: uid("org"), B: uid("org"), C: uid("org") };
  await dbOf(tenantId)
    .insert(organizations)
    .values([
      { id: org.G1, tenantId, kind: "grassroots_committee", name: "Đảng bộ phường Một" },
      { id: org.A, tenantId, parentId: org.G1, kind: "branch", name: "Chi bộ khu phố 1", branchType: "residential" },
      { id: org.B, tenantId, parentId: org.G1, kind: "branch", name: "Chi bộ khu phố 2", branchType: "residential" },
      { id: org.C, tenantId, kind: "grassroots_branch", name: "Chi bộ cơ sở Trường học", branchType: "school" },
    ]);
  const admin = await createPerson("Trần Thị Quản Trị");
  const viewer = await createPerson("Ngô Văn Xem");
  await dbOf(tenantId)
    .insert(tenantRoles)
    .values([
      { tenantId, personId: admin.id, role: "admin" },
      { tenantId, personId: viewer.id, role: "viewer" },
    ]);

  const p: Record<string, Person> = {};
  const member = async (
    key: string,
    orgId: string,
    opts: { role?: "secretary"; probationary?: boolean; exempt?: boolean } = {},
  ) => {
    p[key] = await createPerson(`Đảng viên ${key.toUpperCase()}`);
    await dbOf(tenantId)
      .insert(memberships)
      .values({
        id: uid("m"),
        tenantId,
        organizationId: orgId,
        personId: p[key]!.id,
        status: opts.probationary ? "probationary" : "official",
        probationStart: opts.probationary ? "2024-09-01" : null,
        branchRole: opts.role ?? "member",
        exemptReason: opts.exempt ? "Tuổi cao" : null,
        exemptFrom: opts.exempt ? "2024-01-01" : null,
        fullName: p[key]!.name,
      });
  };
  await member("a1", org.A, { role: "secretary" });
  await member("a2", org.A);
  await member("a3", org.A);
  await member("a4", org.A, { probationary: true });
  await member("a5", org.A, { exempt: true });
  await member("b1", org.B, { role: "secretary" });
  for (const k of ["b2", "b3", "b4"]) await member(k, org.B);
  await member("c1", org.C, { role: "secretary" });
  for (const k of ["c2", "c3"]) await member(k, org.C);
  const L = await createLeader(tenantId, "Lê Văn Lãnh");
  const L2 = await createLeader(tenantId, "Hoàng Thị Đạo");
  const L3 = await createLeader(tenantId, "Vũ Văn Ba");

  const meetingRows: (typeof meetings.$inferInsert)[] = [];
  const m = (
    key: string,
    orgId: string,
    kind: "regular" | "thematic",
    scheduledAt: string,
    status: Status = "closed",
  ) => {
    const id = uid(`mt-${key}`);
    meetingRows.push({ id, tenantId, organizationId: orgId, kind, topic: `Sinh hoạt ${key}`, scheduledAt, status });
    return id;
  };
  const mt: Record<string, string> = {};
  // A: every regular meeting and a thematic one each quarter; one meeting just before and one after 2025.
  for (const mm of months) mt[`A-${mm}`] = m(`A-${mm}`, org.A, "regular", `2025-${mm}-10T12:30:00.000Z`);
  for (const mm of ["02", "05", "08", "11"])
    mt[`A-th-${mm}`] = m(`A-th-${mm}`, org.A, "thematic", `2025-${mm}-20T12:30:00.000Z`);
  m("A-2024-12", org.A, "regular", "2024-12-31T16:59:00.000Z"); // 23:59 on 31 Dec in Vietnam: 2024
  m("A-2026-01", org.A, "regular", "2026-01-10T12:30:00.000Z");
  // B: no March (cancelled) and no November (planned, never held); June's is at 00:30 on 1 June Vietnam time.
  for (const mm of ["01", "02", "04", "05", "07", "08", "09", "10", "12"])
    mt[`B-${mm}`] = m(`B-${mm}`, org.B, "regular", `2025-${mm}-10T12:30:00.000Z`);
  mt["B-06"] = m("B-06", org.B, "regular", "2025-05-31T17:30:00.000Z");
  mt["B-03"] = m("B-03", org.B, "regular", "2025-03-10T12:30:00.000Z", "cancelled");
  mt["B-11"] = m("B-11", org.B, "regular", "2025-11-10T12:30:00.000Z", "planned");
  mt["B-th-05"] = m("B-th-05", org.B, "thematic", "2025-05-20T12:30:00.000Z");
  // C: two regular meetings in January and none in February; thematic in Q1, Q2 and twice in Q3, none in Q4.
  mt["C-01"] = m("C-01", org.C, "regular", "2025-01-10T12:30:00.000Z");
  mt["C-01b"] = m("C-01b", org.C, "regular", "2025-01-24T12:30:00.000Z");
  for (const mm of months.slice(2)) mt[`C-${mm}`] = m(`C-${mm}`, org.C, "regular", `2025-${mm}-10T12:30:00.000Z`);
  for (const mm of ["01", "04", "07", "08"])
    mt[`C-th-${mm}`] = m(`C-th-${mm}`, org.C, "thematic", `2025-${mm}-20T12:30:00.000Z`);
  // D1 binds at most 100 parameters a statement: a meeting row binds 11 of them, so 8 rows at a time.
  for (let i = 0; i < meetingRows.length; i += 8)
    await dbOf(tenantId)
      .insert(meetings)
      .values(meetingRows.slice(i, i + 8));

  // The room only lets a leader in as an invited guest of the meeting.
  await dbOf(tenantId)
    .insert(meetingGuests)
    .values(
      (
        [
          ["A-02", L],
          ["A-07", L],
          ["A-12", L2],
          ["B-01", L2],
        ] as const
      ).map(([meeting, person]) => ({
        tenantId,
        meetingId: mt[meeting]!,
        personId: person.id,
        title: "Ủy viên Ban Thường vụ",
      })),
    );
  type AttStatus = "present_hall" | "present_remote" | "absent_excused" | "absent_unexcused" | "exempt";
  const att = (meeting: string, rows: [Person, AttStatus][]) =>
    dbOf(tenantId)
      .insert(attendance)
      .values(rows.map(([person, status]) => ({ tenantId, meetingId: mt[meeting]!, personId: person.id, status })));
  await att("A-01", [
    [p.a1!, "present_hall"],
    [p.a2!, "present_remote"],
    [p.a3!, "absent_excused"],
    [p.a4!, "present_hall"],
    [p.a5!, "exempt"],
  ]);
  await att("A-02", [
    [p.a1!, "present_hall"],
    [p.a2!, "present_hall"],
    [p.a3!, "present_hall"],
    [p.a4!, "present_hall"],
    [p.a5!, "present_hall"],
    [L, "present_remote"],
  ]);
  await att("A-07", [[L, "present_hall"]]);
  await att("A-12", [[L2, "present_hall"]]);
  await att("B-01", [
    [p.b1!, "present_hall"],
    [p.b2!, "present_hall"],
    [p.b3!, "absent_unexcused"],
    [p.b4!, "present_hall"],
  ]);
  await att("B-03", [[p.b1!, "present_hall"]]); // cancelled meeting: never counted
  await att("C-01", [
    [p.c1!, "present_hall"],
    [p.c2!, "present_hall"],
    [p.c3!, "present_remote"],
  ]);

  const speech = (meeting: string, person: Person, seconds: number, kind: "speech" | "point_of_order" = "speech") => ({
    id: uid("sp"),
    tenantId,
    meetingId: mt[meeting]!,
    personId: person.id,
    kind,
    startedAt: "2025-01-10T12:40:00.000Z",
    endedAt: "2025-01-10T12:50:00.000Z",
    durationSeconds: seconds,
  });
  await dbOf(tenantId)
    .insert(speeches)
    .values([
      speech("A-01", p.a1!, 400),
      speech("A-01", p.a1!, 200),
      speech("A-01", p.a2!, 120),
      speech("A-01", p.a4!, 80),
      speech("A-01", p.a2!, 30, "point_of_order"),
      speech("A-02", p.a1!, 200),
      speech("A-02", p.a2!, 200),
      speech("A-02", p.a3!, 200),
      speech("A-02", L, 900), // the leader's briefing: a guest, not a member
      speech("B-01", p.b1!, 900),
    ]);

  const vote = (
    meeting: string,
    v: {
      eligible: number;
      agree: number;
      disagree: number;
      abstain: number;
      result: "passed" | "not_passed";
      secret?: boolean;
      closed?: boolean;
    },
  ) => {
    const id = uid("v");
    return {
      id,
      row: {
        id,
        tenantId,
        meetingId: mt[meeting]!,
        motion: "Thông qua nghị quyết",
        ruleJson: "{}",
        secret: v.secret ?? false,
        openedAt: "2025-01-10T13:30:00.000Z",
        closedAt: v.closed === false ? null : "2025-01-10T13:35:00.000Z",
        eligible: v.eligible,
        agree: v.agree,
        disagree: v.disagree,
        abstain: v.abstain,
        result: v.closed === false ? null : v.result,
      },
    };
  };
  const v1 = vote("A-01", { eligible: 4, agree: 2, disagree: 0, abstain: 0, result: "passed" });
  const v2 = vote("A-02", { eligible: 4, agree: 3, disagree: 1, abstain: 0, result: "passed" });
  const v3 = vote("A-02", { eligible: 4, agree: 1, disagree: 2, abstain: 1, result: "not_passed", secret: true });
  const v4 = vote("A-02", { eligible: 4, agree: 1, disagree: 0, abstain: 0, result: "passed", closed: false });
  const v5 = vote("B-01", { eligible: 4, agree: 3, disagree: 0, abstain: 0, result: "passed" });
  const v6 = vote("B-03", { eligible: 4, agree: 4, disagree: 0, abstain: 0, result: "passed" }); // cancelled meeting
  await dbOf(tenantId)
    .insert(votes)
    .values([v1, v2, v3, v4, v5, v6].map((v) => v.row));
  await dbOf(tenantId)
    .insert(reservedOpinions)
    .values({
      id: uid("ro"),
      tenantId,
      meetingId: mt["A-02"]!,
      voteId: v2.id,
      personId: p.a3!.id,
      body: "Tôi bảo lưu ý kiến",
    });

  const ev = (
    meeting: string,
    who: Person,
    kind: "branch" | "leader",
    total: number,
    grade: "good" | "fair" | "average" | "weak",
  ) => ({
    id: uid("ev"),
    tenantId,
    meetingId: mt[meeting]!,
    evaluatorPersonId: who.id,
    evaluatorKind: kind,
    scoresJson: JSON.stringify({ attendance: 20 }),
    total,
    grade,
  });
  const evals = {
    A01: ev("A-01", p.a1!, "branch", 92, "good"),
    A02branch: ev("A-02", p.a1!, "branch", 85, "fair"),
    A02leader: ev("A-02", L, "leader", 65, "average"),
    A03: ev("A-03", p.a1!, "branch", 95, "good"),
    B01branch: ev("B-01", p.b1!, "branch", 48, "weak"),
    B01leader: ev("B-01", L2, "leader", 75, "fair"),
    B03: ev("B-03", p.b1!, "branch", 100, "good"), // cancelled meeting
    C01: ev("C-01", p.c1!, "branch", 70, "fair"),
  };
  await dbOf(tenantId).insert(evaluations).values(Object.values(evals));

  return { tenantId, org, admin, viewer, p, L, L2, L3, mt, evals };
}

export type ReportTenant = Awaited<ReturnType<typeof buildReportTenant>>;
