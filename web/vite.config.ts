import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { ROOM_PAGE_PATTERN } from "../schema/room-page.ts";
import { liveRoomBoot, liveRoomChunks, liveRoomPreload, zodMiniOnly } from "./vite-plugins.ts";

/**
 * Builds the Solid client into web/dist, which wrangler serves as [assets]. `vite dev` (port 5173) forwards
 * the API and room sockets to a running `wrangler dev` on 8787, so the client reloads while the Worker runs.
 * The plugins keep the member's room view small and quick (web/vite-plugins.ts).
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [zodMiniOnly(), solid(), liveRoomBoot(import.meta.dirname), liveRoomPreload()],
  // src/room/room-boot.ts must import nothing (an import would make it wait for the shell's chunk): the live pages'
  // pattern reaches it as a constant.
  define: { __ROOM_PAGE_SOURCE__: JSON.stringify(ROOM_PAGE_PATTERN.source) },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Pages are lazy chunks; only what nearly every page uses (and the room's stylesheet) joins the entry.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // The one big chunk is the minutes PDF maker (pdf-lib + fontkit, ~400 KB gzipped), loaded only when
    // someone presses "Tải PDF"; every page a member opens stays far below this.
    chunkSizeWarningLimit: 1200,
    // The room route in a few chunks, not ten (HTTP/1.1 asks six at a time): see vite-plugins.ts.
    rolldownOptions: { output: { codeSplitting: liveRoomChunks(import.meta.dirname) } },
  },
  server: {
    proxy: {
      "/api": "http://localhost:8787",
      "/parties": { target: "ws://localhost:8787", ws: true },
    },
  },
});
