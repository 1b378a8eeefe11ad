/**
 * The automatic draft of the minutes: a pure function of the meeting's facts (minutes-facts.ts), the same
 * from the live room and from D1. Only the content: the sheet and the PDF print the party header, the title
 * and the signatures themselves (web/src/pages/minutes). The counts are the labelled lines of
 * minutes-counts.ts, which approval checks against the record.
 */
import { vnDay } from "../calendar.ts";
import { type CountLine, countLines, voteLabels } from "./minutes-counts.ts";
import type { MinutesFacts } from "./minutes-facts.ts";
import { taskReviewLines } from "./task-review-lines.ts";

/** `22/11/2026` in Vietnam (a meeting at 23:30 UTC is held the next morning there). */
const vnDate = (isoTime: string) => vnDay(isoTime).split("-").reverse().join("/");
const list = (names: string[]) => names.join(", ") || "không";

export function draftMinutes(f: MinutesFacts): string {
  const counts = new Map(countLines(f).map((c) => [c.label, c]));
  const line = (label: string) => {
    const c: CountLine | undefined = counts.get(label);
    return c ? [`${c.label}: ${c.value}`] : [];
  };
  const named = (status: MinutesFacts["members"][number]["attendance"]) =>
    f.members
      .filter((m) => m.attendance === status)
      .map((m) => (status === "absent_excused" && m.reason ? `${m.name} (${m.reason})` : m.name));
  const out: string[] = [
    `Ngày ${vnDate(f.startedAt ?? f.scheduledAt)}; địa điểm: ${f.place || "…"}`,
    ...line("Thời gian họp"),
    `Chủ trì: ${f.chairName ? `đồng chí ${f.chairName}` : "…"}; thư ký: ${f.minutesTakerName ? `đồng chí ${f.minutesTakerName}` : "…"}`,
    `Khách mời: ${list(f.guests.map((g) => `${g.name}${g.title ? ` (${g.title})` : ""}`))}`,
    "",
    "I. THÀNH PHẦN",
    ...["Tổng số đảng viên", "Có mặt", "Vắng có lý do", "Vắng không lý do", "Miễn sinh hoạt", "Chưa điểm danh"].flatMap(
      line,
    ),
    ...line("Cơ sở biểu quyết"),
    `Đảng viên có mặt: ${list([...named("present_hall"), ...named("present_remote")])}`,
    `Đảng viên vắng có lý do: ${list(named("absent_excused"))}`,
    `Đảng viên vắng không lý do: ${list(named("absent_unexcused"))}`,
    "",
    "II. NỘI DUNG",
  ];
  const voteNo = new Map(f.votes.map((v, i) => [v.id, i + 1]));
  const itemLines = (itemId: string | null) => {
    const lines: string[] = [];
    for (const sp of f.speeches.filter((x) => x.itemId === itemId))
      lines.push(`   - Đồng chí ${sp.name} phát biểu (${Math.max(1, Math.ceil(sp.durationSeconds / 60))} phút)`);
    for (const v of f.votes.filter((x) => x.itemId === itemId)) {
      const n = voteNo.get(v.id) ?? 0;
      lines.push(`   - ${voteLabels(n).motion}: ${v.motion}${v.secret ? " (bỏ phiếu kín)" : ""}`);
      for (const label of [voteLabels(n).rule, voteLabels(n).result, voteLabels(n).reserved])
        lines.push(...line(label).map((l) => `     ${l}`));
      for (const r of f.reserved.filter((x) => x.voteId === v.id)) lines.push(`       Đồng chí ${r.name}: ${r.body}`);
    }
    return lines;
  };
  const known = new Set(f.agenda.map((a) => a.id));
  for (const item of [...f.agenda].sort((a, b) => a.position - b.position)) {
    out.push(`${item.position}. ${item.title}`);
    if (item.kind === "task_review") out.push(...taskReviewLines(f.taskReviews ?? []).map((l) => `   ${l}`));
    out.push(...itemLines(item.id));
  }
  // Speeches and votes outside any agenda item (or under an item since removed) are still part of the record.
  const outside = [
    ...itemLines(null),
    ...[...new Set([...f.speeches, ...f.votes].map((x) => x.itemId))]
      .filter((id): id is string => id !== null && !known.has(id))
      .flatMap(itemLines),
  ];
  if (outside.length) out.push("Ngoài chương trình", ...outside);
  out.push("", ...line("Phát biểu"));
  out.push(`Người phát biểu: ${list([...new Set(f.speeches.map((s) => s.name))])}`);
  out.push(...line("Số lần biểu quyết"));
  const grades = [...counts.values()].filter((c) => c.label.startsWith("Xếp loại chất lượng"));
  if (grades.length) out.push("", "III. ĐÁNH GIÁ", ...grades.map((c) => `${c.label}: ${c.value}`));
  return out.join("\n");
}
