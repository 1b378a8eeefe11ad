/**
 * Reports as files: CSV (UTF-8 with a byte-order mark, so Excel reads Vietnamese; CRLF; RFC 4180 quoting)
 * and XLSX (one sheet per report, written by write-excel-file, which needs only fflate and runs in workerd).
 * CSV cells go through csvRecord (schema/csv/csv-field.ts), which neutralises formula-looking text; the XLSX
 * keeps the exact text, since write-excel-file stores every string as a shared-string text cell (t="s", never
 * <f>), which spreadsheets show and do not evaluate.
 * Both lay a report out the same way: heading, the drill-down rows with a total, side tables, then the
 * branches falling behind with why. Rates are written as percentages, speaking time in minutes.
 */

import type { Row as XlsxRow } from "write-excel-file/universal";
import writeXlsxFile from "write-excel-file/universal";
import { type Cell, type Column, describeReason, type ReportResult } from "../../../schema/api/reports";
import { csvRecord } from "../../../schema/csv/csv-field";

type Line = (string | number | null)[];

const label = (c: Column) =>
  c.kind === "rate" ? `${c.label} (%)` : c.kind === "seconds" ? `${c.label} (phút)` : c.label;
function cell(c: Column, v: Cell | undefined): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (c.kind === "rate") return Math.round(v * 1000) / 10;
  if (c.kind === "seconds") return Math.round((v / 60) * 10) / 10;
  return v;
}

/** The report as lines of cells, shared by CSV and XLSX. */
export function reportLines(r: ReportResult): Line[] {
  const lines: Line[] = [
    [r.title],
    ["Kỳ báo cáo", r.period.label],
    ["Phạm vi", r.scope.path.length > 0 ? r.scope.path.map((p) => p.name).join(" › ") : r.scope.name],
    [],
    ["Đơn vị", ...r.columns.map(label), "Chậm"],
  ];
  for (const row of r.rows)
    lines.push([row.name, ...r.columns.map((c) => cell(c, row.values[c.key])), row.behind ? "Có" : ""]);
  lines.push(["Tổng", ...r.columns.map((c) => cell(c, r.total[c.key])), ""]);
  for (const t of r.tables) {
    lines.push([], [t.title], t.columns.map(label));
    for (const row of t.rows) lines.push(t.columns.map((c) => cell(c, row[c.key])));
  }
  lines.push([], ["Chi bộ chậm"], ["Chi bộ", "Thuộc", "Lý do"]);
  for (const b of r.behind) lines.push([b.name, b.parentName ?? "", b.reasons.map(describeReason).join("; ")]);
  return lines;
}

export function toCsv(reports: ReportResult[]): string {
  const lines = reports.flatMap((r, i) => [...(i > 0 ? [[]] : []), ...reportLines(r)]);
  return `\uFEFF${lines.map(csvRecord).join("\r\n")}\r\n`;
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, "-").slice(0, 31);

export async function toXlsx(reports: ReportResult[]): Promise<Blob> {
  const sheets = reports.map((r) => ({
    sheet: sheetName(r.title),
    data: reportLines(r).map(
      (l, i): XlsxRow =>
        l.length === 0
          ? [null]
          : l.map((v) => (v === null ? null : { value: v, ...(i === 0 ? { fontWeight: "bold" as const } : {}) })),
    ),
    columns: [{ width: 36 }, ...Array.from({ length: 14 }, () => ({ width: 16 }))],
  }));
  return writeXlsxFile(sheets).toBlob();
}
