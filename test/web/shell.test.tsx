import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiFailure, failureOf } from "../../web/src/api";
import { defineMessages, LANG_STORAGE_KEY, lang, pickLang, setLang } from "../../web/src/i18n";
import { t } from "../../web/src/i18n/common";
import { safeNext } from "../../web/src/pages/login-page";
import { FontControls, LangSwitch } from "../../web/src/ui/controls";
import { ErrorNotice } from "../../web/src/ui/error-notice";
import { errorText, issuesByField } from "../../web/src/ui/errors";
import {
  bindFontSizeToPerson,
  changeFontSize,
  DEFAULT_FONT_STEP,
  FONT_STEPS_PX,
  fontPx,
} from "../../web/src/ui/font-size";
import { DataTable } from "../../web/src/ui/table";

beforeEach(() => {
  localStorage.clear();
  setLang("vi");
});
afterEach(cleanup);

describe("language", () => {
  it("switches every message and remembers the choice", () => {
    render(() => (
      <>
        <LangSwitch />
        <p>{t("logout")}</p>
      </>
    ));
    expect(screen.getByText("Đăng xuất")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /English/ }));
    expect(screen.getByText("Log out")).toBeTruthy();
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    expect(screen.getByRole("button", { name: /English/ }).getAttribute("aria-pressed")).toBe("true");
  });

  it("fills {holes} and picks the half of a bilingual server message", () => {
    const m = defineMessages({ n: "{n} đảng viên" }, { n: (p) => `${p.n} member${p.n === 1 ? "" : "s"}` });
    expect(m("n", { n: 3 })).toBe("3 đảng viên");
    expect(pickLang("Sai e-mail hoặc mật khẩu / Wrong e-mail or password")).toBe("Sai e-mail hoặc mật khẩu");
    setLang("en");
    expect(lang()).toBe("en");
    expect(m("n", { n: 1 })).toBe("1 member");
    expect(pickLang("Sai e-mail hoặc mật khẩu / Wrong e-mail or password")).toBe("Wrong e-mail or password");
    expect(pickLang("plain")).toBe("plain");
  });
});

describe("text size", () => {
  it("is remembered per person, not per device", () => {
    bindFontSizeToPerson("p-old");
    expect(fontPx()).toBe(FONT_STEPS_PX[DEFAULT_FONT_STEP]);
    changeFontSize(1);
    changeFontSize(1);
    expect(document.documentElement.style.fontSize).toBe(`${FONT_STEPS_PX[DEFAULT_FONT_STEP + 2]}px`);
    bindFontSizeToPerson("p-young");
    expect(fontPx()).toBe(FONT_STEPS_PX[DEFAULT_FONT_STEP]);
    bindFontSizeToPerson("p-old");
    expect(fontPx()).toBe(FONT_STEPS_PX[DEFAULT_FONT_STEP + 2]);
  });

  it("stops at the ends and disables the button there", () => {
    bindFontSizeToPerson("p-small");
    render(() => <FontControls />);
    const smaller = screen.getByRole("button", { name: "Chữ nhỏ hơn" }) as HTMLButtonElement;
    for (let i = 0; i < 10; i++) fireEvent.click(smaller);
    expect(fontPx()).toBe(FONT_STEPS_PX[0]);
    expect(smaller.disabled).toBe(true);
  });

  it("ignores a tampered stored value", () => {
    localStorage.setItem("chibo.fontStep.p-x", "99");
    bindFontSizeToPerson("p-x");
    expect(fontPx()).toBe(FONT_STEPS_PX[DEFAULT_FONT_STEP]);
  });
});

describe("errors", () => {
  it("reads the server's envelope, code and issues included", async () => {
    const res = new Response(
      JSON.stringify({
        error: {
          code: "bad_request",
          message: "Dữ liệu không hợp lệ / Invalid body",
          issues: [{ path: "email", message: "E-mail sai / Bad e-mail" }],
        },
      }),
      { status: 400, headers: { "content-type": "application/json" } },
    );
    const failure = await failureOf(res);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure.code).toBe("bad_request");
    expect(failure.issues).toHaveLength(1);
    expect(errorText(failure)).toBe("Dữ liệu không hợp lệ");
    expect(issuesByField(failure)).toEqual({ email: "E-mail sai" });
  });

  it("falls back to the status when the body is not our envelope", async () => {
    const failure = await failureOf(new Response("<html>bad gateway</html>", { status: 502 }));
    expect(failure.code).toBe("internal");
    expect(errorText(failure)).toBe(t("err_internal"));
    const forbidden = await failureOf(new Response(JSON.stringify({ error: { code: "nope" } }), { status: 403 }));
    expect(forbidden.code).toBe("forbidden");
    // A proxy's or the platform's own 413 and 429 read as the codes the API would have sent.
    expect((await failureOf(new Response("Too Many Requests", { status: 429 }))).code).toBe("rate_limited");
    expect((await failureOf(new Response("", { status: 413 }))).code).toBe("payload_too_large");
    expect((await failureOf(new Response("", { status: 405 }))).code).toBe("bad_request");
  });

  it("shows a network failure in plain words with a retry", () => {
    let retried = 0;
    render(() => <ErrorNotice error={new ApiFailure(0, "network", "Failed to fetch")} onRetry={() => retried++} />);
    expect(screen.getByRole("alert").textContent).toContain("Không kết nối được máy chủ");
    fireEvent.click(screen.getByRole("button", { name: "Thử lại" }));
    expect(retried).toBe(1);
  });
});

describe("shell helpers", () => {
  it("only follows same-site ?next= after login", () => {
    expect(safeNext("/t/x/meetings")).toBe("/t/x/meetings");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext(undefined)).toBe("/");
  });

  it("labels each cell with its column for the phone layout", () => {
    render(() => (
      <DataTable
        caption="Đảng viên"
        columns={[{ header: "Họ tên", cell: (r: { n: string }) => r.n }]}
        rows={[{ n: "Nguyễn Văn Bình" }]}
      />
    ));
    const cell = screen.getByText("Nguyễn Văn Bình");
    expect(cell.getAttribute("data-label")).toBe("Họ tên");
  });
});
