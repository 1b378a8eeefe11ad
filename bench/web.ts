/**
 * Web client figures (issue 4): the member room view's JavaScript, gzipped (target ≤ 60 KB), and the time
 * until the member view can vote under Chromium's throttling — 4× CPU slowdown and a slow-4G network
 * (Lighthouse's DevTools profile: 562.5 ms RTT, 1.4 Mbit/s down, 675 kbit/s up) — (target ≤ 3 s).
 *
 * Runs against the built client (npm run build) served by `wrangler dev` on a fresh seeded local D1. The
 * chair opens a vote over a plain WebSocket first; each run is a cold browser context (empty cache) whose
 * session cookie is set directly, so the time covers loading the app, the ticket, the socket and the
 * snapshot until the "Tán thành" button is on screen and enabled.
 *
 *   npm run build && npm run bench -- --only web     (figures printed and written to bench/results/web.json)
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium } from "../scripts/lib/chromium.ts";
import { loadSeedLocal } from "../scripts/lib/shard-seed.ts";
import { applyMigrationsLocal, freePort, root, startDev } from "../scripts/lib/wrangler.ts";
import { buildSeed, PASSWORD, type Seed } from "../test/browser/seed.ts";
import { PHONE } from "../test/browser/support.ts";

const dist = join(root, "web/dist");
const RUNS = 5;
const TARGET_KB = 60;
const TARGET_MS = 3000;
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.4 * 1024 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
};

const gzKb = (file: string) => gzipSync(readFileSync(join(dist, "assets", file)), { level: 9 }).length / 1024;

/**
 * The chunks the room route loads, read from the build: the entry and its static imports, then the
 * lazy room page with the dependencies Vite lists for it (its own lazy consoles are not loaded for a member).
 */
function roomRouteChunks(): string[] {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  // Two module scripts: room-boot (the room's head start, its own tiny entry) and the app's entry.
  const scripts = [...html.matchAll(/<script type="module"[^>]*src="\/assets\/([^"]+)"/g)].map((m) => m[1]!);
  const entry = scripts.find((f) => !f.startsWith("room-boot-"));
  if (!entry) throw new Error("no entry script in web/dist/index.html");
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, "assets", file), "utf8");
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(m[1]!);
  };
  scripts.forEach(visit);
  const entryCode = readFileSync(join(dist, "assets", entry), "utf8");
  const deps =
    /m\.f\|\|\(m\.f=\[([^\]]*)\]\)/
      .exec(entryCode)?.[1]
      ?.split(",")
      .map((s) => basename(s.replace(/"/g, ""))) ?? [];
  const roomIndex = deps.findIndex((d) => d.startsWith("room-page-"));
  if (roomIndex < 0) throw new Error("room-page chunk not found in the entry's dependency map");
  const call = new RegExp(`__vite__mapDeps\\(\\[${roomIndex}(,[\\d,]*)?\\]\\)`).exec(entryCode);
  const ids = call ? [roomIndex, ...(call[1] ?? "").split(",").filter(Boolean).map(Number)] : [roomIndex];
  for (const id of ids) {
    const dep = deps[id];
    if (dep?.endsWith(".js")) visit(dep);
  }
  return [...seen];
}

async function api(base: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const login = async (base: string, email: string) =>
  String((await api(base, "/api/auth/login", { email, password: PASSWORD })).token);

/** The chair starts the meeting and opens a vote over a plain WebSocket, the way the console would. */
async function openVote(base: string, seed: Seed): Promise<() => void> {
  const token = await login(base, seed.people.chair.email);
  const { ticket, roomPath } = await api(
    base,
    `/api/tenants/${seed.tenantId}/tickets`,
    { meetingId: seed.meetingId },
    token,
  );
  const ws = new WebSocket(
    `${base.replace(/^http/, "ws")}${String(roomPath)}?ticket=${encodeURIComponent(String(ticket))}`,
  );
  const acks = new Map<string, (ok: boolean) => void>();
  ws.addEventListener("message", (ev) => {
    const msg = JSON.parse(String(ev.data)) as { type: string; ref?: string; message?: string };
    if ((msg.type === "ack" || msg.type === "error") && msg.ref) acks.get(msg.ref)?.(msg.type === "ack");
  });
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve, { once: true });
    ws.addEventListener("error", reject, { once: true });
  });
  const send = (msg: Record<string, unknown>) =>
    new Promise<boolean>((resolve) => {
      acks.set(String(msg.id), resolve);
      ws.send(JSON.stringify(msg));
    });
  if (!(await send({ type: "meeting/start", id: "bench-start" }))) throw new Error("meeting/start refused");
  if (
    !(await send({
      type: "vote/open",
      id: "bench-vote",
      motion: "Thông qua nghị quyết tháng 12",
      rule: "resolution",
      secret: false,
    }))
  ) {
    throw new Error("vote/open refused");
  }
  return () => ws.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!existsSync(join(dist, "index.html"))) throw new Error("web/dist is missing: run `npm run build` first");
  const chunks = roomRouteChunks();
  const perChunk = Object.fromEntries(chunks.map((c) => [c, Math.round(gzKb(c) * 100) / 100]));
  const staticKb = chunks.reduce((s, c) => s + gzKb(c), 0);

  const persistTo = await mkdtemp(join(tmpdir(), "chibo-bench-web-"));
  await applyMigrationsLocal(persistTo);
  const { seed, sql } = await buildSeed();
  await writeFile(join(persistTo, "seed.sql"), sql);
  await loadSeedLocal(join(persistTo, "seed.sql"), persistTo);
  const dev = await startDev({
    port: await freePort(),
    persistTo,
    vars: { SESSION_SECRET: "bench-secret-0123456789abcdef" },
  });
  const browser = await launchChromium();
  const times: number[] = [];
  let loadedScripts: string[] = [];
  try {
    const closeChair = await openVote(dev.url, seed);
    const memberToken = await login(dev.url, seed.people.member.email);
    const roomPath = `/t/${seed.tenantId}/meetings/${seed.meetingId}/room`;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: PHONE, locale: "vi-VN" });
      await context.addCookies([{ name: "chibo_session", value: memberToken, url: dev.url }]);
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on("response", (res) => {
        if (res.request().resourceType() === "script") scripts.push(basename(new URL(res.url()).pathname));
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      const t0 = Date.now();
      await page.goto(`${dev.url}${roomPath}`, { waitUntil: "commit" });
      const agree = page.locator(".ballot-buttons").getByRole("button", { name: "Tán thành", exact: true });
      await agree.waitFor({ state: "visible", timeout: 60_000 });
      await page.waitForFunction(() => {
        const b = [...document.querySelectorAll<HTMLButtonElement>(".ballot-buttons button")].find(
          (x) => x.textContent?.trim() === "Tán thành",
        );
        return !!b && !b.disabled;
      });
      times.push(Date.now() - t0);
      loadedScripts = scripts;
      await context.close();
    }
    closeChair();
  } finally {
    await browser.close();
    await dev.stop();
    await rm(persistTo, { recursive: true, force: true });
  }

  const loadedKb = loadedScripts.reduce((s, f) => s + gzKb(f), 0);
  const result = {
    date: new Date().toISOString(),
    memberRoomJsGzipKb: Math.round(loadedKb * 10) / 10,
    memberRoomJsGzipKbFromBuild: Math.round(staticKb * 10) / 10,
    targetKb: TARGET_KB,
    chunks: perChunk,
    scriptsLoadedInBrowser: loadedScripts,
    timeToVoteMs: { median: median(times), runs: times },
    targetMs: TARGET_MS,
    throttling: {
      cpuSlowdown: 4,
      network: "slow 4G (DevTools): 562.5 ms RTT, 1.4 Mbit/s down, 675 kbit/s up",
      cache: "disabled",
    },
    pass: { size: loadedKb <= TARGET_KB, time: median(times) <= TARGET_MS },
  };
  mkdirSync(join(root, "bench/results"), { recursive: true });
  writeFileSync(join(root, "bench/results/web.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log("Member room view, JavaScript gzipped:");
  for (const [file, kb] of Object.entries(perChunk)) console.log(`  ${file.padEnd(40)} ${kb.toFixed(2)} KB`);
  console.log(
    `  total (loaded in the browser)            ${result.memberRoomJsGzipKb} KB  (target ≤ ${TARGET_KB} KB) ${result.pass.size ? "OK" : "OVER"}`,
  );
  console.log(`Time until the member can vote (4× CPU, slow 4G, cold cache), ${RUNS} runs: ${times.join(", ")} ms`);
  console.log(
    `  median ${result.timeToVoteMs.median} ms  (target ≤ ${TARGET_MS} ms) ${result.pass.time ? "OK" : "OVER"}`,
  );
}

await main();
