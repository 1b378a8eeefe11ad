/**
 * Test tenants built straight into real D1. Every call makes fresh ids, so tests in one file (which share
 * storage) never see each other's rows.
 */
import { env, exports } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { memberships, organizations, people, tenantRoles, tenants } from "../../schema/db/tables";
import { foldForSearch, memberSearchText } from "../../schema/text";
import { hashPassword } from "../../worker/lib/password";
import { forgetTenantShard, isShardName, SHARDS, type ShardName } from "../../worker/lib/shards";

/**
 * D1 sharded by province (worker/lib/shards.ts): the directory holds accounts and which shard holds each tenant; a
 * shard holds its tenants' rows. Fixtures place their tenants in the shards in turn, so every test file runs on
 * both; a test that writes or reads a tenant's rows directly takes its database with `dbOf(tenantId)`.
 */
export const directory = () => drizzle(env.DB);
export { SHARDS };

const placed = new Map<string, ShardName>();
let turn = 0;
/** The shard the next tenant goes to: each in turn. */
export const nextShard = (): ShardName => SHARDS[turn++ % SHARDS.length] as ShardName;

/** Remembers where a tenant the API made lives (committees a province creates), from the directory. */
export async function learnShard(tenantId: string): Promise<ShardName> {
  const row = await env.DB.prepare("select shard from tenants where id = ?").bind(tenantId).first<{ shard: string }>();
  if (!row || !isShardName(row.shard)) throw new Error(`tenant ${tenantId} is in no shard`);
  placed.set(tenantId, row.shard);
  return row.shard;
}

export function shardOf(tenantId: string): ShardName {
  const shard = placed.get(tenantId);
  if (!shard) throw new Error(`tenant ${tenantId} was not made by a fixture: await learnShard(id) first`);
  return shard;
}
/** The raw D1 binding of the tenant's shard. */
export const d1Of = (tenantId: string): D1Database => env[shardOf(tenantId)];
/** The drizzle handle of the tenant's shard. */
export const dbOf = (tenantId: string) => drizzle(d1Of(tenantId));

export const PASSWORD = "mat-khau-thu-nghiem";
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(PASSWORD));

const uid = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

export interface PersonSpec {
  name: string;
  status?: "official" | "probationary";
  branchRole?: "secretary" | "deputy" | "committee" | "member";
  exempt?: boolean;
  login?: boolean;
}

/**
 * An account. `login: false` makes what a committee makes for a record nobody has taken yet: an empty account (no
 * login e-mail, no password); the e-mail answered is then the record's contact address only. The account is written
 * in the directory, and its mirror (name, login e-mail, no credential) in the given shards: by default every shard,
 * so a test may seat the person in any tenant it made.
 */
export async function createPerson(name: string, login = true, shards: readonly ShardName[] = SHARDS) {
  const id = uid("p");
  const email = `${id}@chibo.test`;
  const row = { id, email: login ? email : null, fullName: name, searchName: foldForSearch(name) };
  await directory()
    .insert(people)
    .values({ ...row, passwordHash: login ? await passwordHash() : null });
  for (const shard of shards) await drizzle(env[shard]).insert(people).values(row);
  return { id, email, name };
}

/** A tenant row in the directory (with its shard) and the same row in that shard. */
export async function placeTenant(row: typeof tenants.$inferInsert & { id: string }, shard: ShardName = nextShard()) {
  await directory()
    .insert(tenants)
    .values({ ...row, shard });
  await drizzle(env[shard])
    .insert(tenants)
    .values({ ...row, shard });
  placed.set(row.id, shard);
  return shard;
}

/**
 * A tenant with one grassroots committee, one branch under it, an admin, and the given branch members.
 * Returns ids and people by the names given.
 */
export async function createTenant(members: PersonSpec[] = [{ name: "Nguyễn Văn Bí Thư", branchRole: "secretary" }]) {
  const tenantId = uid("t");
  const committeeId = uid("org");
  const branchId = uid("org");
  const shard = await placeTenant({ id: tenantId, name: `Đảng ủy thử ${tenantId}` });
  const db = dbOf(tenantId);
  await db.insert(organizations).values([
    { id: committeeId, tenantId, kind: "grassroots_committee", name: "Đảng bộ phường Một" },
    {
      id: branchId,
      tenantId,
      parentId: committeeId,
      kind: "branch",
      name: "Chi bộ khu phố 1",
      branchType: "residential",
    },
  ]);
  const admin = await createPerson("Trần Thị Quản Trị", true, [shard]);
  await db.insert(tenantRoles).values({ tenantId, personId: admin.id, role: "admin" });
  const people: Record<string, { id: string; email: string; name: string; membershipId: string }> = {};
  for (const spec of members) {
    const person = await createPerson(spec.name, spec.login ?? true, [shard]);
    const membershipId = uid("m");
    await db.insert(memberships).values({
      id: membershipId,
      tenantId,
      organizationId: branchId,
      personId: person.id,
      status: spec.status ?? "official",
      probationStart: spec.status === "probationary" ? "2026-03-01" : null,
      branchRole: spec.branchRole ?? "member",
      exemptReason: spec.exempt ? "Tuổi cao, sức yếu" : null,
      exemptFrom: spec.exempt ? "2026-01-01" : null,
      searchText: memberSearchText(person.name, person.email),
      fullName: person.name,
      email: person.email,
      linkedAt: spec.login === false ? null : new Date().toISOString(),
    });
    people[spec.name] = { ...person, membershipId };
  }
  return { tenantId, committeeId, branchId, shard, admin, people };
}

/**
 * A leader of the province above the tenant (made on first use, in the tenant's shard: a province and its
 * committees share one): a linked member of a province branch's committee, holding no office role there, so the
 * committee below may plan their visits and invite them.
 */
export async function createLeader(tenantId: string, name: string) {
  const shard = shardOf(tenantId);
  const db = dbOf(tenantId);
  const leader = await createPerson(name, true, [shard]);
  const parent = await d1Of(tenantId)
    .prepare("select parent_id as id from tenants where id = ?")
    .bind(tenantId)
    .first<{ id: string | null }>();
  let provinceId = parent?.id ?? null;
  if (!provinceId) {
    provinceId = uid("t");
    await placeTenant({ id: provinceId, name: `Tỉnh ủy thử ${provinceId}`, kind: "province" }, shard);
    for (const d1 of [env.DB, d1Of(tenantId)]) {
      await d1.prepare("update tenants set parent_id = ? where id = ?").bind(provinceId, tenantId).run();
    }
  }
  let branch = await d1Of(tenantId)
    .prepare("select id from organizations where tenant_id = ? limit 1")
    .bind(provinceId)
    .first<{ id: string }>();
  if (!branch) {
    branch = { id: uid("org") };
    await db
      .insert(organizations)
      .values({ id: branch.id, tenantId: provinceId, kind: "branch", name: "Chi bộ Văn phòng Tỉnh ủy" });
  }
  await db.insert(memberships).values({
    id: uid("m"),
    tenantId: provinceId,
    organizationId: branch.id,
    personId: leader.id,
    status: "official",
    branchRole: "committee",
    fullName: name,
    email: leader.email,
    linkedAt: new Date().toISOString(),
    searchText: memberSearchText(name, leader.email),
  });
  return leader;
}

/**
 * An address for a fixture's login. The per-IP shield (AUTH_LIMITER, 300 a minute) counts in miniflare's limiter,
 * which every test file of the run shares; without an address every login of the run counted against "local", and
 * with files running side by side the run's logins could pass 300 in one minute. The shield has its own test
 * (ip-shield.test.ts), the per-account throttle its own (login-throttle.test.ts).
 */
let fixtureLogins = 0;
const fixtureIp = () => `10.250.${Math.floor(fixtureLogins / 250) % 250}.${fixtureLogins++ % 250}`;

/** Logs in through the real API and returns the bearer token. */
export async function login(email: string, password = PASSWORD): Promise<string> {
  const res = await exports.default.fetch("http://chibo.test/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": fixtureIp() },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string };
  return body.token;
}

/**
 * A JSON request through the Worker's real entry, with an optional bearer token. The answer's JSON is `unknown`
 * unless the test names the shape it reads (`api<MemberList>(…)`, types from schema/api where there is one).
 */
export async function api<T = unknown>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await exports.default.fetch(`http://chibo.test${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json: json as T, headers: res.headers };
}

/**
 * For test helpers keyed by an id alone (a membership, a meeting, an invitation): ids are unique across shards, so
 * the one shard that holds the row answers. A test that knows its tenant reads `d1Of(tenantId)` instead.
 */
export async function firstInShards<T = Record<string, unknown>>(sql: string, ...binds: unknown[]): Promise<T | null> {
  for (const shard of SHARDS) {
    const row = await env[shard]
      .prepare(sql)
      .bind(...binds)
      .first<T>();
    if (row) return row;
  }
  return null;
}

export async function allInShards<T = Record<string, unknown>>(sql: string, ...binds: unknown[]): Promise<T[]> {
  const out: T[] = [];
  for (const shard of SHARDS) {
    out.push(
      ...(
        await env[shard]
          .prepare(sql)
          .bind(...binds)
          .all<T>()
      ).results,
    );
  }
  return out;
}

/** A write by a unique id: only the shard that holds the row changes. */
export async function runInShards(sql: string, ...binds: unknown[]) {
  for (const shard of SHARDS)
    await env[shard]
      .prepare(sql)
      .bind(...binds)
      .run();
}

/** Tables with a tenant_id, parents before children (schema/db/tables.ts's order). */
const TENANT_TABLES = [
  "organizations",
  "memberships",
  "tenant_roles",
  "meetings",
  "agenda_items",
  "meeting_documents",
  "meeting_guests",
  "attendance",
  "speeches",
  "votes",
  "ballots",
  "reserved_opinions",
  "leader_notes",
  "evaluations",
  "minutes",
  "resolutions",
  "resolution_tasks",
  "task_reviews",
  "visit_plans",
  "audit_log",
  "invitations",
];

async function copyRows(to: D1Database, table: string, rows: Record<string, unknown>[]) {
  for (const row of rows) {
    const columns = Object.keys(row);
    await to
      .prepare(`insert or ignore into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`)
      .bind(...Object.values(row))
      .run();
  }
}

/**
 * Moves a tenant the fixtures made to another shard, rows and the people mirror of everyone it names: a committee
 * lives in its province's shard, and tests make committees before they place them under a province
 * (test/worker/province-fixture.ts `placeUnder`). Not a product feature: a tenant never moves in the product.
 */
export async function moveTenant(tenantId: string, to: ShardName) {
  const fromShard = shardOf(tenantId);
  if (fromShard === to) return;
  const from = env[fromShard];
  const target = env[to];
  const tenantRow = await from.prepare("select * from tenants where id = ?").bind(tenantId).first();
  if (!tenantRow) throw new Error(`no tenant ${tenantId}`);
  await copyRows(target, "tenants", [{ ...tenantRow, shard: to }]);
  // One query a column (D1 caps the terms of a compound SELECT).
  const named = new Set<string>();
  for (const [table, column] of [
    ["memberships", "person_id"],
    ["tenant_roles", "person_id"],
    ["meeting_guests", "person_id"],
    ["visit_plans", "leader_person_id"],
    ["invitations", "created_by"],
    ["invitations", "person_id"],
  ]) {
    const rows = await from.prepare(`select ${column} as id from ${table} where tenant_id = ?`).bind(tenantId).all<{
      id: string | null;
    }>();
    for (const r of rows.results) if (r.id) named.add(r.id);
  }
  const people = { results: [] as Record<string, unknown>[] };
  for (const id of named) {
    const row = await from.prepare("select * from people where id = ?").bind(id).first();
    if (row) people.results.push(row);
  }
  await copyRows(target, "people", people.results);
  for (const table of TENANT_TABLES) {
    const rows = await from.prepare(`select * from ${table} where tenant_id = ?`).bind(tenantId).all();
    await copyRows(target, table, rows.results);
  }
  for (const table of [...TENANT_TABLES].reverse())
    await from.prepare(`delete from ${table} where tenant_id = ?`).bind(tenantId).run();
  await from.prepare("delete from tenants where id = ?").bind(tenantId).run();
  await env.DB.prepare("update tenants set shard = ? where id = ?").bind(to, tenantId).run();
  placed.set(tenantId, to);
  forgetTenantShard(tenantId);
}

/**
 * The account's mirror (name, login e-mail, no credential) in a tenant's shard, as redemption writes it when the
 * account takes a seat there: for tests that seat a person straight in D1 in a province other than their own.
 */
export async function mirrorInto(personId: string, tenantId: string) {
  const account = await env.DB.prepare("select id, email, full_name, search_name from people where id = ?")
    .bind(personId)
    .first<{ id: string; email: string | null; full_name: string; search_name: string }>();
  if (!account) throw new Error(`no account ${personId}`);
  await d1Of(tenantId)
    .prepare("insert or ignore into people (id, email, full_name, search_name) values (?, ?, ?, ?)")
    .bind(account.id, account.email, account.full_name, account.search_name)
    .run();
}
