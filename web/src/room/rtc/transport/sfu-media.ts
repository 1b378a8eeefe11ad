/**
 * The SFU as the media layer's `MediaTransport`: publishes this page's tracks under its own names
 * (`audio-<personId>`, `video-<personId>`, which the worker checks) and follows the room's list of published
 * tracks (the view's `media.tracks`): it subscribes to the tracks of the people it wants (the hall, the floor's
 * holder; never itself) as they appear, and unsubscribes when they leave the list or the person is no longer wanted.
 * Each person's received tracks make one stream.
 */
import type {
  ListedTrack,
  MediaQuality,
  MediaTransport,
  PublishedTrack,
  SfuTransport,
  StreamListener,
} from "./media-transport";

export interface SfuWants {
  me: string;
  /** Whose tracks this page receives now (the hall; the floor's holder): read at each list change. */
  wants(personId: string): boolean;
}

type Sfu = SfuTransport & { sampleQuality(): Promise<MediaQuality> };
const keyOf = (t: { sessionId: string; trackName: string }) => `${t.sessionId}/${t.trackName}`;

export function sfuMedia(sfu: Sfu, who: SfuWants): MediaTransport {
  const listeners = new Set<StreamListener>();
  const published = new Map<MediaStreamTrack, Promise<PublishedTrack | null>>();
  /** Subscribed (or being subscribed) tracks by key, with what they resolve to. */
  const held = new Map<string, { track: ListedTrack; received: Promise<MediaStreamTrack | null> }>();
  /** Each person's received tracks: told as a new stream on every change. */
  const received = new Map<string, MediaStreamTrack[]>();
  let closed = false;
  let video = true;
  let listed: ListedTrack[] = [];

  const tell = (personId: string, stream: MediaStream | null) => {
    for (const l of listeners) l(personId, stream);
  };
  const release = async (key: string) => {
    const h = held.get(key);
    if (!h) return;
    held.delete(key);
    const got = await h.received;
    await sfu.unsubscribe(h.track).catch(() => undefined);
    const theirs = (received.get(h.track.personId) ?? []).filter((t) => t !== got);
    if (!got || closed) return;
    if (theirs.length) {
      received.set(h.track.personId, theirs);
      return tell(h.track.personId, new MediaStream(theirs));
    }
    received.delete(h.track.personId);
    tell(h.track.personId, null);
  };
  const take = (t: ListedTrack) => {
    const got = sfu.subscribe(t).then(
      (track) => {
        if (!held.has(keyOf(t)) || closed) return track;
        const theirs = [...(received.get(t.personId) ?? []), track];
        received.set(t.personId, theirs);
        tell(t.personId, new MediaStream(theirs));
        return track;
      },
      () => null,
    );
    held.set(keyOf(t), { track: t, received: got });
  };

  const media: MediaTransport = {
    kind: "sfu",
    publish(tracks) {
      for (const [track, pub] of [...published]) {
        if (tracks.includes(track)) continue;
        published.delete(track);
        track.stop();
        void pub.then((p) => p?.stop()).catch(() => undefined);
      }
      for (const track of tracks)
        if (!published.has(track))
          published.set(
            track,
            sfu.publish(track, `${track.kind}-${who.me}`).catch(() => null),
          );
    },
    announce() {},
    tracksListed(tracks) {
      listed = tracks;
      const wanted = tracks.filter(
        (t) => t.personId !== who.me && who.wants(t.personId) && (t.kind === "audio" || video),
      );
      const keys = new Set(wanted.map(keyOf));
      for (const key of [...held.keys()]) if (!keys.has(key)) void release(key);
      for (const t of wanted) if (!held.has(keyOf(t))) take(t);
    },
    onStream(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drop(personId) {
      for (const [key, h] of [...held]) if (h.track.personId === personId) void release(key);
    },
    setVideo(on) {
      video = on;
      media.tracksListed(listed);
    },
    quality: () => sfu.sampleQuality(),
    links: () => [],
    close() {
      closed = true;
      media.publish([]);
      listeners.clear();
      void sfu.close();
    },
  };
  return media;
}
