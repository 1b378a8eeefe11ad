/**
 * The local outbox pages (/dev/outbox, /dev/outbox.json, /dev/outbox.css): served only while DEV_OUTBOX is on (the
 * tests and `npm start` set it, a deployed Worker never has it), with the Worker's security headers, the newest
 * message first, every value escaped and the links in a body clickable.
 */
import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import type { Outbox } from "../../schema/api/mail";
import { ConfigError, configOf } from "../../server/config";
import worker from "../../worker/index";
import { sendMail } from "../../worker/mail/send-mail";

const IncomingRequest = Request<unknown, IncomingRequestCfProperties>;
const PATHS = ["/dev/outbox", "/dev/outbox.json", "/dev/outbox.css"];
const recipient = () => `nguoi-nhan-${crypto.randomUUID().slice(0, 8)}@chibo.test`;

/** The tests' env with some variables changed (the flag off, or set some other way). */
const envWith = (changed: Record<string, unknown>) => ({ ...env, ...changed }) as Cloudflare.Env;
/** A request through the Worker's entry with the env changed. */
const fetchWith = (path: string, changed: Record<string, unknown>) =>
  worker.fetch(new IncomingRequest(`http://chibo.test${path}`), envWith(changed), createExecutionContext());

describe("the local outbox pages", () => {
  it("are 404 in the envelope, with the security headers, when DEV_OUTBOX is not on", async () => {
    for (const off of [{ DEV_OUTBOX: undefined }, { DEV_OUTBOX: "" }, { DEV_OUTBOX: "0" }, { DEV_OUTBOX: "false" }]) {
      for (const path of [...PATHS, `/dev/outbox.json?to=${encodeURIComponent(recipient())}`]) {
        const res = await fetchWith(path, off);
        expect(res.status, `${path} with ${JSON.stringify(off)}`).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
        expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      }
    }
    // On, through the same entry, the same request is served: the flag is what decides.
    expect((await fetchWith("/dev/outbox", { DEV_OUTBOX: "true" })).status).toBe(200);
  });

  it("refuses a DEV_OUTBOX that is neither on nor off, like any misconfiguration", () => {
    expect(() => configOf(envWith({ DEV_OUTBOX: "yes" }))).toThrow(ConfigError);
    expect(configOf(envWith({ DEV_OUTBOX: "1" })).devOutbox).toBe(true);
    expect(configOf(envWith({ DEV_OUTBOX: undefined })).devOutbox).toBe(false);
  });

  it("lists a recipient's messages newest first as JSON, with the Vietnamese as written", async () => {
    const to = recipient();
    const db = drizzle(env.DB);
    await sendMail(env, db, { to, subject: "Thư thứ nhất / First", text: "Một" });
    await sendMail(env, db, { to, subject: "Thư thứ hai / Second", text: "Hai — đồng chí Nguyễn Thị Hằng" });
    await sendMail(env, db, { to: recipient(), subject: "Người khác / Someone else", text: "Ba" });
    const res = await exports.default.fetch(`http://chibo.test/dev/outbox.json?to=${encodeURIComponent(to)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { messages } = (await res.json()) as Outbox;
    expect(messages.map((m) => [m.to, m.subject, m.text])).toEqual([
      [to, "Thư thứ hai / Second", "Hai — đồng chí Nguyễn Thị Hằng"],
      [to, "Thư thứ nhất / First", "Một"],
    ]);
    // Without ?to= every recipient's, still newest first.
    const all = (await (await exports.default.fetch("http://chibo.test/dev/outbox.json")).json()) as Outbox;
    expect(all.messages[0]!.subject).toBe("Người khác / Someone else");
  });

  it("shows the messages as a page with Vietnamese labels, clickable links and every value escaped", async () => {
    const to = recipient();
    const link = "http://chibo.test/invite/abc_DEF-123";
    await sendMail(env, drizzle(env.DB), {
      to,
      subject: "<b>Mời</b> & chào",
      text: `Kính gửi đồng chí,\nMở liên kết sau:\n${link}\n<script>alert(1)</script>`,
    });
    const res = await exports.default.fetch(`http://chibo.test/dev/outbox?to=${encodeURIComponent(to)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8/i);
    expect(res.headers.get("content-security-policy")).toContain("style-src 'self'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const page = await res.text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain("Hộp thư gửi đi / Outbox");
    expect(page).toContain("Tiêu đề / Subject");
    expect(page).toContain(`<a href="${link}">${link}</a>`);
    expect(page).toContain("Kính gửi đồng chí");
    expect(page).toContain("&lt;b&gt;Mời&lt;/b&gt; &amp; chào");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<script");
    expect(page).not.toContain("<b>");
    // Its styles come from a file of its own: the CSP allows no inline style.
    expect(page).not.toContain("<style");
    const css = await exports.default.fetch("http://chibo.test/dev/outbox.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(page).toContain('href="/dev/outbox.css"');
  });

  it("says so when a recipient has no mail", async () => {
    const page = await (await exports.default.fetch(`http://chibo.test/dev/outbox?to=${recipient()}`)).text();
    expect(page).toContain("Chưa có thư nào. / No messages yet.");
  });
});
