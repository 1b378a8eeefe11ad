/**
 * Measures whether a screen fits its viewport: no sideways scrolling, no tab or navigation link out of sight,
 * and where an element sits against the first screen (for "the vote is above the fold"). Every failure names
 * the element at fault (tag, id, classes, two parents) so the culprit is in the test output, not only in a
 * screenshot.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

export interface Viewport {
  width: number;
  height: number;
}

/** A cheap Android phone, a laptop and a hall projector (issue 12). */
export const SMALL_PHONE: Viewport = { width: 360, height: 640 };
export const LAPTOP: Viewport = { width: 1366, height: 768 };
export const PROJECTOR: Viewport = { width: 1920, height: 1080 };

export const screensDir = join(import.meta.dirname, "../../test-artifacts/screens");

/** Resizes, scrolls to the top and waits two frames, so what is measured is what the screen draws at that size. */
export async function settleAt(page: Page, size: Viewport): Promise<void> {
  await page.setViewportSize(size);
  await page.evaluate(
    (width) =>
      new Promise<void>((resolve) => {
        window.scrollTo(0, 0);
        const settled = () => window.innerWidth === width && window.scrollY === 0;
        const frame = () => requestAnimationFrame(() => (settled() ? requestAnimationFrame(() => resolve()) : frame()));
        frame();
      }),
    size.width,
  );
}

/**
 * What is wrong with the page's width now: "" when it fits, else the document's width and the innermost
 * elements whose right edge passes the screen (skipping those inside a box that scrolls or clips them, which
 * do not widen the page), and any navigation link or tab that is not wholly on screen.
 */
export function overflowProblems(page: Page): Promise<string> {
  return page.evaluate(() => {
    const limit = window.innerWidth;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${[...el.classList].map((c) => `.${c}`).join("")}`;
    const path = (el: Element) =>
      [el.parentElement?.parentElement, el.parentElement, el]
        .filter((e): e is Element => !!e && e !== document.body)
        .map(name)
        .join(" > ");
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    const problems: string[] = [];
    const width = document.documentElement.scrollWidth;
    if (width > limit) {
      const out = [...document.body.querySelectorAll("*")].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > limit + 0.5 && !clipped(el);
      });
      const innermost = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
      problems.push(
        `page is ${width}px wide at ${limit}px: ${innermost
          .slice(0, 4)
          .map((el) => `${path(el)} (right edge ${Math.round(el.getBoundingClientRect().right)})`)
          .join("; ")}`,
      );
    }
    // A tab or a section link scrolled out of a nav bar is a section the person cannot find.
    const tabs = document.querySelectorAll("nav a, [role=tab], nav button");
    for (const el of tabs) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < -0.5 || r.right > limit + 0.5)
        problems.push(
          `tab "${el.textContent?.trim()}" (${path(el)}) is off screen: ${Math.round(r.left)}–${Math.round(r.right)}`,
        );
    }
    return problems.join("\n");
  });
}

/** Where an element is against the first screen, and the size of its type. */
export function placement(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return {
        top: r.top,
        bottom: r.bottom,
        fontPx: Number.parseFloat(getComputedStyle(el).fontSize),
        innerHeight: window.innerHeight,
      };
    });
}

/** A full-page screenshot named `<name>-<w>x<h>.png`, in test-artifacts/screens unless another folder is given. */
export async function screenshot(page: Page, name: string, size: Viewport, dir = screensDir): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}-${size.width}x${size.height}.png`), fullPage: true });
}
