/**
 * "Forgot password": one e-mail field. The server answers the same whether or not the e-mail has an account, so the
 * page says the same too: if it has one, a reset link is on its way (valid one hour, worker/data/forgot-password.ts).
 */
import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { authApi } from "../api";
import { defineMessages } from "../i18n";
import { ErrorNotice } from "../ui/error-notice";
import { TextField } from "../ui/fields";
import { Layout } from "../ui/layout";

const t = defineMessages(
  {
    title: "Quên mật khẩu",
    intro: "Nhập e-mail bạn dùng để đăng nhập. Chúng tôi sẽ gửi đến đó một liên kết để bạn tự đặt mật khẩu mới.",
    email: "E-mail",
    submit: "Gửi liên kết đặt lại",
    busy: "Đang gửi…",
    sent: "Nếu e-mail này có tài khoản, chúng tôi đã gửi liên kết đặt lại mật khẩu.",
    sentHint: "Liên kết có hiệu lực 1 giờ. Không thấy thư? Hãy xem cả mục thư rác.",
    noEmail: "Không có e-mail? Hãy nhờ bí thư chi bộ cấp cho bạn một mã đặt lại mật khẩu.",
    back: "Quay lại đăng nhập",
  },
  {
    title: "Forgot password",
    intro: "Enter the e-mail you log in with. We will send it a link so you can choose a new password yourself.",
    email: "E-mail",
    submit: "Send reset link",
    busy: "Sending…",
    sent: "If this e-mail has an account, we sent a reset link.",
    sentHint: "The link works for 1 hour. No message? Check your spam folder too.",
    noEmail: "No e-mail? Ask your branch secretary for a password reset code.",
    back: "Back to login",
  },
);

export default function ForgotPasswordPage() {
  const [email, setEmail] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [sent, setSent] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      await authApi.forgotPassword({ email: email().trim().toLowerCase() });
      setSent(true);
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
        <form onSubmit={(e) => void submit(e)}>
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
          <Show when={error()}>
            <ErrorNotice error={error()} />
          </Show>
          <div role="status">
            <Show when={sent()}>
              <div class="notice notice-ok">
                <p>{t("sent")}</p>
                <p class="muted">{t("sentHint")}</p>
              </div>
            </Show>
          </div>
          <button type="submit" class="btn btn-primary btn-block" disabled={busy()}>
            {busy() ? t("busy") : t("submit")}
          </button>
        </form>
        <p class="muted">{t("noEmail")}</p>
        <p>
          <A href="/login">{t("back")}</A>
        </p>
      </section>
    </Layout>
  );
}
