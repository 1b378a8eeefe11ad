/**
 * A new holder with no e-mail takes their member record with a passkey, in Chromium against `wrangler dev` with
 * Chromium's own virtual authenticator (as test/browser/passkeys.test.ts): a fresh 360 px phone opens the invitation
 * link, picks "fingerprint or screen lock", lands in the committee logged in with no e-mail, logs out and logs in
 * again with the passkey alone.
 *
 * Opened at http://localhost:<port>, not 127.0.0.1: a WebAuthn RP ID must be a domain name.
 */
import { describe, expect, inject, it } from "vitest";
import type { IssuedInvitation } from "../../schema/api/invitations.ts";
import { PASSWORD } from "./seed.ts";
import { expectFitsPhone, launch, PHONE, shots } from "./support.ts";

const baseUrl = inject("baseUrl").replace("//127.0.0.1:", "//localhost:");
const seed = inject("seed");

async function issueInvitation(membershipId: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: seed.people.admin.email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const issued = await fetch(`${baseUrl}/api/tenants/${seed.tenantId}/members/${membershipId}/invitations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ purpose: "member" }),
  });
  expect(issued.status).toBe(201);
  return (await issued.json()) as IssuedInvitation;
}

describe("taking an invitation with a passkey in the browser", () => {
  it("opens the link on a 360 px phone, takes the record with the fingerprint, logs out and back in with it", async () => {
    const issued = await issueInvitation(seed.passkeyInvitee.membershipId);
    const browser = await launch();
    try {
      const context = await browser.newContext({ viewport: PHONE, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const cdp = await context.newCDPSession(page);
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

      // The link names the Worker's origin as the API saw it; the phone opens it on localhost.
      const secret = issued.link.split("/invite/")[1] ?? "";
      await page.goto(`${baseUrl}/invite/${secret}`);
      const passkeyButton = page.getByRole("button", { name: "Dùng vân tay hoặc khóa màn hình (không cần e-mail)" });
      await passkeyButton.waitFor();
      await expectFitsPhone(page);
      await shots(page, "invite-passkey");
      await passkeyButton.click();

      await page.waitForURL((url) => url.pathname.startsWith(`/t/${seed.tenantId}`));
      const me = await page.evaluate(async () => (await fetch("/api/auth/me")).json());
      expect(me.person).toMatchObject({ fullName: seed.passkeyInvitee.name, email: null });
      expect(me.tenants.map((t: { id: string }) => t.id)).toEqual([seed.tenantId]);
      const [credential] = (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
      expect(credential).toMatchObject({ isResidentCredential: true, rpId: "localhost" });
      await expectFitsPhone(page);

      await page.locator(".app-header").getByRole("button", { name: "Đăng xuất" }).click();
      await page.waitForURL((url) => url.pathname === "/login");
      await page.getByRole("button", { name: "Đăng nhập bằng passkey" }).click();
      await page.waitForURL((url) => url.pathname === "/");
      await page.getByRole("heading", { name: `Xin chào, ${seed.passkeyInvitee.name}` }).waitFor();
      await expectFitsPhone(page);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
