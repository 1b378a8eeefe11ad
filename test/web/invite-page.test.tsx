/**
 * The invite page through the whole app, with `fetch` answering as the worker would: a new holder creates their
 * own account from the link and lands in the committee; a logged-in holder takes a typed code into their account
 * with one button, also after logging in from the page; refusals read in plain words and nothing is sent that the
 * page could refuse itself.
 */
import { cleanup, configure, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { me, setMe } from "../../web/src/session";

const SECRET = "c2VjcmV0LWxpbmstb2YtYW4taW52aXRhdGlvbi0wMDAx";
const account: Me = { person: { id: "p-1", fullName: "Lê Văn An", email: "an@chibo.test" }, tenants: [] };
const joined: Me = {
  ...account,
  tenants: [
    {
      id: "t-1",
      name: "Đảng ủy phường Hòa An",
      kind: "committee",
      parentId: null,
      viaProvince: false,
      provinceRole: null,
      role: null,
      organizationIds: ["org-1"],
      branchRoles: [{ organizationId: "org-1", branchRole: "member" }],
      guestMeetingIds: [],
    },
  ],
};

// The first render of each page loads its lazy chunk through Vite's transform, which on a busy machine can take
// longer than Testing Library's one-second default; the queries still wait for the element, never for a set time.
configure({ asyncUtilTimeout: 5000 });

const realFetch = globalThis.fetch;
let sent: { method: string; url: string; body: unknown }[] = [];
/** What the redeem route answers next: the worker's success, or one of its refusals. */
let redeemAnswer: { status: number; body: unknown };

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const refusal = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } });

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
  sessionStorage.clear();
  sent = [];
  redeemAnswer = { status: 200, body: { purpose: "member", tenantId: "t-1", membershipId: "m-1" } };
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, url, body });
    if (method === "POST" && url === "/api/invitations/redeem") return json(redeemAnswer.body, redeemAnswer.status);
    if (method === "POST" && url === "/api/auth/login") return json({ token: "x", me: joined });
    if (method === "GET" && url === "/api/auth/me") return json(joined);
    return json({ error: { code: "not_found", message: "Không tìm thấy / Not found" } }, 404);
  }) as typeof fetch;
});
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

const go = (path: string) => window.history.replaceState(null, "", path);
const type = async (label: string, value: string) =>
  fireEvent.input(await screen.findByLabelText(label), { target: { value } });
const redeems = () => sent.filter((s) => s.url === "/api/invitations/redeem");

describe("the invite page, logged out", () => {
  it("creates the holder's own account from the link, logs in with it and lands in the committee", async () => {
    setMe(null);
    go(`/invite/${SECRET}`);
    render(() => <App />);
    expect(await screen.findByRole("heading", { name: "Nhận lời mời" })).toBeTruthy();
    // Two ways in: an account of one's own, or the one already held.
    expect(screen.getByRole("button", { name: "Tôi đã có tài khoản: đăng nhập" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Tạo tài khoản mới" }));

    await type("E-mail của bạn", "  Mai.Pham@Example.VN ");
    await type("Mật khẩu (ít nhất 10 ký tự)", "ngan");
    await type("Nhập lại mật khẩu", "ngan");
    fireEvent.click(screen.getByRole("button", { name: "Tạo tài khoản và nhận lời mời" }));
    expect(await screen.findByText("Mật khẩu cần ít nhất 10 ký tự.")).toBeTruthy();
    await type("Mật khẩu (ít nhất 10 ký tự)", "hoa-sen-tren-ho");
    await type("Nhập lại mật khẩu", "hoa-sen-tren-song");
    fireEvent.click(screen.getByRole("button", { name: "Tạo tài khoản và nhận lời mời" }));
    expect(await screen.findByText("Hai mật khẩu chưa giống nhau.")).toBeTruthy();
    expect(redeems()).toEqual([]);

    // The show/hide toggle lets the holder read what they typed.
    const password = screen.getByLabelText("Mật khẩu (ít nhất 10 ký tự)") as HTMLInputElement;
    expect(password.type).toBe("password");
    fireEvent.click(screen.getByRole("button", { name: "Hiện mật khẩu" }));
    expect(password.type).toBe("text");

    await type("Nhập lại mật khẩu", "hoa-sen-tren-ho");
    fireEvent.click(screen.getByRole("button", { name: "Tạo tài khoản và nhận lời mời" }));
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/t\/t-1(\/|$)/));
    expect(redeems().map((s) => s.body)).toEqual([
      { secret: SECRET, email: "mai.pham@example.vn", password: "hoa-sen-tren-ho" },
    ]);
    expect(sent.find((s) => s.url === "/api/auth/login")?.body).toEqual({
      email: "mai.pham@example.vn",
      password: "hoa-sen-tren-ho",
    });
    expect(me()?.tenants.map((t) => t.id)).toEqual(["t-1"]);
  });

  it("says in plain words when the code is wrong, spent or expired, and when to wait", async () => {
    setMe(null);
    go("/invite");
    render(() => <App />);
    fireEvent.click(await screen.findByRole("button", { name: "Tạo tài khoản mới" }));
    await type("E-mail của bạn", "an@example.vn");
    await type("Mật khẩu (ít nhất 10 ký tự)", "hoa-sen-tren-ho");
    await type("Nhập lại mật khẩu", "hoa-sen-tren-ho");
    const submit = () => fireEvent.click(screen.getByRole("button", { name: "Tạo tài khoản và nhận lời mời" }));

    // No code typed: nothing to send.
    submit();
    expect((await screen.findByRole("alert")).textContent).toBe("Hãy nhập mã trên phiếu mời.");
    expect(redeems()).toEqual([]);

    await type("Mã mời", "abcde-fghjk");
    redeemAnswer = refusal(404, "not_found", "Không tìm thấy / Invitation not found");
    submit();
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "Mã không đúng, đã dùng hoặc đã hết hạn. Hãy kiểm tra lại, hoặc xin bí thư chi bộ cấp mã mới.",
      ),
    );
    redeemAnswer = refusal(429, "rate_limited", "Nhập sai mã nhiều lần / Too many wrong codes");
    submit();
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "Bạn đã thử quá nhiều lần. Hãy đợi khoảng 15 phút rồi thử lại.",
      ),
    );
    expect(redeems().map((s) => s.body)).toEqual([
      { code: "abcde-fghjk", email: "an@example.vn", password: "hoa-sen-tren-ho" },
      { code: "abcde-fghjk", email: "an@example.vn", password: "hoa-sen-tren-ho" },
    ]);
    expect(window.location.pathname).toBe("/invite");
    setLang("en");
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("Too many tries. Wait about 15 minutes and try again."),
    );
  });
});

describe("the invite page, logged in", () => {
  it("takes a typed code into the account with one button, and the committee opens", async () => {
    setMe(account);
    go("/invite");
    render(() => <App />);
    await type("Mã mời", "abcde fghjk");
    expect(await screen.findByText("Nhận lời mời vào tài khoản an@chibo.test")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Tạo tài khoản mới" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Nhận lời mời" }));
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/t\/t-1(\/|$)/));
    // The session carries the account: only the code is sent; then who-am-I is read again for the new committee.
    expect(redeems().map((s) => s.body)).toEqual([{ code: "abcde fghjk" }]);
    expect(sent.some((s) => s.url === "/api/auth/me")).toBe(true);
    expect(me()?.tenants.map((t) => t.id)).toEqual(["t-1"]);
  });

  it("sends a holder who chose to log in to the login page and back, keeping the typed code", async () => {
    setMe(null);
    go("/invite");
    render(() => <App />);
    await type("Mã mời", "ABCDE-FGHJK");
    fireEvent.click(await screen.findByRole("button", { name: "Tôi đã có tài khoản: đăng nhập" }));
    await waitFor(() => expect(window.location.pathname).toBe("/login"));
    expect(new URLSearchParams(window.location.search).get("next")).toBe("/invite");
    // The code is nowhere in the address.
    expect(window.location.href).not.toContain("FGHJK");

    await type("E-mail", "an@chibo.test");
    await type("Mật khẩu", "mat-khau-cu-cua-toi");
    fireEvent.click(screen.getByRole("button", { name: "Đăng nhập" }));
    await waitFor(() => expect(window.location.pathname).toBe("/invite"));
    expect((screen.getByLabelText("Mã mời") as HTMLInputElement).value).toBe("ABCDE-FGHJK");
    fireEvent.click(await screen.findByRole("button", { name: "Nhận lời mời" }));
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/t\/t-1(\/|$)/));
    expect(redeems().map((s) => s.body)).toEqual([{ code: "ABCDE-FGHJK" }]);
    expect(sessionStorage.getItem("chibo.invite.code")).toBeNull();
  });
});
