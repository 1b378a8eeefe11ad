/**
 * Chromium for the browser tests (scripts/lib/chromium.ts finds one) driven by playwright-core, one context per
 * person (own cookies), logging in through the real login form, screenshots at phone and desktop size.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { VN_TIME_ZONE } from "../../schema/calendar.ts";
import { launchChromium } from "../../scripts/lib/chromium.ts";
import type { SeedPerson } from "./seed.ts";
import { PASSWORD } from "./seed.ts";

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

export const screenshotDir = join(import.meta.dirname, "../../test-artifacts/screenshots");

export function launch(extraArgs: readonly string[] = []): Promise<Browser> {
  return launchChromium(extraArgs);
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A new context (own cookies) for this person, logged in through the form, then sent to `path`. */
export async function loginAs(
  browser: Browser,
  baseUrl: string,
  who: SeedPerson,
  path: string,
  viewport = DESKTOP,
): Promise<Person> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: "vi-VN",
    timezoneId: VN_TIME_ZONE,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  const target = new URL(path, baseUrl).pathname;
  await page.waitForURL((url) => url.pathname === target);
  return { context, page };
}

/** Screenshots of the page as it is now, at phone and at desktop size (then back to its own size). */
export async function shots(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const own = page.viewportSize() ?? DESKTOP;
  for (const [label, size] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    await page.setViewportSize(size);
    // Sticky headers land mid-page in a full-page capture unless the page is at the top. Captured once the page
    // is at the new width and at the top, and has drawn two frames since (resize observers such as the report's
    // chart run before a frame is drawn), not after a guessed pause.
    await page.evaluate(
      (width) =>
        new Promise<void>((resolve) => {
          window.scrollTo(0, 0);
          const settled = () => window.innerWidth === width && window.scrollY === 0;
          const frame = () =>
            requestAnimationFrame(() => (settled() ? requestAnimationFrame(() => resolve()) : frame()));
          frame();
        }),
      size.width,
    );
    await page.screenshot({ path: join(screenshotDir, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(own);
}

/**
 * Asserts that the page, at a 360 px phone, is no wider than the screen (no sideways scrolling), then puts
 * it back to its own size. When it fails, the message names the innermost elements that stick out, so the
 * culprit is in the test output rather than only in a screenshot.
 */
export async function expectFitsPhone(page: Page): Promise<void> {
  const own = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(PHONE);
  const measure = () =>
    page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      const out = [...document.body.querySelectorAll("*")].filter(
        (el) => el.getBoundingClientRect().right > limit + 0.5,
      );
      const innermost = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
      const name = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${[...el.classList].map((c) => `.${c}`).join("")}`;
      const path = (el: Element) =>
        [el.parentElement?.parentElement, el.parentElement, el]
          .filter((e): e is Element => !!e)
          .map(name)
          .join(" > ");
      return {
        width: document.documentElement.scrollWidth,
        culprits: innermost
          .slice(0, 5)
          .map((el) => `${path(el)} (right edge ${Math.round(el.getBoundingClientRect().right)})`),
      };
    });
  await expect
    .poll(async () => {
      const m = await measure();
      return m.width <= PHONE.width ? "fits" : `${m.width}px wide: ${m.culprits.join("; ")}`;
    })
    .toBe("fits");
  await page.setViewportSize(own);
}

/**
 * One Chromium for a test file, launched before its tests and closed after them with every context opened
 * through `login` (so a failing test leaves no browser behind).
 */
export function browserForFile(baseUrl: string, extraArgs: readonly string[] = []) {
  let browser: Browser | undefined;
  const people: Person[] = [];
  beforeAll(async () => {
    browser = await launch(extraArgs);
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    login: async (who: SeedPerson, path: string, viewport = DESKTOP) => {
      const person = await loginAs(browser!, baseUrl, who, path, viewport);
      people.push(person);
      return person;
    },
  };
}
