/**
 * "Kết nối: tốt / chập chờn / mất" on the media card: an icon and words, never colour alone (a colour-blind
 * member, a grey phone screen in the sun). Nothing while there is no link to measure.
 */
import { type Accessor, Show } from "solid-js";
import { mediaText } from "./media-strings";
import type { MediaQuality } from "./transport/media-transport";

const ICON: Record<MediaQuality, string> = { good: "●", poor: "◐", lost: "✕" };
const WORDS = { good: "qualityGood", poor: "qualityPoor", lost: "qualityLost" } as const;

export function QualityBadge(props: { quality: Accessor<MediaQuality | null> }) {
  return (
    <Show when={props.quality()}>
      {(q) => (
        <p class={`media-quality media-quality-${q()}`} role="status">
          <span aria-hidden="true">{ICON[q()]} </span>
          {mediaText(WORDS[q()])}
        </p>
      )}
    </Show>
  );
}
