/**
 * The login page's answers to a wrong password, through the whole app with `fetch` answering as the worker does
 * (test/worker/login-throttle.test.ts holds the worker to these words): the tries left are shown before the lockout,
 * and the lockout itself offers the way back in — the forgot-password page and a reset code from the branch secretary.
 */
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { setMe } from "../../web/src/session";

configure({ asyncUtilTimeout: 5000 });

const realFetch = globalThis.fetch;
/** What the stand-in server answers POST /api/auth/login with next. */
let answer: { status: number; code: string; message: string };

const wrong = (left: number) => ({
  status: 401,
  code: "unauthorized",
  message: `Sai e-mail hoặc mật khẩu. Còn ${left} lần thử / Wrong e-mail or password. ${left} tries left`,
});
const locked = {
  status: 429,
  code: "rate_limited",
  message:
    "Đăng nhập sai nhiều lần, thử lại sau 14:05 (giờ Việt Nam) / Too many failed logins, try again after 14:05 (Vietnam time)",
};

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if ((init?.method ?? "GET") === "POST" && url.endsWith("/api/auth/login")) {
      return new Response(JSON.stringify({ error: { code: answer.code, message: answer.message } }), {
        status: answer.status,
        headers: { "content-type": "application/json" },
      });
    }
    return new Response(JSON.stringify({ error: { code: "unauthorized", message: "x" } }), { status: 401 });
  }) as typeof fetch;
  setMe(null);
  window.history.replaceState(null, "", "/login");
});
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

async function tryLogin() {
  fireEvent.input(await screen.findByLabelText("E-mail"), { target: { value: "an@chibo.test" } });
  fireEvent.input(screen.getByLabelText("Mật khẩu"), { target: { value: "sai-mat-khau" } });
  fireEvent.click(screen.getByRole("button", { name: "Đăng nhập" }));
  return screen.findByRole("alert");
}

describe("login page", () => {
  it("shows how many tries are left after a wrong password, and no lockout help yet", async () => {
    answer = wrong(2);
    render(() => <App />);
    const alert = await tryLogin();
    await waitFor(() => expect(alert.textContent).toContain("Sai e-mail hoặc mật khẩu. Còn 2 lần thử"));
    expect(alert.textContent).not.toContain("tries left");
    expect(screen.queryByTestId("login-locked-help")).toBeNull();
  });

  it("on lockout names the time in Vietnam and offers the forgot-password page and the secretary's reset code", async () => {
    answer = locked;
    render(() => <App />);
    const alert = await tryLogin();
    await waitFor(() => expect(alert.textContent).toContain("thử lại sau 14:05 (giờ Việt Nam)"));
    const help = await screen.findByTestId("login-locked-help");
    const link = within(help).getByRole("link", { name: /Quên mật khẩu\?/ });
    expect(link.getAttribute("href")).toBe("/forgot-password");
    expect(help.textContent).toContain("bí thư chi bộ");
    expect(help.textContent).toContain("mã đặt lại mật khẩu");

    setLang("en");
    await waitFor(() => expect(help.textContent).toContain("branch secretary"));
    expect(alert.textContent).toContain("try again after 14:05 (Vietnam time)");

    // The help goes once a try answers otherwise (the lock has ended and the password was wrong again).
    setLang("vi");
    answer = wrong(4);
    fireEvent.click(screen.getByRole("button", { name: "Đăng nhập" }));
    await waitFor(() => expect(screen.queryByTestId("login-locked-help")).toBeNull());
  });
});
