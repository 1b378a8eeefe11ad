/**
 * The account page's list of the person's own sessions: when each began and until when it holds, the current one
 * marked, "sign out of this session" for each other one, and "sign out everywhere" behind a confirmation. Passkeys
 * have their own section above this one (account-passkeys.tsx).
 */
import { createSignal, For, Show } from "solid-js";
import type { AccountSession } from "../../../schema/api/auth";
import { defineMessages } from "../i18n";
import { t as common } from "../i18n/common";
import { formatDateTime } from "../i18n/format";
import { ErrorNotice } from "../ui/error-notice";

const st = defineMessages(
  {
    title: "Các phiên đăng nhập",
    intro: "Những nơi tài khoản của bạn đang đăng nhập (điện thoại, máy tính).",
    current: "Phiên này (thiết bị đang dùng)",
    since: "Đăng nhập lúc {at}",
    until: "Hết hạn lúc {at}",
    revoke: "Đăng xuất khỏi phiên này",
    everywhere: "Đăng xuất mọi nơi",
    confirmEverywhere:
      "Mọi phiên sẽ bị đăng xuất, kể cả phiên này, và bạn sẽ rời các cuộc họp đang mở. Bạn cần đăng nhập lại.",
    confirm: "Đồng ý, đăng xuất mọi nơi",
  },
  {
    title: "Sessions",
    intro: "Where your account is signed in (phones, computers).",
    current: "This session (this device)",
    since: "Signed in {at}",
    until: "Expires {at}",
    revoke: "Sign out of this session",
    everywhere: "Sign out everywhere",
    confirmEverywhere:
      "Every session will be signed out, this one too, and you will leave any open meeting. You will need to log in again.",
    confirm: "Yes, sign out everywhere",
  },
);

export interface SessionsPanelProps {
  sessions: AccountSession[];
  /** Ends one other session; the list reloads after. */
  onRevoke: (id: string) => Promise<void>;
  /** Ends them all; the page then goes to the login page. */
  onSignOutEverywhere: () => Promise<void>;
}

export function SessionsPanel(props: SessionsPanelProps) {
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // The current session first: it is the one the person recognises.
  const ordered = () => [...props.sessions].sort((a, b) => Number(b.current) - Number(a.current));

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{st("title")}</h2>
      <p class="muted">{st("intro")}</p>
      <ul class="card-list" aria-label={st("title")}>
        <For each={ordered()}>
          {(s) => (
            <li class="card" data-session={s.id} data-current={s.current ? "true" : undefined}>
              <Show when={s.current}>
                <p>
                  <strong>{st("current")}</strong>
                </p>
              </Show>
              <p>{st("since", { at: formatDateTime(s.createdAt) })}</p>
              <p class="muted">{st("until", { at: formatDateTime(s.expiresAt) })}</p>
              <Show when={!s.current}>
                <button
                  type="button"
                  class="btn btn-block"
                  disabled={busy()}
                  onClick={() => void run(() => props.onRevoke(s.id))}
                >
                  {st("revoke")}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <Show
        when={confirming()}
        fallback={
          <button type="button" class="btn btn-danger btn-block" onClick={() => setConfirming(true)}>
            {st("everywhere")}
          </button>
        }
      >
        <p class="notice notice-warn" role="alert">
          {st("confirmEverywhere")}
        </p>
        <div class="actions">
          <button
            type="button"
            class="btn btn-danger"
            disabled={busy()}
            onClick={() => void run(props.onSignOutEverywhere)}
          >
            {st("confirm")}
          </button>
          <button type="button" class="btn" onClick={() => setConfirming(false)}>
            {common("cancel")}
          </button>
        </div>
      </Show>
    </section>
  );
}
