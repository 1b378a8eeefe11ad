/** How a resolution writes its number, its tally and dates: shared by the API, the page, the PDF and the minutes. */

/** "Số 05-NQ/CB": two digits at least; a draft has no number yet ("Số …-NQ/CB"). */
export const resolutionNumberLabel = (number: number | null) =>
  `Số ${number === null ? "…" : String(number).padStart(2, "0")}-NQ/CB`;

/** "88,9%": one decimal, Vietnamese decimal comma, no trailing ",0". */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return "0%";
  const tenths = Math.round((part / whole) * 1000) / 10;
  return `${String(tenths).replace(".", ",")}%`;
}

/** "tán thành 8/9 = 88,9%" */
export const tallyText = (agree: number, base: number) => `tán thành ${agree}/${base} = ${percentText(agree, base)}`;

/** `2026-11-30` → `30/11/2026` */
export const dayText = (day: string) => day.split("-").reverse().join("/");
