/**
 * Meetings of a branch: plan (one, or a year's regular meetings), edit while planned, cancel, agenda,
 * documents, guests (visiting leaders), and the read side of what the room records (minutes, record).
 */
import { z } from "zod";
import { dateSchema, dateTimeSchema, idSchema, monthSchema } from "../ids";
import { visibleText } from "../visible-text";
import type { AttendanceStatus, Choice, VoteResult } from "../vote-rules";

export const meetingKindSchema = z.enum(["regular", "thematic"]);
export const meetingFormatSchema = z.enum(["in_person", "hybrid", "online"]);
export const meetingStatusSchema = z.enum(["planned", "live", "closed", "cancelled"]);
export type MeetingKind = z.infer<typeof meetingKindSchema>;
export type MeetingFormat = z.infer<typeof meetingFormatSchema>;
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;
/** How remote people hear and speak: in the hall only (no media), the committee's own video call, or built in. */
export const meetingMediaModeSchema = z.enum(["hall_only", "external", "builtin"]);
export type MeetingMediaMode = z.infer<typeof meetingMediaModeSchema>;

export const mediaLinkHttpsOnly = "Đường dẫn cuộc gọi phải là https://… / The call link must be an https:// address";
/** The committee's video call: https only (no javascript:, http: or other schemes), a real host, bounded. */
const mediaLink = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: mediaLinkHttpsOnly })
  .trim()
  .max(500, "Đường dẫn quá dài (tối đa 500 ký tự) / The link is too long (500 characters at most)");
export const mediaLinkRequired = "Cuộc gọi bên ngoài cần đường dẫn https:// / An external call needs its https:// link";
export const mediaLinkOnlyExternal = "Chỉ cuộc gọi bên ngoài mới có đường dẫn / Only an external call has a link";

/** External needs its link; the hall only and built-in modes carry none. One rule for create and the merged edit. */
export function mediaIssue(mode: MeetingMediaMode, link: string | null | undefined) {
  if (mode === "external" && !link) return mediaLinkRequired;
  if (mode !== "external" && link) return mediaLinkOnlyExternal;
  return null;
}

const topic = visibleText(300, "Chủ đề không được trống / Topic required");
const place = z.string().trim().max(300);
const onlineBasis = z.string().trim().min(1).max(1000);
const personRef = idSchema.nullable();

export const listMeetingsQuerySchema = z
  .object({
    organizationId: idSchema.optional(),
    /** Calendar month on Vietnam's clock (schema/calendar.ts). */
    month: monthSchema.optional(),
    /** Inclusive days on Vietnam's clock. */
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    status: meetingStatusSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type ListMeetingsQuery = z.infer<typeof listMeetingsQuerySchema>;

const agendaTitle = visibleText(300, "Tiêu đề không được trống / Title required");
const minutesBudget = z.number().int().min(1).max(240);

export const agendaItemInputSchema = z
  .object({ title: agendaTitle, minutesBudget: minutesBudget.default(10), presenterPersonId: personRef.optional() })
  .strict();
export type AgendaItemInput = z.input<typeof agendaItemInputSchema>;

// Written out rather than `.partial()`: zod 4 would still fill the default budget into a partial update.
export const updateAgendaItemSchema = z
  .object({ title: agendaTitle, minutesBudget, presenterPersonId: personRef })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, "Không có gì để sửa / Nothing to change");
export type UpdateAgendaItem = z.infer<typeof updateAgendaItemSchema>;

export const agendaOrderSchema = z.object({ itemIds: z.array(idSchema).max(100) }).strict();
export type AgendaOrder = z.infer<typeof agendaOrderSchema>;

/** A combined meeting is a thematic one held together with the month's regular one: a regular meeting alone cannot be. */
export const combinedNeedsThematic =
  "Chỉ sinh hoạt chuyên đề mới kết hợp với thường kỳ / Only a thematic meeting can be combined with a regular one";

/** A wholly online meeting is a pilot the higher committee allowed: it needs its basis (decision) named. */
const requireBasis = (o: { format?: MeetingFormat; onlineBasis?: string | null }, ctx: z.RefinementCtx) => {
  if (o.format === "online" && !o.onlineBasis) {
    ctx.addIssue({
      code: "custom",
      path: ["onlineBasis"],
      message: "Họp trực tuyến cần nêu căn cứ / An online meeting needs its basis",
    });
  }
};

export const createMeetingSchema = z
  .object({
    organizationId: idSchema,
    kind: meetingKindSchema,
    topic,
    scheduledAt: dateTimeSchema,
    place: place.default(""),
    format: meetingFormatSchema.default("hybrid"),
    onlineBasis: onlineBasis.nullable().optional(),
    chairPersonId: personRef.optional(),
    minutesTakerPersonId: personRef.optional(),
    agenda: z.array(agendaItemInputSchema).max(50).optional(),
    /** Fill the agenda with the usual order of this kind of meeting (schema/meeting-template.ts). */
    template: z.boolean().optional(),
    /** Thematic and regular together: 120 minutes expected instead of 90 (guidance 42-HD/BTCTW). */
    combined: z.boolean().default(false),
    /** Existing practice: remote people had no sound, so a meeting is hall only unless planned otherwise. */
    mediaMode: meetingMediaModeSchema.default("hall_only"),
    mediaLink: mediaLink.nullable().optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    requireBasis(o, ctx);
    const media = mediaIssue(o.mediaMode, o.mediaLink);
    if (media) ctx.addIssue({ code: "custom", path: ["mediaLink"], message: media });
    if (o.combined && o.kind !== "thematic")
      ctx.addIssue({ code: "custom", path: ["combined"], message: combinedNeedsThematic });
    if (o.template && o.agenda)
      ctx.addIssue({ code: "custom", path: ["template"], message: "agenda or template, not both" });
  });
export type CreateMeeting = z.input<typeof createMeetingSchema>;

export const updateMeetingSchema = z
  .object({
    kind: meetingKindSchema,
    topic,
    scheduledAt: dateTimeSchema,
    place,
    format: meetingFormatSchema,
    onlineBasis: onlineBasis.nullable(),
    chairPersonId: personRef,
    minutesTakerPersonId: personRef,
    combined: z.boolean(),
    mediaMode: meetingMediaModeSchema,
    mediaLink: mediaLink.nullable(),
  })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, "Không có gì để sửa / Nothing to change");
export type UpdateMeeting = z.infer<typeof updateMeetingSchema>;

export const planYearSchema = z
  .object({
    organizationId: idSchema,
    year: z.number().int().min(2000).max(2100),
    /** Days past the month's end fall on its last day (31 → 30 April, 28/29 February). */
    dayOfMonth: z.number().int().min(1).max(31),
    /** `HH:MM` on Vietnam's clock. */
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time: HH:MM"),
    place: place.default(""),
    topic: topic.optional(),
    /** Also one thematic meeting a quarter (DOMAIN: at least one a quarter), a week after that quarter's second regular one. */
    withThematic: z.boolean().optional(),
  })
  .strict();
export type PlanYear = z.input<typeof planYearSchema>;

export const cancelMeetingSchema = z.object({ reason: visibleText(1000, "Cần nêu lý do / Reason required") }).strict();
export type CancelMeeting = z.infer<typeof cancelMeetingSchema>;

export const documentInputSchema = z
  .object({
    title: visibleText(300, "Tên tài liệu không được trống / Title required"),
    body: z.string().min(1).max(200_000).optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  })
  .strict()
  .refine((o) => (o.body === undefined) !== (o.url === undefined), {
    message: "Cần nội dung hoặc đường dẫn, chỉ một / Give a body or a url, exactly one",
    path: ["body"],
  });
export type DocumentInput = z.infer<typeof documentInputSchema>;

/**
 * Inviting a guest (a visiting leader): either someone the committee names (an empty account is made for them and an
 * invitation answered once, to hand over or e-mail), or an officer of this committee or of the province above it, who
 * already has an account and is admitted at once.
 */
export const guestInputSchema = z.union([
  z
    .object({
      fullName: visibleText(200, "Cần họ và tên khách mời / Guest's full name required"),
      /** Where the invitation is e-mailed, when a sender is configured; never looked up. */
      email: z.email().trim().toLowerCase().max(254).optional(),
      /** The guest's office, e.g. "Phó Bí thư Đảng ủy phường". */
      title: z.string().trim().max(200).default(""),
    })
    .strict(),
  z.object({ personId: idSchema, title: z.string().trim().max(200).default("") }).strict(),
]);
export type GuestInput = z.input<typeof guestInputSchema>;

export const minutesInputSchema = z.object({ body: z.string().min(1).max(500_000) }).strict();
export type MinutesInput = z.infer<typeof minutesInputSchema>;

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
  chairName: string | null;
  minutesTakerPersonId: string | null;
  minutesTakerName: string | null;
  startedAt: string | null;
  endedAt: string | null;
  cancelReason: string | null;
  /** A thematic meeting held together with the regular one (120 minutes expected). */
  combined: boolean;
  mediaMode: MeetingMediaMode;
  /** Only in answers to those who may see the meeting (branch members, its guests, tenant staff). */
  mediaLink: string | null;
}
export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  presenterPersonId: string | null;
  presenterName: string | null;
  minutesBudget: number;
  /** `task_review`: the item reviewing earlier resolutions' tasks (schema/api/resolutions.ts); always sent by the API. */
  kind?: "item" | "task_review";
}
export interface MeetingDocument {
  id: string;
  title: string;
  body: string | null;
  url: string | null;
  createdAt: string;
  /** Added less than 24 hours before the meeting: members should have documents a day ahead. */
  late: boolean;
}
export interface MeetingGuest {
  personId: string;
  fullName: string;
  email: string | null;
  title: string;
  /** Whether the guest has taken the invitation (has an account that can log in). */
  canLogIn: boolean;
}

/** The answer to inviting a named guest: the guest, and the invitation's link and code, shown this once. */
export interface InvitedGuest extends MeetingGuest {
  invitation: { link: string; code: string; expiresAt: string } | null;
}
/**
 * A member the meeting expects: the branch's active roster, by the committee's own record (memberships.full_name).
 * Names and branch roles only — anyone who may see the meeting reads it, a visiting leader included, so no
 * contact data.
 */
export interface ExpectedMember {
  personId: string;
  fullName: string;
  branchRole: "secretary" | "deputy" | "committee" | "member";
}
export interface MeetingDetail extends Meeting {
  agenda: AgendaItem[];
  /** Secretary first, then deputy, committee, members; each by name. */
  expected: ExpectedMember[];
  documents: MeetingDocument[];
  guests: MeetingGuest[];
  lateDocuments: boolean;
}
export interface MeetingList {
  items: Meeting[];
  total: number;
}
export interface PlanYearResult {
  created: Meeting[];
  /** `YYYY-MM` of regular months (and `YYYY-Qn` of quarters) that already had a meeting. */
  skipped: string[];
}

export interface MinutesVersion {
  version: number;
  status: "frozen" | "approved";
  createdBy: string | null;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}
export interface MeetingMinutes {
  versions: MinutesVersion[];
  latest: (MinutesVersion & { body: string }) | null;
}

export interface MeetingRecord {
  /** Who, how (hall, remote, excused with the reason, unexcused, exempt) and when: first joined, last left (null while they stayed). */
  attendance: {
    personId: string;
    fullName: string;
    status: AttendanceStatus;
    reason: string | null;
    joinedAt: string | null;
    leftAt: string | null;
    /**
     * When they first heard the hall with sound through built-in media (issue 13); null: they only followed the room
     * (or the meeting did not use built-in media). The API always sends it; optional for pages written before it.
     */
    heardAt?: string | null;
    /** Official or probationary at the meeting (written at the close); null in rows from before it was kept. */
    memberStatus: "official" | "probationary" | null;
  }[];
  speeches: {
    id: string;
    personId: string;
    fullName: string;
    agendaItemId: string | null;
    kind: "speech" | "point_of_order";
    startedAt: string;
    endedAt: string;
    durationSeconds: number;
    limitSeconds: number | null;
  }[];
  votes: {
    id: string;
    agendaItemId: string | null;
    motion: string;
    rule: unknown;
    secret: boolean;
    openedAt: string;
    closedAt: string | null;
    base: number | null;
    eligible: number | null;
    agree: number | null;
    disagree: number | null;
    abstain: number | null;
    result: VoteResult | null;
    /** How many cast a ballot; who chose what only for open votes, never for secret ones. */
    voters: number;
    ballots: {
      personId: string;
      fullName: string;
      choice: Choice | null;
      channel: "remote" | "hall";
    }[];
  }[];
  reservedOpinions: {
    id: string;
    voteId: string;
    personId: string;
    fullName: string;
    body: string;
    createdAt: string;
  }[];
  evaluations: {
    id: string;
    evaluatorPersonId: string;
    evaluatorName: string;
    evaluatorKind: "branch" | "leader";
    total: number;
    grade: "good" | "fair" | "average" | "weak";
    scores: unknown;
    confirmedAt: string | null;
  }[];
}

/** A visiting leader's note as the record shows it: to its author, and once shared to the branch's leadership. */
export interface RecordLeaderNote {
  id: string;
  personId: string;
  fullName: string;
  agendaItemId: string | null;
  body: string;
  shared: boolean;
  updatedAt: string;
}

/** The meeting's resolution (migration 0004), linked from the record once one exists; a draft has no number. */
export interface RecordResolution {
  id: string;
  status: "draft" | "issued";
  number: number | null;
  year: number | null;
}

/**
 * What `GET …/meetings/:id/record` answers. The room writes its record to D1 through an outbox a moment after close;
 * `complete` is true only once the meeting is closed in D1 and the room owes D1 nothing more, so a page shows the
 * lists only then ("saving" before: `saving` says the room has closed and the rest is on its way).
 */
export interface MeetingRecordAnswer extends MeetingRecord {
  complete: boolean;
  saving: boolean;
  /** The leader notes the caller may read (worker/data/record-answer.ts `seesSharedNotes`). */
  leaderNotes: RecordLeaderNote[];
  /** The approved version of the minutes, if any (the minutes page shows it). */
  approvedMinutes: { version: number; approvedAt: string | null } | null;
  resolution: RecordResolution | null;
}
