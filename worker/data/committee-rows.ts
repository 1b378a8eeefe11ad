/**
 * The rows that make a new committee, written once for both ways a committee comes to be: a province admin through
 * the API (worker/data/committees.ts inserts them with drizzle) and the operator's CLI (scripts/committee-create.ts
 * turns the same rows into SQL for `wrangler d1 execute`, locally or remotely). The first admin gets an EMPTY account
 * (no e-mail, no password, docs/identity.md) holding the admin role, and a `staff` invitation that lets its holder
 * fill that account in. The tenant row goes to the directory too (which shard holds it); every other row only to the
 * shard. Imports carry `.ts` so Node loads this file too.
 */
import { INVITATION_DAYS } from "../../schema/api/invitations.ts";
import type { auditLog, invitations, people, tenantRoles, tenants } from "../../schema/db/tables.ts";
import { foldForSearch } from "../../schema/text.ts";
import { newId } from "../lib/ids.ts";
import { hashCode, hashSecret, newCode, newSecret } from "../lib/invitation-secret.ts";

export interface NewCommittee {
  name: string;
  adminName: string;
  kind: "province" | "committee";
  /** The province above it, or null. */
  parentId: string | null;
  /** The database that holds it (worker/lib/shards.ts): its province's, or the one the operator chose for a province. */
  shard: string;
  /** Who creates it: a province admin's person id, or null for the operator (who has no account). */
  creatorId: string | null;
}

export interface CommitteeRows {
  tenant: typeof tenants.$inferInsert & { id: string; createdAt: string };
  admin: typeof people.$inferInsert & { id: string };
  role: typeof tenantRoles.$inferInsert;
  invitation: typeof invitations.$inferInsert & { expiresAt: string };
  audit: typeof auditLog.$inferInsert;
}

/** The rows, plus the link's secret and the code: shown to the creator once, stored only as hashes. */
export interface NewCommitteeRows {
  rows: CommitteeRows;
  secret: string;
  code: string;
}

export async function newCommitteeRows(input: NewCommittee, now = new Date()): Promise<NewCommitteeRows> {
  const tenantId = newId();
  const adminId = newId();
  const invitationId = newId();
  const secret = newSecret();
  const code = newCode();
  const [tokenHash, codeHash] = await Promise.all([hashSecret(secret), hashCode(code)]);
  const createdAt = now.toISOString();
  const rows: CommitteeRows = {
    tenant: {
      id: tenantId,
      name: input.name,
      kind: input.kind,
      parentId: input.parentId,
      shard: input.shard,
      createdAt,
    },
    admin: {
      id: adminId,
      email: null,
      fullName: input.adminName,
      searchName: foldForSearch(input.adminName),
      passwordHash: null,
      createdAt,
    },
    role: { tenantId, personId: adminId, role: "admin", createdAt },
    invitation: {
      id: invitationId,
      tokenHash,
      codeHash,
      purpose: "staff",
      tenantId,
      personId: adminId,
      // invitations.created_by must name a person: the operator has none, so the CLI's invitation names the empty
      // account it is for (it created nothing else); a province admin's names that admin.
      createdBy: input.creatorId ?? adminId,
      createdAt,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    },
    // In the province's log when a province admin made it (theirs is the act); in its own when the operator did.
    audit: {
      tenantId: input.parentId ?? tenantId,
      personId: input.creatorId,
      action: "committee_created",
      entity: "tenant",
      entityId: tenantId,
      detail: JSON.stringify({ kind: input.kind, parentId: input.parentId, adminId, invitationId }),
      at: createdAt,
    },
  };
  return { rows, secret, code };
}

/** Where the invitation is redeemed: the client's `/invite/<secret>` page. */
export const invitationLink = (origin: string, secret: string) => `${origin.replace(/\/+$/, "")}/invite/${secret}`;
