/**
 * A member's passkey in Chromium against `wrangler dev`, with Chromium's own virtual authenticator (CDP WebAuthn
 * domain: a CTAP2 platform authenticator with resident keys and user verification, which answers at once as a
 * phone's fingerprint prompt would): log in with the password on a 360 px phone, add a passkey on the account page,
 * log out, log in with the passkey alone (no e-mail typed), see the home page, find the passkey listed as used,
 * rename it, remove it, and see that the device's copy no longer logs in.
 *
 * The page is opened at http://localhost:<port>, not 127.0.0.1: a WebAuthn RP ID must be a domain name, and
 * localhost is one that browsers treat as a secure context without HTTPS.
 */
import type { CDPSession, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserForFile, expectFitsPhone, PHONE, shots } from "./support.ts";

const baseUrl = inject("baseUrl").replace("//127.0.0.1:", "//localhost:");
const seed = inject("seed");
const member = seed.people.member;

const chromium = browserForFile(baseUrl);

const toast = (page: Page, text: string | RegExp) => page.locator(".toast").filter({ hasText: text }).first().waitFor();

async function virtualAuthenticator(cdp: CDPSession) {
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

describe("passkeys in the browser", () => {
  it("adds a passkey on the account page, logs in with it alone, and removes it", async () => {
    const { context, page } = await chromium.login(member, "/account", PHONE);
    const cdp = await context.newCDPSession(page);
    const authenticatorId = await virtualAuthenticator(cdp);
    const credentials = async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;

    // Add: the device makes a discoverable credential for this site, and the page lists it named after the device.
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Khóa truy cập (passkey)" }) });
    await section.getByText("Bạn chưa có passkey nào.").waitFor();
    await page.getByRole("button", { name: "Thêm passkey — đăng nhập bằng vân tay hoặc khóa màn hình" }).click();
    await toast(page, "Đã thêm passkey");
    // Dismissed, so the screenshots here and on the login page show what is under it.
    await page.locator(".toast").getByRole("button", { name: "Ẩn thông báo" }).click();
    const card = section.locator("[data-passkey]");
    await card.first().waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.locator("h3").innerText()).toBe("Linux · Chrome");
    expect(await card.innerText()).toContain("Chưa dùng để đăng nhập");
    const stored = await credentials();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.isResidentCredential).toBe(true);
    expect(stored[0]!.rpId).toBe("localhost");
    await expectFitsPhone(page);
    await shots(page, "account-passkeys");

    // Log out, then in with the passkey: no e-mail, no password.
    await page.locator(".app-header").getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    const passkeyButton = page.getByRole("button", { name: "Đăng nhập bằng passkey" });
    await passkeyButton.waitFor();
    await expectFitsPhone(page);
    await shots(page, "login-passkey");
    await passkeyButton.click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("heading", { name: `Xin chào, ${member.name}` }).waitFor();
    expect((await credentials())[0]!.signCount).toBeGreaterThanOrEqual(1);

    // Listed as used; renamed; removed behind a confirmation.
    await page.goto("/account");
    await card.first().waitFor();
    expect(await card.innerText()).toContain("Dùng lần cuối");
    await card.getByRole("button", { name: "Đổi tên" }).click();
    await card.getByLabel("Tên passkey").fill("Điện thoại của Dũng");
    await card.getByRole("button", { name: "Lưu" }).click();
    await toast(page, "Đã đổi tên passkey");
    await section.locator("[data-passkey] h3", { hasText: "Điện thoại của Dũng" }).waitFor();
    await card.getByRole("button", { name: "Xóa" }).click();
    await card.getByRole("button", { name: "Đồng ý, xóa" }).click();
    await section.getByText("Bạn chưa có passkey nào.").waitFor();
    expect(await card.count()).toBe(0);

    // The device still holds its copy, but the site no longer knows it: the login is refused, explained.
    await page.locator(".app-header").getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await passkeyButton.click();
    await page.getByRole("alert").filter({ hasText: "Không nhận ra passkey này" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
  });
});
