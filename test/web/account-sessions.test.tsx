/**
 * The account page's sessions, through the whole app: the list (current one marked, Vietnamese first), signing
 * out one other session, and "sign out everywhere" behind a confirmation, after which the client is on the login
 * page. The server is the one boundary stood in for: `fetch` answers as the worker would, and the test reads what
 * the page sent.
 */
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccountSession, Me } from "../../schema/api/auth";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { me, setMe } from "../../web/src/session";

const person: Me = { person: { id: "p-1", fullName: "Lê Văn An", email: "an@chibo.test" }, tenants: [] };
const here: AccountSession = {
  id: "s-here",
  createdAt: "2026-12-06T01:00:00.000Z",
  expiresAt: "2026-12-20T01:00:00.000Z",
  current: true,
};
const phone: AccountSession = {
  id: "s-phone",
  createdAt: "2026-12-01T02:30:00.000Z",
  expiresAt: "2026-12-15T02:30:00.000Z",
  current: false,
};

const realFetch = globalThis.fetch;
let live: AccountSession[] = [];
let sent: { method: string; url: string }[] = [];

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
  live = [phone, here];
  sent = [];
  // Answers as the worker does: the list of live sessions; a revoke ends one; sign-out-everywhere ends all.
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    sent.push({ method, url });
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    if (method === "GET" && url.endsWith("/api/auth/sessions")) return json({ sessions: live });
    if (method === "GET" && url.endsWith("/api/auth/passkeys")) return json({ passkeys: [] });
    const revoke = url.match(/\/api\/auth\/sessions\/([^/]+)\/revoke$/);
    if (method === "POST" && revoke) {
      live = live.filter((s) => s.id !== decodeURIComponent(revoke[1]!));
      return json({ ok: true });
    }
    if (method === "POST" && url.endsWith("/api/auth/sign-out-everywhere")) {
      live = [];
      return json({ ok: true });
    }
    return new Response(JSON.stringify({ error: { code: "not_found", message: "x" } }), { status: 404 });
  }) as typeof fetch;
  setMe(person);
  window.history.replaceState(null, "", "/account");
});
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

const cards = () => [...document.querySelectorAll<HTMLElement>("[data-session]")];

describe("the account page's sessions", () => {
  it("lists my sessions with the current one first and marked, in Vietnamese", async () => {
    render(() => <App />);
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(cards().map((c) => c.dataset.session)).toEqual(["s-here", "s-phone"]);
    expect(cards()[0]!.textContent).toContain("Phiên này");
    // Only the other session offers to be signed out from here; the current one has the header's logout.
    expect(cards()[0]!.querySelector("button")).toBeNull();
    expect(cards()[1]!.querySelector("button")!.textContent).toBe("Đăng xuất khỏi phiên này");
    // Times in Vietnam's time zone: 02:30 UTC is 09:30 in Hà Nội.
    expect(cards()[1]!.textContent).toContain("09:30");
    expect(screen.getByRole("button", { name: "Đăng xuất mọi nơi" })).toBeTruthy();
    setLang("en");
    await waitFor(() => expect(screen.getByRole("button", { name: "Sign out everywhere" })).toBeTruthy());
  });

  it("shows an account made with a passkey alone no e-mail and no password form, but says how to get back in", async () => {
    setMe({ person: { id: "p-2", fullName: "Đỗ Văn Cao Niên", email: null }, tenants: [] });
    render(() => <App />);
    await waitFor(() => expect(cards()).toHaveLength(2));
    const page = document.querySelector("main")!.textContent ?? "";
    expect(page).toContain("Đỗ Văn Cao Niên");
    expect(page).not.toContain(" · ");
    expect(screen.queryByLabelText("Mật khẩu hiện tại")).toBeNull();
    expect(page).toContain("không có mật khẩu");
  });

  it("signs out one other session and shows the list without it", async () => {
    render(() => <App />);
    await waitFor(() => expect(cards()).toHaveLength(2));
    fireEvent.click(screen.getByRole("button", { name: "Đăng xuất khỏi phiên này" }));
    await waitFor(() => expect(cards().map((c) => c.dataset.session)).toEqual(["s-here"]));
    expect(sent).toContainEqual({ method: "POST", url: "/api/auth/sessions/s-phone/revoke" });
    expect(me()).not.toBeNull();
  });

  it("asks before signing out everywhere, then ends every session and goes to the login page", async () => {
    render(() => <App />);
    await waitFor(() => expect(cards()).toHaveLength(2));
    fireEvent.click(screen.getByRole("button", { name: "Đăng xuất mọi nơi" }));
    // Nothing is sent until the person confirms; cancelling sends nothing at all.
    expect(screen.getByRole("alert").textContent).toContain("kể cả phiên này");
    fireEvent.click(screen.getByRole("button", { name: "Hủy" }));
    fireEvent.click(screen.getByRole("button", { name: "Đăng xuất mọi nơi" }));
    expect(sent.filter((s) => s.method === "POST")).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Đồng ý, đăng xuất mọi nơi" }));
    await waitFor(() => expect(window.location.pathname).toBe("/login"));
    expect(sent).toContainEqual({ method: "POST", url: "/api/auth/sign-out-everywhere" });
    expect(me()).toBeNull();
  });
});
