/** The frame of every screen but the hall projector: header (brand, nav, language, text size, person) and main. */
import { A, useNavigate } from "@solidjs/router";
import { type JSX, Show } from "solid-js";
import { t } from "../i18n/common";
import { logout, me } from "../session";
import { FontControls, LangSwitch } from "./controls";
import { OfflineBanner } from "./offline-banner";

export function Layout(props: { children?: JSX.Element; nav?: JSX.Element; wide?: boolean }) {
  const navigate = useNavigate();
  const doLogout = async () => {
    await logout().catch(() => undefined);
    navigate("/login", { replace: true });
  };
  return (
    <>
      <a class="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header class="app-header">
        <div class="app-header-row">
          <A href="/" class="brand" end>
            <span class="brand-mark" aria-hidden="true">
              ★
            </span>
            {t("appName")}
          </A>
          <div class="header-tools">
            <LangSwitch />
            <FontControls />
            <Show when={me()}>
              {(m) => (
                <span class="whoami">
                  <A href="/account" class="whoami-name" title={`${m().person.fullName} · ${t("account")}`}>
                    {m().person.fullName}
                  </A>
                  <button type="button" class="btn btn-small" onClick={() => void doLogout()}>
                    {t("logout")}
                  </button>
                </span>
              )}
            </Show>
          </div>
        </div>
        <Show when={props.nav}>
          <nav class="app-nav">{props.nav}</nav>
        </Show>
      </header>
      <OfflineBanner />
      <main id="main" tabindex="-1" classList={{ "main-wide": props.wide }}>
        {props.children}
      </main>
    </>
  );
}
