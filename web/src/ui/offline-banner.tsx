/** The browser's own online/offline state, for pages without a live socket (the room has its own banner). */
import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { t } from "../i18n/common";

export function OfflineBanner() {
  const [online, setOnline] = createSignal(typeof navigator === "undefined" ? true : navigator.onLine);
  onMount(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    onCleanup(() => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    });
  });
  return (
    <Show when={!online()}>
      <div class="banner banner-offline" role="alert">
        {t("offline")}
      </div>
    </Show>
  );
}
