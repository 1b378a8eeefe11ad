/** /api/tenants/:tenantId/{reports,visits,evaluations}: the committee's oversight screens. */
import type { MeetingGradeView, Period, PeriodQuery, ReportName, ReportResult } from "../../../schema/api/reports";
import type {
  CreateVisit,
  LeaderOption,
  MoveVisit,
  UpdateVisit,
  VisitStatus,
  VisitView,
} from "../../../schema/api/visits";
import { enc, query, request } from "../api/http";

const tenantBase = (tenantId: string) => `/api/tenants/${enc(tenantId)}`;

export type PeriodParams = Partial<PeriodQuery>;

/** `children`: a province's reports over its committees, one row per committee. */
export type ReportScope = "tenant" | "children";

export const reportsApi = {
  get: (
    tenantId: string,
    report: ReportName,
    period: PeriodParams,
    organizationId?: string,
    scope?: ReportScope,
    signal?: AbortSignal,
  ) =>
    request<ReportResult>(
      "GET",
      `${tenantBase(tenantId)}/reports/${report}${query({ ...period, organizationId, scope })}`,
      undefined,
      { signal },
    ),
  /** A link the browser downloads (the session cookie goes along). */
  exportUrl: (
    tenantId: string,
    report: ReportName | "all",
    period: PeriodParams,
    format: "csv" | "xlsx",
    organizationId?: string,
    scope?: ReportScope,
  ) => `${tenantBase(tenantId)}/reports/${report}${query({ ...period, organizationId, scope, format })}`,
};

export const visitsApi = {
  list: (
    tenantId: string,
    params: PeriodParams & { leaderPersonId?: string; organizationId?: string; status?: VisitStatus },
  ) => request<{ period: Period; items: VisitView[] }>("GET", `${tenantBase(tenantId)}/visits${query({ ...params })}`),
  leaders: (tenantId: string) => request<{ items: LeaderOption[] }>("GET", `${tenantBase(tenantId)}/visits/leaders`),
  create: (tenantId: string, body: Partial<CreateVisit>) =>
    request<VisitView>("POST", `${tenantBase(tenantId)}/visits`, body),
  update: (tenantId: string, id: string, body: UpdateVisit) =>
    request<VisitView>("PATCH", `${tenantBase(tenantId)}/visits/${enc(id)}`, body),
  move: (tenantId: string, id: string, body: MoveVisit) =>
    request<{ moved: VisitView; plan: VisitView }>("POST", `${tenantBase(tenantId)}/visits/${enc(id)}/move`, body),
  remove: (tenantId: string, id: string) =>
    request<{ ok: true }>("DELETE", `${tenantBase(tenantId)}/visits/${enc(id)}`),
};

export const gradesApi = {
  list: (
    tenantId: string,
    params: PeriodParams & { organizationId?: string; state: "pending" | "confirmed" | "all" },
  ) =>
    request<{ period: Period; items: MeetingGradeView[] }>(
      "GET",
      `${tenantBase(tenantId)}/evaluations${query({ ...params })}`,
    ),
  confirm: (tenantId: string, evaluationId: string) =>
    request<MeetingGradeView>("POST", `${tenantBase(tenantId)}/evaluations/${enc(evaluationId)}/confirm`),
  unconfirm: (tenantId: string, evaluationId: string) =>
    request<MeetingGradeView>("POST", `${tenantBase(tenantId)}/evaluations/${enc(evaluationId)}/unconfirm`),
};
