/**
 * The province shards' binding names, the one list of them (wrangler.toml declares a D1 database for each, with the
 * same name as binding). No imports, so the Node scripts load it too (scripts/lib/wrangler.ts, deploy, seeds).
 * The directory's binding is `DB`.
 */
export const SHARDS = ["SHARD_1", "SHARD_2"] as const;
export type ShardName = (typeof SHARDS)[number];

export const isShardName = (name: string): name is ShardName => (SHARDS as readonly string[]).includes(name);

/** The directory's binding, and every database the same migrations apply to. */
export const DIRECTORY = "DB";
export const EVERY_DATABASE = [DIRECTORY, ...SHARDS] as const;
