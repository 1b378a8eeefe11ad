/**
 * Explaining a refused import: the server answers each bad row as an issue with path `line N`; the screen
 * shows each such line as it stands in the file, with every reason given for it.
 */
import type { ErrorIssue } from "../../../../schema/errors";

export interface BadLine {
  /** 1-based line of the file (the header is line 1); null for a problem of the whole file. */
  line: number | null;
  /** The line as written in the file, so the person sees which row is meant. */
  text: string;
  problems: string[];
}

export function explainIssues(
  issues: readonly ErrorIssue[],
  csv: string,
  localize: (s: string) => string = (s) => s,
): BadLine[] {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const byLine = new Map<number | null, string[]>();
  for (const issue of issues) {
    const m = /^line (\d+)$/.exec(issue.path);
    const line = m ? Number(m[1]) : null;
    const list = byLine.get(line) ?? [];
    list.push(localize(issue.message));
    byLine.set(line, list);
  }
  return [...byLine.entries()]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([line, problems]) => ({ line, text: line === null ? "" : (lines[line - 1] ?? ""), problems }));
}

/** A CSV the person can download to start from: the headers the importer knows, one example row. */
export const CSV_TEMPLATE =
  "Họ và tên,E-mail,Điện thoại,Năm sinh,Chi bộ,Trạng thái,Ngày vào dự bị,Chức vụ\n" +
  "Nguyễn Văn An,an.nguyen@example.vn,0912345678,1968,Chi bộ khu phố 1,Chính thức,,Bí thư\n" +
  "Trần Thị Bình,,,1995,Chi bộ khu phố 1,Dự bị,2026-05-19,Đảng viên\n";
