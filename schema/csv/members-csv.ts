/**
 * The member-import CSV format (pure: the worker validates with it, the web client can preview with it).
 *
 * First line: headers, Vietnamese or English, in any order, matched without case or diacritics:
 * | column | Vietnamese | English | |
 * | --- | --- | --- | --- |
 * | fullName | Họ và tên, Họ tên | Full name, Name | required |
 * | email | Email, E-mail, Thư điện tử | Email | optional; reuses the person who already has it |
 * | phone | Điện thoại, Số điện thoại, SĐT | Phone | optional |
 * | birthYear | Năm sinh | Birth year | optional, 1900…this year |
 * | branch | Chi bộ | Branch | required: the branch's exact name or its id |
 * | status | Trạng thái | Status | required: Chính thức / Dự bị (official / probationary) |
 * | probationStart | Ngày vào dự bị | Probation start | required for Dự bị: YYYY-MM-DD or DD/MM/YYYY |
 * | branchRole | Chức vụ | Role | optional: Bí thư, Phó bí thư, Chi ủy viên, Đảng viên (default) |
 * Columns `STT` (row number) and `Ghi chú` / `Notes` are allowed and ignored; any other column is refused.
 * Line numbers in reports are lines of the file, the header being line 1.
 */
import { type BranchRole, emailSchema, type MembershipStatus, phoneSchema } from "../api/members";
import { daysInMonth, vnThisYear } from "../calendar";
import { foldForSearch } from "../text";

export const MEMBER_CSV_COLUMNS = [
  "fullName",
  "email",
  "phone",
  "birthYear",
  "branch",
  "status",
  "probationStart",
  "branchRole",
] as const;
export type MemberCsvColumn = (typeof MEMBER_CSV_COLUMNS)[number];

/** Header spellings, folded by `headerKey`. */
const HEADER_ALIASES: Record<MemberCsvColumn, string[]> = {
  fullName: ["hovaten", "hoten", "ten", "fullname", "name"],
  email: ["email", "thudientu", "mail"],
  phone: ["dienthoai", "sodienthoai", "sdt", "phone", "phonenumber", "mobile"],
  birthYear: ["namsinh", "birthyear", "yearofbirth"],
  branch: ["chibo", "branch", "branchname", "branchid", "organization"],
  status: ["trangthai", "status", "loaidangvien"],
  probationStart: ["ngayvaodubi", "ngayketnap", "probationstart", "probationstartdate"],
  branchRole: ["chucvu", "role", "branchrole", "position"],
};
const REQUIRED: MemberCsvColumn[] = ["fullName", "branch", "status"];
/** Columns spreadsheets commonly carry that chibo does not keep: row number (STT) and notes (Ghi chú). */
const IGNORED = ["stt", "sothutu", "no", "ghichu", "notes", "note"];

/** "Họ và tên" → "hovaten", "E-mail" → "email". */
export const headerKey = (h: string) => foldForSearch(h).replace(/[^a-z0-9]/g, "");
const valueKey = (v: string) =>
  foldForSearch(v)
    .replace(/[^a-z0-9 ]/g, "")
    .trim();

const STATUS_VALUES: Record<string, MembershipStatus> = {
  "chinh thuc": "official",
  "dang vien chinh thuc": "official",
  official: "official",
  "du bi": "probationary",
  "dang vien du bi": "probationary",
  probationary: "probationary",
};
const ROLE_VALUES: Record<string, BranchRole> = {
  "bi thu": "secretary",
  "bi thu chi bo": "secretary",
  secretary: "secretary",
  "pho bi thu": "deputy",
  "pho bi thu chi bo": "deputy",
  deputy: "deputy",
  "deputy secretary": "deputy",
  "chi uy vien": "committee",
  "uy vien": "committee",
  "cap uy vien": "committee",
  committee: "committee",
  "committee member": "committee",
  "dang vien": "member",
  member: "member",
  "": "member",
};

export type ColumnMap = Partial<Record<MemberCsvColumn, number>>;

/** Maps header cells to columns. Unknown or repeated headers are errors, so a typo never drops data silently. */
export function mapHeader(cells: string[]): { columns: ColumnMap; problems: string[] } {
  const columns: ColumnMap = {};
  const problems: string[] = [];
  cells.forEach((cell, index) => {
    const key = headerKey(cell);
    if (key === "" || IGNORED.includes(key)) return;
    const column = MEMBER_CSV_COLUMNS.find((c) => HEADER_ALIASES[c].includes(key));
    if (!column) problems.push(`Cột không rõ "${cell}" / Unknown column "${cell}"`);
    else if (columns[column] !== undefined) problems.push(`Cột "${cell}" lặp lại / Column "${cell}" repeated`);
    else columns[column] = index;
  });
  for (const c of REQUIRED) {
    if (columns[c] === undefined) problems.push(`Thiếu cột ${c} / Missing column ${c}`);
  }
  return { columns, problems };
}

export interface MemberCsvRow {
  line: number;
  fullName: string;
  email: string | null;
  phone: string | null;
  birthYear: number | null;
  /** The branch as written: a name or an id, resolved against the tenant by the worker. */
  branch: string;
  status: MembershipStatus;
  probationStart: string | null;
  branchRole: BranchRole;
}

/** `YYYY-MM-DD`, `D/M/YYYY`, `D-M-YYYY` or `D.M.YYYY` → `YYYY-MM-DD`, or null if not a real date. */
export function parseDate(value: string): string | null {
  const v = value.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else return null;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Checks one record on its own (no database). Every problem is reported, not just the first. */
export function parseMemberRow(
  cells: string[],
  columns: ColumnMap,
  line: number,
  currentYear = vnThisYear(),
): { row: MemberCsvRow; problems: string[] } | { row: null; problems: string[] } {
  const get = (c: MemberCsvColumn) => (columns[c] === undefined ? "" : (cells[columns[c]!] ?? "").trim());
  const problems: string[] = [];

  const fullName = get("fullName").replace(/\s+/g, " ");
  if (!fullName) problems.push("Thiếu họ và tên / Missing full name");
  else if (fullName.length > 200) problems.push("Họ và tên quá dài (tối đa 200) / Full name over 200 characters");

  let email: string | null = null;
  if (get("email")) {
    const parsed = emailSchema.safeParse(get("email"));
    if (parsed.success) email = parsed.data;
    else problems.push(`E-mail không hợp lệ "${get("email").slice(0, 60)}" / Invalid e-mail`);
  }

  let phone: string | null = null;
  if (get("phone")) {
    const parsed = phoneSchema.safeParse(get("phone"));
    if (parsed.success) phone = parsed.data;
    else problems.push("Số điện thoại không hợp lệ / Invalid phone number");
  }

  let birthYear: number | null = null;
  if (get("birthYear")) {
    const y = /^\d{4}$/.test(get("birthYear")) ? Number(get("birthYear")) : NaN;
    if (y >= 1900 && y <= currentYear) birthYear = y;
    else problems.push(`Năm sinh không hợp lệ "${get("birthYear").slice(0, 20)}" / Invalid birth year`);
  }

  const branch = get("branch");
  if (!branch) problems.push("Thiếu chi bộ / Missing branch");
  else if (branch.length > 200) problems.push("Tên chi bộ quá dài / Branch name too long");

  const status = STATUS_VALUES[valueKey(get("status"))];
  if (!status) {
    problems.push(
      get("status")
        ? `Trạng thái không hợp lệ "${get("status").slice(0, 40)}" (Chính thức / Dự bị) / Bad status`
        : "Thiếu trạng thái (Chính thức / Dự bị) / Missing status",
    );
  }

  let probationStart: string | null = null;
  if (status === "probationary") {
    if (!get("probationStart")) problems.push("Đảng viên dự bị cần ngày vào dự bị / Probation start date required");
    else {
      probationStart = parseDate(get("probationStart"));
      if (!probationStart)
        problems.push(`Ngày vào dự bị không hợp lệ "${get("probationStart").slice(0, 20)}" / Bad date`);
    }
  }

  const branchRole = ROLE_VALUES[valueKey(get("branchRole"))];
  if (!branchRole) problems.push(`Chức vụ không rõ "${get("branchRole").slice(0, 40)}" / Unknown role`);

  if (problems.length > 0 || !status || !branchRole) return { row: null, problems };
  return { row: { line, fullName, email, phone, birthYear, branch, status, probationStart, branchRole }, problems };
}
