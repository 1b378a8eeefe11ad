/** /api/tenants/:tenantId/committees and /guest-candidates: a province's committees, and the officers it offers. */
import type {
  CommitteeList,
  CreateCommittee,
  CreatedCommittee,
  GuestCandidateList,
} from "../../../schema/api/committees";
import { enc, request } from "./http";

const base = (tenantId: string) => `/api/tenants/${enc(tenantId)}`;

export const committeesApi = {
  list: (tenantId: string, signal?: AbortSignal) =>
    request<CommitteeList>("GET", `${base(tenantId)}/committees`, undefined, { signal }),
  /** The answer's link and code are shown once: nothing can fetch them again. */
  create: (tenantId: string, body: CreateCommittee) =>
    request<CreatedCommittee>("POST", `${base(tenantId)}/committees`, body),
  guestCandidates: (tenantId: string) => request<GuestCandidateList>("GET", `${base(tenantId)}/guest-candidates`),
};
