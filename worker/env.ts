import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { TenantRole } from "../schema/api/auth";
import type { TenantKind } from "../schema/api/committees";
import type { MembershipStanding } from "../schema/api/members";
import type { ShardName } from "./lib/shards";

export type Db = DrizzleD1Database;

/** What the session middleware learns about the caller. */
export interface SessionPerson {
  personId: string;
  sessionId: string;
  /** Whether the caller authenticated by cookie (needs CSRF checks) or by bearer header. */
  via: "cookie" | "bearer";
}

/** The caller's standing inside the tenant named in the path. */
export interface TenantAccess {
  tenantId: string;
  /** A province has child committees; a committee has branches (and maybe a province above it). */
  kind: TenantKind;
  role: TenantRole | null;
  /**
   * The role is `viewer` only because the caller holds a role in the province above this committee: they read its
   * reports, organizations and meetings, and write nothing (no room seat as an observer either).
   */
  roleFromProvince: boolean;
  /** The caller's role in the province directly above (admin, organizer, viewer), or null. */
  provinceRole: TenantRole | null;
  /** organizationId → branch role, for the organizations where the caller is a member */
  memberships: Map<string, { status: "official" | "probationary"; branchRole: string; standing: MembershipStanding }>;
  guestMeetingIds: Set<string>;
  /** A leader with a visit plan here: reads their own visits, nothing else (unless also member, guest or staff). */
  plannedVisitor: boolean;
}

export interface AppEnv {
  Bindings: Cloudflare.Env;
  Variables: {
    /** The request's database: the directory, or under /api/tenants/:tenantId that tenant's shard (worker/lib/shards.ts). */
    db: Db;
    /** `db`'s raw binding, for the writers that run prepared SQL. */
    d1: D1Database;
    /** Under /api/tenants/:tenantId, the shard that holds the tenant. */
    shard: ShardName;
    /** The directory (accounts, sessions, passkeys, tenants and their shards), whatever `db` is. */
    directory: Db;
    session: SessionPerson;
    access: TenantAccess;
  };
}
