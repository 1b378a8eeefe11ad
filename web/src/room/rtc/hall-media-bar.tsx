/**
 * The hall screen's built-in sound (meetings whose mediaMode is 'builtin'): starts the hall's side of the star
 * and says in one line whether the hall's sound reaches the remote participants; a large button when the
 * browser will not play the remote speakers' sound before a tap.
 */
import { type Accessor, Match, Show, Switch } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import type { RoomConnection } from "../room-socket";
import { useHallMedia } from "./hall-media";
import { mediaText } from "./media-strings";
import { StreamVideo } from "./stream-video";

export function HallMediaBar(props: { conn: RoomConnection; view: Accessor<RoomView> }) {
  const media = useHallMedia(props.conn, props.view);
  return (
    <section class="hall-media" aria-live="polite">
      <Switch>
        <Match when={media.mic() === "on"}>
          <p>{mediaText("hallSending", { n: media.listeners() })}</p>
        </Match>
        <Match when={media.mic() === "asking"}>
          <p>{mediaText("hallAsking")}</p>
        </Match>
        <Match when={media.mic() === "denied"}>
          <p class="media-alert">{mediaText("hallDenied")}</p>
        </Match>
      </Switch>
      <Show when={media.mic() === "on"}>
        <Show when={media.camera() !== "none"} fallback={<p class="media-alert">{mediaText("hallNoCamera")}</p>}>
          <button type="button" class="btn" onClick={() => media.toggleCamera()} disabled={media.camera() === "asking"}>
            {media.camera() === "on" ? mediaText("hallCameraOff") : mediaText("hallCameraOn")}
          </button>
        </Show>
      </Show>
      <StreamVideo stream={media.speakerStream} label={mediaText("speakerPicture")} />
      <Show when={media.player.blocked()}>
        <button type="button" class="btn btn-big btn-primary" onClick={() => media.player.unblock()}>
          {mediaText("hallTapSound")}
        </button>
      </Show>
    </section>
  );
}
