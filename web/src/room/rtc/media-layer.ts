/**
 * The room's media layer, shared by the hall (hall-media.ts) and the remotes (remote-media.ts): picks the path at
 * run time (the worker's GET …/media/config: the SFU when Cloudflare Realtime is configured, else the star, and the
 * star when the SFU cannot be opened), with the configured STUN/TURN servers; feeds the SFU the room's list of
 * published tracks; registers the test hook; closes with the component.
 */
import { useParams } from "@solidjs/router";
import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import { meetingMediaApi } from "../../api/meeting-media";
import type { RoomConnection } from "../room-socket";
import { exposeMedia } from "./media-hook";
import { mediaConfigOf, transportFor } from "./transport/choose";
import type { ListedTrack, MediaTransport } from "./transport/media-transport";
import { browserPeer } from "./transport/peer";
import { realtimeTransport } from "./transport/realtime-transport";
import { sfuMedia } from "./transport/sfu-media";
import { type StarRole, starTransport } from "./transport/star-transport";

export interface MediaLayerOptions extends Omit<StarRole, "hallId" | "live"> {
  me: Accessor<string>;
  /** Whose stream this page receives on the SFU (the star: whoever offers to us). */
  wants(personId: string): boolean;
  published: MediaStreamTrack[];
}

/** The SFU's published tracks as the room lists them (absent in rooms that never had one). */
export function listedTracks(view: RoomView): ListedTrack[] {
  return view.media?.tracks ?? [];
}

export function useMediaTransport(
  conn: RoomConnection,
  view: Accessor<RoomView>,
  opts: MediaLayerOptions,
): Accessor<MediaTransport | null> {
  const params = useParams<{ tenantId: string; meetingId: string }>();
  const [transport, setTransport] = createSignal<MediaTransport | null>(null);
  let gone = false;
  const role: StarRole = {
    ...opts,
    hallId: () => view().meeting.chairPersonId ?? undefined,
    live: () => view().meeting.status === "live",
  };
  const api = meetingMediaApi(params.tenantId, params.meetingId);
  const choose = () =>
    void mediaConfigOf(api)
      .then((config) =>
        transportFor(config, {
          star: (ice) => starTransport(conn.rtc, role, ice),
          sfu: async (ice) => {
            const sfu = await realtimeTransport({ api, iceServers: ice, createPeer: browserPeer, personId: opts.me() });
            return sfuMedia(sfu, { me: opts.me(), wants: opts.wants });
          },
        }),
      )
      .then((t) => (gone ? t.close() : setTransport(t)));
  // Chosen once the meeting is live: nothing flows before, and an SFU session opens only for a live meeting (a page
  // opened before the start would otherwise fall back to the star for good). TURN credentials are fresh then too.
  let chosen = false;
  createEffect(
    on(role.live, (isLive) => {
      if (!isLive || chosen) return;
      chosen = true;
      choose();
    }),
  );

  createEffect(
    on([transport, () => listedTracks(view()), () => view().floor?.personId], ([t, tracks]) => t?.tracksListed(tracks)),
  );
  const unexpose = exposeMedia(() => transport()?.links() ?? [], opts.published);
  onCleanup(() => {
    gone = true;
    unexpose();
    transport()?.close();
  });
  return transport;
}
