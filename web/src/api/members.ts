/** /api/tenants/:tenantId/members: list with search and paging, add, edit, exempt, CSV import. */
import type {
  CreateMember,
  Exemption,
  ImportResult,
  ListMembersQuery,
  Member,
  MemberPage,
  UpdateMember,
} from "../../../schema/api/members";
import { enc, query, request } from "./http";

const base = (tenantId: string) => `/api/tenants/${enc(tenantId)}/members`;

export type MemberListParams = Partial<Omit<ListMembersQuery, "page" | "pageSize">> & {
  page?: number;
  pageSize?: number;
};

export const membersApi = {
  list: (tenantId: string, params: MemberListParams, signal?: AbortSignal) =>
    request<MemberPage>("GET", `${base(tenantId)}${query({ ...params })}`, undefined, { signal }),
  create: (tenantId: string, body: CreateMember) => request<Member>("POST", base(tenantId), body),
  update: (tenantId: string, membershipId: string, body: UpdateMember) =>
    request<Member>("PATCH", `${base(tenantId)}/${enc(membershipId)}`, body),
  setExemption: (tenantId: string, membershipId: string, body: Exemption) =>
    request<Member>("PUT", `${base(tenantId)}/${enc(membershipId)}/exemption`, body),
  clearExemption: (tenantId: string, membershipId: string) =>
    request<Member>("DELETE", `${base(tenantId)}/${enc(membershipId)}/exemption`),
  /** The CSV text as sent; `dryRun` checks every row and writes nothing. */
  importCsv: (tenantId: string, csv: string, dryRun: boolean) =>
    request<ImportResult>("POST", `${base(tenantId)}/import${dryRun ? "?dryRun=1" : ""}`, { csv }),
};
