/** How report figures read: rates as %, speaking time in minutes, counts with Vietnamese digit grouping. */
import type { Cell, ColumnKind } from "../../../schema/api/reports";
import { lang } from "../i18n";
import { formatNumber } from "../i18n/format";
import { textCell } from "./report-words";

export function formatCell(kind: ColumnKind, v: Cell | undefined): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return textCell(v);
  switch (kind) {
    case "rate":
      return `${formatNumber(Math.round(v * 1000) / 10)}%`;
    case "seconds":
      return `${formatNumber(Math.round(v / 60))} ${lang() === "en" ? "min" : "phút"}`;
    case "score":
      return formatNumber(Math.round(v * 10) / 10);
    case "count":
    case "text":
      return formatNumber(v);
    default:
      return kind satisfies never;
  }
}
