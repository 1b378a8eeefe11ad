/**
 * Built-in sound, peer to peer (issue 13): how long from the chair giving the floor to a remote member until the
 * hall receives that member's first audio packets (p50/p95 over 20 turns), and the hall's uplink (kbit/s of audio
 * and of video sent — the hall publishes its camera too — from getStats bytesSent over a few seconds) with 1, 5 and
 * 10 remote listeners in the star.
 *
 * Real parts: the built client served by `wrangler dev` on a fresh seeded local D1 (test/browser/seed.ts, its
 * media branch), Chromium with fake devices (a beeping microphone), one context per person. The chair's console
 * is a plain WebSocket (start, give and end the floor); the hall screen is a page under the chair's session.
 *
 *   npm run build && npm run bench -- --only media     (figures printed and written to bench/results/media.md)
 */

import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../scripts/lib/chromium.ts";
import { loadSeedLocal } from "../scripts/lib/shard-seed.ts";
import { applyMigrationsLocal, freePort, root, startDev } from "../scripts/lib/wrangler.ts";
import { audioFlows, bytesWith, MEDIA_ARGS, mediaFlows, publishedTracks } from "../test/browser/media-stats.ts";
import { buildSeed, PASSWORD, type SeedPerson } from "../test/browser/seed.ts";
import { machine, markdownTable, writeResults } from "./lib/results.ts";

const TURNS = 20;
const UPLINK_SECONDS = 5;
const LISTENER_COUNTS = [1, 5, 10];

async function post(base: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
const login = async (base: string, email: string) =>
  String((await post(base, "/api/auth/login", { email, password: PASSWORD })).token);

/** The chair's console as a plain WebSocket: sends a frame and waits for its ack. */
async function chairSocket(base: string, tenantId: string, meetingId: string, token: string) {
  const { ticket, roomPath } = await post(base, `/api/tenants/${tenantId}/tickets`, { meetingId }, token);
  const ws = new WebSocket(
    `${base.replace(/^http/, "ws")}${String(roomPath)}?ticket=${encodeURIComponent(String(ticket))}`,
  );
  const acks = new Map<string, (ok: boolean) => void>();
  ws.addEventListener("message", (ev) => {
    const msg = JSON.parse(String(ev.data)) as { type: string; ref?: string };
    if ((msg.type === "ack" || msg.type === "error") && msg.ref) acks.get(msg.ref)?.(msg.type === "ack");
  });
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve, { once: true });
    ws.addEventListener("error", reject, { once: true });
  });
  let n = 0;
  const send = (msg: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      const id = `bench-${++n}`;
      acks.set(id, (ok) => (ok ? resolve() : reject(new Error(`${String(msg.type)} refused`))));
      ws.send(JSON.stringify({ ...msg, id }));
    });
  return { send, close: () => ws.close() };
}

async function openAs(browser: Browser, base: string, who: SeedPerson, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: "vi-VN" });
  await context.addCookies([{ name: "chibo_session", value: await login(base, who.email), url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  return page;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

/** The hall's audio (and video) bytes sent over all its out links, and how many of them are connected. */
async function hallOut(hall: Page) {
  const out = (await audioFlows(hall)).filter((f) => f.direction === "out");
  const video = (await mediaFlows(hall, "video")).filter((f) => f.direction === "out");
  return {
    bytes: out.reduce((s, f) => s + f.bytes, 0),
    withHeaders: out.reduce((s, f) => s + f.bytes + f.headerBytes, 0),
    videoWithHeaders: video.reduce((s, f) => s + f.bytes + f.headerBytes, 0),
    connected: out.filter((f) => f.state === "connected").length,
  };
}

async function main() {
  if (!existsSync(join(root, "web/dist/index.html"))) throw new Error("web/dist is missing: run `npm run build` first");
  const persistTo = await mkdtemp(join(tmpdir(), "chibo-bench-media-"));
  await applyMigrationsLocal(persistTo);
  const { seed, sql } = await buildSeed();
  await writeFile(join(persistTo, "seed.sql"), sql);
  await loadSeedLocal(join(persistTo, "seed.sql"), persistTo);
  const dev = await startDev({
    port: await freePort(),
    persistTo,
    vars: { SESSION_SECRET: "bench-secret-0123456789abcdef" },
  });
  const browser = await launchChromium(MEDIA_ARGS);
  const md = seed.media;
  const room = `/t/${seed.tenantId}/meetings/${md.meetingId}/room`;
  const latencies: number[] = [];
  const uplink: { listeners: number; kbps: number; withRtpHeadersKbps: number; videoKbps: number }[] = [];
  try {
    const chair = await chairSocket(dev.url, seed.tenantId, md.meetingId, await login(dev.url, md.chair.email));
    await chair.send({ type: "meeting/start" });
    const hall = await openAs(browser, dev.url, md.chair, `/t/${seed.tenantId}/meetings/${md.meetingId}/hall`);
    await hall.getByText(/Âm thanh hội trường: đang gửi tới/).waitFor({ timeout: 30_000 });
    const speaker = await openAs(browser, dev.url, md.member, room);
    await until("the speaker hears the hall", async () => (await bytesWith(speaker, md.chair.id, "in")) > 0);

    for (let turn = 0; turn < TURNS; turn++) {
      const t0 = performance.now();
      await chair.send({ type: "floor/give", personId: md.member.id });
      await until("the hall hears the speaker", async () => (await bytesWith(hall, md.member.id, "in")) > 0);
      latencies.push(performance.now() - t0);
      await chair.send({ type: "floor/end" });
      await until("the speaker's mic stops", async () => (await publishedTracks(speaker)).every((s) => s === "ended"));
      await until(
        "the hall's link from the speaker closes",
        async () => (await bytesWith(hall, md.member.id, "in")) === 0,
      );
    }

    // The speaker is the first listener; the others join until 1, 5 and 10 listen.
    const listeners: Page[] = [speaker];
    for (const n of LISTENER_COUNTS) {
      while (listeners.length < n)
        listeners.push(await openAs(browser, dev.url, md.listeners[listeners.length - 1]!, room));
      await until(`${n} listeners connected`, async () => (await hallOut(hall)).connected >= n, 60_000);
      await new Promise((r) => setTimeout(r, 2_000)); // past the start-up burst
      const a = await hallOut(hall);
      const t = performance.now();
      await new Promise((r) => setTimeout(r, UPLINK_SECONDS * 1000));
      const b = await hallOut(hall);
      const ms = performance.now() - t;
      uplink.push({
        listeners: n,
        kbps: Math.round(((b.bytes - a.bytes) * 8) / ms),
        withRtpHeadersKbps: Math.round(((b.withHeaders - a.withHeaders) * 8) / ms),
        videoKbps: Math.round(((b.videoWithHeaders - a.videoWithHeaders) * 8) / ms),
      });
    }
    chair.close();
  } finally {
    await browser.close();
    await dev.stop();
    await rm(persistTo, { recursive: true, force: true });
  }

  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    floorToHallMs: {
      p50: Math.round(pct(latencies, 0.5)),
      p95: Math.round(pct(latencies, 0.95)),
      runs: latencies.map(Math.round),
    },
    hallUplinkKbps: uplink,
    audioMaxBitrateKbps: 32,
    videoMaxBitrateKbps: 250,
  };
  const markdown = [
    "# Built-in sound and picture, peer to peer (bench/media.ts)",
    "",
    `Measured ${result.date} on ${result.machine.cpus} × ${result.machine.cpuModel}, Node ${result.machine.node}: local \`wrangler dev\`, Chromium with fake devices, all peers on one machine (no network delay or loss).`,
    "",
    markdownTable(
      ["floor given → hall receives the speaker's first audio", "p50", "p95", "turns"],
      [["ms", result.floorToHallMs.p50, result.floorToHallMs.p95, TURNS]],
    ),
    "",
    markdownTable(
      [
        "remote listeners",
        "hall's audio uplink, Opus payload (kbit/s)",
        "with RTP headers (kbit/s; UDP/IP add ~11 more per listener at 50 packets/s)",
        "hall's camera, video with RTP headers (kbit/s; 640×360, 15 fps, capped at 250 per link)",
        "audio + video (kbit/s)",
      ],
      uplink.map((u) => [u.listeners, u.kbps, u.withRtpHeadersKbps, u.videoKbps, u.withRtpHeadersKbps + u.videoKbps]),
    ),
    "",
  ].join("\n");
  await writeResults("media", result, markdown);
  console.log(markdown);
}

await main();
