import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createEffect, createSignal, Show } from "solid-js";
import { authApi } from "../api";
import type { LoginResult } from "../api/auth";
import { ApiFailure } from "../api/http";
import { passkeysApi } from "../api/passkeys";
import { defineMessages } from "../i18n";
import { session, setMe } from "../session";
import { ErrorNotice } from "../ui/error-notice";
import { TextField } from "../ui/fields";
import { Layout } from "../ui/layout";
import { PasskeyError } from "./passkey-error";

const t = defineMessages(
  {
    title: "Đăng nhập",
    intro: "Dùng e-mail và mật khẩu do cấp ủy cấp cho bạn.",
    email: "E-mail",
    password: "Mật khẩu",
    submit: "Đăng nhập",
    busy: "Đang đăng nhập…",
    forgot: "Quên mật khẩu?",
    or: "hoặc",
    passkey: "Đăng nhập bằng passkey",
    passkeyHint: "Dùng vân tay, khuôn mặt hoặc khóa màn hình, nếu bạn đã thêm passkey trên thiết bị này.",
    passkeyBusy: "Đang chờ thiết bị…",
    lockedForgot: "Quên mật khẩu? Đặt lại qua e-mail",
    lockedSecretary: "Hoặc nhờ bí thư chi bộ cấp cho bạn một mã đặt lại mật khẩu.",
  },
  {
    title: "Log in",
    intro: "Use the e-mail and password your party committee gave you.",
    email: "E-mail",
    password: "Password",
    submit: "Log in",
    busy: "Logging in…",
    forgot: "Forgot password?",
    or: "or",
    passkey: "Log in with a passkey",
    passkeyHint: "Use your fingerprint, face or screen lock, if you added a passkey on this device.",
    passkeyBusy: "Waiting for the device…",
    lockedForgot: "Forgot password? Reset it by e-mail",
    lockedSecretary: "Or ask your branch secretary for a password reset code.",
  },
);

/** Only same-site paths, so a crafted ?next= cannot send someone elsewhere after login. */
export function safeNext(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
    ? next
    : "/";
}

export default function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const [passkeyError, setPasskeyError] = createSignal<unknown>(null);
  const [passkeyBusy, setPasskeyBusy] = createSignal(false);

  // Already logged in (e.g. back button): go on.
  createEffect(() => {
    if (session().status === "ready" && !busy() && !passkeyBusy()) navigate(safeNext(params.next), { replace: true });
  });

  // Locked out for a while (429): the way back in is a reset, not another try.
  const locked = () => {
    const err = error();
    return err instanceof ApiFailure && err.code === "rate_limited";
  };

  // Where there is no WebAuthn (an old browser, an insecure page) the button is not offered at all.
  const passkeys = browserSupportsWebAuthn();

  const enter = ({ me }: LoginResult) => {
    setMe(me);
    navigate(safeNext(params.next), { replace: true });
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      enter(await authApi.login({ email: email().trim().toLowerCase(), password: password() }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const withPasskey = async () => {
    setPasskeyBusy(true);
    setPasskeyError(null);
    try {
      enter(await passkeysApi.logIn());
    } catch (err) {
      setPasskeyError(err);
    } finally {
      setPasskeyBusy(false);
    }
  };

  return (
    <Layout>
      <section class="card narrow">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        <form onSubmit={(e) => void submit(e)} novalidate={false}>
          <TextField
            label={t("email")}
            type="email"
            name="email"
            autocomplete="username"
            required
            maxLength={254}
            value={email()}
            onValue={setEmail}
          />
          <TextField
            label={t("password")}
            type="password"
            name="password"
            autocomplete="current-password"
            required
            maxLength={200}
            value={password()}
            onValue={setPassword}
          />
          <Show when={error()}>
            <ErrorNotice error={error()} />
          </Show>
          <Show when={locked()}>
            <div class="notice" data-testid="login-locked-help">
              <p>
                <A href="/forgot-password">{t("lockedForgot")}</A>
              </p>
              <p>{t("lockedSecretary")}</p>
            </div>
          </Show>
          <button type="submit" class="btn btn-primary btn-block" disabled={busy()}>
            {busy() ? t("busy") : t("submit")}
          </button>
        </form>
        <p>
          <A href="/forgot-password">{t("forgot")}</A>
        </p>
        <Show when={passkeys}>
          <p class="login-or">{t("or")}</p>
          <Show when={passkeyError()}>
            <PasskeyError error={passkeyError()} />
          </Show>
          <button
            type="button"
            class="btn btn-big btn-block"
            disabled={passkeyBusy()}
            aria-describedby="passkey-hint"
            onClick={() => void withPasskey()}
          >
            {passkeyBusy() ? t("passkeyBusy") : t("passkey")}
          </button>
          <p id="passkey-hint" class="hint">
            {t("passkeyHint")}
          </p>
        </Show>
      </section>
    </Layout>
  );
}
