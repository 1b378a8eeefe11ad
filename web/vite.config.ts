import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";

/**
 * The browser bundle uses zod/mini only. zod's classic API pulls in all of zod's core, and the member's
 * room view shares that core chunk with every other page, so one classic import anywhere in the client
 * costs every phone ~17 KB gzipped (issue 4: the member room view ≤ 60 KB). Schemas the client imports at
 * run time are written with zod/mini (schema/room/*, schema/errors.ts); labels sit in zod-free modules
 * (schema/api/report-labels.ts); the rest of schema/api is `import type` on this side.
 */
function zodMiniOnly(): Plugin {
  return {
    name: "chibo:zod-mini-only",
    enforce: "pre",
    resolveId(source, importer) {
      if ((source === "zod" || source === "zod/v4") && importer && !importer.includes("/node_modules/")) {
        this.error(`${importer} imports "${source}": the web client may use "zod/mini" only (see web/vite.config.ts)`);
      }
      return null;
    },
  };
}

/**
 * Builds the Solid client into web/dist, which wrangler serves as [assets]. `vite dev` (port 5173) forwards
 * the API and room sockets to a running `wrangler dev` on 8787, so the client reloads while the Worker runs.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [zodMiniOnly(), solid()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Pages are lazy chunks; the member's room view must stay small, so nothing is merged into the entry.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // The one big chunk is the minutes PDF maker (pdf-lib + fontkit, ~500 KB gzipped), loaded only when
    // someone presses "Tải PDF"; every page a member opens stays far below this.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      "/api": "http://localhost:8787",
      "/parties": { target: "ws://localhost:8787", ws: true },
    },
  },
});
