/**
 * /api/tenants/:tenantId/meetings: plan (one or a whole year), edit, cancel, agenda, documents, guests,
 * minutes. Types come from schema/api/meetings.ts.
 */
import type {
  AgendaItemInput,
  CreateMeeting,
  DocumentInput,
  GuestInput,
  ListMeetingsQuery,
  Meeting,
  MeetingDetail,
  MeetingDocument,
  MeetingGuest,
  MeetingList,
  MeetingMinutes,
  PlanYear,
  PlanYearResult,
  UpdateMeeting,
} from "./meeting-types";
import { enc, query, request } from "./http";

const base = (tenantId: string) => `/api/tenants/${enc(tenantId)}/meetings`;
const one = (tenantId: string, meetingId: string) => `${base(tenantId)}/${enc(meetingId)}`;

export const meetingsApi = {
  list: (tenantId: string, params: Partial<ListMeetingsQuery>, signal?: AbortSignal) =>
    request<MeetingList>("GET", `${base(tenantId)}${query({ ...params })}`, undefined, { signal }),
  create: (tenantId: string, body: CreateMeeting) => request<MeetingDetail>("POST", base(tenantId), body),
  planYear: (tenantId: string, body: PlanYear) => request<PlanYearResult>("POST", `${base(tenantId)}/plan-year`, body),
  get: (tenantId: string, meetingId: string, signal?: AbortSignal) => request<MeetingDetail>("GET", one(tenantId, meetingId), undefined, { signal }),
  update: (tenantId: string, meetingId: string, body: UpdateMeeting) => request<Meeting>("PATCH", one(tenantId, meetingId), body),
  cancel: (tenantId: string, meetingId: string, reason: string) => request<Meeting>("POST", `${one(tenantId, meetingId)}/cancel`, { reason }),
  setAgenda: (tenantId: string, meetingId: string, items: AgendaItemInput[]) =>
    request<MeetingDetail["agenda"]>("PUT", `${one(tenantId, meetingId)}/agenda`, { items }),
  addDocument: (tenantId: string, meetingId: string, body: DocumentInput) =>
    request<MeetingDocument>("POST", `${one(tenantId, meetingId)}/documents`, body),
  removeDocument: (tenantId: string, meetingId: string, documentId: string) =>
    request<{ ok: true }>("DELETE", `${one(tenantId, meetingId)}/documents/${enc(documentId)}`),
  addGuest: (tenantId: string, meetingId: string, body: GuestInput) => request<MeetingGuest>("POST", `${one(tenantId, meetingId)}/guests`, body),
  removeGuest: (tenantId: string, meetingId: string, personId: string) =>
    request<{ ok: true }>("DELETE", `${one(tenantId, meetingId)}/guests/${enc(personId)}`),
  minutes: (tenantId: string, meetingId: string, signal?: AbortSignal) =>
    request<MeetingMinutes>("GET", `${one(tenantId, meetingId)}/minutes`, undefined, { signal }),
};
