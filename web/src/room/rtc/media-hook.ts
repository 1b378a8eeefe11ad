/**
 * What the browser test and the media bench read of the media transport (window.__chiboMedia): the peer connections
 * with their direction and peer, and every microphone track published, to check it stopped. Read-only views of
 * objects the page already holds; nothing here is sent anywhere.
 */
import type { LinkInfo } from "./transport/media-transport";

export type { LinkInfo };

export interface MediaHook {
  links: () => LinkInfo[];
  published: MediaStreamTrack[];
}

declare global {
  interface Window {
    __chiboMedia?: MediaHook;
  }
}

/** Registers a star's links for the test hook; several stars on one page (never in practice) add up. */
export function exposeMedia(links: () => LinkInfo[], published: MediaStreamTrack[]): () => void {
  const hook: MediaHook = { links, published };
  window.__chiboMedia = hook;
  return () => {
    if (window.__chiboMedia === hook) window.__chiboMedia = undefined;
  };
}
