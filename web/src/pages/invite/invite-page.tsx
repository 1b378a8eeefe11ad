/**
 * /invite/:secret (the link or QR code on a slip) and /invite (type the slip's code). Logged in: one button takes
 * the invitation into that account. Otherwise, where the browser has WebAuthn, first of all: take it with the phone's
 * fingerprint or screen lock (a passkey, no e-mail needed: many older members have none); then log in first and
 * come back, or create an account with an e-mail and password of one's own. A password reset code takes only the new password. Afterwards the member lands
 * in the committee. Made for a phone at 360 px: one column, big type and buttons, Vietnamese first.
 */
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useNavigate, useParams } from "@solidjs/router";
import { createSignal, Match, Show, Switch } from "solid-js";
import type { Redeem, Redeemed } from "../../../../schema/api/invitations";
import { ApiFailure, authApi, invitationsApi } from "../../api";
import { passkeysApi } from "../../api/passkeys";
import { t as common } from "../../i18n/common";
import { loadSession, logout, me, session, setMe } from "../../session";
import { errorText } from "../../ui/errors";
import { TextField } from "../../ui/fields";
import { Layout } from "../../ui/layout";
import { passkeyErrorText } from "../passkey-error";
import { CredentialsForm } from "./credentials-form";
import { im } from "./invite-messages";
import "./invite.css";

/** A typed code survives the trip through the login page here, never in an address bar or the history. */
const CODE_KEY = "chibo.invite.code";
const storage = () => {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
};

/** The API's refusals in the words a member needs: what happened and what to do. */
export function redeemErrorText(err: unknown): string {
  if (err instanceof ApiFailure) {
    if (err.code === "not_found") return im("notFound");
    if (err.code === "rate_limited") return im("tooMany");
    if (err.code === "conflict") return im("emailTaken");
  }
  return errorText(err);
}

/** A passkey redemption's refusals: the server's as above (a place already held means "log in"), else the device's. */
export function passkeyRedeemErrorText(err: unknown): string {
  if (err instanceof ApiFailure) return err.code === "conflict" ? im("placeTaken") : redeemErrorText(err);
  return passkeyErrorText(err);
}

type Mode = "choose" | "new" | "reset" | "reset-done";

export default function InvitePage() {
  const params = useParams<{ secret?: string }>();
  const navigate = useNavigate();
  const [code, setCode] = createSignal(params.secret ? "" : (storage()?.getItem(CODE_KEY) ?? ""));
  const [mode, setMode] = createSignal<Mode>("choose");
  const [busy, setBusy] = createSignal(false);
  // A thunk, so the words follow a switch of language while they are shown.
  const [problem, setProblem] = createSignal<(() => string) | null>(null);
  const fail = (text: () => string) => setProblem(() => text);
  const [doneTenant, setDoneTenant] = createSignal<string | null>(null);

  /** The secret from the link, or the typed code; null (with the reason shown) when there is neither. */
  const token = (): Pick<Redeem, "secret" | "code"> | null => {
    if (params.secret) return { secret: params.secret };
    if (code().trim()) return { code: code().trim() };
    fail(() => im("codeMissing"));
    document.getElementById("invite-code")?.focus();
    return null;
  };

  const enter = async (done: Redeemed) => {
    storage()?.removeItem(CODE_KEY);
    // A reset asked for by e-mail belongs to no committee: home lists the account's committees.
    navigate(done.tenantId ? `/t/${encodeURIComponent(done.tenantId)}` : "/", { replace: true });
  };

  const send = async (
    redeem: (t: Pick<Redeem, "secret" | "code">) => Promise<Redeemed>,
    after: (done: Redeemed) => Promise<void>,
    explain: (err: unknown) => string = redeemErrorText,
  ) => {
    const t = token();
    if (!t) return;
    setBusy(true);
    setProblem(null);
    try {
      const done = await redeem(t);
      await after(done);
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) {
        // A cookie that no longer names a session: carry on as someone logged out.
        setMe(null);
        fail(() => im("sessionGone"));
      } else fail(() => explain(err));
    } finally {
      setBusy(false);
    }
  };
  const sendFields = (extra: Pick<Redeem, "email" | "password">, after: (done: Redeemed) => Promise<void>) =>
    send((t) => invitationsApi.redeem({ ...t, ...extra }), after);

  /** Whether this browser can make a passkey: then the fingerprint or screen lock is the first way offered. */
  const passkeys = browserSupportsWebAuthn();

  /** A new holder with a passkey: the device makes it, the redemption signs this device in, the committee opens. */
  const withPasskey = () =>
    void send(
      (t) => passkeysApi.redeem(t),
      async (done) => {
        await loadSession();
        await enter(done);
      },
      passkeyRedeemErrorText,
    );

  /** Logged in: the record joins this account; the session is read again so the committee shows up. */
  const accept = () =>
    void sendFields({}, async (done) => {
      await loadSession();
      await enter(done);
    });

  /** A new account: redeem with the chosen e-mail and password, then log in with them. */
  const create = (chosen: { email?: string; password: string }) =>
    void sendFields(chosen, async (done) => {
      try {
        const { me: who } = await authApi.login({ email: chosen.email ?? "", password: chosen.password });
        setMe(who);
        await enter(done);
      } catch {
        // A reset code typed here set that account's password; the e-mail typed may not be its login.
        setDoneTenant(done.tenantId);
        setMode("reset-done");
      }
    });

  const reset = (chosen: { password: string }) =>
    void sendFields({ password: chosen.password }, async (done) => {
      storage()?.removeItem(CODE_KEY);
      setDoneTenant(done.tenantId);
      setMode("reset-done");
    });

  const goLogin = () => {
    if (!params.secret && code().trim()) storage()?.setItem(CODE_KEY, code().trim());
    navigate(`/login?next=${encodeURIComponent(window.location.pathname)}`);
  };

  const switchAccount = async () => {
    await logout().catch(() => undefined);
    setMode("choose");
  };

  const who = () => me()?.person.email ?? me()?.person.fullName ?? "";

  return (
    <Layout>
      <section class="card narrow invite-page">
        <h1>{im("title")}</h1>
        <Show when={mode() !== "reset-done"}>
          <p>{params.secret ? im("introLink") : im("introCode")}</p>
          <Show when={!params.secret}>
            <TextField
              id="invite-code"
              class="invite-code"
              label={im("code")}
              hint={im("codeHint")}
              autocomplete="one-time-code"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={40}
              value={code()}
              onValue={(v) => {
                setCode(v);
                setProblem(null);
              }}
            />
          </Show>
        </Show>
        <Show when={problem()}>
          {(text) => (
            <p class="notice notice-error" role="alert">
              {text()()}
            </p>
          )}
        </Show>
        <Switch>
          <Match when={mode() === "reset-done"}>
            <p class="notice notice-ok" role="status">
              {im("resetDone")}
            </p>
            <a
              class="btn btn-primary btn-block btn-big"
              href={`/login?next=${encodeURIComponent(`/t/${doneTenant() ?? ""}`)}`}
            >
              {im("toLogin")}
            </a>
          </Match>
          <Match when={session().status === "loading"}>
            <p class="loading" aria-busy="true">
              {common("loading")}
            </p>
          </Match>
          <Match when={mode() === "new"}>
            <CredentialsForm
              title={im("newAccountTitle")}
              intro={im("newAccountIntro")}
              withEmail
              submitLabel={im("create")}
              busy={busy()}
              onSubmit={create}
              onBack={() => setMode("choose")}
            />
          </Match>
          <Match when={mode() === "reset"}>
            <CredentialsForm
              title={im("resetTitle")}
              intro={im("resetIntro")}
              withEmail={false}
              submitLabel={im("setPassword")}
              busy={busy()}
              onSubmit={reset}
              onBack={() => setMode("choose")}
            />
          </Match>
          <Match when={me()}>
            <p class="invite-who">{im("loggedInAs", { who: who() })}</p>
            <button type="button" class="btn btn-primary btn-block btn-big" disabled={busy()} onClick={accept}>
              {busy() ? im("busy") : im("accept")}
            </button>
            <button type="button" class="btn btn-block" onClick={() => void switchAccount()}>
              {im("notYou")}
            </button>
            <button type="button" class="btn-link" onClick={() => setMode("reset")}>
              {im("resetInstead")}
            </button>
          </Match>
          <Match when={session().status === "anonymous"}>
            <div class="invite-choices">
              <Show
                when={passkeys}
                fallback={
                  <button type="button" class="btn btn-primary btn-block btn-big" onClick={() => setMode("new")}>
                    {im("newAccount")}
                  </button>
                }
              >
                <button
                  type="button"
                  class="btn btn-primary btn-block btn-big invite-passkey"
                  disabled={busy()}
                  onClick={withPasskey}
                >
                  {busy() ? im("busy") : im("usePasskey")}
                </button>
                <p class="invite-passkey-hint">{im("usePasskeyHint")}</p>
                <button type="button" class="btn btn-block btn-big" onClick={() => setMode("new")}>
                  {im("newAccountWithEmail")}
                </button>
              </Show>
              <button type="button" class="btn btn-block btn-big" onClick={goLogin}>
                {im("haveAccount")}
              </button>
              <button type="button" class="btn-link" onClick={() => setMode("reset")}>
                {im("resetInstead")}
              </button>
            </div>
          </Match>
        </Switch>
      </section>
    </Layout>
  );
}
