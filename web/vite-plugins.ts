/**
 * Build plugins that keep the member's room view small and quick on a slow phone (issue 4: ≤ 60 KB of
 * JavaScript gzipped, the vote buttons within 3 s under 4× CPU and slow 4G; measured by bench/web.ts).
 */
import { join } from "node:path";
import type { ChunkingContext, CodeSplittingOptions } from "rolldown";
import type { Plugin } from "vite";

/**
 * The browser bundle uses zod/mini only. zod's classic API pulls in all of zod's core, and the member's
 * room view shares that core chunk with every other page, so one classic import anywhere in the client
 * costs every phone ~17 KB gzipped. Schemas the client imports at run time are written with zod/mini
 * (schema/room/*, schema/errors.ts); labels sit in zod-free modules (schema/api/report-labels.ts); the rest
 * of schema/api is `import type` on this side.
 */
export function zodMiniOnly(): Plugin {
  return {
    name: "chibo:zod-mini-only",
    enforce: "pre",
    resolveId(source, importer) {
      if ((source === "zod" || source === "zod/v4") && importer && !importer.includes("/node_modules/")) {
        this.error(`${importer} imports "${source}": the web client may use "zod/mini" only (see web/vite-plugins.ts)`);
      }
      return null;
    },
  };
}

/** The lazy pages whose code src/room/room-boot.ts asks for at once on their own address. */
const LIVE_PAGES = { room: "/src/room/room-page.tsx", hall: "/src/room/hall-page.tsx" } as const;
/** index.html's data block the build fills with those pages' files. */
const ASSETS_BLOCK = '<script type="application/json" id="chibo-room-assets">{}</script>';
const BOOT_SOURCE = "/src/room/room-boot.ts";
const BOOT_TAG = `<script type="module" src="${BOOT_SOURCE}"></script>`;
const BOOT_MARK = "<!--chibo:room-boot-->";

/**
 * Keeps src/room/room-boot.ts its own small entry in the build. Vite would join every module script of
 * index.html into the app's entry, so the head start would wait for the whole shell; instead the tag is
 * taken out of the HTML before Vite reads it, the file is built as a second input, and liveRoomPreload puts
 * the built file's tag back in its place, ahead of the entry. `vite dev` serves the tag as written.
 */
export function liveRoomBoot(webRoot: string): Plugin {
  return {
    name: "chibo:live-room-boot",
    apply: "build",
    config: () => ({
      build: {
        rolldownOptions: {
          input: { index: join(webRoot, "index.html"), "room-boot": join(webRoot, BOOT_SOURCE) },
        },
      },
    }),
    transformIndexHtml: {
      order: "pre",
      handler(html) {
        if (!html.includes(BOOT_TAG)) throw new Error(`index.html lost ${BOOT_TAG} (web/vite-plugins.ts)`);
        return html.replace(BOOT_TAG, BOOT_MARK);
      },
    },
  };
}

/**
 * Writes into index.html, for the room and the hall, every chunk and stylesheet their lazy page needs, so
 * room-boot can ask for them beside the entry (modulepreload) instead of one round trip after the entry has
 * run, and the built room-boot's own tag. The entry's own chunks are left out: the HTML asks for those already.
 */
export function liveRoomPreload(): Plugin {
  return {
    name: "chibo:live-room-preload",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        if (!html.includes(ASSETS_BLOCK) || !html.includes(BOOT_MARK)) {
          throw new Error("index.html lacks the room assets block or room-boot (web/vite-plugins.ts)");
        }
        const chunks = Object.values(bundle).flatMap((o) => (o.type === "chunk" ? [o] : []));
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const closure = (start: string[]) => {
          const seen = new Set<string>();
          const visit = (file: string) => {
            if (seen.has(file)) return;
            seen.add(file);
            for (const dep of byFile.get(file)?.imports ?? []) visit(dep);
          };
          start.forEach(visit);
          return seen;
        };
        const inEntry = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
        const assets: Record<string, string[]> = {};
        for (const [page, source] of Object.entries(LIVE_PAGES)) {
          const chunk = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(source)));
          if (!chunk) throw new Error(`no chunk for ${source}: room-boot's preload would miss it`);
          const files = [...closure([chunk.fileName])].filter((f) => !inEntry.has(f));
          const css = files.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]);
          assets[page] = [...new Set([...css, ...files])].map((f) => `/${f}`);
        }
        const boot = chunks.find((c) => c.isEntry && c.facadeModuleId?.endsWith(BOOT_SOURCE));
        if (!boot) throw new Error(`no entry chunk for ${BOOT_SOURCE}`);
        // JSON inside <script>: a file name never holds `<`, but keep the block unbreakable anyway.
        const json = JSON.stringify(assets).replace(/</g, "\\u003c");
        return html
          .replace(ASSETS_BLOCK, () => ASSETS_BLOCK.replace("{}", () => json))
          .replace(BOOT_MARK, `<script type="module" crossorigin src="/${boot.fileName}"></script>`);
      },
    },
  };
}

/**
 * Fewer, larger chunks on the member's path. Left to itself the bundler cuts the room route into ten files
 * (the entry, Solid, tiny shared bits, the room page, the room's shared parts, zod) and two stylesheets; on
 * HTTP/1.1 (six connections per host, as `wrangler dev` serves) each wave of six costs a slow-4G round trip.
 * Grouped: the shell (everything the entry loads, plus the router links and text-size controls nearly every
 * page uses, and the room's stylesheet, 2 KB gzipped, so the room asks for one stylesheet, not two), zod/mini
 * (also wanted by the error envelope on any page), and the room page with all it imports. With the ticket and
 * the bundler's small runtime (which no group can take) that is six requests beside the HTML: one wave.
 */
export function liveRoomChunks(webRoot: string): CodeSplittingOptions {
  const closures = new Map<string, Set<string>>();
  const closureOf = (ctx: ChunkingContext, start: string): Set<string> => {
    let seen = closures.get(start);
    if (seen) return seen;
    seen = new Set();
    const todo = [start];
    for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
    }
    closures.set(start, seen);
    return seen;
  };
  const src = (path: string) => join(webRoot, "src", path);
  const alsoShell =
    /[\\/](web[\\/]src[\\/]room[\\/]room\.css|web[\\/]src[\\/]ui[\\/]controls\.tsx|@solidjs[\\/]router[\\/]dist[\\/]components\.jsx)$/;
  const inShell = (id: string, ctx: ChunkingContext) => alsoShell.test(id) || closureOf(ctx, src("main.tsx")).has(id);
  return {
    groups: [
      { name: "zod", test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 3 },
      { name: (id, ctx) => (inShell(id, ctx) ? "shell" : null), priority: 2 },
      {
        name: (id, ctx) =>
          closureOf(ctx, src("room/room-page.tsx")).has(id) && !inShell(id, ctx) ? "room-page" : null,
        priority: 1,
      },
    ],
  };
}
