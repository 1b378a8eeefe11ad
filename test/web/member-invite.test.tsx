/**
 * The members screen's side of invitations, through the whole app with `fetch` answering as the worker would:
 * which records have an account, inviting one (its link and code shown once), a reset code for a linked one, the
 * buttons only for whom the API lets invite, and many at once as a downloaded sheet of slips — from the members
 * list and right after a CSV import. No password field anywhere: nobody sets another person's password.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFDocument } from "@cantoo/pdf-lib";
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "../../schema/api/auth";
import type { BulkInvited } from "../../schema/api/invitation-slips";
import type { ImportResult, Member } from "../../schema/api/members";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { setMe } from "../../web/src/session";

const root = join(import.meta.dirname, "../..");
const member = (id: string, name: string, org: string, linkedAt: string | null): Member => ({
  membershipId: id,
  personId: `p-${id}`,
  fullName: name,
  email: null,
  phone: null,
  birthYear: null,
  organizationId: org,
  organizationName: org === "org-1" ? "Chi bộ Khu phố 3" : "Chi bộ Khu phố 5",
  status: "official",
  probationStart: null,
  branchRole: "member",
  standing: "active",
  exemption: null,
  linkedAt,
});
const MEMBERS = [
  member("m-1", "Phạm Thị Mai", "org-1", "2026-11-01T02:00:00.000Z"),
  member("m-2", "Võ Minh Tuấn", "org-1", null),
  member("m-3", "Đỗ Văn Năm", "org-2", null),
];
const who = (role: "admin" | "organizer" | null, secretaryOf?: string): Me => ({
  person: { id: "p-me", fullName: "Nguyễn Thị Hồng Nhung", email: "admin@hoaan.demo" },
  tenants: [
    {
      id: "t-1",
      name: "Đảng ủy phường Hòa An",
      kind: "committee",
      parentId: null,
      viaProvince: false,
      provinceRole: null,
      role,
      organizationIds: secretaryOf ? [secretaryOf] : [],
      branchRoles: secretaryOf ? [{ organizationId: secretaryOf, branchRole: "secretary" }] : [],
      guestMeetingIds: [],
    },
  ],
});

// The first render of each page loads its lazy chunk through Vite's transform, which on a busy machine can take
// longer than Testing Library's one-second default; the queries still wait for the element, never for a set time.
configure({ asyncUtilTimeout: 5000 });

const realFetch = globalThis.fetch;
let sent: { method: string; url: string; body: unknown }[] = [];
let downloads: { name: string; href: string }[] = [];
/** The files the page made for download, by their blob: address. */
let blobs = new Map<string, Blob>();
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const slipOf = (id: string) => {
  const m = MEMBERS.find((x) => x.membershipId === id)!;
  return {
    membershipId: id,
    fullName: m.fullName,
    organizationName: m.organizationName,
    link: `http://localhost:3000/invite/secret-of-${id}-0123456789abcdefghij`,
    code: "ABCDEFGHJK",
    expiresAt: "2026-12-20T15:45:00.000Z",
  };
};

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
  sent = [];
  downloads = [];
  blobs = new Map();
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, url, body });
    // The PDF's fonts, as the built client would fetch them.
    if (url.endsWith(".ttf")) return new Response(await readFile(join(root, new URL(url, "http://x").pathname)));
    if (url.startsWith("/api/tenants/t-1/members?"))
      return json({ items: MEMBERS, total: MEMBERS.length, page: 1, pageSize: 25 });
    if (url === "/api/tenants/t-1/organizations") return json({ items: [] });
    const one = url.match(/^\/api\/tenants\/t-1\/members\/([^/]+)\/invitations$/);
    if (method === "POST" && one) {
      return json(
        {
          invitation: {
            id: "inv-1",
            purpose: body.purpose,
            membershipId: one[1],
            createdAt: "2026-12-06T15:45:00.000Z",
            expiresAt: "2026-12-20T15:45:00.000Z",
            redeemedAt: null,
            revokedAt: null,
          },
          link: `http://localhost:3000/invite/secret-of-${one[1]}-0123456789abcdefghij`,
          code: "ABCDEFGHJK",
        },
        201,
      );
    }
    if (method === "POST" && url === "/api/tenants/t-1/invitations/members") {
      const answer: BulkInvited = {
        slips: body.membershipIds.filter((id: string) => id !== "m-1").map(slipOf),
        skipped: body.membershipIds.includes("m-1") ? [{ membershipId: "m-1", fullName: "Phạm Thị Mai" }] : [],
      };
      return json(answer, 201);
    }
    if (method === "POST" && url.startsWith("/api/tenants/t-1/members/import")) {
      const result: ImportResult = {
        dryRun: false,
        membershipIds: ["m-2", "m-3"],
        rows: 2,
        byOrganization: [],
        preview: [],
      };
      return json(result, 201);
    }
    return json({ error: { code: "not_found", message: "Không tìm thấy / Not found" } }, 404);
  }) as typeof fetch;
  // The download link the page clicks: read what it would save instead of leaving the test page.
  const makeUrl = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, "createObjectURL").mockImplementation((blob: Blob | MediaSource) => {
    const url = makeUrl(blob);
    if (blob instanceof Blob) blobs.set(url, blob);
    return url;
  });
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, href: this.href });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  globalThis.fetch = realFetch;
});

const go = (path: string) => window.history.replaceState(null, "", path);
const rowOf = async (name: string) => (await screen.findByText(name)).closest("tr") as HTMLElement;

describe("members and their accounts", () => {
  it("shows who has an account, invites one member and shows their link and code once", async () => {
    setMe(who("admin"));
    go("/t/t-1/members");
    render(() => <App />);
    const mai = await rowOf("Phạm Thị Mai");
    const tuan = await rowOf("Võ Minh Tuấn");
    expect(mai.textContent).toContain("Đã có tài khoản");
    expect(tuan.textContent).toContain("Chưa nhận lời mời");
    // A linked record gets a reset code, never an invitation; an unlinked one the other way round.
    expect(within(mai).getByRole("button", { name: "Cấp mã đặt lại mật khẩu: Phạm Thị Mai" })).toBeTruthy();
    expect(within(mai).queryByRole("button", { name: /^Mời/ })).toBeNull();
    fireEvent.click(within(tuan).getByRole("button", { name: "Mời: Võ Minh Tuấn" }));

    const panel = (await screen.findByRole("heading", { name: "Lời mời cho Võ Minh Tuấn" })).closest("section")!;
    expect(sent.filter((s) => s.method === "POST")).toEqual([
      { method: "POST", url: "/api/tenants/t-1/members/m-2/invitations", body: { purpose: "member" } },
    ]);
    expect(panel.querySelector("[data-code]")!.textContent).toBe("ABCDE-FGHJK");
    expect(panel.querySelector("[data-link]")!.textContent).toContain("/invite/secret-of-m-2-");
    expect(panel.textContent).toContain("Dùng được đến 22:45 ngày 20/12/2026");

    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    fireEvent.click(within(panel).getByRole("button", { name: "Sao chép" }));
    expect(await within(panel).findByRole("button", { name: "Đã sao chép." })).toBeTruthy();
    expect(writeText).toHaveBeenCalledOnce();
    expect(String(writeText.mock.calls[0]!)).toContain("ABCDE-FGHJK");

    fireEvent.click(within(panel).getByRole("button", { name: "In phiếu" }));
    await waitFor(() => expect(downloads.map((d) => d.name)).toEqual(["phieu-moi-dang-uy-phuong-hoa-an.pdf"]));

    fireEvent.click(within(panel).getByRole("button", { name: "Đóng" }));
    expect(screen.queryByText("ABCDE-FGHJK")).toBeNull();
    expect(document.querySelector('input[type="password"]')).toBeNull();
  });

  it("issues a reset code for a linked member, from the editor too, with no password field", async () => {
    setMe(who("admin"));
    go("/t/t-1/members");
    render(() => <App />);
    fireEvent.click(within(await rowOf("Phạm Thị Mai")).getByRole("button", { name: "Sửa: Phạm Thị Mai" }));
    const editor = (await screen.findByRole("heading", { name: "Sửa: Phạm Thị Mai" })).closest("section")!;
    expect(editor.textContent).toContain("Đã có tài khoản");
    expect(editor.querySelector('input[type="password"]')).toBeNull();
    fireEvent.click(within(editor).getByRole("button", { name: "Cấp mã đặt lại mật khẩu: Phạm Thị Mai" }));
    expect(await screen.findByRole("heading", { name: "Mã đặt lại mật khẩu cho Phạm Thị Mai" })).toBeTruthy();
    expect(sent.find((s) => s.method === "POST")?.body).toEqual({ purpose: "reset" });
    // A reset code is typed on the invite page; no slip to print.
    expect(screen.queryByRole("button", { name: "In phiếu" })).toBeNull();
  });

  it("offers invitations only where the API allows them: admins, and secretaries for their own branch", async () => {
    setMe(who("organizer"));
    go("/t/t-1/members");
    const organizer = render(() => <App />);
    expect(within(await rowOf("Võ Minh Tuấn")).getByRole("button", { name: "Sửa: Võ Minh Tuấn" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /^Mời/ })).toBeNull();
    expect(screen.queryByRole("checkbox")).toBeNull();
    organizer.unmount();

    setMe(who(null, "org-1"));
    render(() => <App />);
    expect(within(await rowOf("Võ Minh Tuấn")).getByRole("button", { name: "Mời: Võ Minh Tuấn" })).toBeTruthy();
    expect(within(await rowOf("Đỗ Văn Năm")).queryByRole("button", { name: /Mời/ })).toBeNull();
    expect(screen.getAllByRole("checkbox").map((c) => c.getAttribute("aria-label"))).toEqual(["Chọn Võ Minh Tuấn"]);
  });

  it("invites everyone without an account after asking, and downloads their slips", async () => {
    setMe(who("admin"));
    go("/t/t-1/members");
    render(() => <App />);
    await rowOf("Võ Minh Tuấn");
    fireEvent.click(screen.getByRole("button", { name: "Mời tất cả chưa có tài khoản" }));
    const question = await screen.findByText(/Mời 2 đảng viên chưa có tài khoản/);
    expect(question.textContent).toContain("không dùng được nữa");
    expect(sent.filter((s) => s.method === "POST")).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Đồng ý, mời và in phiếu" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(sent.filter((s) => s.method === "POST").map((s) => s.body)).toEqual([{ membershipIds: ["m-2", "m-3"] }]);
    // The file saved is the sheet: one A4 page for two slips.
    const pdf = await PDFDocument.load(new Uint8Array(await blobs.get(downloads[0]!.href)!.arrayBuffer()));
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe("Phiếu mời — Đảng ủy phường Hòa An");
  });

  it("invites the selected members", async () => {
    setMe(who("admin"));
    go("/t/t-1/members");
    render(() => <App />);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Chọn Đỗ Văn Năm" }));
    fireEvent.click(screen.getByRole("button", { name: "Mời và in phiếu cho 1 người đã chọn" }));
    fireEvent.click(await screen.findByRole("button", { name: "Đồng ý, mời và in phiếu" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(sent.filter((s) => s.method === "POST").map((s) => s.body)).toEqual([{ membershipIds: ["m-3"] }]);
  });
});

describe("after a CSV import", () => {
  it("invites and prints slips for the members just imported", async () => {
    setMe(who("admin"));
    go("/t/t-1/members/import");
    render(() => <App />);
    // The import button shows only for checked text; here the check's answer is the import's (a real import).
    fireEvent.input(await screen.findByLabelText("Hoặc dán nội dung tệp vào đây"), {
      target: { value: "Họ và tên,Chi bộ,Trạng thái\nVõ Minh Tuấn,Chi bộ Khu phố 3,Chính thức" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Kiểm tra (chưa lưu gì)" }));
    const invite = await screen.findByRole("button", { name: "Mời và in phiếu cho 2 đảng viên vừa nhập" });
    fireEvent.click(invite);
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(sent.filter((s) => s.url.endsWith("/invitations/members")).map((s) => s.body)).toEqual([
      { membershipIds: ["m-2", "m-3"] },
    ]);
  });
});
