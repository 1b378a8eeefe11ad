import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createEffect, createSignal, Show } from "solid-js";
import { authApi } from "../api";
import { defineMessages } from "../i18n";
import { session, setMe } from "../session";
import { ErrorNotice } from "../ui/error-notice";
import { TextField } from "../ui/fields";
import { Layout } from "../ui/layout";

const t = defineMessages(
  {
    title: "Đăng nhập",
    intro: "Dùng e-mail và mật khẩu do cấp ủy cấp cho bạn.",
    email: "E-mail",
    password: "Mật khẩu",
    submit: "Đăng nhập",
    busy: "Đang đăng nhập…",
    forgot: "Quên mật khẩu?",
  },
  {
    title: "Log in",
    intro: "Use the e-mail and password your party committee gave you.",
    email: "E-mail",
    password: "Password",
    submit: "Log in",
    busy: "Logging in…",
    forgot: "Forgot password?",
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

  // Already logged in (e.g. back button): go on.
  createEffect(() => {
    if (session().status === "ready" && !busy()) navigate(safeNext(params.next), { replace: true });
  });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { me } = await authApi.login({ email: email().trim().toLowerCase(), password: password() });
      setMe(me);
      navigate(safeNext(params.next), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
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
          <button type="submit" class="btn btn-primary btn-block" disabled={busy()}>
            {busy() ? t("busy") : t("submit")}
          </button>
        </form>
        <p>
          <A href="/forgot-password">{t("forgot")}</A>
        </p>
      </section>
    </Layout>
  );
}
