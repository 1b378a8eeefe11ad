/**
 * Members of a tenant: a person (one global account) and their membership of one organization, with
 * status (official / probationary since a date), branch role and exemption from meetings.
 */
import { z } from "zod";
import { dateSchema, idSchema } from "../ids";
import { visibleText } from "../visible-text";

export const membershipStatusSchema = z.enum(["official", "probationary"]);
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;

/**
 * Whether the member takes part in the branch now. Those transferred for a time to another organization,
 * suspended, or prosecuted or detained stay on the books but out of the roster and the vote base (DOMAIN.md).
 */
export const membershipStandingSchema = z.enum(["active", "transferred", "suspended", "detained"]);
export type MembershipStanding = z.infer<typeof membershipStandingSchema>;

export const branchRoleSchema = z.enum(["secretary", "deputy", "committee", "member"]);
export type BranchRole = z.infer<typeof branchRoleSchema>;

export const fullNameSchema = visibleText(200, "Cần họ và tên / Full name required");
export const emailSchema = z.email("E-mail không hợp lệ / Invalid e-mail").trim().toLowerCase().max(254);
export const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .regex(/^\+?[0-9 .()-]{3,30}$/, "Số điện thoại không hợp lệ / Invalid phone number");
export const birthYearSchema = z.number().int().min(1900).max(2100);

/** `GET /members` filters. `status=exempt` lists those exempted from meetings today. */
export const listMembersQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  organizationId: idSchema.optional(),
  status: z.enum(["official", "probationary", "exempt"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMembersQuery = z.infer<typeof listMembersQuerySchema>;

export const exemptionSchema = z
  .object({
    reason: visibleText(500, "Cần lý do / Reason required"),
    from: dateSchema,
    to: dateSchema.nullish(),
  })
  .strict()
  .refine((e) => !e.to || e.to >= e.from, {
    path: ["to"],
    message: "Ngày kết thúc trước ngày bắt đầu / Ends before it starts",
  });
export type Exemption = z.infer<typeof exemptionSchema>;

export const memberSchema = z.object({
  membershipId: z.string(),
  personId: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  birthYear: z.number().nullable(),
  /** When someone redeemed the committee's invitation for this record; null: nobody logs in as this member yet. */
  linkedAt: z.string().nullable(),
  organizationId: z.string(),
  organizationName: z.string(),
  status: membershipStatusSchema,
  probationStart: z.string().nullable(),
  branchRole: branchRoleSchema,
  standing: membershipStandingSchema,
  exemption: z.object({ reason: z.string(), from: z.string(), to: z.string().nullable() }).nullable(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberPageSchema = z.object({
  items: z.array(memberSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type MemberPage = z.infer<typeof memberPageSchema>;

const probationIssue = {
  path: ["probationStart"],
  message: "Đảng viên dự bị cần ngày vào dự bị / A probationary member needs the probation start date",
};

/**
 * Adds a member record: the committee's own data. The e-mail is a contact address (where an invitation goes), never a
 * login and never looked up elsewhere; the record joins an account only when its invitation is redeemed.
 */
export const createMemberSchema = z
  .object({
    fullName: fullNameSchema,
    email: emailSchema.nullish(),
    phone: phoneSchema.nullish(),
    birthYear: birthYearSchema.nullish(),
    organizationId: idSchema,
    status: membershipStatusSchema,
    probationStart: dateSchema.nullish(),
    branchRole: branchRoleSchema.default("member"),
  })
  .strict()
  .refine((m) => m.status !== "probationary" || !!m.probationStart, probationIssue);
export type CreateMember = z.infer<typeof createMemberSchema>;

/** Partial edit. Setting `status: "official"` clears the probation date; `null` clears e-mail or phone. */
export const updateMemberSchema = z
  .object({
    fullName: fullNameSchema.optional(),
    email: emailSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    birthYear: birthYearSchema.nullable().optional(),
    status: membershipStatusSchema.optional(),
    probationStart: dateSchema.optional(),
    branchRole: branchRoleSchema.optional(),
    standing: membershipStandingSchema.optional(),
  })
  .strict()
  .refine((m) => Object.keys(m).length > 0, { message: "Không có gì để sửa / Nothing to change" })
  .refine((m) => m.status !== "probationary" || !!m.probationStart, probationIssue);
export type UpdateMember = z.infer<typeof updateMemberSchema>;

/** `POST /members/import` answer (also for `?dryRun=1`, then nothing was written). */
export const importResultSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  /** The new records' ids (empty on a dry run), so the secretary can invite them all at once. */
  membershipIds: z.array(z.string()),
  byOrganization: z.array(
    z.object({ organizationId: z.string(), organizationName: z.string(), rows: z.number().int() }),
  ),
  preview: z.array(
    z.object({
      line: z.number().int(),
      fullName: z.string(),
      email: z.string().nullable(),
      organizationId: z.string(),
      organizationName: z.string(),
      status: membershipStatusSchema,
      branchRole: branchRoleSchema,
    }),
  ),
});
export type ImportResult = z.infer<typeof importResultSchema>;
