/**
 * How a committee's pages name a person: as the committee recorded them (their member record here), else by the
 * account's own name (a visiting leader, an officer without a record). The account's name is the holder's; the record
 * is the committee's data (docs/identity.md), so a committee's minutes and lists read the committee's own words.
 */
import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export const nameHere = (tenantId: string | SQLiteColumn, personId: SQLiteColumn | SQL, accountName: SQLiteColumn) =>
  sql<string>`coalesce((SELECT m.full_name FROM memberships m WHERE m.tenant_id = ${tenantId} AND m.person_id = ${personId}
    AND m.full_name != '' ORDER BY m.created_at LIMIT 1), ${accountName})`;
