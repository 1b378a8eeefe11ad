/**
 * D1 tables (drizzle). Every tenant-owned table carries `tenant_id`, and every query function in
 * `worker/data/` filters on it. People and sessions are global: one person, one account, across tenants
 * (a visiting leader is the same person in every committee that invites them).
 * Times are ISO-8601 strings in UTC; dates (probation start, exemption) are `YYYY-MM-DD`.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

/**
 * A party committee using chibo. A province committee (Tỉnh ủy) is a tenant whose child tenants are the grassroots
 * committees under it: its admins create them, read their reports and plan visits to their branches.
 */
export const tenants = sqliteTable(
  "tenants",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["province", "committee"] })
      .notNull()
      .default("committee"),
    parentId: text("parent_id"),
    /**
     * Which province database holds the tenant's data (worker/lib/shards.ts names them): read in the directory, where
     * every request looks its tenant up; the shard's own copy of the row carries the same value.
     */
    shard: text("shard").notNull().default("SHARD_1"),
    createdAt: createdAt(),
  },
  (t) => [index("tenants_parent").on(t.parentId)],
);

/** The tenant's tree: grassroots committees (đảng bộ cơ sở) with branches under them, or grassroots branches. */
export const organizations = sqliteTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    parentId: text("parent_id"),
    kind: text("kind", { enum: ["grassroots_committee", "grassroots_branch", "branch"] }).notNull(),
    name: text("name").notNull(),
    branchType: text("branch_type", {
      enum: ["residential", "agency", "enterprise", "public_service", "school", "armed_forces", "other"],
    }),
    createdAt: createdAt(),
  },
  (t) => [index("organizations_tenant_parent").on(t.tenantId, t.parentId)],
);

/**
 * Accounts. A row is made by a committee only as the empty account of a member record or guest it adds (no e-mail,
 * no password, never shared); the holder fills it in by redeeming an invitation (docs/identity.md). The name here is
 * the account's own; a committee's view of its member is the membership row.
 */
export const people = sqliteTable(
  "people",
  {
    id: text("id").primaryKey(),
    /** Login name, lower-cased, chosen by the holder. Null until the holder redeems an invitation. */
    email: text("email"),
    fullName: text("full_name").notNull(),
    /** Name folded to ASCII lower case ("nguyen van an") so a search without diacritics finds it. */
    searchName: text("search_name").notNull(),
    phone: text("phone"),
    birthYear: integer("birth_year"),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; null when the person has no password yet. */
    passwordHash: text("password_hash"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("people_email").on(t.email)],
);

/** A person's place in one organization of a tenant: status, branch role and exemption from meetings. */
export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    status: text("status", { enum: ["official", "probationary"] }).notNull(),
    probationStart: text("probation_start"),
    branchRole: text("branch_role", { enum: ["secretary", "deputy", "committee", "member"] })
      .notNull()
      .default("member"),
    exemptReason: text("exempt_reason"),
    exemptFrom: text("exempt_from"),
    exemptTo: text("exempt_to"),
    /**
     * The committee's own record of the member: name, contact e-mail, phone, birth year. Never read from or written
     * to the account (people), so no committee sees or changes what another one entered.
     */
    fullName: text("full_name").notNull().default(""),
    email: text("email"),
    phone: text("phone"),
    birthYear: integer("birth_year"),
    /** When an account took this record by redeeming the committee's invitation; null while nobody has. */
    linkedAt: text("linked_at"),
    /** schema/text.ts memberSearchText(person's name, e-mail): kept in step by every writer of either. */
    searchText: text("search_text").notNull().default(""),
    /**
     * Temporarily transferred to another organization, suspended, or prosecuted/detained: still on the
     * branch's books, but not in the base a resolution counts against (DOMAIN.md, 24-QĐ/TW 9.3.2), so the
     * live room leaves them off its roster.
     */
    standing: text("standing", { enum: ["active", "transferred", "suspended", "detained"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_org_person").on(t.organizationId, t.personId),
    // Member search and the member list: a tenant's members in name order, read from the index alone.
    index("memberships_tenant_search").on(t.tenantId, t.searchText, t.id),
    index("memberships_tenant_org").on(t.tenantId, t.organizationId),
    index("memberships_tenant_person").on(t.tenantId, t.personId),
  ],
);

/** Roles in the committee's office, apart from membership: admin, organizer (plans meetings), viewer (reports). */
export const tenantRoles = sqliteTable(
  "tenant_roles",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    role: text("role", { enum: ["admin", "organizer", "viewer"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.personId] }), index("tenant_roles_person").on(t.personId)],
);

export const meetings = sqliteTable(
  "meetings",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    kind: text("kind", { enum: ["regular", "thematic"] }).notNull(),
    topic: text("topic").notNull(),
    scheduledAt: text("scheduled_at").notNull(),
    place: text("place").notNull().default(""),
    /** Hall only, hall plus remote sites (hybrid), or wholly online (allowed only as a pilot, with a basis). */
    format: text("format", { enum: ["in_person", "hybrid", "online"] })
      .notNull()
      .default("hybrid"),
    onlineBasis: text("online_basis"),
    status: text("status", { enum: ["planned", "live", "closed", "cancelled"] })
      .notNull()
      .default("planned"),
    chairPersonId: text("chair_person_id").references(() => people.id),
    minutesTakerPersonId: text("minutes_taker_person_id").references(() => people.id),
    startedAt: text("started_at"),
    endedAt: text("ended_at"),
    cancelReason: text("cancel_reason"),
    /** A thematic and a regular meeting held together: 120 minutes expected instead of 90 (guidance 42-HD/BTCTW). */
    combined: integer("combined", { mode: "boolean" }).notNull().default(false),
    /**
     * How remote people hear and speak: in the hall only, an external call (`media_link`, https only), or built in.
     * Existing meetings had no sound for remote people, so they are hall only.
     */
    mediaMode: text("media_mode", { enum: ["hall_only", "external", "builtin"] })
      .notNull()
      .default("hall_only"),
    /** The committee's own video call for an external meeting; null for the other modes. */
    mediaLink: text("media_link"),
    createdAt: createdAt(),
  },
  (t) => [
    index("meetings_tenant_org_time").on(t.tenantId, t.organizationId, t.scheduledAt),
    index("meetings_tenant_time").on(t.tenantId, t.scheduledAt),
  ],
);

export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    presenterPersonId: text("presenter_person_id").references(() => people.id),
    minutesBudget: integer("minutes_budget").notNull().default(10),
    /**
     * `task_review`: the item that opens a meeting with the branch's open resolution tasks (DOMAIN.md
     * "Resolutions and follow-up"); its reviews are rows of `task_reviews`.
     */
    kind: text("kind", { enum: ["item", "task_review"] })
      .notNull()
      .default("item"),
  },
  (t) => [index("agenda_items_meeting").on(t.meetingId, t.position)],
);

export const meetingDocuments = sqliteTable(
  "meeting_documents",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    title: text("title").notNull(),
    body: text("body"),
    url: text("url"),
    createdAt: createdAt(),
  },
  (t) => [index("meeting_documents_meeting").on(t.meetingId)],
);

/** Invited guests, chiefly visiting leaders; the guest may belong to another tenant or to none. */
export const meetingGuests = sqliteTable(
  "meeting_guests",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    title: text("title").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] }), index("meeting_guests_person").on(t.personId)],
);

export const attendance = sqliteTable(
  "attendance",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    status: text("status", {
      enum: ["present_hall", "present_remote", "absent_excused", "absent_unexcused", "exempt"],
    }).notNull(),
    reason: text("reason"),
    recordedBy: text("recorded_by"),
    recordedAt: createdAt(),
    /** When the member first joined (tapped "join" or was checked in): one row per member however often they return. */
    joinedAt: text("joined_at"),
    /** When they last left before the close; null while they stay, or when they stayed to the end. */
    leftAt: text("left_at"),
    /**
     * When the member first heard the hall with sound through built-in media (issue 13: attended by media, not only
     * followed the room); null otherwise. Written by the room, never cleared.
     */
    heardAt: text("heard_at"),
    /**
     * The member's standing at the meeting (official or probationary), written at the close: the record's counts
     * (and the minutes' check at approval) must not change when a member is recognised official later. Null for a
     * guest's trace and for rows written before it existed.
     */
    memberStatus: text("member_status", { enum: ["official", "probationary"] }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.personId] }),
    index("attendance_tenant_person").on(t.tenantId, t.personId),
    // Without it, `tenant_id = ? AND meeting_id = ?` walks the whole tenant through attendance_tenant_person:
    // 162 ms on the province seed (193k rows) instead of 0.03 ms.
    index("attendance_tenant_meeting").on(t.tenantId, t.meetingId),
    // Reports count statuses per meeting from the index alone (no table lookups over ~190k rows).
    index("attendance_report").on(t.tenantId, t.meetingId, t.status, t.personId),
  ],
);

export const speeches = sqliteTable(
  "speeches",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    agendaItemId: text("agenda_item_id"),
    kind: text("kind", { enum: ["speech", "point_of_order"] })
      .notNull()
      .default("speech"),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at").notNull(),
    durationSeconds: integer("duration_seconds").notNull(),
    limitSeconds: integer("limit_seconds"),
  },
  (t) => [
    index("speeches_meeting").on(t.meetingId),
    index("speeches_tenant_person").on(t.tenantId, t.personId),
    // Reports sum speaking time per meeting and person from the index alone.
    index("speeches_report").on(t.tenantId, t.meetingId, t.kind, t.personId, t.durationSeconds),
  ],
);

export const votes = sqliteTable(
  "votes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    agendaItemId: text("agenda_item_id"),
    motion: text("motion").notNull(),
    /** The rule as data (base kind, threshold fraction and strictness, changes allowed): see schema/rules. */
    ruleJson: text("rule_json").notNull(),
    secret: integer("secret", { mode: "boolean" }).notNull().default(false),
    openedAt: text("opened_at").notNull(),
    closedAt: text("closed_at"),
    base: integer("base"),
    agree: integer("agree"),
    disagree: integer("disagree"),
    abstain: integer("abstain"),
    eligible: integer("eligible"),
    result: text("result", { enum: ["passed", "not_passed"] }),
  },
  // tenant + meeting: a tenant-scoped lookup of a meeting's votes must not pick the tenant-only index.
  (t) => [
    index("votes_meeting").on(t.meetingId),
    index("votes_tenant").on(t.tenantId),
    index("votes_tenant_meeting").on(t.tenantId, t.meetingId),
  ],
);

/** One row per voter. In a secret vote `choice` stays null: who voted is kept, never what they chose. */
export const ballots = sqliteTable(
  "ballots",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    voteId: text("vote_id")
      .notNull()
      .references(() => votes.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    choice: text("choice", { enum: ["agree", "disagree", "abstain"] }),
    channel: text("channel", { enum: ["remote", "hall"] }).notNull(),
    castAt: text("cast_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.personId] })],
);

export const reservedOpinions = sqliteTable(
  "reserved_opinions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    voteId: text("vote_id")
      .notNull()
      .references(() => votes.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("reserved_opinions_vote").on(t.voteId)],
);

/** A visiting leader's private notes, per agenda item; shared with the committee only if they choose. */
export const leaderNotes = sqliteTable(
  "leader_notes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    agendaItemId: text("agenda_item_id"),
    body: text("body").notNull(),
    sharedWithCommittee: integer("shared_with_committee", { mode: "boolean" }).notNull().default(false),
    updatedAt: createdAt(),
  },
  (t) => [index("leader_notes_meeting_person").on(t.meetingId, t.personId)],
);

/** A quality evaluation on the 100-point grid, by the branch itself or by a visiting leader. */
export const evaluations = sqliteTable(
  "evaluations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    evaluatorPersonId: text("evaluator_person_id")
      .notNull()
      .references(() => people.id),
    evaluatorKind: text("evaluator_kind", { enum: ["branch", "leader"] }).notNull(),
    scoresJson: text("scores_json").notNull(),
    total: integer("total").notNull(),
    grade: text("grade", { enum: ["good", "fair", "average", "weak"] }).notNull(),
    confirmedBy: text("confirmed_by"),
    confirmedAt: text("confirmed_at"),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("evaluations_meeting_evaluator").on(t.meetingId, t.evaluatorPersonId),
    index("evaluations_tenant").on(t.tenantId),
    index("evaluations_tenant_meeting").on(t.tenantId, t.meetingId),
  ],
);

/** Minutes, versioned: closing freezes a version; later edits make a new one; an approved version never changes. */
export const minutes = sqliteTable(
  "minutes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["frozen", "approved"] })
      .notNull()
      .default("frozen"),
    createdBy: text("created_by"),
    approvedBy: text("approved_by"),
    approvedAt: text("approved_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("minutes_meeting_version").on(t.meetingId, t.version)],
);

/**
 * A branch resolution (nghị quyết chi bộ, "Số 05-NQ/CB"): at most one per meeting, drafted from the meeting's
 * record, numbered per branch and calendar year when issued (a draft has no number yet).
 */
export const resolutions = sqliteTable(
  "resolutions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    /** Year and number of the issued resolution; null while it is a draft. */
    year: integer("year"),
    number: integer("number"),
    /** The decisions, as written (the record's counts are rendered from D1, not stored here). */
    body: text("body").notNull().default(""),
    /** The vote that adopted it, if it was put to a vote (its tally and percent are printed). */
    adoptedVoteId: text("adopted_vote_id").references(() => votes.id),
    status: text("status", { enum: ["draft", "issued"] })
      .notNull()
      .default("draft"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    issuedBy: text("issued_by"),
    issuedAt: text("issued_at"),
  },
  (t) => [
    uniqueIndex("resolutions_meeting").on(t.meetingId),
    // SQLite lets several NULLs through a unique index: drafts have no number.
    uniqueIndex("resolutions_number").on(t.tenantId, t.organizationId, t.year, t.number),
    index("resolutions_tenant_org").on(t.tenantId, t.organizationId),
  ],
);

/** A task of a resolution: what, who leads, by when, when it reports back; its status follows its reviews. */
export const resolutionTasks = sqliteTable(
  "resolution_tasks",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    resolutionId: text("resolution_id")
      .notNull()
      .references(() => resolutions.id),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    /** The member who leads it, when one does; `leadName` is what the resolution prints (a person or a body). */
    leadPersonId: text("lead_person_id").references(() => people.id),
    leadName: text("lead_name").notNull().default(""),
    /** `YYYY-MM-DD` */
    deadline: text("deadline").notNull(),
    /** When it reports back, as the resolution says it ("Sinh hoạt chi bộ tháng 1/2027"). */
    reportBack: text("report_back").notNull().default(""),
    /** The latest review's status (`open` before any); `doneOn` the date a review first marked it done. */
    status: text("status", { enum: ["open", "done", "in_progress", "not_done"] })
      .notNull()
      .default("open"),
    doneOn: text("done_on"),
  },
  (t) => [
    index("resolution_tasks_resolution").on(t.tenantId, t.resolutionId, t.position),
    index("resolution_tasks_org_deadline").on(t.tenantId, t.organizationId, t.deadline),
  ],
);

/** A meeting's review of an earlier resolution's task: done / in progress / not done, with a note. */
export const taskReviews = sqliteTable(
  "task_reviews",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    taskId: text("task_id")
      .notNull()
      .references(() => resolutionTasks.id),
    status: text("status", { enum: ["done", "in_progress", "not_done"] }).notNull(),
    note: text("note").notNull().default(""),
    reviewedBy: text("reviewed_by"),
    reviewedAt: text("reviewed_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.taskId] }), index("task_reviews_tenant_task").on(t.tenantId, t.taskId)],
);

/**
 * A leader's planned visit to a branch meeting (Đồng Nai 32-QĐ/TU: at least twice a year). The leader is a
 * global person, so several tenants may plan the same leader. A plan links to the branch's meeting of that
 * month; the leader's attendance or evaluation in the room marks it attended. A missed plan is kept as
 * `moved` (with the meeting it moved to) and a new plan row carries on at that meeting.
 */
export const visitPlans = sqliteTable(
  "visit_plans",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    leaderPersonId: text("leader_person_id")
      .notNull()
      .references(() => people.id),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    /** `YYYY-MM` */
    month: text("month").notNull(),
    meetingId: text("meeting_id").references(() => meetings.id),
    status: text("status", { enum: ["planned", "attended", "missed", "moved"] })
      .notNull()
      .default("planned"),
    movedToMeetingId: text("moved_to_meeting_id").references(() => meetings.id),
    /** The plan this one continues, when a missed visit was moved here. */
    movedFromPlanId: text("moved_from_plan_id"),
    notes: text("notes").notNull().default(""),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    index("visit_plans_tenant_month").on(t.tenantId, t.month),
    index("visit_plans_tenant_leader_month").on(t.tenantId, t.leaderPersonId, t.month),
    index("visit_plans_tenant_org_month").on(t.tenantId, t.organizationId, t.month),
    index("visit_plans_meeting").on(t.meetingId),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id"),
    personId: text("person_id"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    detail: text("detail"),
    at: createdAt(),
  },
  (t) => [index("audit_log_tenant_at").on(t.tenantId, t.at)],
);

/** Server-side record of each login, so logging out or changing the password revokes the signed token. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_person").on(t.personId)],
);

/**
 * Password attempts per key in a fixed window: `account:<e-mail>` for the account as a whole and
 * `client:<e-mail>|<address>` for one client of it (worker/data/login-throttle.ts). A row whose window has ended
 * counts afresh from 1.
 */
export const loginThrottle = sqliteTable(
  "login_throttle",
  {
    key: text("key").primaryKey(),
    attempts: integer("attempts").notNull(),
    windowEndsAt: text("window_ends_at").notNull(),
  },
  // Ended windows are swept by this index after a successful login.
  (t) => [index("login_throttle_window_ends_at").on(t.windowEndsAt)],
);

/**
 * Single-use secrets a committee hands to one person (docs/identity.md): `member` links a membership to the account
 * that redeems it, `reset` lets the membership's person (or, asked for by e-mail, the account) choose a new password,
 * `guest` admits a person to a meeting, `staff` gives a committee office role (the first admin of a new committee).
 * Only SHA-256 hashes of the link's secret and of the short code are stored. A row is live while it is neither
 * redeemed, revoked nor expired; redeeming is one conditional UPDATE, so it succeeds once.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    codeHash: text("code_hash").notNull(),
    purpose: text("purpose", { enum: ["member", "reset", "guest", "staff"] }).notNull(),
    /** Null only for a `reset` the holder asked for by e-mail ("forgot password"), which belongs to no committee. */
    tenantId: text("tenant_id").references(() => tenants.id),
    membershipId: text("membership_id").references(() => memberships.id),
    meetingId: text("meeting_id").references(() => meetings.id),
    /**
     * The account row the invitation fills in: for `guest` and `staff` the empty account the committee made for the
     * guest or officer (the redeemer's own account replaces it), for a `reset` by e-mail the account itself.
     */
    personId: text("person_id").references(() => people.id),
    createdBy: text("created_by")
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    redeemedAt: text("redeemed_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("invitations_token_hash").on(t.tokenHash),
    // A code is short, so it must not collide with another code that still works; spent ones may repeat.
    uniqueIndex("invitations_live_code").on(t.codeHash).where(sql`redeemed_at is null and revoked_at is null`),
    index("invitations_tenant_membership").on(t.tenantId, t.membershipId),
  ],
);

/**
 * WebAuthn credentials (passkeys) a person registered after logging in; login with one needs no password.
 * `id` is the credential id and `publicKey` the COSE key, both base64url.
 */
export const passkeys = sqliteTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    publicKey: text("public_key").notNull(),
    counter: integer("counter").notNull().default(0),
    /** JSON array of AuthenticatorTransport strings, as the browser reported them. */
    transports: text("transports").notNull().default("[]"),
    /** A name the holder recognises ("Điện thoại Android"), editable. */
    name: text("name").notNull().default(""),
    createdAt: createdAt(),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [index("passkeys_person").on(t.personId)],
);

/**
 * Messages the Worker would have sent with no e-mail sender configured: local development reads them at
 * /dev/outbox (worker/dev), tests read them too. A deployed Worker with a sender never writes here.
 */
export const mailOutbox = sqliteTable("mail_outbox", {
  id: text("id").primaryKey(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  textBody: text("text_body").notNull(),
  createdAt: createdAt(),
});
