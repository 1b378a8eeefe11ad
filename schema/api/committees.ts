/**
 * A province (Tỉnh ủy) and the committees under it: the list its staff read, the form its admins create a child
 * committee with (the first admin gets a staff invitation, never a password), and the province's officers a child
 * offers as visiting leaders. The operator's CLI (scripts/committee-create.ts) checks its input with the same schema.
 */
import { z } from "zod";
import { hasVisibleText } from "../visible-text.ts";

export const tenantKindSchema = z.enum(["province", "committee"]);
export type TenantKind = z.infer<typeof tenantKindSchema>;

const name = (vi: string, en: string) =>
  z
    .string({ error: `${vi} là bắt buộc / ${en} is required` })
    .trim()
    .max(200, `${vi} tối đa 200 ký tự / ${en}: at most 200 characters`)
    .refine(hasVisibleText, `${vi} không được để trống / ${en} is required`);

/**
 * A new committee and its first admin. `adminEmail` is where the invitation is to be sent, a contact address only:
 * the account's login e-mail is the one its holder chooses when redeeming.
 */
export const createCommitteeSchema = z
  .object({
    name: name("Tên đảng bộ", "The committee's name"),
    adminName: name("Họ tên người quản trị", "The first admin's name"),
    adminEmail: z.string().trim().toLowerCase().email("E-mail không hợp lệ / Invalid e-mail").max(254).optional(),
  })
  .strict();
export type CreateCommittee = z.infer<typeof createCommitteeSchema>;

/** One child committee as its province sees it: no member names, only counts. */
export interface CommitteeSummary {
  id: string;
  name: string;
  createdAt: string;
  /** Member records (memberships) of the committee. */
  members: number;
  /** Organizations that meet (branches and grassroots branches). */
  branches: number;
}

export interface CommitteeList {
  items: CommitteeSummary[];
}

/** Answered once, when created: the first admin's link and code exist nowhere else from now on. */
export interface CreatedCommittee {
  committee: CommitteeSummary;
  link: string;
  code: string;
  expiresAt: string;
}

/** A province officer (a person holding a role in the parent tenant), offered to a child's meeting as a guest. */
export interface GuestCandidate {
  personId: string;
  fullName: string;
}

export interface GuestCandidateList {
  items: GuestCandidate[];
}
