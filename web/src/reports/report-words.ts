/**
 * The reports' own words in the page's language. Vietnamese comes from schema/api (shared with the CSV and
 * XLSX exports, which stay Vietnamese: they go into the committee's files); English lives here, keyed like
 * the Vietnamese, and falls back to it for a word not yet translated.
 */
import type { BehindReason, Grade, ReportName } from "../../../schema/api/report-labels";
import { describeReason, gradeLabels, reportTitles } from "../../../schema/api/report-labels";
import { type VisitStatus, visitStatusLabels } from "../../../schema/api/visit-labels";
import { lang } from "../i18n";

const titlesEn: Record<ReportName, string> = {
  meetings: "Regular and thematic meetings",
  attendance: "Attendance",
  speaking: "Speaking",
  votes: "Votes",
  grades: "Quality grades",
  visits: "Leaders' visits",
};

const columnsEn: Record<string, string> = {
  branches: "Branches",
  regularDue: "Regular meetings due (months)",
  regularHeld: "Regular meetings held",
  regularRate: "Regular meetings rate",
  thematicDue: "Thematic due (quarters)",
  thematicHeld: "Thematic held (quarters)",
  meetingsHeld: "Meetings held",
  cancelled: "Cancelled",
  branchesAllRegular: "Branches with every regular meeting",
  branchesAllThematic: "Branches with every thematic meeting",
  shareAllRegular: "Share with every regular meeting",
  shareAllThematic: "Share with every thematic meeting",
  branchesBehind: "Branches behind",
  tasksDue: "Resolution tasks due",
  tasksOnTime: "Tasks done on time",
  tasksOnTimeRate: "Tasks on time rate",
  meetings: "Meetings",
  expected: "Expected (less exempted)",
  present: "Present",
  rate: "Attendance rate",
  excused: "Absent with reason",
  unexcused: "Absent without reason",
  exempt: "Exempted, absent",
  meetingsWithUnexcused: "Meetings with unexcused absence",
  meetingsBelowRate: "Meetings at or under 85%",
  speakers: "Speakers",
  speakerRate: "Share of attendees who spoke",
  speakingSeconds: "Speaking time",
  topShare: "Top speaker's share",
  oneVoiceMeetings: "Meetings where one spoke over half",
  meetingsFewSpeakers: "Meetings under 30% speaking",
  votes: "Votes",
  passed: "Passed",
  notPassed: "Not passed",
  secret: "Secret ballots",
  eligible: "Entitled to vote",
  cast: "Votes cast",
  participation: "Participation",
  reservedOpinions: "Reserved opinions",
  regularWithoutVote: "Regular meetings without a vote",
  graded: "Graded",
  confirmed: "Confirmed by the committee",
  good: "Good",
  fair: "Fair",
  average: "Average",
  weak: "Weak",
  ungraded: "Not graded",
  averageScore: "Average score",
  planned: "Planned",
  attended: "Attended",
  missed: "Missed",
  pending: "Not yet due",
  moved: "Moved",
  keptRate: "Kept",
  leaders: "Leaders",
  leaderName: "Leader",
  kept: "Kept",
  year: "Year",
  attendedInYear: "Attended in the year",
  belowMinimum: "Under 2 a year",
  branchName: "Branch",
  yearGrade: "Year grade",
};

const tablesEn: Record<string, string> = { leaders: "By leader", branchYears: "Branches' year grades" };

const gradesEn: Record<Grade, string> = { good: "Good", fair: "Fair", average: "Average", weak: "Weak" };
const statusesEn: Record<VisitStatus, string> = {
  planned: "Planned",
  attended: "Attended",
  missed: "Missed",
  moved: "Moved",
};

const pct = (v: number | undefined) => `${Math.round((v ?? 0) * 1000) / 10}%`;
function reasonEn(r: BehindReason): string {
  switch (r.code) {
    case "missing_regular":
      return `${r.count} regular meeting(s) missing`;
    case "missing_thematic":
      return `No thematic meeting in ${r.count} quarter(s)`;
    case "low_attendance":
      return `Attendance ${pct(r.value)} (needs over 85%)`;
    case "unexcused_absence":
      return `${r.count} absence(s) without reason`;
    case "few_speakers":
      return `Only ${pct(r.value)} of attendees spoke`;
    case "one_voice":
      return `One person held ${pct(r.value)} of the speaking time`;
    case "low_participation":
      return `Vote participation ${pct(r.value)}`;
    case "meeting_without_vote":
      return `${r.count} regular meeting(s) without a vote`;
    case "weak_grade":
      return `${r.count} meeting(s) graded weak`;
    case "low_average_grade":
      return `Average score ${r.value}`;
    case "visits_missed":
      return `${r.count} leader visit(s) missed`;
    default:
      return r.code satisfies never;
  }
}

const en = () => lang() === "en";
export const reportTitle = (name: ReportName) => (en() ? titlesEn[name] : reportTitles[name]);
export const columnLabel = (c: { key: string; label: string }) => (en() ? (columnsEn[c.key] ?? c.label) : c.label);
export const tableTitle = (t: { key: string; title: string }) => (en() ? (tablesEn[t.key] ?? t.title) : t.title);
export const gradeLabel = (g: Grade) => (en() ? gradesEn[g] : gradeLabels[g]);
export const visitStatusLabel = (s: VisitStatus) => (en() ? statusesEn[s] : visitStatusLabels[s]);
export const reasonText = (r: BehindReason) => (en() ? reasonEn(r) : describeReason(r));
/** The period's label the server writes in Vietnamese ("Năm 2025", "Quý 1/2025", "Tháng 3/2025", dates). */
export const periodLabel = (p: { label: string }) =>
  en()
    ? p.label
        .replace(/^Năm /, "Year ")
        .replace(/^Quý (\d)\//, "Q$1 ")
        .replace(/^Tháng /, "")
    : p.label;
/** Text cells the server writes in Vietnamese (a side table's "Có", a year grade). */
export function textCell(v: string): string {
  if (!en()) return v;
  if (v === "Có") return "Yes";
  const grade = (Object.keys(gradeLabels) as Grade[]).find((g) => gradeLabels[g] === v);
  return grade ? gradesEn[grade] : v;
}
