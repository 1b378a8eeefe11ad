import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { authApi } from "../api";
import { passkeysApi } from "../api/passkeys";
import { defineMessages } from "../i18n";
import { me, setMe } from "../session";
import { ErrorNotice } from "../ui/error-notice";
import { TextField } from "../ui/fields";
import { Layout } from "../ui/layout";
import { ResourceView } from "../ui/resource-view";
import { showToast } from "../ui/toast";
import { PasskeysPanel } from "./account-passkeys";
import { SessionsPanel } from "./account-sessions";

const t = defineMessages(
  {
    title: "Tài khoản",
    changePassword: "Đổi mật khẩu",
    current: "Mật khẩu hiện tại",
    next: "Mật khẩu mới",
    nextHint: "Ít nhất 10 ký tự.",
    repeat: "Nhập lại mật khẩu mới",
    mismatch: "Hai mật khẩu mới không giống nhau.",
    done: "Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.",
    revoked: "Đã đăng xuất phiên đó.",
    passkeyAdded: "Đã thêm passkey. Lần sau bạn có thể đăng nhập bằng nó.",
    passkeyRenamed: "Đã đổi tên passkey.",
    passkeyRemoved: "Đã xóa passkey.",
    passkeyOnly:
      "Tài khoản này đăng nhập bằng passkey (vân tay hoặc khóa màn hình), không có mật khẩu. Mất điện thoại? Hãy nhờ bí thư chi bộ cấp lời mời mới.",
  },
  {
    title: "Account",
    changePassword: "Change password",
    current: "Current password",
    next: "New password",
    nextHint: "At least 10 characters.",
    repeat: "Repeat the new password",
    mismatch: "The two new passwords differ.",
    done: "Password changed. Your other sessions were logged out.",
    revoked: "That session was signed out.",
    passkeyAdded: "Passkey added. Next time you can log in with it.",
    passkeyRenamed: "Passkey renamed.",
    passkeyRemoved: "Passkey removed.",
    passkeyOnly:
      "This account logs in with a passkey (fingerprint or screen lock) and has no password. Lost the phone? Ask the branch secretary for a new invitation.",
  },
);

export default function AccountPage() {
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [repeat, setRepeat] = createSignal("");
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const mismatch = () => repeat() !== "" && repeat() !== next();
  const navigate = useNavigate();
  const [sessions, { refetch }] = createResource(() => authApi.sessions().then((r) => r.sessions));
  const [passkeys, passkeysResource] = createResource(() => passkeysApi.list().then((r) => r.passkeys));
  const reloadPasskeys = () => passkeysResource.refetch();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (mismatch()) return;
    setBusy(true);
    setError(null);
    try {
      await authApi.changePassword({ currentPassword: current(), newPassword: next() });
      setCurrent("");
      setNext("");
      setRepeat("");
      showToast(t("done"));
      void refetch();
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
        <p>
          <strong>{me()?.person.fullName}</strong>
          <Show when={me()?.person.email}>{(email) => <> · {email()}</>}</Show>
        </p>
        <h2>{t("changePassword")}</h2>
        {/* An account made with a passkey alone has no e-mail, so no password login: nothing to change here. */}
        <Show when={me()?.person.email} fallback={<p class="hint">{t("passkeyOnly")}</p>}>
          <form onSubmit={(e) => void submit(e)}>
            <TextField
              label={t("current")}
              type="password"
              autocomplete="current-password"
              required
              value={current()}
              onValue={setCurrent}
            />
            <TextField
              label={t("next")}
              hint={t("nextHint")}
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
              maxLength={200}
              value={next()}
              onValue={setNext}
            />
            <TextField
              label={t("repeat")}
              type="password"
              autocomplete="new-password"
              required
              value={repeat()}
              onValue={setRepeat}
              error={mismatch() ? t("mismatch") : undefined}
            />
            <Show when={error()}>
              <ErrorNotice error={error()} />
            </Show>
            <button type="submit" class="btn btn-primary" disabled={busy() || mismatch()}>
              {t("changePassword")}
            </button>
          </form>
        </Show>
      </section>
      <section class="card narrow">
        <ResourceView resource={passkeys} onRetry={() => void reloadPasskeys()}>
          {(list) => (
            <PasskeysPanel
              passkeys={list}
              supported={browserSupportsWebAuthn()}
              onAdd={async () => {
                await passkeysApi.add();
                showToast(t("passkeyAdded"));
                await reloadPasskeys();
              }}
              onRename={async (id, name) => {
                await passkeysApi.rename(id, name);
                showToast(t("passkeyRenamed"));
                await reloadPasskeys();
              }}
              onRemove={async (id) => {
                await passkeysApi.remove(id);
                showToast(t("passkeyRemoved"));
                await reloadPasskeys();
              }}
            />
          )}
        </ResourceView>
      </section>
      <section class="card narrow">
        <ResourceView resource={sessions} onRetry={() => void refetch()}>
          {(list) => (
            <SessionsPanel
              sessions={list}
              onRevoke={async (id) => {
                await authApi.revokeSession(id);
                showToast(t("revoked"));
                await refetch();
              }}
              onSignOutEverywhere={async () => {
                await authApi.signOutEverywhere();
                setMe(null);
                navigate("/login", { replace: true });
              }}
            />
          )}
        </ResourceView>
      </section>
    </Layout>
  );
}
