import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { SHARDS } from "../../worker/lib/shards";

// Runs before each test file; applyD1Migrations skips what is already applied. Every database takes the same
// migrations: the directory (DB) and each province shard (worker/lib/shards.ts).
for (const db of [env.DB, ...SHARDS.map((name) => env[name])]) await applyD1Migrations(db, env.TEST_MIGRATIONS);
