/**
 * "Forgot password" by e-mail (POST /api/auth/forgot): the same answer whether or not the e-mail has an account; an
 * account gets one e-mailed reset (a `reset` invitation of no committee naming the account, valid one hour) whose link
 * and code land in the local outbox, and a newer request revokes the older link. Through the Worker's real entry with
 * its own execution context, so each test waits for the work the route leaves to waitUntil.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Outbox } from "../../schema/api/mail";
import type { ErrorBody } from "../../schema/errors";
import worker from "../../worker/index";
import { hashCode, hashSecret } from "../../worker/lib/invitation-secret";
import { api, createPerson, login, PASSWORD } from "../support/fixtures";

const IncomingRequest = Request<unknown, IncomingRequestCfProperties>;
let hosts = 0;
/** Each test its own client address, so one test's count never reaches another's. */
const nextIp = () => `203.0.113.${++hosts}`;

/** One request, answered and its after-answer work (the reset and its mail) finished. */
async function forgot(body: unknown, ip: string) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new IncomingRequest("http://chibo.test/api/auth/forgot", {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": ip },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    env,
    ctx,
  );
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return { status: res.status, text };
}

const outboxOf = async (to: string) =>
  (await api<Outbox>("GET", `/dev/outbox.json?to=${encodeURIComponent(to)}`)).json.messages;

interface InvitationRow {
  id: string;
  purpose: string;
  tenant_id: string | null;
  membership_id: string | null;
  person_id: string | null;
  created_by: string;
  token_hash: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  redeemed_at: string | null;
  revoked_at: string | null;
}
const invitationsOf = async (personId: string) =>
  (
    await env.DB.prepare("select * from invitations where person_id = ? order by rowid")
      .bind(personId)
      .all<InvitationRow>()
  ).results;
const count = async (table: string) =>
  (await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>())?.n ?? 0;

/** The link's secret and the code, as the mail gives them. */
function tokensIn(text: string) {
  const secret = text.match(/http:\/\/chibo\.test\/invite\/([A-Za-z0-9_-]{43})\s/)?.[1];
  const code = text.match(/: ([A-Z2-9]{5}-[A-Z2-9]{5})\n/)?.[1];
  return { secret, code };
}

describe("forgot password", () => {
  it("answers an e-mail with an account and one without with the same status and the same bytes", async () => {
    const account = await createPerson("Lê Thị Quên");
    const known = await forgot({ email: account.email }, nextIp());
    const unknown = await forgot({ email: `khong-co-${crypto.randomUUID().slice(0, 8)}@chibo.test` }, nextIp());
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.text).toBe(known.text);
    expect(JSON.parse(known.text)).toEqual({ ok: true });
  });

  it("mails an account exactly one message with the link and the code of a one-hour reset of no committee", async () => {
    const account = await createPerson("Phạm Văn Nhớ");
    const before = Date.now();
    // Typed with capitals and spaces: the login e-mail is matched as login matches it.
    expect((await forgot({ email: `  ${account.email.toUpperCase()} ` }, nextIp())).status).toBe(202);

    const mail = await outboxOf(account.email);
    expect(mail).toHaveLength(1);
    const [message] = mail;
    expect(message!.subject).toBe("Đặt lại mật khẩu chibo / Reset your chibo password");
    // Vietnamese first, with its diacritics intact through D1, then English.
    expect(message!.text.indexOf("Kính gửi đồng chí")).toBe(0);
    expect(message!.text.indexOf("hiệu lực 1 giờ")).toBeLessThan(message!.text.indexOf("expire in 1 hour"));

    const { secret, code } = tokensIn(message!.text);
    expect(secret).toBeTruthy();
    expect(code).toBeTruthy();
    const [row, ...more] = await invitationsOf(account.id);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      purpose: "reset",
      tenant_id: null,
      membership_id: null,
      person_id: account.id,
      created_by: account.id,
      redeemed_at: null,
      revoked_at: null,
    });
    // The mailed link and code are this invitation's (only their hashes are stored).
    expect(row!.token_hash).toBe(await hashSecret(secret!));
    expect(row!.code_hash).toBe(await hashCode(code!));
    const lifetime = Date.parse(row!.expires_at) - before;
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(61 * 60_000);
    const audit = await env.DB.prepare("select tenant_id, action from audit_log where person_id = ? and entity_id = ?")
      .bind(account.id, account.id)
      .all<{ tenant_id: string | null; action: string }>();
    expect(audit.results).toEqual([{ tenant_id: null, action: "password_reset_requested" }]);
  });

  it("lets the mailed code set a new password once, ending every session of the account", async () => {
    const account = await createPerson("Đỗ Thị Quên");
    const oldSession = await login(account.email);
    expect((await forgot({ email: account.email }, nextIp())).status).toBe(202);
    const { code } = tokensIn((await outboxOf(account.email))[0]!.text);
    const redeem = (password: string) =>
      api<{ purpose: string; tenantId: string | null; signedIn: boolean }>(
        "POST",
        "/api/invitations/redeem",
        undefined,
        { code, password },
        { "cf-connecting-ip": nextIp() },
      );
    const done = await redeem("mat-khau-moi-nho-duoc");
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(done.json).toMatchObject({ purpose: "reset", tenantId: null, signedIn: true });
    expect((await api("GET", "/api/auth/me", oldSession)).status).toBe(401);
    await expect(login(account.email, PASSWORD)).rejects.toThrow(/401/);
    expect(await login(account.email, "mat-khau-moi-nho-duoc")).toBeTruthy();
    expect((await redeem("mat-khau-lan-hai-khac")).status).toBe(404);
  });

  it("mails nothing and issues nothing for an e-mail without an account", async () => {
    const email = `khong-ai-${crypto.randomUUID().slice(0, 8)}@chibo.test`;
    const [invitations, outbox] = [await count("invitations"), await count("mail_outbox")];
    expect((await forgot({ email }, nextIp())).status).toBe(202);
    expect(await outboxOf(email)).toEqual([]);
    expect(await count("invitations")).toBe(invitations);
    expect(await count("mail_outbox")).toBe(outbox);
  });

  it("revokes the account's earlier e-mailed reset when a new one is asked for, and leaves a committee's reset alone", async () => {
    const account = await createPerson("Đỗ Văn Lặp");
    const ip = nextIp();
    // A reset a committee issued for this account: not the holder's own request, so a new request leaves it be.
    const committeeReset = crypto.randomUUID();
    const tenantId = `t-${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.batch([
      env.DB.prepare("insert into tenants (id, name) values (?, ?)").bind(tenantId, "Đảng ủy khác"),
      env.DB.prepare(
        "insert into invitations (id, token_hash, code_hash, purpose, tenant_id, person_id, created_by, expires_at) values (?, ?, ?, 'reset', ?, ?, ?, ?)",
      ).bind(
        committeeReset,
        `t-${committeeReset}`,
        `c-${committeeReset}`,
        tenantId,
        account.id,
        account.id,
        "2999-01-01T00:00:00.000Z",
      ),
    ]);

    await forgot({ email: account.email }, ip);
    await forgot({ email: account.email }, ip);
    const rows = (await invitationsOf(account.id)).filter((r) => r.tenant_id === null);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.revoked_at).not.toBeNull();
    expect(rows[1]!.revoked_at).toBeNull();
    const mail = await outboxOf(account.email);
    expect(mail).toHaveLength(2);
    // Newest first: the live invitation's link is in the newest message.
    expect(await hashSecret(tokensIn(mail[0]!.text).secret!)).toBe(rows[1]!.token_hash);
    expect(await hashSecret(tokensIn(mail[1]!.text).secret!)).toBe(rows[0]!.token_hash);
    const other = await env.DB.prepare("select revoked_at from invitations where id = ?")
      .bind(committeeReset)
      .first<{ revoked_at: string | null }>();
    expect(other?.revoked_at).toBeNull();
  });

  it("refuses bad input with 400 in the envelope and writes nothing", async () => {
    const account = await createPerson("Hoàng Thị Sai");
    const before = await Promise.all(["invitations", "mail_outbox", "login_throttle"].map(count));
    for (const body of [
      {},
      { email: "" },
      { email: "khong-phai-email" },
      { email: 42 },
      { email: `${"a".repeat(250)}@chibo.test` },
      { email: account.email, extra: true },
      "{not json",
    ]) {
      const res = await forgot(body, nextIp());
      expect(res.status, JSON.stringify(body)).toBe(400);
      const envelope = JSON.parse(res.text) as ErrorBody;
      expect(envelope.error.code).toBe("bad_request");
    }
    expect(await Promise.all(["invitations", "mail_outbox", "login_throttle"].map(count))).toEqual(before);
    expect(await outboxOf(account.email)).toEqual([]);
  });

  it("throttles one client to five requests per e-mail in 15 minutes, the same for an e-mail without an account", async () => {
    const account = await createPerson("Vũ Văn Gửi");
    const nobody = `khong-ai-${crypto.randomUUID().slice(0, 8)}@chibo.test`;
    for (const email of [account.email, nobody]) {
      const ip = nextIp();
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await forgot({ email }, ip));
      expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 429]);
      const refused = JSON.parse(results[5]!.text) as ErrorBody;
      expect(refused.error.code).toBe("rate_limited");
      expect(refused.error.message).toMatch(/^Đã yêu cầu nhiều lần.* \/ Too many requests/);
      // Another client still gets its answer.
      expect((await forgot({ email }, nextIp())).status).toBe(202);
    }
    // Five requests from the first client and one from the second: six mails, one live link.
    expect(await outboxOf(account.email)).toHaveLength(6);
    expect((await invitationsOf(account.id)).filter((r) => r.revoked_at === null)).toHaveLength(1);
  });

  it("counts apart from login: asking for resets never costs the holder a login try", async () => {
    const account = await createPerson("Ngô Thị Đăng");
    const ip = nextIp();
    for (let i = 0; i < 6; i++) await forgot({ email: account.email }, ip);
    const login = await api(
      "POST",
      "/api/auth/login",
      undefined,
      { email: account.email, password: PASSWORD },
      {
        "cf-connecting-ip": ip,
      },
    );
    expect(login.status).toBe(200);
  });
});
