/**
 * Hòa An's year: every branch's last twelve months held and recorded (./seed-history.ts), this month's meetings
 * planned — Khu phố 3 meets tonight, with the provincial leader invited — and the leaders' visits across the year,
 * all kept but one (last month's to Khu phố 1, to move). Branches differ as real ones do: most steady, one busy
 * ward branch with the odd unexcused absence, one small branch that slips now and then.
 */
import { addMonths, daysInMonth, vnThisMonth, vnWallTime } from "../../schema/calendar.ts";
import { monthLabel, THEMATIC_AGENDA, THEMATIC_TOPICS, vnTime } from "./meeting-content.ts";
import { type BranchProfile, type Leader, writeBranchYear } from "./seed-history.ts";
import { type SeedBranch, writeMeeting } from "./seed-meetings.ts";
import type { SqlWriter } from "./sql.ts";

/** How the demo's branches do over a year. */
export const PROFILES = {
  steady: { excused: 0.05, unexcused: 0, remote: 0.1, care: 0.84, speak: 0.55, slip: 0 },
  busy: { excused: 0.09, unexcused: 0.012, remote: 0.12, care: 0.68, speak: 0.42, slip: 0.04 },
  small: { excused: 0.08, unexcused: 0.015, remote: 0, care: 0.56, speak: 0.38, slip: 0.12 },
} as const satisfies Record<string, BranchProfile>;

export interface HistoryBranch {
  key: string;
  name: string;
  type: string;
  hour: number;
  profile: BranchProfile;
}

export interface DemoHistory {
  tenantId: string;
  now: Date;
  plans: readonly HistoryBranch[];
  branches: Map<string, SeedBranch>;
  names: Map<string, string>;
  /** The provincial leader and the committee's standing deputy secretary, who visit branches. */
  leaders: { province: Leader; committee: Leader };
  confirmedBy: string;
}

/** Visits by branch, months back: the province's leader twice a year to each ward branch, the committee's to the rest. */
const VISITS: Record<string, { back: number; by: "province" | "committee"; missed?: true }[]> = {
  kp3: [7, 1, 0].map((back) => ({ back, by: "province" })),
  kp1: [
    { back: 6, by: "province" },
    { back: 1, by: "province", missed: true },
  ],
  kp2: [10, 4].map((back) => ({ back, by: "province" })),
  thcs: [9, 2].map((back) => ({ back, by: "committee" })),
  yte: [{ back: 5, by: "committee" }],
  quansu: [8, 3].map((back) => ({ back, by: "committee" })),
};

export function writeHoaAnHistory(w: SqlWriter, r: () => number, d: DemoHistory): string[] {
  const t = d.tenantId;
  // The calendar is Vietnam's: "today" there may already be tomorrow in UTC.
  const local = vnWallTime(d.now);
  const thisMonth = vnThisMonth(d.now);
  const lastDay = daysInMonth(local.year, local.month);
  const ids = d.plans.flatMap((b, i) =>
    writeBranchYear(w, r, {
      tenantId: t,
      branch: d.branches.get(b.key)!,
      idPrefix: `${t}-${b.key}`,
      branchName: b.name,
      branchType: b.type,
      format: b.type === "residential" ? "hybrid" : "in_person",
      hour: b.hour,
      day: 10 + i * 2,
      // Khu phố 3 meets tonight so the live room can be tried at once; the others in the days ahead.
      currentDay: b.key === "kp3" ? local.day : Math.min(lastDay, local.day + 1 + i),
      months: 12,
      now: d.now,
      profile: b.profile,
      names: d.names,
      visits: (VISITS[b.key] ?? []).map((v) => ({
        month: addMonths(thisMonth, -v.back),
        leader: d.leaders[v.by],
        kept: !v.missed,
      })),
      confirmedBy: d.confirmedBy,
      // The agency branch holds this quarter's thematic meeting later this month.
      skipThematic: b.key === "coquan" ? [thisMonth] : undefined,
    }),
  );
  const id = `${t}-coquan-thematic`;
  writeMeeting(w, r, {
    tenantId: t,
    id,
    branch: d.branches.get("coquan")!,
    kind: "thematic",
    topic: THEMATIC_TOPICS[2],
    scheduledAt: vnTime(local.year, local.month - 1, Math.min(lastDay, local.day + 3), 14, 0),
    status: "planned",
    format: "in_person",
    agenda: THEMATIC_AGENDA,
  });
  for (const b of d.plans) {
    const current = `${t}-${b.key}-current`;
    w.insert("meeting_documents", {
      id: `${current}-d1`,
      tenant_id: t,
      meeting_id: current,
      title: `Dự thảo Nghị quyết ${b.name} tháng ${monthLabel(local.year, local.month - 1)}`,
      body:
        `1. Kết quả thực hiện nhiệm vụ tháng ${monthLabel(local.year, local.month - 2)}: các đảng viên hoàn thành nhiệm vụ được phân công.\n` +
        `2. Nhiệm vụ tháng ${monthLabel(local.year, local.month)}: tuyên truyền, vận động nhân dân thực hiện tốt các chủ trương của Đảng, ` +
        `chính sách, pháp luật của Nhà nước; giữ gìn an ninh trật tự, vệ sinh môi trường trên địa bàn.\n` +
        `3. Phân công đảng viên phụ trách từng nhiệm vụ, báo cáo kết quả tại kỳ sinh hoạt tháng sau.`,
      url: null,
    });
  }
  return [...ids, id];
}
