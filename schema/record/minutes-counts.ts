/**
 * The counts of the minutes, as labelled lines in a fixed Vietnamese format ("Có mặt: 7 (tại hội trường 5,
 * trực tuyến 2)"). The draft writes them (minutes-draft.ts); approval reads them back from whatever text the
 * minutes-taker made and compares each with the record (`checkMinutesCounts`), so a text whose counts
 * disagree with what the room recorded is refused and told which. Pure, runtime-safe.
 */
import { vnClock } from "../calendar.ts";
import { gradeLabels } from "../quality-grid.ts";
import { ruleAsApplied } from "../vote-rules.ts";
import type { MinutesFacts } from "./minutes-facts.ts";

/** One count: its label (what the line starts with, before the colon) and its value as the draft writes it. */
export interface CountLine {
  label: string;
  value: string;
}

/** A count the text gives otherwise than the record (`text` null: the text has no such line). */
export interface CountDisagreement {
  label: string;
  text: string | null;
  record: string;
}

const vi = (bilingual: string) => bilingual.split(" / ")[0] ?? bilingual;
const count = <T>(xs: readonly T[], p: (x: T) => boolean) => xs.filter(p).length;

export const voteLabels = (n: number) => ({
  motion: `Biểu quyết số ${n}`,
  rule: `Quy tắc biểu quyết số ${n}`,
  result: `Kết quả biểu quyết số ${n}`,
  reserved: `Bảo lưu ý kiến (biểu quyết số ${n})`,
});

function durationValue(f: MinutesFacts): string {
  if (!f.startedAt) return "chưa bắt đầu";
  if (!f.endedAt) return `${vnClock(f.startedAt)} – … (đang họp)`;
  const minutes = Math.max(0, Math.floor((Date.parse(f.endedAt) - Date.parse(f.startedAt)) / 60_000));
  return `${vnClock(f.startedAt)} – ${vnClock(f.endedAt)} (${minutes} phút)`;
}

function evaluationLabels(f: MinutesFacts): string[] {
  const of = (kind: "branch" | "leader") => (kind === "branch" ? "chi bộ" : "lãnh đạo dự họp");
  return f.evaluations.map((e) => {
    const same = f.evaluations.filter((x) => x.kind === e.kind);
    const nth = same.length > 1 ? ` ${same.indexOf(e) + 1}` : "";
    return `Xếp loại chất lượng (${of(e.kind)}${nth})`;
  });
}

/**
 * "7 (tại hội trường 4, trực tuyến 3)"; in a built-in media meeting the remote count is split by who heard the hall
 * with sound and who only followed the room (issue 13): "…, trực tuyến 3, trong đó 2 nghe qua âm thanh tích hợp, 1
 * chỉ theo dõi phòng họp)". Other meetings keep the short line.
 */
function presentValue(f: MinutesFacts, hall: number, remote: number): string {
  if (f.mediaMode !== "builtin") return `${hall + remote} (tại hội trường ${hall}, trực tuyến ${remote})`;
  const heard = count(f.members, (m) => m.attendance === "present_remote" && m.heard === true);
  return `${hall + remote} (tại hội trường ${hall}, trực tuyến ${remote}, trong đó ${heard} nghe qua âm thanh tích hợp, ${remote - heard} chỉ theo dõi phòng họp)`;
}

/** Every count of the record, in the order the draft prints them. */
export function countLines(f: MinutesFacts): CountLine[] {
  const at = (s: MinutesFacts["members"][number]["attendance"]) => (m: MinutesFacts["members"][number]) =>
    m.attendance === s;
  const hall = count(f.members, at("present_hall"));
  const remote = count(f.members, at("present_remote"));
  const official = count(f.members, (m) => m.official);
  // The `members` base of DOMAIN.md: official members, less the exempted who stayed away and the excused.
  const base = count(f.members, (m) => m.official && m.attendance !== "exempt" && m.attendance !== "absent_excused");
  const unrecorded = count(f.members, at(null));
  const lines: CountLine[] = [
    { label: "Thời gian họp", value: durationValue(f) },
    {
      label: "Tổng số đảng viên",
      value: `${f.members.length} (chính thức ${official}, dự bị ${f.members.length - official})`,
    },
    { label: "Có mặt", value: presentValue(f, hall, remote) },
    { label: "Vắng có lý do", value: String(count(f.members, at("absent_excused"))) },
    { label: "Vắng không lý do", value: String(count(f.members, at("absent_unexcused"))) },
    { label: "Miễn sinh hoạt", value: String(count(f.members, at("exempt"))) },
  ];
  // Only while the meeting runs: the close records everyone never checked in as absent without reason.
  if (unrecorded > 0) lines.push({ label: "Chưa điểm danh", value: String(unrecorded) });
  lines.push({ label: "Cơ sở biểu quyết", value: `${base} đảng viên chính thức` });
  const speakers = new Set(f.speeches.map((s) => s.personId)).size;
  lines.push({ label: "Phát biểu", value: `${f.speeches.length} lượt, ${speakers} người` });
  lines.push({ label: "Số lần biểu quyết", value: String(f.votes.length) });
  for (const [i, v] of f.votes.entries()) lines.push(...voteCountLines(f, v, i + 1));
  const evalLabels = evaluationLabels(f);
  for (const [i, e] of f.evaluations.entries())
    lines.push({ label: evalLabels[i] ?? "", value: `${e.total}/100 — ${vi(gradeLabels[e.grade])}` });
  return lines;
}

/** The rule, the result and the reserved opinions of vote number `n`. */
export function voteCountLines(f: MinutesFacts, v: MinutesFacts["votes"][number], n: number): CountLine[] {
  const labels = voteLabels(n);
  const k = v.closing;
  const result = k
    ? `tán thành ${k.agree}/${k.base}, không tán thành ${k.disagree}, không biểu quyết ${k.abstain} → ${k.result === "passed" ? "THÔNG QUA" : "KHÔNG THÔNG QUA"}`
    : "đang mở";
  return [
    { label: labels.rule, value: ruleAsApplied(v.rule).vi },
    { label: labels.result, value: result },
    { label: labels.reserved, value: String(count(f.reserved, (r) => r.voteId === v.id)) },
  ];
}

/**
 * NFC, one space, no case, one kind of dash and arrow, no full stop at the end: how two writings of the same count
 * are compared (a minutes-taker types "-" and "->" where the draft has "–", "—" and "→").
 */
const norm = (s: string) =>
  s
    .normalize("NFC")
    .replace(/\s*(?:->|=>|→)\s*/g, " → ")
    .replace(/\s*[-–—]\s*/g, " - ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.;,]+$/, "")
    .toLowerCase();

/** A count line of a text: leading spaces and a bullet, then `label: value`. */
const LINE = /^(\s*(?:[-–•*+]\s*)?)([^:\n]{1,80}?)\s*:\s*(.*)$/;

/** The text's value for each label it writes (the first line with that label). */
function valuesOf(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of body.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const label = norm(m[2] ?? "");
    if (!out.has(label)) out.set(label, m[3] ?? "");
  }
  return out;
}

/** Every count of the record the text leaves out or gives otherwise; empty when they all agree. */
export function checkMinutesCounts(body: string, f: MinutesFacts): CountDisagreement[] {
  const text = valuesOf(body);
  const out: CountDisagreement[] = [];
  for (const c of countLines(f)) {
    const said = text.get(norm(c.label));
    if (said === undefined) out.push({ label: c.label, text: null, record: c.value });
    else if (norm(said) !== norm(c.value)) out.push({ label: c.label, text: said.trim(), record: c.value });
  }
  return out;
}

/** One disagreement as people read it, its label aside: "biên bản ghi «3», hồ sơ ghi «7» / the minutes say «3», …". */
export function disagreementText(d: CountDisagreement): string {
  if (d.text === null)
    return `biên bản không ghi, hồ sơ ghi «${d.record}» / missing from the minutes, the record says «${d.record}»`;
  return `biên bản ghi «${d.text}», hồ sơ ghi «${d.record}» / the minutes say «${d.text}», the record says «${d.record}»`;
}

/**
 * The text with every count line rewritten from the record, the narrative kept as written; count lines the text
 * lacks are added at its end. The minutes-taker's one tap "update counts".
 */
export function updateCountLines(body: string, f: MinutesFacts): string {
  const fresh = new Map(countLines(f).map((c) => [norm(c.label), c]));
  const seen = new Set<string>();
  const lines = body.split(/\r?\n/).map((line) => {
    const m = LINE.exec(line);
    const c = m && fresh.get(norm(m[2] ?? ""));
    if (!m || !c || seen.has(norm(c.label))) return line;
    seen.add(norm(c.label));
    return `${m[1] ?? ""}${c.label}: ${c.value}`;
  });
  const missing = [...fresh.values()].filter((c) => !seen.has(norm(c.label)));
  if (missing.length) lines.push("", ...missing.map((c) => `${c.label}: ${c.value}`));
  return lines.join("\n");
}

/** What changed in the counts since `before` (the counts when the minutes-taker last saved): one line each. */
export function countChanges(before: readonly CountLine[], now: readonly CountLine[]): string[] {
  const was = new Map(before.map((c) => [c.label, c.value]));
  const out: string[] = [];
  for (const c of now) {
    const old = was.get(c.label);
    if (old === undefined) out.push(`${c.label}: ${c.value}`);
    else if (old !== c.value) out.push(`${c.label}: ${old} → ${c.value}`);
  }
  return out;
}
