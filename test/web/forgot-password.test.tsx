/**
 * "Forgot password" through the whole app: the login page's link, the page's one e-mail field, what it sends, and the
 * answer it shows (the same for every e-mail, as the server's is). The server is the one boundary stood in for:
 * `fetch` answers as the worker would, and the test reads what the page sent.
 */
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { setMe } from "../../web/src/session";

const realFetch = globalThis.fetch;
let sent: { method: string; url: string; body: unknown }[] = [];
/** What the stand-in server answers POST /api/auth/forgot with. */
let answer: () => Response;

const accepted = () =>
  new Response(JSON.stringify({ ok: true }), { status: 202, headers: { "content-type": "application/json" } });

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
  sent = [];
  answer = accepted;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    sent.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (method === "POST" && url.endsWith("/api/auth/forgot")) return answer();
    return new Response(JSON.stringify({ error: { code: "not_found", message: "x" } }), { status: 404 });
  }) as typeof fetch;
  setMe(null);
  window.history.replaceState(null, "", "/login");
});
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

const forgotCalls = () => sent.filter((s) => s.url.endsWith("/api/auth/forgot"));

describe("forgot password", () => {
  it("is linked from the login page and sends the e-mail typed, then says a link was sent if there is an account", async () => {
    render(() => <App />);
    fireEvent.click(await screen.findByRole("link", { name: "Quên mật khẩu?" }));
    await waitFor(() => expect(window.location.pathname).toBe("/forgot-password"));
    expect(await screen.findByRole("heading", { name: "Quên mật khẩu" })).toBeTruthy();

    const field = screen.getByLabelText("E-mail") as HTMLInputElement;
    expect(field.type).toBe("email");
    fireEvent.input(field, { target: { value: "  Mai.Pham@Chibo.Test " } });
    fireEvent.click(screen.getByRole("button", { name: "Gửi liên kết đặt lại" }));

    const status = await screen.findByText("Nếu e-mail này có tài khoản, chúng tôi đã gửi liên kết đặt lại mật khẩu.");
    expect(status.closest("[role=status]")).toBeTruthy();
    expect(forgotCalls()).toEqual([
      { method: "POST", url: "/api/auth/forgot", body: { email: "mai.pham@chibo.test" } },
    ]);
    // The way back, and the way for members without e-mail.
    expect(screen.getByRole("link", { name: "Quay lại đăng nhập" }).getAttribute("href")).toBe("/login");
    expect(screen.getByText(/Không có e-mail\? Hãy nhờ bí thư chi bộ/)).toBeTruthy();

    setLang("en");
    expect(await screen.findByText("If this e-mail has an account, we sent a reset link.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Forgot password" })).toBeTruthy();
  });

  it("shows the server's refusal (too many requests) in the reader's language, and no 'sent' message", async () => {
    answer = () =>
      new Response(
        JSON.stringify({
          error: {
            code: "rate_limited",
            message:
              "Đã yêu cầu nhiều lần, thử lại sau 10:15 / Too many requests for this e-mail, try again after 10:15",
          },
        }),
        { status: 429, headers: { "content-type": "application/json" } },
      );
    window.history.replaceState(null, "", "/forgot-password");
    render(() => <App />);
    fireEvent.input(await screen.findByLabelText("E-mail"), { target: { value: "an@chibo.test" } });
    fireEvent.click(screen.getByRole("button", { name: "Gửi liên kết đặt lại" }));
    const alert = await screen.findByRole("alert");
    await waitFor(() => expect(alert.textContent).toContain("Đã yêu cầu nhiều lần"));
    expect(alert.textContent).not.toContain("Too many requests");
    expect(screen.queryByText(/chúng tôi đã gửi liên kết/)).toBeNull();
    // Sending again (once the wait is over) is allowed: the button is back.
    expect((screen.getByRole("button", { name: "Gửi liên kết đặt lại" }) as HTMLButtonElement).disabled).toBe(false);
  });
});
