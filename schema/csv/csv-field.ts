/**
 * One CSV field as every CSV the product writes spells it: RFC 4180 quoting, and no spreadsheet formulas.
 *
 * Text typed by a committee (a branch's name, a leader's name) ends up in exported reports that secretaries
 * open in Excel, LibreOffice or Google Sheets. A cell starting with = + - @ (or tab / CR, which some of them
 * skip before looking) is read as a formula there: `=HYPERLINK(…)` leaks data, `=cmd|…` runs a program (DDE).
 * Following OWASP's "CSV Injection" guidance, such text gets a leading ' and is quoted: the cell opens as
 * text (the ' may show; that is the price of never running what someone typed). Only strings: a number
 * written as a number (a negative count, a rate) is data and is written as it is; "-3" typed as text is
 * text and gets the '.
 */

/** Starts a formula in at least one spreadsheet program. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV record: fields joined by commas (the caller adds CRLF between records). */
export const csvRecord = (values: readonly (string | number | null)[]) => values.map(csvField).join(",");
