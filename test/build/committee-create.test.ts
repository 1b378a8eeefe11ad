/**
 * The operator's `npm run committee:create` against a fresh local D1: the command itself (spawned as npm runs it),
 * the rows it writes, and the link and code it prints, whose hashes must be the ones stored.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVITATION_DAYS } from "../../schema/api/invitations.ts";
import { parseCommitteeArgs } from "../../scripts/committee-create.ts";
import { applyMigrationsLocal, quietEnv, root } from "../../scripts/lib/wrangler.ts";
import { hashCode, hashSecret } from "../../worker/lib/invitation-secret.ts";
import { type LocalD1, openLocalD1 } from "./local-d1.ts";

let dir = "";
/** Reads the local D1 the command wrote (one workerd for the file: ./local-d1.ts). */
let d1: LocalD1;
const q = <T = Record<string, unknown>>(sql: string) => d1.query<T>(sql);

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, "scripts", "committee-create.ts"), ...args, "--persist-to", dir],
      {
        cwd: root,
        env: { ...quietEnv, PORT: "8790" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** What the command printed: the tenant id, the link's secret and origin, the code, the expiry. */
function printed(stdout: string) {
  const link = stdout.match(/invitation link:\s+(\S+)/)?.[1] ?? "";
  const url = new URL(link);
  return {
    tenantId: stdout.match(/tenant id:\s+(\S+)/)?.[1] ?? "",
    origin: url.origin,
    secret: url.pathname.replace(/^\/invite\//, ""),
    code: stdout.match(/code:\s+(\S+)/)?.[1] ?? "",
    expiresAt: stdout.match(/Vietnam time\), (\S+)/)?.[1] ?? "",
  };
}

/** The shard the tenants land in: SHARD_1 unless --shard names another (worker/lib/shard-names.ts). */
const qs = <T = Record<string, unknown>>(sql: string, shard = "SHARD_1") => d1.query<T>(sql, shard);

const tenantCount = async () => Number((await q<{ n: number }>("SELECT COUNT(*) AS n FROM tenants"))[0]!.n);

describe("npm run committee:create", () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "chibo-committee-create-"));
    await applyMigrationsLocal(dir);
    d1 = await openLocalD1(dir);
  }, 240_000);
  afterAll(async () => {
    await d1?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  let provinceId = "";

  it("creates a province, its first admin's empty account, the admin role and a staff invitation whose hashes match what it printed", async () => {
    const started = Date.now();
    const res = await run(["--name", "Tỉnh ủy Thử Nghiệm", "--admin-name", "Nguyễn Văn Ánh", "--kind", "province"]);
    expect(res.code, res.stderr).toBe(0);
    const out = printed(res.stdout);
    provinceId = out.tenantId;
    expect(out.origin).toBe("http://localhost:8790"); // npm start's port (PORT), no --origin given
    expect(out.code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    expect(res.stdout).toContain("Hết hạn / expires");

    const [tenant] = await q(`SELECT id, name, kind, parent_id FROM tenants WHERE id = '${provinceId}'`);
    expect(tenant).toEqual({ id: provinceId, name: "Tỉnh ủy Thử Nghiệm", kind: "province", parent_id: null });
    // The directory names the shard; the shard holds the tenant's rows, a copy of the tenant row among them.
    expect(await q(`SELECT shard FROM tenants WHERE id = '${provinceId}'`)).toEqual([{ shard: "SHARD_1" }]);
    expect(await qs(`SELECT id, shard FROM tenants WHERE id = '${provinceId}'`)).toEqual([
      { id: provinceId, shard: "SHARD_1" },
    ]);
    const roles = await qs<{ person_id: string; role: string }>(
      `SELECT person_id, role FROM tenant_roles WHERE tenant_id = '${provinceId}'`,
    );
    expect(roles).toEqual([{ person_id: expect.any(String), role: "admin" }]);
    const adminId = roles[0]!.person_id;
    const [admin] = await qs(`SELECT full_name, search_name, email, password_hash FROM people WHERE id = '${adminId}'`);
    expect(admin).toEqual({
      full_name: "Nguyễn Văn Ánh",
      search_name: "nguyen van anh",
      email: null,
      password_hash: null,
    });
    const invitations = await qs<Record<string, string | null>>(
      `SELECT * FROM invitations WHERE tenant_id = '${provinceId}'`,
    );
    expect(invitations).toHaveLength(1);
    const inv = invitations[0]!;
    expect(inv).toMatchObject({
      purpose: "staff",
      person_id: adminId,
      created_by: adminId, // the operator has no account
      membership_id: null,
      meeting_id: null,
      redeemed_at: null,
      revoked_at: null,
    });
    expect(inv.token_hash).toBe(await hashSecret(out.secret));
    expect(inv.code_hash).toBe(await hashCode(out.code));
    expect(inv.token_hash).not.toContain(out.secret);
    expect(inv.expires_at).toBe(out.expiresAt);
    const days = (Date.parse(inv.expires_at!) - started) / 86_400_000;
    expect(days).toBeGreaterThan(INVITATION_DAYS - 0.01);
    expect(days).toBeLessThan(INVITATION_DAYS + 0.01);
    const audit = await qs(`SELECT action, person_id FROM audit_log WHERE entity_id = '${provinceId}'`);
    expect(audit).toEqual([{ action: "committee_created", person_id: null }]);
  }, 60_000);

  it("creates a committee under that province, with the link on the given origin", async () => {
    const res = await run([
      "--name",
      "Đảng ủy xã Thử",
      "--admin-name",
      "Lê Thị Bình",
      "--admin-email",
      "binh@xa.vn",
      "--parent",
      provinceId,
      "--origin",
      "https://chibo.example/",
    ]);
    expect(res.code, res.stderr).toBe(0);
    const out = printed(res.stdout);
    expect(out.origin).toBe("https://chibo.example");
    expect(res.stdout).toContain("binh@xa.vn");
    const [tenant] = await q(`SELECT kind, parent_id, shard FROM tenants WHERE id = '${out.tenantId}'`);
    // A committee lives in its province's shard.
    expect(tenant).toEqual({ kind: "committee", parent_id: provinceId, shard: "SHARD_1" });
    // The contact address is where the link goes, never the account's login: the account stays empty.
    const [admin] = await qs(
      `SELECT p.email, p.password_hash FROM people p JOIN tenant_roles r ON r.person_id = p.id WHERE r.tenant_id = '${out.tenantId}'`,
    );
    expect(admin).toEqual({ email: null, password_hash: null });
    const [inv] = await qs<{ code_hash: string }>(
      `SELECT code_hash FROM invitations WHERE tenant_id = '${out.tenantId}'`,
    );
    expect(inv!.code_hash).toBe(await hashCode(out.code.toLowerCase()));
  }, 60_000);

  it("puts a province in the shard --shard names, and refuses an unknown shard or --shard with --parent", async () => {
    const res = await run([
      "--name",
      "Tỉnh ủy Hai",
      "--admin-name",
      "Trần Văn Hai",
      "--kind",
      "province",
      "--shard",
      "SHARD_2",
    ]);
    expect(res.code, res.stderr).toBe(0);
    const out = printed(res.stdout);
    expect(await q(`SELECT shard FROM tenants WHERE id = '${out.tenantId}'`)).toEqual([{ shard: "SHARD_2" }]);
    expect(await qs(`SELECT role FROM tenant_roles WHERE tenant_id = '${out.tenantId}'`, "SHARD_2")).toEqual([
      { role: "admin" },
    ]);
    expect(await qs(`SELECT role FROM tenant_roles WHERE tenant_id = '${out.tenantId}'`)).toEqual([]);
    const ok = ["--name", "X", "--admin-name", "A"];
    expect(() => parseCommitteeArgs([...ok, "--kind", "province", "--shard", "SHARD_9"])).toThrow(/--shard: .*SHARD_1/);
    expect(() => parseCommitteeArgs([...ok, "--parent", out.tenantId, "--shard", "SHARD_2"])).toThrow(
      /leave --shard out/,
    );
  }, 60_000);

  it("refuses a missing name, an unknown parent and a parent that is no province, and writes nothing", async () => {
    const before = await tenantCount();
    const missing = await run(["--admin-name", "Nguyễn Văn A"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--name: Tên đảng bộ là bắt buộc / The committee's name is required");
    expect(missing.stderr).toContain("nothing was written");
    expect(missing.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace

    const unknown = await run(["--name", "Đảng ủy X", "--admin-name", "A", "--parent", "no-such-tenant"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no tenant "no-such-tenant"');

    const [committee] = await q<{ id: string }>("SELECT id FROM tenants WHERE kind = 'committee' LIMIT 1");
    const notProvince = await run(["--name", "Đảng ủy Y", "--admin-name", "A", "--parent", committee!.id]);
    expect(notProvince.code).toBe(1);
    expect(notProvince.stderr).toContain("is not a province");
    expect(await tenantCount()).toBe(before);
  }, 60_000);

  it("checks the command line before touching any database", () => {
    const ok = ["--name", "Đảng ủy X", "--admin-name", "Nguyễn Văn A"];
    expect(() => parseCommitteeArgs([...ok, "--admin-name", " "])).toThrow(/--admin-name: .*is required/);
    expect(() => parseCommitteeArgs([...ok, "--admin-email", "not-mail"])).toThrow(
      /--admin-email: E-mail không hợp lệ/,
    );
    expect(() => parseCommitteeArgs([...ok, "--kind", "ward"])).toThrow(/--kind/);
    expect(() => parseCommitteeArgs([...ok, "--kind", "province", "--parent", "p1"])).toThrow(
      /a province has no parent/,
    );
    expect(() => parseCommitteeArgs([...ok, "--remote"])).toThrow(/--remote needs --origin/);
    expect(() => parseCommitteeArgs([...ok, "--origin", "ftp://x"])).toThrow(/must be http/);
    expect(() => parseCommitteeArgs([...ok, "--colour", "red"])).toThrow(/colour/);
    expect(parseCommitteeArgs([...ok, "--remote", "--origin", "https://chibo.example/x"], {})).toMatchObject({
      name: "Đảng ủy X",
      kind: "committee",
      parentId: null,
      origin: "https://chibo.example",
      target: { remote: true },
    });
    expect(parseCommitteeArgs(ok, {}).origin).toBe("http://localhost:8787");
  });
});
