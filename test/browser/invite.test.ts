/**
 * Invitations in Chromium against `wrangler dev`: the admin prints the slips of a branch's members from the members
 * screen (a real PDF download), then issues one member's invitation through the API; a fresh browser at 360 px
 * opens the link, creates the member's own account and lands in the committee, logged in.
 */
import { readFile } from "node:fs/promises";
import { PDFDocument } from "@cantoo/pdf-lib";
import { describe, expect, inject, it } from "vitest";
import type { IssuedInvitation } from "../../schema/api/invitations.ts";
import { PASSWORD } from "./seed.ts";
import { browserForFile, expectFitsPhone, launch, PHONE, shots } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const { login } = browserForFile(baseUrl);

async function apiAs(email: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  return (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

describe("invitations in the browser", () => {
  it("downloads the sheet of slips for a branch's members without an account", async () => {
    const { page } = await login(seed.people.admin, `/t/${seed.tenantId}/members`);
    await page.getByLabel("Chi bộ / tổ chức").selectOption({ label: "— Chi bộ khu phố 5" });
    await expect.poll(() => page.locator("tbody tr").count()).toBe(2);
    await page.getByRole("button", { name: "Mời tất cả chưa có tài khoản" }).click();
    await page.getByText("Mời 2 đảng viên chưa có tài khoản").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Đồng ý, mời và in phiếu" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("phieu-moi-dang-uy-phuong-hoa-an.pdf");
    const bytes = await readFile((await download.path())!);
    // Made in the page from the real build (pdf-lib, the fonts and lean-qr loaded on demand under the CSP).
    const pdf = await PDFDocument.load(new Uint8Array(bytes));
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe("Phiếu mời — Đảng ủy phường Hòa An");
    await page.getByText("Đã tạo 2 phiếu mời.").waitFor();
    await shots(page, "members-invited");
  });

  it("lets a new member open the link on a 360 px phone, create their account and land in the committee", async () => {
    const admin = await apiAs(seed.people.admin.email);
    const res = await admin("POST", `/api/tenants/${seed.tenantId}/members/${seed.invitee.membershipId}/invitations`, {
      purpose: "member",
    });
    expect(res.status).toBe(201);
    const issued = (await res.json()) as IssuedInvitation;
    expect(issued.link.startsWith(`${baseUrl}/invite/`)).toBe(true);

    const browser = await launch();
    try {
      // A phone that has never seen chibo: no cookies, no session.
      const context = await browser.newContext({ viewport: PHONE, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      // The Worker's CSP is on these pages too (worker/security-headers.ts): nothing on them may break it.
      const refused: string[] = [];
      context.on("console", (msg) => {
        if (/Refused to|Content Security Policy/i.test(msg.text())) refused.push(msg.text());
      });
      await page.goto(issued.link);
      await page.getByRole("heading", { name: "Nhận lời mời" }).waitFor();
      await expectFitsPhone(page);
      await shots(page, "invite-link");
      // Chromium has WebAuthn: the passkey comes first, the e-mail and password is the alternative.
      await page.getByRole("button", { name: "Hoặc: tạo tài khoản bằng e-mail và mật khẩu" }).click();
      const email = `moi-${Date.now()}@chibo.test`;
      await page.getByLabel("E-mail của bạn").fill(email);
      await page.getByLabel("Mật khẩu (ít nhất 10 ký tự)").fill("hoa-sen-tren-ho");
      await page.getByLabel("Nhập lại mật khẩu").fill("hoa-sen-tren-ho");
      await page.getByRole("button", { name: "Hiện mật khẩu" }).click();
      await expect.poll(() => page.getByLabel("Nhập lại mật khẩu").getAttribute("type")).toBe("text");
      await expectFitsPhone(page);
      await shots(page, "invite-new-account");
      await page.getByRole("button", { name: "Tạo tài khoản và nhận lời mời" }).click();
      // A member lands on the committee's meetings, logged in with the account they just made.
      await page.waitForURL((url) => url.pathname.startsWith(`/t/${seed.tenantId}`));
      await page.getByText("Trương Thị Mới").first().waitFor();
      const me = await page.evaluate(async () => (await fetch("/api/auth/me")).json());
      expect(me.person.email).toBe(email);
      expect(me.tenants.map((t: { id: string }) => t.id)).toEqual([seed.tenantId]);

      // The link was for one use: opened again, it is refused in plain words.
      const again = await context.newPage();
      await again.goto(issued.link);
      await again.getByRole("button", { name: "Nhận lời mời" }).click();
      await again.getByText("Mã không đúng, đã dùng hoặc đã hết hạn").waitFor();
      expect(refused).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
