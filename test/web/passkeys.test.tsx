/**
 * Passkeys in the client, through the whole app: the account page lists them (name, added, last used), renames and
 * removes one behind a confirmation, says so where the browser has no WebAuthn, and explains a cancelled device
 * prompt; the login page offers "log in with a passkey" only where the browser has WebAuthn. The server is stood in
 * for by `fetch`; the real ceremony with Chromium's authenticator is test/browser/passkeys.test.ts.
 */
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import type { Passkey } from "../../schema/api/passkeys";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { setMe } from "../../web/src/session";

const person: Me = { person: { id: "p-1", fullName: "Lê Văn An", email: "an@chibo.test" }, tenants: [] };
const phone: Passkey = {
  id: "cred-phone",
  name: "Android · Chrome",
  createdAt: "2026-12-01T02:30:00.000Z",
  lastUsedAt: "2026-12-05T13:00:00.000Z",
};
const laptop: Passkey = {
  id: "cred-laptop",
  name: "Windows · Edge",
  createdAt: "2026-11-20T01:00:00.000Z",
  lastUsedAt: null,
};

const realFetch = globalThis.fetch;
let live: Passkey[] = [];
let sent: { method: string; url: string; body?: unknown }[] = [];

function webAuthn(on: boolean, create?: () => Promise<never>) {
  const w = window as unknown as Record<string, unknown>;
  if (on) w.PublicKeyCredential = function PublicKeyCredential() {};
  else delete w.PublicKeyCredential;
  Object.defineProperty(navigator, "credentials", { value: { create }, configurable: true });
}

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
  live = [phone, laptop];
  sent = [];
  webAuthn(false);
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, url, body });
    const json = (answer: unknown) =>
      new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
    if (method === "GET" && url.endsWith("/api/auth/sessions")) return json({ sessions: [] });
    if (method === "GET" && url.endsWith("/api/auth/passkeys")) return json({ passkeys: live });
    if (method === "POST" && url.endsWith("/api/auth/passkeys/register/options"))
      return json({
        options: {
          challenge: "Y2hhbGxlbmdl",
          rp: { id: "localhost", name: "Chi bộ" },
          user: { id: "cC0x", name: "an@chibo.test", displayName: "Lê Văn An" },
          pubKeyCredParams: [{ type: "public-key", alg: -7 }],
        },
        challengeToken: "token-token",
      });
    const one = url.match(/\/api\/auth\/passkeys\/([^/]+)$/);
    if (one && method === "PATCH") {
      live = live.map((p) => (p.id === one[1] ? { ...p, name: (body as { name: string }).name } : p));
      return json(live.find((p) => p.id === one[1]));
    }
    if (one && method === "DELETE") {
      live = live.filter((p) => p.id !== one[1]);
      return json({ ok: true });
    }
    return new Response(JSON.stringify({ error: { code: "not_found", message: "x" } }), { status: 404 });
  }) as typeof fetch;
});
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
  webAuthn(false);
});

const cards = () => [...document.querySelectorAll<HTMLElement>("[data-passkey]")];
const openAccount = async () => {
  setMe(person);
  window.history.replaceState(null, "", "/account");
  render(() => <App />);
  // The first render loads the lazy account page's chunk, which can take a while on a busy machine.
  await waitFor(() => expect(cards()).toHaveLength(2), { timeout: 10_000 });
};

describe("the account page's passkeys", () => {
  it("lists each passkey with its name, when it was added and last used, in Vietnam's time", async () => {
    await openAccount();
    expect(screen.getByRole("heading", { name: "Khóa truy cập (passkey)" })).toBeTruthy();
    expect(cards()[0]!.textContent).toContain("Android · Chrome");
    // 02:30 UTC is 09:30 in Hà Nội; 13:00 UTC is 20:00.
    expect(cards()[0]!.textContent).toContain("09:30");
    expect(cards()[0]!.textContent).toContain("Dùng lần cuối");
    expect(cards()[0]!.textContent).toContain("20:00");
    expect(cards()[1]!.textContent).toContain("Chưa dùng để đăng nhập");
    // happy-dom has no WebAuthn: no add button, a notice instead.
    expect(screen.queryByRole("button", { name: /Thêm passkey/ })).toBeNull();
    expect(document.body.textContent).toContain("Trình duyệt này không hỗ trợ passkey");
  });

  it("renames a passkey", async () => {
    await openAccount();
    fireEvent.click(cards()[1]!.querySelector("button")!);
    const input = screen.getByLabelText("Tên passkey") as HTMLInputElement;
    expect(input.value).toBe("Windows · Edge");
    fireEvent.input(input, { target: { value: "Máy tính ở nhà" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(cards()[1]!.textContent).toContain("Máy tính ở nhà"));
    expect(sent).toContainEqual({
      method: "PATCH",
      url: "/api/auth/passkeys/cred-laptop",
      body: { name: "Máy tính ở nhà" },
    });
  });

  it("asks before removing a passkey, sends nothing when cancelled, then removes it", async () => {
    await openAccount();
    const removeOf = (card: HTMLElement) => [...card.querySelectorAll("button")].find((b) => b.textContent === "Xóa")!;
    fireEvent.click(removeOf(cards()[0]!));
    expect(screen.getByRole("alert").textContent).toContain("Xóa passkey “Android · Chrome”?");
    fireEvent.click(screen.getByRole("button", { name: "Hủy" }));
    expect(sent.filter((s) => s.method === "DELETE")).toEqual([]);
    fireEvent.click(removeOf(cards()[0]!));
    fireEvent.click(screen.getByRole("button", { name: "Đồng ý, xóa" }));
    await waitFor(() => expect(cards().map((c) => c.dataset.passkey)).toEqual(["cred-laptop"]));
    expect(sent).toContainEqual({ method: "DELETE", url: "/api/auth/passkeys/cred-phone", body: undefined });
  });

  it("explains a cancelled device prompt and stores nothing", async () => {
    webAuthn(true, () =>
      Promise.reject(new DOMException("The operation either timed out or was not allowed.", "NotAllowedError")),
    );
    await openAccount();
    fireEvent.click(screen.getByRole("button", { name: "Thêm passkey — đăng nhập bằng vân tay hoặc khóa màn hình" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("bạn đã hủy hoặc hết thời gian"));
    expect(sent.some((s) => s.url.endsWith("/register/verify"))).toBe(false);
  });
});

describe("the login page's passkey button", () => {
  const openLogin = async () => {
    setMe(null);
    window.history.replaceState(null, "", "/login");
    render(() => <App />);
    await waitFor(() => expect(screen.getByRole("button", { name: "Đăng nhập" })).toBeTruthy(), { timeout: 10_000 });
  };

  it("is offered where the browser has WebAuthn", async () => {
    webAuthn(true);
    await openLogin();
    expect(screen.getByRole("button", { name: "Đăng nhập bằng passkey" })).toBeTruthy();
    setLang("en");
    await waitFor(() => expect(screen.getByRole("button", { name: "Log in with a passkey" })).toBeTruthy());
  });

  it("is not offered where it has none", async () => {
    await openLogin();
    expect(screen.queryByRole("button", { name: /passkey/ })).toBeNull();
  });
});
