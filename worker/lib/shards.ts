/**
 * D1 sharded by province (docs/scale.md "Sharding"): the one place that lists the shards. `DB` is the directory
 * (accounts, sessions, passkeys, login throttles, the mail outbox, and every tenant with the shard that holds it);
 * each shard holds whole provinces: their tenants' rows (a copy), organizations, member records, meetings and
 * everything recorded in them, invitations, visit plans, the audit log, and a mirror of the `people` rows (id,
 * name, login e-mail; never a credential) of everyone seated there, so a shard's joins never leave it.
 * A shard is a static binding in wrangler.toml with the same name; adding one is a name in ./shard-names.ts and a
 * block there.
 */
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { tenants } from "../../schema/db/tables";
import type { Db } from "../env";

import { isShardName, SHARDS, type ShardName } from "./shard-names";

export { isShardName, SHARDS, type ShardName };

/** The raw D1 binding of a shard (for the few writers that run prepared SQL). */
export const shardBinding = (env: Cloudflare.Env, shard: ShardName): D1Database => env[shard];

export const shardDb = (env: Cloudflare.Env, shard: ShardName): Db => drizzle(shardBinding(env, shard));

export const directoryDb = (env: Cloudflare.Env): Db => drizzle(env.DB);

/** Every shard, for the few reads that concern a person in any province (who am I, which rooms to tell). */
export const everyShard = (env: Cloudflare.Env) =>
  SHARDS.map((name) => ({ name, db: shardDb(env, name), binding: shardBinding(env, name) }));

/** A tenant never moves between shards, so an isolate remembers where each one it has seen lives. */
const known = new Map<string, ShardName>();

/** The shard that holds a tenant, from the directory (once per isolate), or null for a tenant that does not exist. */
export async function shardOfTenant(env: Cloudflare.Env, tenantId: string): Promise<ShardName | null> {
  const cached = known.get(tenantId);
  if (cached) return cached;
  const row = await directoryDb(env)
    .select({ shard: tenants.shard })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .get();
  if (!row || !isShardName(row.shard)) return null;
  known.set(tenantId, row.shard);
  return row.shard;
}

/** Drops what this isolate remembers of a tenant's shard: only the tests move a tenant (test/support/fixtures.ts). */
export function forgetTenantShard(tenantId: string) {
  known.delete(tenantId);
}
