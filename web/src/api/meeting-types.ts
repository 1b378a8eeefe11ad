/**
 * PROVISIONAL: the meeting contracts as the web client expects them, written from schema/db/tables.ts
 * while schema/api/meetings.ts is being written. Replaced by imports from that file once it lands.
 */
export type MeetingKind = "regular" | "thematic";
export type MeetingFormat = "in_person" | "hybrid" | "online";
export type MeetingStatus = "planned" | "live" | "closed" | "cancelled";

export interface Meeting {
  id: string;
  organizationId: string;
  organizationName: string;
  kind: MeetingKind;
  topic: string;
  scheduledAt: string;
  place: string;
  format: MeetingFormat;
  onlineBasis: string | null;
  status: MeetingStatus;
  chairPersonId: string | null;
  minutesTakerPersonId: string | null;
  chairName: string | null;
  minutesTakerName: string | null;
}

export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  presenterPersonId: string | null;
  minutesBudget: number;
}
export interface AgendaItemInput {
  title: string;
  minutesBudget: number;
  presenterPersonId?: string | null;
}
export interface MeetingDocument {
  id: string;
  title: string;
  body: string | null;
  url: string | null;
  createdAt: string;
}
export interface DocumentInput {
  title: string;
  body?: string | null;
  url?: string | null;
}
export interface MeetingGuest {
  personId: string;
  fullName: string;
  email: string | null;
  title: string;
}
export interface GuestInput {
  email: string;
  title: string;
}
export interface MeetingDetail extends Meeting {
  agenda: AgendaItem[];
  documents: MeetingDocument[];
  guests: MeetingGuest[];
}
export interface ListMeetingsQuery {
  organizationId: string;
  year: number;
  month: string;
  status: MeetingStatus;
  page: number;
  pageSize: number;
}
export interface MeetingList {
  items: Meeting[];
  total: number;
}
export interface CreateMeeting {
  organizationId: string;
  kind: MeetingKind;
  topic: string;
  scheduledAt: string;
  place: string;
  format: MeetingFormat;
  onlineBasis?: string | null;
  chairPersonId?: string | null;
  minutesTakerPersonId?: string | null;
  agenda?: AgendaItemInput[];
}
export type UpdateMeeting = Partial<Omit<CreateMeeting, "organizationId" | "kind" | "agenda">>;
export interface PlanYear {
  organizationId: string;
  year: number;
}
export interface PlanYearResult {
  created: Meeting[];
}
export interface MeetingMinutes {
  body: string;
  version: number | null;
  status: "draft" | "frozen" | "approved";
}
