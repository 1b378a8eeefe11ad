/**
 * The province's console through the whole app: its committees (a row each, linked to that committee's reports), the
 * form that creates one and shows the first admin's link and code once, the read-only frame around a committee seen
 * from the province, and the home page. The server is the one boundary stood in for: `fetch` answers as the worker
 * would, and the test reads what the page sent.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import type { CommitteeSummary, CreatedCommittee } from "../../schema/api/committees";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { setMe } from "../../web/src/session";

const entry = { organizationIds: [], branchRoles: [], guestMeetingIds: [] };
const me = (role: "admin" | "viewer"): Me => ({
  person: { id: "p-1", fullName: "Quách Văn Long", email: "admin@tinhuy.demo" },
  tenants: [
    {
      id: "prov",
      name: "Tỉnh ủy Hòa Bình",
      kind: "province",
      parentId: null,
      viaProvince: false,
      provinceRole: null,
      role,
      ...entry,
    },
    {
      id: "hoaan",
      name: "Đảng ủy phường Hòa An",
      kind: "committee",
      parentId: "prov",
      viaProvince: true,
      provinceRole: null,
      role: "viewer",
      ...entry,
    },
  ],
});
const hoaan: CommitteeSummary = {
  id: "hoaan",
  name: "Đảng ủy phường Hòa An",
  createdAt: "2026-11-22T01:00:00.000Z",
  members: 60,
  branches: 7,
};
const created: CreatedCommittee = {
  committee: {
    id: "tanlac",
    name: "Đảng ủy xã Tân Lạc",
    createdAt: "2026-12-06T03:00:00.000Z",
    members: 0,
    branches: 0,
  },
  link: "http://localhost/invite/c2VjcmV0LWxpbmstZm9yLXRoZS1maXJzdC1hZG1pbg",
  code: "ABCDE23456",
  expiresAt: "2026-12-20T03:00:00.000Z",
};

const realFetch = globalThis.fetch;
let committees: CommitteeSummary[] = [];
let sent: { method: string; url: string; body: unknown }[] = [];
let copied: string[] = [];

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
  committees = [hoaan];
  sent = [];
  copied = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, url, body });
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
    if (url === "/api/tenants/prov/committees" && method === "GET") return json(200, { items: committees });
    if (url === "/api/tenants/prov/committees" && method === "POST") {
      if (!body.adminName)
        return json(400, {
          error: {
            code: "bad_request",
            message: "x",
            issues: [
              { path: "adminName", message: "Họ tên người quản trị là bắt buộc / The first admin's name is required" },
            ],
          },
        });
      committees = [...committees, created.committee];
      return json(201, created);
    }
    return json(404, { error: { code: "not_found", message: "x" } });
  }) as typeof fetch;
  Object.defineProperty(navigator, "clipboard", {
    configurable: true,
    value: { writeText: async (text: string) => void copied.push(text) },
  });
  window.history.replaceState(null, "", "/t/prov");
});
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

describe("the province's committees page", () => {
  it("is where a province lands, listing its committees with links to their reports", async () => {
    setMe(me("viewer"));
    render(() => <App />);
    await waitFor(() => expect(window.location.pathname).toBe("/t/prov/committees"));
    const table = await screen.findByRole("table");
    await waitFor(() => expect(table.textContent).toContain("Đảng ủy phường Hòa An"));
    const row = within(table).getByText("Đảng ủy phường Hòa An").closest("tr")!;
    expect(row.textContent).toContain("60");
    expect(row.textContent).toContain("7");
    const links = [...row.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["/t/hoaan/reports", "/t/hoaan/reports"]);
    // The nav names the committees, not meetings the province does not hold; a viewer gets no creation form.
    const nav = document.querySelector(".app-nav")!;
    expect(nav.textContent).toContain("Đảng bộ trực thuộc");
    expect(nav.textContent).not.toContain("Cuộc họp");
    expect(screen.queryByRole("button", { name: "Tạo" })).toBeNull();
  });

  it("lets the admin create a committee and shows the first admin's link and code once, to copy", async () => {
    setMe(me("admin"));
    render(() => <App />);
    fireEvent.input(await screen.findByLabelText("Tên đảng bộ"), { target: { value: "Đảng ủy xã Tân Lạc" } });
    fireEvent.input(screen.getByLabelText("Họ tên người quản trị đầu tiên"), { target: { value: "Bùi Thị Hạnh" } });
    fireEvent.input(screen.getByLabelText("E-mail liên hệ của người quản trị (không bắt buộc)"), {
      target: { value: "hanh@tanlac.vn" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Tạo" }));
    await screen.findByRole("heading", { name: "Đã tạo Đảng ủy xã Tân Lạc." });
    expect(sent.find((s) => s.method === "POST")!.body).toEqual({
      name: "Đảng ủy xã Tân Lạc",
      adminName: "Bùi Thị Hạnh",
      adminEmail: "hanh@tanlac.vn",
    });
    expect((screen.getByLabelText("Đường dẫn mời") as HTMLInputElement).value).toBe(created.link);
    expect((screen.getByLabelText("Mã mời") as HTMLInputElement).value).toBe("ABCDE23456");
    expect(screen.getByText(/chỉ hiện một lần/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Sao chép — Mã mời" }));
    fireEvent.click(screen.getByRole("button", { name: "Sao chép — Đường dẫn mời" }));
    await waitFor(() => expect(copied).toEqual(["ABCDE23456", created.link]));
    // The list shows the new committee; once hidden, the link and code are gone for good.
    await waitFor(() => expect(screen.getByRole("table").textContent).toContain("Đảng ủy xã Tân Lạc"));
    fireEvent.click(screen.getByRole("button", { name: "Đã ghi lại, ẩn đi" }));
    expect(screen.queryByLabelText("Mã mời")).toBeNull();
    expect(document.body.textContent).not.toContain("ABCDE23456");
  });

  it("shows what is wrong with the form beside its field, and keeps what was typed", async () => {
    setMe(me("admin"));
    render(() => <App />);
    const name = await screen.findByLabelText("Tên đảng bộ");
    fireEvent.input(name, { target: { value: "Đảng ủy xã Tân Lạc" } });
    // The browser's own `required` check is what a person meets first; the server's answer is shown too.
    (screen.getByLabelText("Họ tên người quản trị đầu tiên") as HTMLInputElement).required = false;
    fireEvent.click(screen.getByRole("button", { name: "Tạo" }));
    expect(await screen.findByText("Họ tên người quản trị là bắt buộc")).toBeTruthy();
    expect((name as HTMLInputElement).value).toBe("Đảng ủy xã Tân Lạc");
  });
});

describe("a committee seen from the province", () => {
  it("is framed as read-only, with the way back to the province's committees", async () => {
    setMe(me("admin"));
    window.history.replaceState(null, "", "/t/hoaan/meetings");
    render(() => <App />);
    const notice = await screen.findByText(/Chỉ xem: đảng bộ trực thuộc Tỉnh ủy Hòa Bình/);
    expect(notice.querySelector("a")!.getAttribute("href")).toBe("/t/prov/committees");
    // A viewer: no staff sections, no planning.
    const nav = document.querySelector(".app-nav")!;
    expect(nav.textContent).toContain("Báo cáo");
    expect(nav.textContent).not.toContain("Đảng viên");
    expect(nav.textContent).not.toContain("Kế hoạch");
  });

  it("is reached through the province on the home page, not listed as the person's own", async () => {
    setMe(me("admin"));
    window.history.replaceState(null, "", "/");
    render(() => <App />);
    const cards = await waitFor(() => {
      const found = [...document.querySelectorAll(".card-list > li")];
      expect(found).toHaveLength(1);
      return found;
    });
    expect(cards[0]!.textContent).toContain("Tỉnh ủy Hòa Bình");
    expect(cards[0]!.textContent).toContain("Đảng bộ trực thuộc: 1");
    expect(cards[0]!.querySelector("a")!.getAttribute("href")).toBe("/t/prov/committees");
  });
});
