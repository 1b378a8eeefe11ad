/**
 * Every screen of the client in Chromium with the Worker's Content-Security-Policy on (worker/security-headers.ts,
 * through `wrangler dev`, so the asset routing of wrangler.toml decides which responses the Worker serves):
 * login, home, account, the committee console's pages, a meeting's page, the minutes with its PDF, the reports,
 * and the live room as chair, member, minutes-taker and visiting leader, and the hall screen. Each HTML document
 * must carry the policy, and no page may trigger a single violation (a `securitypolicyviolation` event, or
 * Chromium's "Refused to …" console message).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SeedPerson } from "./seed.ts";
import { PASSWORD } from "./seed.ts";
import { DESKTOP, launch, PHONE } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const base = `/t/${seed.tenantId}`;
const roomPath = `${base}/meetings/${seed.cspMeetingId}/room`;

let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
/** Every violation seen in any page, with the page it happened on. */
const violations: string[] = [];
/** Every HTML document loaded, and its CSP header. */
const documents: { url: string; csp: string | undefined }[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

/** A context whose pages report each CSP violation and each document's policy here. */
async function watchedContext(viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser!.newContext({
    baseURL: baseUrl,
    viewport,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  contexts.push(context);
  await context.exposeBinding("__cspViolation", ({ page }, what: string) => {
    violations.push(`${page.url()}: ${what}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __cspViolation: (what: string) => void }).__cspViolation;
      void report(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  context.on("page", (page) => watchPage(page));
  return context;
}

function watchPage(page: Page) {
  page.setDefaultTimeout(15_000);
  page.on("console", (msg) => {
    if (/Refused to|Content Security Policy/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
  });
  page.on("response", (res) => {
    if (res.request().resourceType() === "document") {
      documents.push({ url: res.url(), csp: res.headers()["content-security-policy"] });
    }
  });
}

/** Logs in through the form in a fresh watched context and lands on `path`. */
async function loginAs(who: SeedPerson, path: string, viewport = DESKTOP): Promise<Page> {
  const context = await watchedContext(viewport);
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  const target = new URL(path, baseUrl).pathname;
  await page.waitForURL((url) => url.pathname === target);
  return page;
}

/** Opens `path` and waits until the screen shows `ready` and its requests have settled. */
async function visit(page: Page, path: string, ready: string) {
  await page.goto(path);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState("networkidle");
}

describe("content security policy in the browser", () => {
  it("is on every page, and no screen breaks it", async () => {
    const year = new Date().getUTCFullYear();

    // Committee staff through the console, a meeting, the minutes and its PDF, and the reports.
    const admin = await loginAs(seed.people.admin, "/");
    await admin.locator("main").waitFor();
    const screens: [string, string][] = [
      ["/", "main"],
      ["/account", "main form"],
      [`${base}/organizations`, ".org-tree"],
      [`${base}/members`, "main table"],
      [`${base}/members/import`, "main textarea"],
      [`${base}/planning?org=${seed.branchId}&year=${year}`, "main"],
      [`${base}/meetings`, "main table, main .cards, main li"],
      [`${base}/meetings/new`, "main form"],
      [`${base}/meetings/${seed.meetingId}`, "main h1, main h2"],
      [`${base}/reports?p=year&y=${year - 1}`, "main table, main svg"],
      [`${base}/reports/visits`, "main h1, main h2"],
      [`${base}/reports/grades`, "main h1, main h2"],
      ["/invite", "main h1"],
      ["/invite/c29tZS1zZWNyZXQtb2YtYW4taW52aXRhdGlvbi0wMDAx", "main h1"],
      ["/no-such-page", "main"],
    ];
    for (const [path, ready] of screens) await visit(admin, path, ready);
    await visit(admin, `${base}/meetings/${seed.closedMeetingId}/minutes`, "article.a4");
    const [download] = await Promise.all([
      admin.waitForEvent("download"),
      admin.getByRole("button", { name: "Tải PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    // The live room: the chair (who also opens the hall screen), a member on a phone, the minutes-taker and
    // the visiting leader, each on the page the Worker serves with their ticket inside.
    const chair = await loginAs(seed.people.chair, roomPath);
    await chair.locator(".room-conn-ok").waitFor();
    const hall = await chair.context().newPage();
    await visit(hall, `${base}/meetings/${seed.cspMeetingId}/hall`, ".room-conn-ok");
    for (const [who, viewport] of [
      [seed.people.member, PHONE],
      [seed.people.secretary, DESKTOP],
      [seed.people.leader, DESKTOP],
    ] as const) {
      const page = await loginAs(who, roomPath, viewport);
      await page.locator(".room-conn-ok").waitFor();
      // A reload: the page now comes from the Worker with the ticket embedded, the socket opened by room-boot.
      await page.reload();
      await page.locator(".room-conn-ok").waitFor();
    }
    // A violation is reported through a binding: one more frame and round trip on every open page lets any
    // report still on its way arrive before the check.
    for (const context of contexts)
      for (const page of context.pages())
        await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => done())));

    expect(violations).toEqual([]);
    const pages = documents.filter((d) => new URL(d.url).origin === new URL(baseUrl).origin);
    expect(pages.length).toBeGreaterThan(screens.length);
    for (const d of pages) {
      expect(d.csp, d.url).toContain("script-src 'self';");
      expect(d.csp, d.url).toContain("frame-ancestors 'none'");
    }
  });
});
