/**
 * How remote people hear and speak (issue 13): for an external call, one large "join the call" button opening
 * the committee's own video call in a new tab; for built-in media, a note until it exists. Every room participant
 * may see the meeting (the ticket admits only them), so the link is theirs to use. Hall only shows nothing.
 */
import { Match, Switch } from "solid-js";
import { howToHear, safeCallLink } from "../../../../schema/meeting-media";
import type { MeetingView } from "../../../../schema/room/views";
import { defineMessages, lang } from "../../i18n";

const mt = defineMessages(
  {
    heading: "Nghe và nói từ xa",
    joinCall: "Tham gia cuộc gọi",
    newTab: "(mở trong thẻ mới)",
    builtinComing: "Âm thanh tích hợp: sắp có. Hiện nghe qua hội trường hoặc cách chi bộ đã báo.",
  },
  {
    heading: "Hearing and speaking remotely",
    joinCall: "Join the call",
    newTab: "(opens in a new tab)",
    builtinComing: "Built-in audio: coming. For now, listen in the hall or as the branch announced.",
  },
);

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
          <p>{mt("builtinComing")}</p>
        </section>
      </Match>
    </Switch>
  );
}
