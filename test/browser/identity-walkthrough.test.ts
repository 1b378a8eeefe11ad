/**
 * Issue 11's walk from nothing to a member signed out of a live room, in Chromium against `wrangler dev`, each person
 * in a browser of their own: the operator creates a committee under the seed's province with the real CLI (on the
 * server's own local D1); its first admin opens the printed link, makes an account and builds the committee's tree,
 * imports three members from a CSV file and prints their slips (a real A4 PDF); a member types the code of their slip
 * on a 360 px phone, makes an account, adds a passkey, logs out and back in with it; the admin plans a meeting and
 * picks the province's leader as a guest, who logs in and joins the room; the member joins too, is suspended by the
 * admin, and their room closes as "no longer allowed" within 5 seconds and stays closed.
 *
 * Everything is opened at http://localhost:<port> (not 127.0.0.1): the passkey's RP ID must be a domain name.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { PDFDocument } from "@cantoo/pdf-lib";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { VN_TIME_ZONE } from "../../schema/calendar.ts";
import { root } from "../../scripts/lib/wrangler.ts";
import { browserForFile, expectFitsPhone, launch, shots } from "./support.ts";

const baseUrl = inject("baseUrl").replace("//127.0.0.1:", "//localhost:");
const seed = inject("seed");
const persistTo = inject("persistTo");
const { tenantId: provinceId, leader } = seed.province;
const chromium = browserForFile(baseUrl);

const COMMITTEE = "Đảng ủy xã Thử Nghiệm";
const ADMIN = "Đinh Thị Xuân";
const ORG = "Đảng bộ xã Thử Nghiệm";
const BRANCH = "Chi bộ thôn Đông";
const MEMBER = "Lê Thị Hương";
const CSV = `Họ và tên,Chi bộ,Trạng thái,Chức vụ
Trần Văn Đức,${BRANCH},Chính thức,Bí thư
${MEMBER},${BRANCH},Chính thức,Đảng viên
Phạm Quốc Việt,${BRANCH},Chính thức,Đảng viên
`;
/** A small phone, as the issue asks: narrower and shorter than support.ts's PHONE. */
const SMALL_PHONE = { width: 360, height: 640 };

const execFileAsync = promisify(execFile);

/** The slips the bulk invitation answered (schema/api/invitation-slips.ts), which the page printed into the PDF. */
interface BulkAnswer {
  slips: { fullName: string; organizationName: string; code: string }[];
}

/** The operator's command, as the README gives it, on the D1 the test server runs on; its printed link and id. */
async function createCommittee(): Promise<{ tenantId: string; link: string }> {
  const { stdout } = await execFileAsync(
    "npm",
    [
      "run",
      "--silent",
      "committee:create",
      "--",
      "--name",
      COMMITTEE,
      "--admin-name",
      ADMIN,
      "--parent",
      provinceId,
      "--persist-to",
      persistTo,
      "--origin",
      baseUrl,
    ],
    { cwd: root, timeout: 120_000 },
  );
  const tenantId = /tenant id:\s+(\S+)/.exec(stdout)?.[1];
  const link = /invitation link:\s+(\S+)/.exec(stdout)?.[1];
  if (!tenantId || !link) throw new Error(`committee:create printed no tenant id or link:\n${stdout}`);
  return { tenantId, link };
}

/** A browser that has never seen chibo: no cookies, no session, Vietnamese, Vietnam's clock. */
async function freshContext(browser: Awaited<ReturnType<typeof launch>>, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: "vi-VN", timezoneId: VN_TIME_ZONE });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/**
 * The invite page's "new account" form: the holder's own e-mail and password (Chromium offers a passkey first, so the
 * e-mail way is the second choice).
 */
async function createAccount(page: Page, email: string, password: string) {
  await page.getByRole("button", { name: "Hoặc: tạo tài khoản bằng e-mail và mật khẩu" }).click();
  await page.getByLabel("E-mail của bạn").fill(email);
  await page.getByLabel("Mật khẩu (ít nhất 10 ký tự)").fill(password);
  await page.getByLabel("Nhập lại mật khẩu").fill(password);
}

const toast = (page: Page, text: string | RegExp) => page.locator(".toast").filter({ hasText: text }).first().waitFor();
const banner = (page: Page) => page.locator(".room-conn");

async function virtualAuthenticator(context: BrowserContext, page: Page) {
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
  return async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
}

describe("a committee from the operator's command to a suspended member's closed room", () => {
  it("walks provisioning, import and slips, a phone's code and passkey, a province guest, and suspension", async () => {
    const browser = await launch();
    try {
      // 1. The operator creates the committee under the province and gets the first admin's link.
      const { tenantId, link } = await createCommittee();
      expect(link.startsWith(`${baseUrl}/invite/`)).toBe(true);
      const base = `/t/${tenantId}`;

      // 2. The first admin opens it in a fresh browser, makes an account and lands in the new committee.
      const admin = await freshContext(browser);
      await admin.page.goto(link);
      await admin.page.getByRole("heading", { name: "Nhận lời mời" }).waitFor();
      await createAccount(admin.page, `xuan-${Date.now()}@chibo.test`, "cay-tre-ven-lang");
      await admin.page.getByRole("button", { name: "Tạo tài khoản và nhận lời mời" }).click();
      await admin.page.waitForURL((url) => url.pathname.startsWith(base));
      await admin.page.locator(".tenant-name").filter({ hasText: COMMITTEE }).waitFor();

      // 3. The tree: a grassroots committee and a branch under it, through the organizations screen.
      await admin.page.goto(`${base}/organizations`);
      await admin.page.getByText("Chưa có tổ chức nào.").waitFor();
      const addForm = admin.page.locator("form", { has: admin.page.getByRole("heading", { name: "Thêm tổ chức" }) });
      await addForm.getByLabel("Loại tổ chức").selectOption({ label: "Đảng bộ cơ sở" });
      await addForm.getByLabel("Tên", { exact: true }).fill(ORG);
      await addForm.getByRole("button", { name: "Thêm", exact: true }).click();
      await admin.page.locator(".org-name").filter({ hasText: ORG }).waitFor();
      await addForm.getByLabel("Loại tổ chức").selectOption({ label: "Chi bộ trực thuộc" });
      await addForm.getByLabel("Tên", { exact: true }).fill(BRANCH);
      await addForm.getByLabel("Trực thuộc").selectOption({ label: ORG });
      await addForm.getByRole("button", { name: "Thêm", exact: true }).click();
      await admin.page.locator(".org-name").filter({ hasText: BRANCH }).waitFor();

      // Members from a CSV file: checked first (nothing saved), then imported, then invited with printed slips.
      await admin.page.goto(`${base}/members/import`);
      await admin.page.getByLabel("Chọn tệp CSV").setInputFiles({
        name: "dang-vien.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`\uFEFF${CSV}`, "utf8"),
      });
      await admin.page.getByRole("button", { name: "Kiểm tra (chưa lưu gì)" }).click();
      await admin.page.getByText("Tệp hợp lệ: 3 dòng.").waitFor();
      await admin.page.getByRole("button", { name: "Nhập 3 đảng viên" }).click();
      await toast(admin.page, "Đã nhập 3 đảng viên.");
      const [bulk, download] = await Promise.all([
        admin.page.waitForResponse((r) => r.url().endsWith(`/api/tenants/${tenantId}/invitations/members`)),
        admin.page.waitForEvent("download"),
        admin.page.getByRole("button", { name: "Mời và in phiếu cho 3 đảng viên vừa nhập" }).click(),
      ]);
      await toast(admin.page, "Đã tạo 3 phiếu mời.");
      expect(download.suggestedFilename()).toBe("phieu-moi-dang-uy-xa-thu-nghiem.pdf");
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pdf = await PDFDocument.load(new Uint8Array(bytes));
      expect(pdf.getTitle()).toBe(`Phiếu mời — ${COMMITTEE}`);
      expect(pdf.getPageCount()).toBe(1);
      const { width, height } = pdf.getPage(0).getSize();
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
      // The code printed on the member's slip is the one the bulk answer carried into the PDF.
      const slips = ((await bulk.json()) as BulkAnswer).slips;
      expect(slips.map((s) => s.fullName).sort()).toEqual(["Lê Thị Hương", "Phạm Quốc Việt", "Trần Văn Đức"]);
      const slip = slips.find((s) => s.fullName === MEMBER)!;
      expect(slip.organizationName).toBe(BRANCH);

      // 4. The member, on a small phone that never saw chibo, types the slip's code and makes an account.
      const phone = await freshContext(browser, SMALL_PHONE);
      await phone.page.goto("/invite");
      await phone.page.getByLabel("Mã mời").fill(slip.code.toLowerCase());
      await createAccount(phone.page, `huong-${Date.now()}@chibo.test`, "sen-no-giua-dam");
      await expectFitsPhone(phone.page);
      await shots(phone.page, "walkthrough-code");
      await phone.page.getByRole("button", { name: "Tạo tài khoản và nhận lời mời" }).click();
      // A member (no office) lands on the committee's meetings, signed in with the account they just made.
      await phone.page.waitForURL((url) => url.pathname === `${base}/meetings`);
      await phone.page.getByRole("heading", { name: "Cuộc họp", exact: true }).waitFor();
      const me = await phone.page.evaluate(async () => (await fetch("/api/auth/me")).json());
      expect(me.person.fullName).toBe(MEMBER);
      expect(me.tenants.map((t: { id: string }) => t.id)).toEqual([tenantId]);
      await expectFitsPhone(phone.page);
      await shots(phone.page, "walkthrough-member-landed");

      // A passkey on the account page; logged out; back in with the passkey alone.
      const credentials = await virtualAuthenticator(phone.context, phone.page);
      await phone.page.goto("/account");
      await phone.page
        .getByRole("button", { name: "Thêm passkey — đăng nhập bằng vân tay hoặc khóa màn hình" })
        .click();
      await toast(phone.page, "Đã thêm passkey");
      await phone.page.locator(".toast").getByRole("button", { name: "Ẩn thông báo" }).click();
      expect(await credentials()).toHaveLength(1);
      await expectFitsPhone(phone.page);
      await shots(phone.page, "walkthrough-passkey-added");
      await phone.page.locator(".app-header").getByRole("button", { name: "Đăng xuất" }).click();
      await phone.page.waitForURL((url) => url.pathname === "/login");
      await phone.page.getByRole("button", { name: "Đăng nhập bằng passkey" }).click();
      await phone.page.waitForURL((url) => url.pathname === "/");
      await phone.page.getByRole("heading", { name: `Xin chào, ${MEMBER}` }).waitFor();
      await expectFitsPhone(phone.page);
      await shots(phone.page, "walkthrough-passkey-home");

      // 5. The admin plans the branch's meeting and picks the province's leader as its guest.
      await admin.page.goto(`${base}/meetings/new`);
      await admin.page
        .getByLabel("Chủ trì")
        .locator("option", { hasText: "Trần Văn Đức" })
        .waitFor({ state: "attached" });
      await admin.page.getByRole("button", { name: "Tạo cuộc họp" }).click();
      await admin.page.waitForURL((url) => /\/meetings\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
      const meetingId = new URL(admin.page.url()).pathname.split("/").pop()!;
      const guests = admin.page.locator("section", { has: admin.page.getByRole("heading", { name: "Khách mời" }) });
      await guests.getByLabel("Chọn lãnh đạo đã biết").selectOption({ label: `${leader.name} (${leader.email})` });
      await guests.getByLabel("Chức vụ").fill("Ủy viên Ban Thường vụ Tỉnh ủy");
      await guests.getByRole("button", { name: "Mời dự" }).click();
      await toast(admin.page, `Đã mời ${leader.name}.`);
      await guests.locator("li", { hasText: leader.name }).waitFor();

      // The leader logs in with their own password and joins the room as the visiting leader.
      const roomPath = `${base}/meetings/${meetingId}/room`;
      const guest = await chromium.login(leader, roomPath);
      await banner(guest.page).filter({ hasText: "Đã kết nối" }).waitFor();
      await guest.page
        .locator(".room-you")
        .filter({ hasText: `${leader.name} · Lãnh đạo cấp trên` })
        .waitFor();

      // 6. The member joins on the phone; the admin suspends them; their room says so within 5 s and stays closed.
      await phone.page.goto(roomPath);
      await banner(phone.page).filter({ hasText: "Đã kết nối" }).waitFor();
      await phone.page
        .locator(".room-you")
        .filter({ hasText: `${MEMBER} · Đảng viên chính thức` })
        .waitFor();
      await expectFitsPhone(phone.page);
      await shots(phone.page, "walkthrough-room");
      const sockets: string[] = [];
      phone.page.on("websocket", (ws) => sockets.push(ws.url()));

      await admin.page.goto(`${base}/members`);
      await admin.page.getByRole("button", { name: `Sửa: ${MEMBER}` }).click();
      const editor = admin.page.locator("section", {
        has: admin.page.getByRole("heading", { name: `Sửa: ${MEMBER}` }),
      });
      await editor.getByLabel("Sinh hoạt", { exact: true }).selectOption({ label: "Đình chỉ sinh hoạt" });
      const [saved] = await Promise.all([
        admin.page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/members/")),
        editor.getByRole("button", { name: "Lưu", exact: true }).click(),
      ]);
      expect(saved.status()).toBe(200);
      await banner(phone.page).filter({ hasText: "Không còn quyền dự họp" }).waitFor({ timeout: 5_000 });
      expect(await banner(phone.page).getAttribute("data-status")).toBe("signed_out");
      await phone.page
        .getByRole("alert")
        .filter({ hasText: "Bạn không còn quyền dự cuộc họp này" })
        .waitFor({ timeout: 5_000 });
      await expectFitsPhone(phone.page);
      await shots(phone.page, "walkthrough-room-suspended");
      // No reconnect: the client asks for no new ticket and opens no new socket for longer than its backoff (1–3 s).
      const retried = await phone.page
        .waitForRequest((r) => r.url().endsWith("/tickets"), { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      expect(retried).toBe(false);
      expect(sockets).toEqual([]);
      expect(await banner(phone.page).getAttribute("data-status")).toBe("signed_out");
      // The leader's room is still open.
      expect(await banner(guest.page).getAttribute("data-status")).toBe("connected");
    } finally {
      await browser.close();
    }
  });
});
