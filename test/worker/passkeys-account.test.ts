/**
 * A person's own passkeys on the account page: listed (never a key), renamed and removed; another person's passkey
 * answers 404 and changes nothing; a removed passkey no longer logs in; the only way into a passwordless account is
 * never removed.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Passkey, PasskeyList } from "../../schema/api/passkeys";
import { passkeyListSchema, passkeySchema } from "../../schema/api/passkeys";
import { auditLog, passkeys, people } from "../../schema/db/tables";
import { api, createTenant, directory, login } from "../support/fixtures";
import { PASSKEYS, passkeyLogin, registerPasskey } from "./passkeys-helpers";

const ENVELOPE = { error: { code: expect.any(String), message: expect.any(String) } };
const listOf = async (token: string) => {
  const res = await api<PasskeyList>("GET", PASSKEYS, token);
  expect(res.status).toBe(200);
  expect(passkeyListSchema.strict().safeParse(res.json).success).toBe(true);
  return res.json.passkeys;
};
const at = (id: string) => `${PASSKEYS}/${encodeURIComponent(id)}`;

describe("my passkeys", () => {
  it("lists only my own passkeys, newest first, with no key, counter or transports", async () => {
    const t = await createTenant([{ name: "Lê Văn Hai" }]);
    const token = await login(t.admin.email);
    const first = (await registerPasskey(token, undefined, { name: "Máy tính" })).res.json;
    const second = (await registerPasskey(token, undefined, { name: "Điện thoại" })).res.json;
    await registerPasskey(await login(t.people["Lê Văn Hai"]!.email));
    const list = await listOf(token);
    expect(list.map((p) => p.name)).toEqual(["Điện thoại", "Máy tính"]);
    expect(list.map((p) => p.id)).toEqual([second.id, first.id]);
    for (const p of list) expect(Object.keys(p).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name"]);
    expect((await api("GET", PASSKEYS)).status).toBe(401);
  });

  it("renames one, trimmed and audited; an empty or over-long name is 400", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const { res } = await registerPasskey(token);
    const renamed = await api<Passkey>("PATCH", at(res.json.id), token, { name: "  Điện thoại Android  " });
    expect(renamed.status).toBe(200);
    expect(passkeySchema.strict().parse(renamed.json)).toEqual({ ...res.json, name: "Điện thoại Android" });
    for (const body of [
      { name: "" },
      { name: "   " },
      { name: "x".repeat(61) },
      { name: 7 },
      {},
      { name: "a", x: 1 },
    ]) {
      const bad = await api("PATCH", at(res.json.id), token, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.json).toMatchObject(ENVELOPE);
    }
    expect((await listOf(token))[0]!.name).toBe("Điện thoại Android");
    const audit = await directory().select().from(auditLog).where(eq(auditLog.entityId, res.json.id));
    expect(audit.map((a) => a.action)).toContain("rename_passkey");
  });

  it("removes one: it is no longer listed, and it no longer logs in", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const { res, authenticator } = await registerPasskey(token);
    const removed = await api("DELETE", at(res.json.id), token);
    expect(removed.status).toBe(200);
    expect(await listOf(token)).toEqual([]);
    expect((await api("DELETE", at(res.json.id), token)).status).toBe(404);
    const { res: loginRes } = await passkeyLogin(authenticator);
    expect(loginRes.status).toBe(401);
    expect(loginRes.json).toEqual(ENVELOPE);
    const audit = await directory().select().from(auditLog).where(eq(auditLog.entityId, res.json.id));
    expect(audit.map((a) => a.action)).toContain("remove_passkey");
  });

  it("answers another person's passkey id with 404 when renaming or removing it, and leaves it as it was", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const victim = await login(b.admin.email);
    const { res, authenticator } = await registerPasskey(victim, undefined, { name: "Của B" });
    const before = await directory().select().from(passkeys).where(eq(passkeys.id, res.json.id)).get();
    const attacker = await login(a.admin.email);
    expect(await listOf(attacker)).toEqual([]);
    for (const id of [res.json.id, "khong-co-passkey-nay"]) {
      const rename = await api("PATCH", at(id), attacker, { name: "Của A" });
      expect(rename.status).toBe(404);
      expect(rename.json).toEqual(ENVELOPE);
      const remove = await api("DELETE", at(id), attacker);
      expect(remove.status).toBe(404);
      expect(remove.json).toEqual(ENVELOPE);
    }
    expect(await directory().select().from(passkeys).where(eq(passkeys.id, res.json.id)).get()).toEqual(before);
    const audit = await directory().select().from(auditLog).where(eq(auditLog.entityId, res.json.id));
    expect(audit.map((x) => x.personId)).toEqual([b.admin.id]);
    // And it still logs its holder in.
    const { res: loginRes } = await passkeyLogin(authenticator);
    expect(loginRes.json.me.person.id).toBe(b.admin.id);
  });

  it("refuses a malformed id in the path with 400 and an unauthenticated caller with 401, in the envelope", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    for (const [method, body] of [
      ["PATCH", { name: "x" }],
      ["DELETE", undefined],
    ] as const) {
      const bad = await api(method, at("không hợp lệ"), token, body);
      expect(bad.status).toBe(400);
      expect(bad.json).toMatchObject(ENVELOPE);
      // Our own origin, so the CSRF check (a DELETE with no body looks like a form post) lets it reach the session check.
      const anonymous = await api(method, at("abc"), undefined, body, { origin: "http://chibo.test" });
      expect(anonymous.status).toBe(401);
      expect(anonymous.json).toEqual(ENVELOPE);
    }
  });

  it("never removes the last passkey of an account without a password (409), but removes one of two", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const first = (await registerPasskey(token)).res.json;
    const second = (await registerPasskey(token)).res.json;
    await directory().update(people).set({ passwordHash: null }).where(eq(people.id, t.admin.id));
    expect((await api("DELETE", at(first.id), token)).status).toBe(200);
    const last = await api("DELETE", at(second.id), token);
    expect(last.status).toBe(409);
    expect(last.json).toEqual(ENVELOPE);
    expect((await listOf(token)).map((p) => p.id)).toEqual([second.id]);
  });
});
