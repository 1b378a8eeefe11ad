/**
 * A second, small province for the demo, in the second shard (worker/lib/shard-names.ts), so a local run really uses
 * two province databases: Tỉnh ủy Sơn La with one committee, Đảng ủy phường Chiềng An, one branch of five members
 * and no history. Its admin logs in and reads that committee; nothing of Hòa Bình's shard is reachable from it.
 */
import { foldForSearch, memberSearchText } from "../../schema/text.ts";
import { SqlWriter } from "./sql.ts";

export const SECOND_PROVINCE_ID = "sonla";
export const SECOND_COMMITTEE_ID = "chiengan";
export const SECOND_PROVINCE_LOGIN = {
  email: "admin@sonla.demo",
  name: "Lò Văn Thành",
  what: "Chánh Văn phòng Tỉnh ủy Sơn La — quản trị (tỉnh thứ hai, shard thứ hai) / second province's admin",
} as const;

const MEMBERS = ["Cầm Thị Hoa", "Quàng Văn Minh", "Lò Thị Xuân", "Hà Văn Sơn", "Điêu Thị Lan"];

export function buildSecondProvinceSql(passwordHash: string, now = new Date()): SqlWriter {
  const w = new SqlWriter();
  const p = SECOND_PROVINCE_ID;
  const t = SECOND_COMMITTEE_ID;
  w.insert("tenants", { id: p, name: "Tỉnh ủy Sơn La", kind: "province", parent_id: null });
  w.insert("tenants", { id: t, name: "Đảng ủy phường Chiềng An", kind: "committee", parent_id: p });
  const person = (id: string, name: string, email: string | null) =>
    w.insert("people", {
      id,
      email,
      full_name: name,
      search_name: foldForSearch(name),
      password_hash: email ? passwordHash : null,
    });
  person(`${p}-p001`, SECOND_PROVINCE_LOGIN.name, SECOND_PROVINCE_LOGIN.email);
  w.insert("tenant_roles", { tenant_id: p, person_id: `${p}-p001`, role: "admin" });
  w.insert("organizations", {
    id: `${t}-to1`,
    tenant_id: t,
    parent_id: null,
    kind: "grassroots_branch",
    name: "Chi bộ Tổ dân phố 1",
    branch_type: "residential",
  });
  MEMBERS.forEach((name, i) => {
    const id = `${t}-p${String(i + 1).padStart(3, "0")}`;
    person(id, name, null);
    w.insert("memberships", {
      id: `${t}-m${String(i + 1).padStart(3, "0")}`,
      tenant_id: t,
      organization_id: `${t}-to1`,
      person_id: id,
      status: "official",
      branch_role: i === 0 ? "secretary" : "member",
      search_text: memberSearchText(name, null),
      full_name: name,
      created_at: now.toISOString(),
    });
  });
  return w;
}
