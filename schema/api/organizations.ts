/**
 * The tenant's organization tree: grassroots committees (đảng bộ cơ sở) with branches (chi bộ trực thuộc)
 * under them, and grassroots branches (chi bộ cơ sở) standing alone. Meetings belong to branches.
 */
import { z } from "zod";
import { idSchema } from "../ids";
import { visibleText } from "../visible-text";

export const organizationKindSchema = z.enum(["grassroots_committee", "grassroots_branch", "branch"]);
export type OrganizationKind = z.infer<typeof organizationKindSchema>;

/** Loại hình chi bộ: guidance differs by type (residential-area branches meet in the evening, …). */
export const branchTypeSchema = z.enum([
  "residential",
  "agency",
  "enterprise",
  "public_service",
  "school",
  "armed_forces",
  "other",
]);
export type BranchType = z.infer<typeof branchTypeSchema>;

/** Kinds that meet: a branch under a committee, or a grassroots branch. */
export const MEETING_KINDS: readonly OrganizationKind[] = ["branch", "grassroots_branch"];

const orgName = visibleText(200, "Tên không được trống / Name required");

/**
 * A branch needs its parent committee and a branch type; a grassroots branch needs a type and no parent;
 * a grassroots committee has neither (the tenant itself is the committee above grassroots level).
 */
export const createOrganizationSchema = z
  .object({
    kind: organizationKindSchema,
    name: orgName,
    parentId: idSchema.optional(),
    branchType: branchTypeSchema.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.kind === "branch" && !o.parentId) {
      ctx.addIssue({
        code: "custom",
        path: ["parentId"],
        message: "Chi bộ trực thuộc cần đảng bộ cấp trên / A branch needs its parent committee",
      });
    }
    if (o.kind !== "branch" && o.parentId) {
      ctx.addIssue({
        code: "custom",
        path: ["parentId"],
        message: "Chỉ chi bộ trực thuộc có cấp trên / Only a branch has a parent",
      });
    }
    if (o.kind === "grassroots_committee" ? o.branchType : !o.branchType) {
      ctx.addIssue({
        code: "custom",
        path: ["branchType"],
        message:
          o.kind === "grassroots_committee"
            ? "Đảng bộ không có loại hình chi bộ / A committee has no branch type"
            : "Cần loại hình chi bộ / Branch type required",
      });
    }
  });
export type CreateOrganization = z.infer<typeof createOrganizationSchema>;

export const updateOrganizationSchema = z
  .object({ name: orgName.optional(), branchType: branchTypeSchema.optional() })
  .strict()
  .refine((o) => o.name !== undefined || o.branchType !== undefined, {
    message: "Không có gì để sửa / Nothing to change",
  });
export type UpdateOrganization = z.infer<typeof updateOrganizationSchema>;

/** Member counts of an organization and everything under it. `exempt` is a subset of official + probationary. */
export const memberCountsSchema = z.object({
  total: z.number().int(),
  official: z.number().int(),
  probationary: z.number().int(),
  /** Exempted from meetings today (miễn sinh hoạt). */
  exempt: z.number().int(),
});
export type MemberCounts = z.infer<typeof memberCountsSchema>;

export interface OrganizationNode {
  id: string;
  kind: OrganizationKind;
  name: string;
  parentId: string | null;
  branchType: BranchType | null;
  counts: MemberCounts;
  children: OrganizationNode[];
}
export const organizationNodeSchema: z.ZodType<OrganizationNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: organizationKindSchema,
    name: z.string(),
    parentId: z.string().nullable(),
    branchType: branchTypeSchema.nullable(),
    counts: memberCountsSchema,
    children: z.array(organizationNodeSchema),
  }),
);

/** `GET /organizations`: the roots of the tree (committees and grassroots branches) and the tenant's totals. */
export const organizationTreeSchema = z.object({ items: z.array(organizationNodeSchema), counts: memberCountsSchema });
export type OrganizationTree = z.infer<typeof organizationTreeSchema>;
