/**
 * /api/tenants/:tenantId/meetings: plan (one or a whole year), edit while planned, cancel, agenda item by
 * item, documents, guests, minutes. Bodies and answers are the shared contracts of schema/api/meetings.ts,
 * exactly as worker/routes/meeting*.ts accept and return them.
 */
import type {
  AgendaItem,
  AgendaItemInput,
  CancelMeeting,
  CreateMeeting,
  DocumentInput,
  GuestInput,
  InvitedGuest,
  ListMeetingsQuery,
  Meeting,
  MeetingDetail,
  MeetingDocument,
  MeetingList,
  MeetingMinutes,
  MeetingRecordAnswer,
  MinutesInput,
  PlanYear,
  PlanYearResult,
  UpdateAgendaItem,
  UpdateMeeting,
} from "../../../schema/api/meetings";
import { enc, query, request } from "./http";

const base = (tenantId: string) => `/api/tenants/${enc(tenantId)}/meetings`;
const one = (tenantId: string, meetingId: string) => `${base(tenantId)}/${enc(meetingId)}`;
const agenda = (tenantId: string, meetingId: string) => `${one(tenantId, meetingId)}/agenda`;

type Ok = { ok: true };

export const meetingsApi = {
  /** `from`/`to` are days on Vietnam's clock; a year is `{ from: "2026-01-01", to: "2026-12-31" }`. */
  list: (tenantId: string, params: Partial<ListMeetingsQuery>, signal?: AbortSignal) =>
    request<MeetingList>("GET", `${base(tenantId)}${query({ ...params })}`, undefined, { signal }),
  create: (tenantId: string, body: CreateMeeting) => request<MeetingDetail>("POST", base(tenantId), body),
  /** Idempotent: months (and quarters) that already have a meeting come back in `skipped`. */
  planYear: (tenantId: string, body: PlanYear) => request<PlanYearResult>("POST", `${base(tenantId)}/plan-year`, body),
  get: (tenantId: string, meetingId: string, signal?: AbortSignal) =>
    request<MeetingDetail>("GET", one(tenantId, meetingId), undefined, { signal }),
  update: (tenantId: string, meetingId: string, body: UpdateMeeting) =>
    request<MeetingDetail>("PATCH", one(tenantId, meetingId), body),
  cancel: (tenantId: string, meetingId: string, body: CancelMeeting) =>
    request<Meeting>("POST", `${one(tenantId, meetingId)}/cancel`, body),
  addAgendaItem: (tenantId: string, meetingId: string, body: AgendaItemInput) =>
    request<AgendaItem>("POST", agenda(tenantId, meetingId), body),
  updateAgendaItem: (tenantId: string, meetingId: string, itemId: string, body: UpdateAgendaItem) =>
    request<AgendaItem>("PATCH", `${agenda(tenantId, meetingId)}/${enc(itemId)}`, body),
  removeAgendaItem: (tenantId: string, meetingId: string, itemId: string) =>
    request<Ok>("DELETE", `${agenda(tenantId, meetingId)}/${enc(itemId)}`),
  /** Every item's id exactly once, in the new order. */
  orderAgenda: (tenantId: string, meetingId: string, itemIds: string[]) =>
    request<AgendaItem[]>("PUT", `${agenda(tenantId, meetingId)}/order`, { itemIds }),
  addDocument: (tenantId: string, meetingId: string, body: DocumentInput) =>
    request<MeetingDocument>("POST", `${one(tenantId, meetingId)}/documents`, body),
  removeDocument: (tenantId: string, meetingId: string, documentId: string) =>
    request<Ok>("DELETE", `${one(tenantId, meetingId)}/documents/${enc(documentId)}`),
  addGuest: (tenantId: string, meetingId: string, body: GuestInput) =>
    request<InvitedGuest>("POST", `${one(tenantId, meetingId)}/guests`, body),
  removeGuest: (tenantId: string, meetingId: string, personId: string) =>
    request<Ok>("DELETE", `${one(tenantId, meetingId)}/guests/${enc(personId)}`),
  minutes: (tenantId: string, meetingId: string, signal?: AbortSignal) =>
    request<MeetingMinutes>("GET", `${one(tenantId, meetingId)}/minutes`, undefined, { signal }),
  /** A new version of a closed meeting's minutes (chair, minutes-taker or admin); refused once one is approved. */
  addMinutesVersion: (tenantId: string, meetingId: string, body: MinutesInput) =>
    request<MeetingMinutes>("POST", `${one(tenantId, meetingId)}/minutes`, body),
  /** The record the room kept; `complete` false while its copy is still landing in D1 (the page says "saving"). */
  record: (tenantId: string, meetingId: string, signal?: AbortSignal) =>
    request<MeetingRecordAnswer>("GET", `${one(tenantId, meetingId)}/record`, undefined, { signal }),
  /** Approve the latest version (chair or admin); it is final from then on. */
  approveMinutes: (tenantId: string, meetingId: string, version: number) =>
    request<MeetingMinutes>("POST", `${one(tenantId, meetingId)}/minutes/${version}/approve`, {}),
};

/** The days of a year on Vietnam's clock, as the list's `from`/`to`. */
export const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
