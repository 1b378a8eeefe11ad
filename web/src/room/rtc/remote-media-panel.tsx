/**
 * A remote participant's built-in sound, inside the room's media card: whether they hear the hall, a large
 * "tap to hear the hall" button when the browser blocks sound until a tap, and the microphone's state in big
 * red type while it is open (older members must see at a glance that the hall hears them).
 */
import { type Accessor, Match, Show, Switch } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import type { RoomConnection } from "../room-socket";
import { mediaText } from "./media-strings";
import { QualityBadge } from "./quality-badge";
import { useRemoteMedia } from "./remote-media";
import { StreamVideo } from "./stream-video";

export function RemoteMediaPanel(props: { conn: RoomConnection; view: Accessor<RoomView>; me: Accessor<string> }) {
  const media = useRemoteMedia(props.conn, props.view, props.me);
  return (
    <div class="remote-media" aria-live="polite">
      <Switch>
        <Match when={media.mic() === "on"}>
          <p class="mic-on" role="status">
            <span aria-hidden="true">● </span>
            {mediaText("micOn")}
          </p>
          <p class="muted">{mediaText("micOnHelp")}</p>
          <button type="button" class="btn btn-big btn-block" onClick={() => media.toggleCamera()}>
            {media.camera() === "off" || media.camera() === "denied" ? mediaText("cameraOn") : mediaText("cameraOff")}
          </button>
          <Show when={media.camera() === "denied"}>
            <p class="media-alert">{mediaText("cameraDenied")}</p>
          </Show>
        </Match>
        <Match when={media.mic() === "asking"}>
          <p>{mediaText("micAsking")}</p>
        </Match>
        <Match when={media.mic() === "denied"}>
          <p class="media-alert">{mediaText("micDenied")}</p>
        </Match>
        <Match when={media.mic() === "failed"}>
          <p class="media-alert">{mediaText("micFailed")}</p>
        </Match>
      </Switch>
      <Switch>
        <Match when={props.view().meeting.status !== "live"}>
          <p>{mediaText("notLive")}</p>
        </Match>
        <Match when={media.player.blocked()}>
          <button type="button" class="btn btn-big btn-block btn-primary" onClick={() => media.player.unblock()}>
            {mediaText("tapToHear")}
          </button>
        </Match>
        <Match when={media.hearingHall()}>
          <p class="hearing-hall">{mediaText("hearingHall")}</p>
        </Match>
        <Match when={media.hallSilent()}>
          <p class="media-alert">{mediaText("hallSilent")}</p>
        </Match>
        <Match when={true}>
          <p class="muted">{mediaText("connecting")}</p>
        </Match>
      </Switch>
      <Show when={props.view().meeting.status === "live" && media.hearingHall()}>
        <Show when={media.video.wanted()}>
          <StreamVideo stream={media.hallStream} label={mediaText("hallPicture")} />
        </Show>
        <Show when={media.video.offForSlowness()}>
          <p class="media-alert">{mediaText("slowAudioOnly")}</p>
        </Show>
        <button type="button" class="btn btn-big btn-block" onClick={() => media.video.toggle()}>
          {media.video.wanted() ? mediaText("videoOff") : mediaText("videoOn")}
        </button>
      </Show>
      <Show when={props.view().meeting.status === "live"}>
        <QualityBadge quality={media.quality} />
      </Show>
      <Show when={media.mic() === "off" && props.view().meeting.status === "live"}>
        <p class="muted">{mediaText("micOff")}</p>
      </Show>
    </div>
  );
}
