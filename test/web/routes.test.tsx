import { cleanup, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { setMe } from "../../web/src/session";

const me = (role: "admin" | "organizer" | "viewer" | null): Me => ({
  person: { id: "p-1", fullName: "Nguyễn Văn Bình", email: "binh@chibo.test" },
  tenants: [
    {
      id: "t-1",
      name: "Đảng ủy phường Hòa An",
      kind: "committee",
      parentId: null,
      viaProvince: false,
      provinceRole: null,
      role,
      organizationIds: ["org-1"],
      branchRoles: [{ organizationId: "org-1", branchRole: "member" }],
      guestMeetingIds: [],
    },
  ],
});

const go = (path: string) => window.history.replaceState(null, "", path);

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
});
afterEach(cleanup);

describe("route guard and console sections", () => {
  it("sends an anonymous visitor to the login page and remembers where they were going", async () => {
    setMe(null);
    go("/t/t-1/members?q=an");
    render(() => <App />);
    await waitFor(() => expect(window.location.pathname).toBe("/login"));
    expect(new URLSearchParams(window.location.search).get("next")).toBe("/t/t-1/members?q=an");
    expect(await screen.findByRole("heading", { name: "Đăng nhập" })).toBeTruthy();
  });

  it("shows committee staff every console section", async () => {
    setMe(me("organizer"));
    go("/t/t-1/organizations");
    render(() => <App />);
    const nav = await screen.findByRole("navigation", { name: undefined });
    await waitFor(() => expect(nav.textContent).toContain("Kế hoạch"));
    for (const section of ["Cuộc họp", "Kế hoạch", "Tổ chức", "Đảng viên", "Báo cáo"])
      expect(nav.textContent).toContain(section);
    expect(await screen.findByRole("heading", { name: "Tổ chức đảng" })).toBeTruthy();
    // No server in this test: the page says so in plain words and offers a retry instead of spinning.
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Không kết nối được máy chủ");
    expect(screen.getByRole("button", { name: "Thử lại" })).toBeTruthy();
  });

  it("shows a plain member only the meetings", async () => {
    setMe(me(null));
    go("/t/t-1");
    render(() => <App />);
    // The tenant's front page sends a member to the meetings list.
    await waitFor(() => expect(window.location.pathname).toBe("/t/t-1/meetings"));
    const nav = document.querySelector(".app-nav")!;
    expect(nav.textContent).toContain("Cuộc họp");
    expect(nav.textContent).not.toContain("Đảng viên");
    expect(nav.textContent).not.toContain("Báo cáo");
  });

  it("refuses a tenant the person has no standing in", async () => {
    setMe(me("admin"));
    go("/t/t-other/members");
    render(() => <App />);
    expect(await screen.findByText("Bạn không thuộc đơn vị này.")).toBeTruthy();
  });

  it("answers an unknown address with a page, not a blank screen", async () => {
    setMe(me("admin"));
    go("/khong-co-trang-nay");
    render(() => <App />);
    expect(await screen.findByRole("heading", { name: "Không tìm thấy trang" })).toBeTruthy();
  });
});
