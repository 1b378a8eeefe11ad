/**
 * Room benchmark (issue 3, 2,000 members: issue 14): one MeetingRoom with 100, 500 (and 2,000) connected official
 * members under `wrangler dev`, against the bare partyserver echo room of ../shared/STACK.md (bench/echo, its own
 * Worker, started in the same run) with the same clients, sizes and rounds. Measured:
 * - the join: every member opens the room, gets its snapshot and taps Join on it; time until every tap is
 *   acknowledged, against the echo sending each new socket one frame of our snapshot's size (built once) and
 *   answering the tap, and against the echo's bare sockets (no frame);
 * - agenda change: the chair moves to the next item; per round, the time until every member has the
 *   `agenda` event (and each single delivery); `rounds` rounds;
 * - a vote: the chair opens it, every member casts a ballot as soon as the vote reaches them; time from
 *   opening to the last ballot acknowledged, and to the closed result received by everyone; each ballot's ack
 *   (p99) and how long the ballots took to leave. Checked: no error frame, no version gap, every result frame
 *   counts the acknowledged ballots (none lost or counted twice), and D1's stored tally and ballot rows equal what
 *   was cast.
 * The echo room does the same frame pattern with nothing behind it: a broadcast for the agenda change and
 * the vote's opening and result (padded to our frames' sizes), a reply to the sender for each ballot.
 * Target: our figures within 1.5× of the echo's, no ballot lost, no error. Figures go to
 * bench/results/room.{json,md}.
 *
 *   npm run bench -- --only room [--sizes 100,500,2000] [--rounds 40] [--votes 3] [--keep] [--join-only]
 */

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadSeedLocal } from "../scripts/lib/shard-seed.ts";
import { applyMigrationsLocal, type DevServer, freePort } from "../scripts/lib/wrangler.ts";
import { TO_SENDER } from "./echo/protocol.ts";
import { groupCpuMs } from "./lib/cpu.ts";
import { type CpuProfile, startProfile, startRawProfile, topSelf } from "./lib/cpu-profile.ts";
import { type StoredTally, storedTallies } from "./lib/d1-tallies.ts";
import { Fleet, median, percentiles, sleep } from "./lib/fleet.ts";
import { DEV_SETUP, startFrozenDev } from "./lib/frozen-dev.ts";
import { type JoinFigures, joinWatch } from "./lib/join-watch.ts";
import { bundleModules, summarizeByModule } from "./lib/profile-modules.ts";
import { machine, markdownTable, writeResults } from "./lib/results.ts";
import { AGENDA_ITEMS, branchesSeed, itemId, ROOM_SECRET, roomUrls } from "./lib/room-seed.ts";
import { chairOf, choiceOf, runVote, type Tally } from "./lib/room-vote.ts";

const TARGET_RATIO = 1.5;
/** 2,000 members on a shared two-core machine take minutes to fill alone. */
const WATCHDOG_MS = 40 * 60_000;
const TENANT = "t-bench-room";
/** Sockets opened at once while a room fills (a real room fills over minutes; this is not measured). */
const CONNECT_CONCURRENCY = 20;
/** Between rounds: lets coalesced frames of the previous round drain, and keeps the chair under the rate limit. */
const ROUND_GAP_MS = 120;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,500,2000" },
    rounds: { type: "string", default: "40" },
    votes: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    "join-only": { type: "boolean", default: false },
    /** A V8 CPU profile of our room's isolate during each join (top functions by self time, printed). */
    profile: { type: "boolean", default: false },
    /** With --profile: a directory to keep each join's raw profile in (`room-join-<n>.cpuprofile`). */
    "profile-out": { type: "string" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const rounds = Number(values.rounds);
const voteCount = Number(values.votes);
/** Only the fill and the Join taps (profiling the join without the rounds and votes). */
const joinOnly = values["join-only"];

interface AgendaFigures {
  /** Per round: until every member had the event. */
  all: ReturnType<typeof percentiles>;
  /** Every single delivery, all rounds. */
  each: ReturnType<typeof percentiles>;
  /** Per round: until the first member had it (what comes before the fan-out: parsing, storing, the output gate). */
  first: ReturnType<typeof percentiles>;
  /** Server CPU (wrangler + workerd) per round. */
  serverCpuMsPerRound: number | null;
  frameBytes: number;
}
interface VoteFigures {
  /** Opening sent → last ballot acknowledged (median over votes). */
  lastAckMs: number;
  /** Opening sent → the closed result received by every member. */
  resultMs: number;
  /** Close sent → result received by every member. */
  closeToAllMs: number;
  perVote: { lastAckMs: number; resultMs: number; closeToAllMs: number; sendSpreadMs?: number }[];
  serverCpuMsPerVote: number | null;
  resultBytes: number;
  /** Room only: each ballot, sent → acknowledged. */
  ballotAck?: ReturnType<typeof percentiles>;
  /** Room only: result frames showing another count of ballots than were acknowledged. */
  miscounted?: number;
}
interface SizeRun extends JoinFigures {
  n: number;
  /** Server CPU while the room filled and everyone joined. */
  serverCpuMsJoin: number | null;
  /** The load generator's own CPU (this Node process) for the join: is one process the limit? */
  clientCpuMsJoin?: number;
  /** Echo only: start → every socket open, no frame sent (the yardstick of the first room bench). */
  openMs?: number;
  /** Absent with --join-only. */
  agenda?: AgendaFigures;
  vote?: VoteFigures;
  errors: number;
  versionGaps: number;
  /** Room only: vote id → what was cast, checked against D1. */
  cast?: Record<string, Tally>;
}

const cpu = (server: DevServer) => groupCpuMs(server.child.pid!);
/** This process's CPU (user + system), ms. */
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const perUnit = (a: number | null, b: number | null, units: number) =>
  a === null || b === null ? null : Math.round(((b - a) / units) * 10) / 10;

/**
 * The join's profile: the functions with the most self time, and the time by the nearest frame of our own code
 * (which step of the join: the gate's ticket check, the admission, the snapshot, the taps), as shares of the
 * isolate's busy time. The raw profile is kept beside the run (open it in Chrome's DevTools) with `--profile-out`.
 */
async function printJoinProfile(profile: CpuProfile, bundle: string, n: number) {
  const summary = summarizeByModule(profile, await bundleModules(bundle), n, 25);
  console.log(`join of ${n}, our room's isolate, top self time:\n${JSON.stringify(topSelf(profile, 25), null, 1)}`);
  console.log(
    `join of ${n}: isolate sampled ${summary.totalMs} ms, idle ${summary.idleMs} ms, busy ${summary.busyMsPerRequest} ms per member; by our nearest frame (% of busy):\n` +
      summary.byOwnCaller.map((l) => `  ${l.share}%  ${l.ms} ms  ${l.what}`).join("\n"),
  );
  if (values["profile-out"])
    await writeFile(join(values["profile-out"], `room-join-${n}.cpuprofile`), JSON.stringify(profile));
}

/** Runs the agenda rounds: `send(r)` makes one change; `isIt(frame, r)` recognises it on arrival. */
async function agendaRounds(
  fleet: Fleet,
  server: DevServer,
  send: (r: number) => void,
  isIt: (f: Record<string, unknown>, r: number) => boolean,
): Promise<AgendaFigures> {
  const all: number[] = [];
  const each: number[] = [];
  const first: number[] = [];
  let frameBytes = 0;
  const cpu0 = cpu(server);
  for (let r = 0; r < rounds; r++) {
    const got = await fleet.untilAll(
      (_, f) => isIt(f, r),
      () => send(r),
      `agenda round ${r}`,
    );
    all.push(got.last);
    first.push(got.first);
    each.push(...got.times);
    frameBytes = got.bytes;
    await sleep(ROUND_GAP_MS);
  }
  console.log(`  agenda rounds, every member has it, ms: ${all.map(Math.round).join(" ")}`);
  return {
    all: percentiles(all),
    each: percentiles(each),
    first: percentiles(first),
    serverCpuMsPerRound: perUnit(cpu0, cpu(server), rounds),
    frameBytes,
  };
}

/** Versions each client saw: any jump other than +1 is a gap (a client would resync). */
function versionWatch(clients: number) {
  const last = new Array<number>(clients).fill(-1);
  let gaps = 0;
  return {
    see(c: number, f: Record<string, unknown>) {
      if (typeof f.version !== "number") return;
      if (f.type === "snapshot" || last[c] === -1) last[c] = f.version;
      else {
        if (f.version !== last[c]! + 1) {
          if (gaps === 0) console.log(`version gap: client ${c} had ${last[c]}, got ${f.version} (${String(f.type)})`);
          gaps++;
        }
        last[c] = f.version;
      }
    },
    get gaps() {
      return gaps;
    },
    /** Before the start the room may skip a number on purpose (a roster re-read from D1): count from here. */
    reset() {
      gaps = 0;
    },
  };
}

async function runRoom(server: DevServer & { bundle: string }, n: number): Promise<SizeRun> {
  const urls = await roomUrls(server.url, TENANT, n, n);
  // Versions are watched from each client's first frame (its snapshot) on: every broadcast must be one above the last.
  const watch = versionWatch(n);
  // Joining, as a member does it: open the room, get the snapshot, tap Join (opening the room is not attending:
  // party/logic/joining.ts); present from the start. Measured until every member has its snapshot (the fill) and
  // its tap acknowledged (the join).
  const join = joinWatch(n, (f, c) => f.type === "ack" && f.ref === `j${c}`);
  const cpuJoin0 = cpu(server);
  const ownJoin0 = ownCpuMs();
  const stopProfile = inspectorPort ? await startRawProfile(inspectorPort) : undefined;
  const fleet = await Fleet.open(
    urls,
    CONNECT_CONCURRENCY,
    (f) => f.type === "snapshot",
    (c, f, at, bytes) => {
      watch.see(c, f);
      join.see(c, f, at, bytes);
    },
    (c, ws) => {
      join.ready(c);
      ws.send(JSON.stringify({ type: "presence/join", id: `j${c}` }));
    },
  );
  const joined = { ...(await join.done()), clientCpuMsJoin: Math.round(ownCpuMs() - ownJoin0) };
  const serverCpuMsJoin = perUnit(cpuJoin0, cpu(server), 1);
  if (stopProfile) await printJoinProfile(await stopProfile(), server.bundle, n);
  // The attendance frames of the fill settle before anything else is measured.
  await sleep(1_000);
  watch.reset();
  if (joinOnly) {
    await fleet.close();
    return { n, ...joined, serverCpuMsJoin, errors: fleet.errors.length, versionGaps: watch.gaps };
  }
  const chair = chairOf(fleet);
  const stopRoundsProfile = inspectorPort ? await startProfile(inspectorPort) : undefined;
  await chair.ack({ type: "meeting/start" });
  await sleep(300);
  const agenda = await agendaRounds(
    fleet,
    server,
    (r) => chair.send({ type: "agenda/go", itemId: itemId(n, (r + 1) % AGENDA_ITEMS) }),
    (f, r) => f.type === "agenda" && f.currentItemId === itemId(n, (r + 1) % AGENDA_ITEMS),
  );

  const perVote: VoteFigures["perVote"] = [];
  const cast: NonNullable<SizeRun["cast"]> = {};
  /** Each ballot: sent → its ack, every vote. */
  const ballotAcks: number[] = [];
  /** Result frames whose count of ballots differs from the acknowledged ones (counted twice or lost). */
  let miscounted = 0;
  let resultBytes = 0;
  const cpu0 = cpu(server);
  for (let v = 0; v < voteCount; v++) {
    const run = await runVote(fleet, chair, v);
    cast[run.voteId] = run.tally;
    ballotAcks.push(...run.ballotAcks);
    miscounted += run.miscounted;
    resultBytes = run.resultBytes;
    const { lastAckMs, resultMs, closeToAllMs, sendSpreadMs } = run;
    perVote.push({ lastAckMs, resultMs, closeToAllMs, sendSpreadMs });
    await sleep(300);
  }
  const serverCpuMsPerVote = perUnit(cpu0, cpu(server), voteCount);
  if (stopRoundsProfile)
    console.log(
      `start, agenda rounds and votes of ${n}, our room's isolate, top self time:\n${JSON.stringify(await stopRoundsProfile(), null, 1)}`,
    );
  await fleet.close();
  return {
    n,
    ...joined,
    serverCpuMsJoin,
    agenda,
    vote: { ...voteFigures(perVote, serverCpuMsPerVote, resultBytes), ballotAck: percentiles(ballotAcks), miscounted },
    errors: fleet.errors.length,
    versionGaps: watch.gaps,
    cast,
  };
}

/** One vote's times: opening (t0) → last ack, → result at everyone; close → result at everyone. */
function voteTimes(t0: number, lastAckAfterOpen: number, tClose: number, resultAfterClose: number) {
  return {
    lastAckMs: Math.round(lastAckAfterOpen),
    resultMs: Math.round(tClose + resultAfterClose - t0),
    closeToAllMs: Math.round(resultAfterClose),
  };
}

function voteFigures(
  perVote: VoteFigures["perVote"],
  serverCpuMsPerVote: number | null,
  resultBytes: number,
): VoteFigures {
  return {
    lastAckMs: median(perVote.map((v) => v.lastAckMs)),
    resultMs: median(perVote.map((v) => v.resultMs)),
    closeToAllMs: median(perVote.map((v) => v.closeToAllMs)),
    perVote,
    serverCpuMsPerVote,
    resultBytes,
  };
}

/** The same pattern on the bare echo room, frames padded to the sizes our room sent. */
async function runEcho(
  server: DevServer,
  n: number,
  bytes: { snapshot: number; agenda: number; result: number },
): Promise<SizeRun> {
  const base = server.url.replace(/^http/, "ws");
  const url = (i: number, welcome: number) =>
    `${base}/parties/echo-room/bench-${n}-${welcome}?c=${i}&welcome=${welcome}`;
  // The first yardstick: sockets opened, nothing sent.
  const t0 = performance.now();
  const bareOpen = await Fleet.open(
    Array.from({ length: n }, (_, i) => url(i, 0)),
    CONNECT_CONCURRENCY,
    null,
  );
  const openMs = Math.round(performance.now() - t0);
  await bareOpen.close();
  await sleep(300);
  // The join's floor: a frame of our snapshot's size on connect (built once), a reply to the tap.
  const join = joinWatch(n, (f, c) => f.type === "ack" && f.ref === `j${c}`);
  const cpuJoin0 = cpu(server);
  const ownJoin0 = ownCpuMs();
  const fleet = await Fleet.open(
    Array.from({ length: n }, (_, i) => url(i, bytes.snapshot)),
    CONNECT_CONCURRENCY,
    (f) => f.type === "welcome",
    (c, f, at, size) => join.see(c, f, at, size),
    (c, ws) => {
      join.ready(c);
      ws.send(`${TO_SENDER},"type":"ack","ref":"j${c}"}`);
    },
  );
  const joined = { ...(await join.done()), clientCpuMsJoin: Math.round(ownCpuMs() - ownJoin0) };
  const serverCpuMsJoin = perUnit(cpuJoin0, cpu(server), 1);
  if (joinOnly) {
    await fleet.close();
    return { n, ...joined, serverCpuMsJoin, openMs, errors: fleet.errors.length, versionGaps: 0 };
  }
  await sleep(300);
  const agenda = await agendaRounds(
    fleet,
    server,
    (r) => fleet.send(0, padded({ type: "agenda", r }, bytes.agenda)),
    (f, r) => f.type === "agenda" && f.r === r,
  );
  const perVote: VoteFigures["perVote"] = [];
  let resultBytes = 0;
  const cpu0 = cpu(server);
  for (let v = 0; v < voteCount; v++) {
    const acked = new Array<boolean>(n).fill(false);
    const voted = new Array<boolean>(n).fill(false);
    let ackCount = 0;
    let lastAck = 0;
    const t0 = performance.now();
    await fleet.phase(
      (c, f, at) => {
        if (f.type === "vote" && f.status === "open" && f.k === v && !voted[c]) {
          voted[c] = true;
          fleet.send(c, `${TO_SENDER},"type":"ack","ref":"b${v}-${c}","voteId":"v${v}","choice":"${choiceOf(c, v)}"}`);
        } else if (f.type === "ack" && f.ref === `b${v}-${c}` && !acked[c]) {
          acked[c] = true;
          ackCount++;
          lastAck = at - t0;
        }
      },
      () => ackCount === n,
      () => fleet.send(0, { type: "vote", status: "open", k: v }),
      () => `echo ballots of vote ${v}: ${ackCount} of ${n}`,
    );
    const tClose = performance.now();
    const result = await fleet.untilAll(
      (_, f) => f.type === "vote" && f.status === "closed" && f.k === v,
      () => fleet.send(0, padded({ type: "vote", status: "closed", k: v }, bytes.result)),
      `echo result of vote ${v}`,
    );
    resultBytes = result.bytes;
    perVote.push(voteTimes(t0, lastAck, tClose, result.last));
    await sleep(300);
  }
  const serverCpuMsPerVote = perUnit(cpu0, cpu(server), voteCount);
  await fleet.close();
  return {
    n,
    ...joined,
    serverCpuMsJoin,
    openMs,
    agenda,
    vote: voteFigures(perVote, serverCpuMsPerVote, resultBytes),
    errors: fleet.errors.length,
    versionGaps: 0,
  };
}

/** `{"type":…,…,"pad":"xxx"}` grown to `bytes` characters, so the echo moves as many bytes as our room. */
function padded(fields: Record<string, unknown>, bytes: number): string {
  const bare = JSON.stringify({ ...fields, pad: "" });
  return JSON.stringify({ ...fields, pad: "x".repeat(Math.max(0, bytes - bare.length)) });
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const ratio = (ours: number, bare: number) => (bare > 0 ? round1(ours / bare) : null);

interface Measure {
  name: string;
  ours: number;
  bare: number;
  target: boolean;
}

/** The join against the echo with a frame of our snapshot's size (the floor), and against bare sockets. */
const joinMeasures = (o: SizeRun, b: SizeRun): Measure[] => [
  { name: "join: every member has the snapshot, ms", ours: o.fillMs, bare: b.fillMs, target: false },
  { name: "join: every member's Join tap acknowledged, ms", ours: o.joinMs, bare: b.joinMs, target: true },
  {
    name: "join: every tap acknowledged, against echo sockets opened with no frame, ms",
    ours: o.joinMs,
    bare: b.openMs ?? 0,
    target: false,
  },
  {
    name: "server CPU for the whole join, ms",
    ours: o.serverCpuMsJoin ?? 0,
    bare: b.serverCpuMsJoin ?? 0,
    target: false,
  },
  {
    name: "load generator CPU for the whole join (one Node process), ms",
    ours: o.clientCpuMsJoin ?? 0,
    bare: b.clientCpuMsJoin ?? 0,
    target: false,
  },
];

const agendaMeasures = (o: AgendaFigures, b: AgendaFigures): Measure[] => [
  { name: "agenda change, all members have it: p50 ms", ours: o.all.p50, bare: b.all.p50, target: true },
  { name: "agenda change, all members have it: p99 ms", ours: o.all.p99, bare: b.all.p99, target: true },
  { name: "agenda change, first member has it: p50 ms", ours: o.first.p50, bare: b.first.p50, target: false },
  { name: "agenda change, each delivery: p50 ms", ours: o.each.p50, bare: b.each.p50, target: false },
  { name: "agenda change, each delivery: p99 ms", ours: o.each.p99, bare: b.each.p99, target: false },
  {
    name: "server CPU per agenda change, ms",
    ours: o.serverCpuMsPerRound ?? 0,
    bare: b.serverCpuMsPerRound ?? 0,
    target: false,
  },
];

const voteMeasures = (o: VoteFigures, b: VoteFigures): Measure[] => [
  { name: "vote: opening → last ballot acknowledged, ms", ours: o.lastAckMs, bare: b.lastAckMs, target: true },
  { name: "vote: opening → result received by all, ms", ours: o.resultMs, bare: b.resultMs, target: true },
  { name: "vote: close → result received by all, ms", ours: o.closeToAllMs, bare: b.closeToAllMs, target: false },
  { name: "server CPU per vote, ms", ours: o.serverCpuMsPerVote ?? 0, bare: b.serverCpuMsPerVote ?? 0, target: false },
];

async function report(pairs: { ours: SizeRun; bare: SizeRun }[], tallies: StoredTally[], loadAvg: number) {
  const at = new Date().toISOString();
  const lost = tallies.filter((t) => !t.same);
  const measures = (o: SizeRun, b: SizeRun) => [
    ...joinMeasures(o, b),
    ...(o.agenda && b.agenda ? agendaMeasures(o.agenda, b.agenda) : []),
    ...(o.vote && b.vote ? voteMeasures(o.vote, b.vote) : []),
  ];
  const sizesOut = pairs.map(({ ours, bare }) => {
    const rows = measures(ours, bare).map((m) => ({ ...m, ratio: ratio(m.ours, m.bare) }));
    const misses = rows.filter((r) => r.target && (r.ratio === null || r.ratio > TARGET_RATIO)).map((r) => r.name);
    return { n: ours.n, ours, bare, rows, misses, meetsTarget: misses.length === 0 && ours.errors === 0 };
  });
  const json = {
    at,
    machine: machine(),
    loadAvg,
    rounds,
    votes: voteCount,
    target: { ratio: TARGET_RATIO, ballotsLost: 0, errors: 0 },
    sizes: sizesOut.map(({ rows, ...rest }) => ({ ...rest, rows })),
    stored: tallies,
    ballotsLost: lost.length,
    meetsTarget: lost.length === 0 && sizesOut.every((s) => s.meetsTarget),
  };
  const table = markdownTable(
    ["members", "measure", "our room", "bare echo", "ratio", `≤ ${TARGET_RATIO}×`],
    sizesOut.flatMap((s) =>
      s.rows.map((r) => [
        s.n,
        r.name,
        r.ours,
        r.bare,
        r.ratio ?? "n/a",
        r.target ? (r.ratio !== null && r.ratio <= TARGET_RATIO ? "yes" : "**no**") : "",
      ]),
    ),
  );
  const m = json.machine;
  const checks = sizesOut
    .map(
      (s) =>
        `${s.n} members: snapshot ${Math.round(s.ours.snapshotBytes / 1000)} kB, echo sockets opened with no frame in ${((s.bare.openMs ?? 0) / 1000).toFixed(1)} s, ${s.ours.errors} error frames, ${s.ours.versionGaps} version gaps` +
        (s.ours.vote
          ? `, ballots sent within ${Math.max(...s.ours.vote.perVote.map((v) => v.sendSpreadMs ?? 0))} ms, ballot ack p99 ${s.ours.vote.ballotAck?.p99} ms, ${s.ours.vote.miscounted} result frames miscounted`
          : ""),
    )
    .join("; ");
  const md =
    `### Live room against the bare partyserver echo room (\`npm run bench -- --only room\`, ${at.slice(0, 16).replace("T", " ")} UTC)\n\n` +
    `\`wrangler dev\` (local workerd, D1, Durable Objects; both Workers ${DEV_SETUP}); N official members on Node's WebSocket from one process, client and ` +
    `servers on the same ${m.cpus}-core machine (${m.cpuModel}), load average ${loadAvg} at the start. ${rounds} agenda changes ` +
    `(chair → \`agenda/go\` → every member has the \`agenda\` event) and ${voteCount} votes per size (every member casts a ballot ` +
    `when the opened vote reaches them; medians). The echo room (bench/echo) runs the same frame pattern with nothing behind it: ` +
    `a broadcast padded to our frame's size for the agenda change and the result, a reply to the sender for each ballot, ` +
    `and for the join a frame of our snapshot's size to each new socket (built once) and a reply to the Join tap. ` +
    `Snapshots are read by their head in the load generator (one process would parse 2,000 of them). ` +
    `Target: within ${TARGET_RATIO}× of the echo, no ballot lost, no error.\n\n${table}\n\n` +
    `${checks}. D1 after the run: ${tallies.length - lost.length} of ${tallies.length} votes stored with the tally and ballot rows ` +
    `equal to what was cast${lost.length ? ` (**${lost.length} differ**: ${JSON.stringify(lost)})` : ""}.\n`;
  const paths = await writeResults("room", json, md);
  console.log(`\n${md}\nwritten to ${paths.jsonPath} and ${paths.mdPath}`);
  if (!json.meetsTarget)
    console.log(`target missed: ${sizesOut.map((s) => `${s.n}: ${s.misses.join(", ") || "ok"}`).join("; ")}`);
}

let room: (DevServer & { bundle: string }) | undefined;
let inspectorPort: number | undefined;
let echo: DevServer | undefined;
let persistTo: string | undefined;
let echoPersist: string | undefined;
const cleanup = async () => {
  await room?.stop();
  await echo?.stop();
  if (!values.keep)
    for (const dir of [persistTo, echoPersist]) if (dir) await rm(dir, { recursive: true, force: true });
};
const watchdog = setTimeout(() => {
  console.error(`bench/room.ts: gave up after ${WATCHDOG_MS / 60_000} minutes`);
  void cleanup().then(() => process.exit(1));
}, WATCHDOG_MS);
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

try {
  persistTo = await mkdtemp(join(tmpdir(), "chibo-bench-room-"));
  echoPersist = await mkdtemp(join(tmpdir(), "chibo-bench-echo-"));
  await applyMigrationsLocal(persistTo);
  await writeFile(
    join(persistTo, "seed.sql"),
    branchesSeed(
      TENANT,
      sizes.map((n) => ({ key: n, members: n })),
    ),
  );
  await loadSeedLocal(join(persistTo, "seed.sql"), persistTo);
  // --log-level warn: a log line per frame from wrangler's Node process would cost both servers CPU.
  // Both bundled once and served the same way (edits to the tree during the run cannot reload them); one
  // after the other: two wranglers bundling at once on two cores have crashed esbuild here.
  inspectorPort = values.profile ? await freePort() : undefined;
  room = await startFrozenDev({
    port: await freePort(),
    persistTo,
    vars: { SESSION_SECRET: ROOM_SECRET },
    inspectorPort,
  });
  echo = await startFrozenDev({
    port: await freePort(),
    persistTo: echoPersist,
    vars: {},
    config: "bench/echo/wrangler.toml",
  });
  const loadAvg = round1(loadavg()[0]!);
  const pairs: { ours: SizeRun; bare: SizeRun }[] = [];
  for (const n of sizes) {
    console.log(`\n${n} members: our room`);
    const ours = await runRoom(room, n);
    console.log(`  ${JSON.stringify({ ...ours, cast: undefined })}`);
    console.log(`${n} clients: bare echo room`);
    const bare = await runEcho(echo, n, {
      snapshot: ours.snapshotBytes,
      agenda: ours.agenda?.frameBytes ?? 0,
      result: ours.vote?.resultBytes ?? 0,
    });
    console.log(`  ${JSON.stringify(bare)}`);
    pairs.push({ ours, bare });
  }
  const tallies = await storedTallies(
    pairs.flatMap((p) => Object.entries(p.ours.cast ?? {})),
    TENANT,
    persistTo,
  );
  report(pairs, tallies, loadAvg);
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  for (const s of [room, echo]) if (s) console.error(s.output().slice(-2000));
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
