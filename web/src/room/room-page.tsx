/**
 * The live room. One connection per page (closed when the page goes), then the screen for the role the
 * ticket gave: member phone view, chair's console, leader's view or minutes-taker's view. The consoles are
 * separate chunks so a member's phone loads only the member view.
 */
import { A, useParams } from "@solidjs/router";
import { lazy, Match, onCleanup, Show, Suspense, Switch } from "solid-js";
import { roomPagePath } from "../../../schema/room-page";
import { pickLang } from "../i18n";
import { t } from "../i18n/common";
import { FontControls, LangSwitch } from "../ui/controls";
import { ConnectionBanner } from "./connection-banner";
import { createServerClock, RoomContext } from "./room-context";
import { connectRoom } from "./room-socket";
import { rt } from "./strings";
import { MemberView } from "./views/member-view";
import { roleLabel } from "./views/role-label";
import "./room.css";

const ChairConsole = lazy(() => import("./views/chair-console").then((m) => ({ default: m.ChairConsole })));
const LeaderView = lazy(() => import("./views/leader-view").then((m) => ({ default: m.LeaderView })));
const MinutesView = lazy(() => import("./views/minutes-view").then((m) => ({ default: m.MinutesView })));

export default function RoomPage() {
  const params = useParams<{ tenantId: string; meetingId: string }>();
  const conn = connectRoom(params.tenantId, params.meetingId);
  onCleanup(() => conn.close());
  const now = createServerClock(conn.clockOffset);
  const base = () => `/t/${encodeURIComponent(params.tenantId)}/meetings/${encodeURIComponent(params.meetingId)}`;
  const role = () => conn.data.you?.role;
  const wide = () => role() === "chair" || role() === "leader" || role() === "minutes_taker";

  return (
    <RoomContext.Provider value={{ conn, now }}>
      <a class="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header class="room-header">
        <div class="room-header-row">
          <A href={base()} class="room-back" aria-label={rt("backToMeeting")}>
            <span aria-hidden="true">‹</span>
          </A>
          <div class="room-heading">
            <h1 class="room-topic">{conn.data.view?.meeting.topic ?? rt("roomTitle")}</h1>
            <Show when={conn.data.you}>
              {(you) => (
                <p class="room-you">
                  {you().name} · {roleLabel(you().role)}
                </p>
              )}
            </Show>
          </div>
          <div class="room-tools">
            <LangSwitch />
            <FontControls />
          </div>
        </div>
        <ConnectionBanner conn={conn} />
      </header>
      <main id="main" tabindex="-1" class="room-main" classList={{ "room-main-wide": wide() }}>
        <Switch>
          <Match when={conn.fatal()}>
            {(fatal) => (
              <div class="notice notice-error" role="alert">
                <p>
                  {fatal().code === "not_found"
                    ? rt("fatalNotFound")
                    : fatal().code === "conflict"
                      ? rt("fatalNotOpen")
                      : fatal().code === "signed_out"
                        ? rt("fatalSignedOut")
                        : fatal().code === "no_seat"
                          ? rt("fatalNoSeat")
                          : fatal().code === "replaced"
                            ? rt("fatalReplaced")
                            : rt("fatalNoAccess")}
                </p>
                <p class="muted">{pickLang(fatal().message)}</p>
                <p class="actions">
                  <A class="btn" href={base()}>
                    {rt("backToMeeting")}
                  </A>
                  <Show when={fatal().code === "replaced"}>
                    {/* Opening here again is a new socket: the room then closes the oldest one elsewhere. */}
                    <button type="button" class="btn" onClick={() => window.location.reload()}>
                      {rt("openHere")}
                    </button>
                  </Show>
                  <Show when={fatal().code === "conflict"}>
                    <A class="btn" href={`${base()}/minutes`}>
                      {rt("readMinutes")}
                    </A>
                  </Show>
                </p>
              </div>
            )}
          </Match>
          <Match when={!conn.data.view || !conn.data.you}>
            <p class="loading page-loading" aria-busy="true">
              {rt("loadingRoom")}
            </p>
          </Match>
          <Match when={conn.data.view && conn.data.you ? { view: conn.data.view, you: conn.data.you } : null}>
            {(d) => (
              <Suspense fallback={<p class="loading page-loading">{rt("loadingRoom")}</p>}>
                <Switch fallback={<MemberView view={d().view} you={d().you} />}>
                  <Match when={d().you.role === "chair"}>
                    <ChairConsole view={d().view} you={d().you} minutesHref={`${base()}/minutes`} />
                    <p class="actions no-print">
                      <A class="btn" href={roomPagePath(params.tenantId, params.meetingId, "hall")} target="_blank">
                        {rt("openHall")}
                      </A>
                    </p>
                  </Match>
                  <Match when={d().you.role === "leader"}>
                    <LeaderView view={d().view} you={d().you} />
                  </Match>
                  <Match when={d().you.role === "minutes_taker"}>
                    <MinutesView view={d().view} you={d().you} minutesHref={`${base()}/minutes`} />
                  </Match>
                </Switch>
              </Suspense>
            )}
          </Match>
        </Switch>
      </main>
    </RoomContext.Provider>
  );
}
