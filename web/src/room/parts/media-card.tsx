/**
 * How remote people hear and speak (issue 13): for an external call, one large "join the call" button opening
 * the committee's own video call in a new tab; for built-in media, the hall's sound and this person's microphone
 * (rtc/remote-media-panel.tsx). Every room participant may see the meeting (the ticket admits only them), so the
 * link is theirs to use. Hall only shows nothing.
 */
import { lazy, Match, Show, Suspense, Switch, useContext } from "solid-js";
import { howToHear, safeCallLink } from "../../../../schema/meeting-media";
import type { MeetingView, RoomView } from "../../../../schema/room/views";
import { defineMessages, lang } from "../../i18n";
import { RoomContext } from "../room-context";

const mt = defineMessages(
  {
    heading: "Nghe và nói từ xa",
    joinCall: "Tham gia cuộc gọi",
    newTab: "(mở trong thẻ mới)",
  },
  {
    heading: "Hearing and speaking remotely",
    joinCall: "Join the call",
    newTab: "(opens in a new tab)",
  },
);

/** Loaded only for a meeting with built-in sound: the member room's first load stays small (issue 4's budget). */
const RemoteMediaPanel = lazy(() => import("../rtc/remote-media-panel").then((m) => ({ default: m.RemoteMediaPanel })));

/** The room's connection: always there in the room; absent only where the card is drawn alone (a unit test). */
function BuiltinMedia() {
  const room = useContext(RoomContext);
  if (!room) return null;
  const { conn } = room;
  return (
    <Show when={conn.data.view && conn.data.you}>
      {(you) => (
        <Suspense>
          <RemoteMediaPanel conn={conn} view={() => conn.data.view as RoomView} me={() => you().personId} />
        </Suspense>
      )}
    </Show>
  );
}

export function MediaCard(props: { meeting: MeetingView }) {
  const link = () => (props.meeting.mediaMode === "external" ? safeCallLink(props.meeting.mediaLink) : null);
  return (
    <Switch>
      <Match when={props.meeting.status !== "closed" && link()}>
        {(href) => (
          <section class="room-card media-card" aria-labelledby="media-h">
            <h2 id="media-h" class="room-card-label">
              {mt("heading")}
            </h2>
            <p class="muted">{howToHear("external", lang(), new URL(href()).host)}</p>
            <a class="btn btn-big btn-block btn-primary" href={href()} target="_blank" rel="noopener noreferrer">
              {mt("joinCall")} <span class="sr-only">{mt("newTab")}</span>
            </a>
          </section>
        )}
      </Match>
      <Match when={props.meeting.status !== "closed" && props.meeting.mediaMode === "builtin"}>
        <section class="room-card media-card" aria-labelledby="media-h">
          <h2 id="media-h" class="room-card-label">
            {mt("heading")}
          </h2>
          <BuiltinMedia />
        </section>
      </Match>
    </Switch>
  );
}
