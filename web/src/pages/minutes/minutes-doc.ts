/**
 * The minutes as a document, independent of how it is shown: the A4 page (minutes-page.tsx) and the PDF
 * (minutes-pdf.ts) both render this, so paper and PDF say the same thing. Labels are Vietnamese: the
 * minutes are a party record, whatever language the screen is in.
 */
import { isInstant, vnDay, vnMonth, vnWallTime } from "../../../../schema/calendar";

/** What a party document's header and title say; `number` ("Số 05-NQ/CB") goes under the branch. */
export interface SheetHead {
  superior: string;
  branch: string;
  number?: string;
  placeDate: string;
  title: string;
  subtitle: string;
}

export interface MinutesDoc {
  /** Left column of the header, upper case as party documents write it: the superior body, then the branch. */
  superior: string;
  branch: string;
  /** "Hòa An, ngày 25 tháng 11 năm 2026" */
  placeDate: string;
  title: string;
  subtitle: string;
  /** The minutes-taker's text, paragraphs separated by blank lines; lines kept as written. */
  body: string;
  chairName: string;
  minutesTakerName: string;
  /** e.g. "Bản 2 · đã thông qua": shown small at the foot so a printed copy says which version it is. */
  versionNote: string;
}

export const PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM";
export const CHAIR_LABEL = "CHỦ TRÌ";
export const TAKER_LABEL = "THƯ KÝ";

/** "ngày 25 tháng 11 năm 2026" from an ISO time, on Vietnam's clock. */
export function vietnameseDate(iso: string): string {
  if (!isInstant(iso)) return "ngày … tháng … năm …";
  const [y, m, d] = vnDay(iso).split("-");
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/** "Hòa An, ngày 25 tháng 11 năm 2026": the locality is the place's last part; without a place, the date alone. */
export function placeDateLine(place: string, iso: string): string {
  const locality =
    place
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .pop() ?? "";
  return `${locality ? `${locality}, ` : ""}${vietnameseDate(iso)}`;
}

/** "tháng 11 năm 2026" */
export function vietnameseMonth(iso: string): string {
  if (!isInstant(iso)) return "";
  const t = vnWallTime(iso);
  return `tháng ${t.month} năm ${t.year}`;
}

/** Paragraphs of the body: blank lines separate them, single newlines stay as line breaks. */
export function paragraphs(body: string): string[][] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.split("\n").map((l) => l.trimEnd()))
    .filter((lines) => lines.some((l) => l.trim() !== ""));
}

/** A file name without diacritics or spaces: "bien-ban-chi-bo-khu-pho-3-2026-11.pdf". */
export function pdfFileName(branch: string, scheduledAt: string): string {
  const slug = branch
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const month = isInstant(scheduledAt) ? vnMonth(scheduledAt) : "";
  return `bien-ban-${slug || "chi-bo"}-${month}.pdf`;
}
