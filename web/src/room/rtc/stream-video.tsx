/**
 * A received picture: a <video> that plays muted and inline (the sound plays in its own <audio> element, which the
 * autoplay button unblocks; a muted video may start on its own). Nothing while the stream carries no video.
 */
import { type Accessor, createEffect, Show } from "solid-js";

export function StreamVideo(props: { stream: Accessor<MediaStream | null>; label: string; class?: string }) {
  const hasVideo = () => (props.stream()?.getVideoTracks().length ?? 0) > 0;
  return (
    <Show when={hasVideo()}>
      {(_) => {
        let el: HTMLVideoElement | undefined;
        createEffect(() => {
          if (!el) return;
          el.srcObject = props.stream();
          void el.play().catch(() => undefined);
        });
        return (
          <video ref={el} class={props.class ?? "stream-video"} aria-label={props.label} autoplay playsinline muted />
        );
      }}
    </Show>
  );
}
