/**
 * The invite page's passkey choice, through the whole app: where the browser has WebAuthn, a new holder's first and
 * largest choice is the fingerprint or screen lock; it asks for options for this invitation, lets the device make the
 * passkey, redeems with it and lands in the committee with no e-mail. `fetch` answers as the worker would; only the
 * browser's WebAuthn API (PublicKeyCredential, navigator.credentials.create) is stood in for. The real ceremony is
 * test/worker/invitations-passkey.test.ts (software authenticator).
 */
import { cleanup, configure, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { me, setMe } from "../../web/src/session";

configure({ asyncUtilTimeout: 5000 });

const SECRET = "c2VjcmV0LWxpbmstb2YtYW4taW52aXRhdGlvbi0wMDAx";
const joined: Me = {
  person: { id: "p-1", fullName: "Lê Thị Cao Tuổi", email: null },
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

const realFetch = globalThis.fetch;
let sent: { method: string; url: string; body: unknown }[] = [];
let optionsAnswer: { status: number; body: unknown };
let created: CredentialCreationOptions[] = [];
/** What the device does when asked to make a passkey: make one, or refuse as a cancelled prompt does. */
let device: "make" | "cancel" = "make";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const bytes = (s: string) => new TextEncoder().encode(s).buffer;

/** The browser's WebAuthn boundary: what a platform authenticator hands back from navigator.credentials.create(). */
function webAuthn(on: boolean) {
  const w = window as unknown as Record<string, unknown>;
  if (on) w.PublicKeyCredential = function PublicKeyCredential() {};
  else delete w.PublicKeyCredential;
  const create = async (opts: CredentialCreationOptions) => {
    created.push(opts);
    if (device === "cancel")
      throw new DOMException("The operation either timed out or was not allowed.", "NotAllowedError");
    return {
      id: "Y3JlZC0x",
      rawId: bytes("cred-1"),
      type: "public-key",
      authenticatorAttachment: "platform",
      response: {
        clientDataJSON: bytes('{"type":"webauthn.create"}'),
        attestationObject: bytes("attestation"),
        getTransports: () => ["internal"],
      },
      getClientExtensionResults: () => ({}),
    };
  };
  Object.defineProperty(navigator, "credentials", { value: { create }, configurable: true });
}

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
  sessionStorage.clear();
  sent = [];
  created = [];
  device = "make";
  optionsAnswer = {
    status: 200,
    body: {
      options: {
        challenge: "Y2hhbGxlbmdl",
        rp: { id: "localhost", name: "Chi bộ" },
        user: { id: "cC0x", name: "chibo · Đảng ủy phường Hòa An", displayName: "chibo · Đảng ủy phường Hòa An" },
        pubKeyCredParams: [{ type: "public-key", alg: -7 }],
        authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
      },
      challengeToken: "redeem-token",
    },
  };
  webAuthn(true);
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, url, body });
    if (method === "POST" && url === "/api/invitations/redeem/passkey-options")
      return json(optionsAnswer.body, optionsAnswer.status);
    if (method === "POST" && url === "/api/invitations/redeem")
      return json({ purpose: "member", tenantId: "t-1", membershipId: "m-1", meetingId: null, signedIn: true });
    if (method === "GET" && url === "/api/auth/me") return json(joined);
    return json({ error: { code: "not_found", message: "Không tìm thấy / Not found" } }, 404);
  }) as typeof fetch;
});
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
  webAuthn(false);
});

const go = (path: string) => window.history.replaceState(null, "", path);
const PASSKEY = "Dùng vân tay hoặc khóa màn hình (không cần e-mail)";

describe("the invite page's passkey choice", () => {
  it("offers the fingerprint first, redeems with the passkey the device made and lands in the committee with no e-mail", async () => {
    setMe(null);
    go(`/invite/${SECRET}`);
    render(() => <App />);
    const choices = (await screen.findByRole("button", { name: PASSKEY })).parentElement;
    const labels = [...(choices?.querySelectorAll("button") ?? [])].map((b) => b.textContent);
    expect(labels.slice(0, 2)).toEqual([PASSKEY, "Hoặc: tạo tài khoản bằng e-mail và mật khẩu"]);

    fireEvent.click(screen.getByRole("button", { name: PASSKEY }));
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/t\/t-1(\/|$)/));
    expect(sent.find((s) => s.url === "/api/invitations/redeem/passkey-options")?.body).toEqual({ secret: SECRET });
    // The device was asked for a discoverable credential labelled with the committee only.
    expect(created[0]?.publicKey?.user.name).toBe("chibo · Đảng ủy phường Hòa An");
    expect(created[0]?.publicKey?.authenticatorSelection?.residentKey).toBe("required");
    const redeem = sent.find((s) => s.url === "/api/invitations/redeem")?.body as Record<string, unknown>;
    expect(Object.keys(redeem).sort()).toEqual(["passkey", "secret"]);
    expect(redeem.passkey).toMatchObject({
      challengeToken: "redeem-token",
      response: { id: "Y3JlZC0x", type: "public-key", response: { transports: ["internal"] } },
    });
    expect(me()?.person.email).toBeNull();
    expect(me()?.tenants.map((t) => t.id)).toEqual(["t-1"]);
  });

  it("explains a cancelled prompt and a place already held, and redeems nothing", async () => {
    setMe(null);
    go("/invite");
    render(() => <App />);
    fireEvent.input(await screen.findByLabelText("Mã mời"), { target: { value: "ABCDE-FGHJK" } });
    device = "cancel";
    fireEvent.click(screen.getByRole("button", { name: PASSKEY }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("Chưa xong: bạn đã hủy hoặc hết thời gian. Hãy thử lại."),
    );
    optionsAnswer = { status: 409, body: { error: { code: "conflict", message: "x / x" } } };
    fireEvent.click(screen.getByRole("button", { name: PASSKEY }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "Lời mời này dành cho người đã có tài khoản. Hãy chọn “Tôi đã có tài khoản: đăng nhập”.",
      ),
    );
    expect(sent.filter((s) => s.url === "/api/invitations/redeem")).toEqual([]);
    expect(window.location.pathname).toBe("/invite");
  });

  it("keeps the e-mail and password way as the only one where the browser has no WebAuthn", async () => {
    webAuthn(false);
    setMe(null);
    go(`/invite/${SECRET}`);
    render(() => <App />);
    expect(await screen.findByRole("button", { name: "Tạo tài khoản mới" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: PASSKEY })).toBeNull();
  });
});
