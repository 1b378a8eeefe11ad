/**
 * Many rooms at once (issue 14 item 3): 10, 50 and 100 live MeetingRooms of 20 members (a branch's size) under one
 * `wrangler dev`, against ONE room alone measured in the same run with the same clients. In every room, all rooms
 * at the same moment: the chair makes `rounds` agenda changes and runs `votes` votes (every member casts a ballot
 * as soon as the vote reaches them; the chair closes it once all are acknowledged), then every chair closes its
 * meeting (`meeting/close`, as the product does), all at once. Measured per room, p50/p99 over the rooms:
 * - agenda change: until all members have the `agenda` event;
 * - vote: from the opening until all members have the closed result;
 * - close: until all members have the closed meeting; and D1's side of every room's close: rows written (a trigger
 *   per table logs each row, bench/lib/d1-writes.ts), from the first close sent to the last row written;
 * - server CPU (wrangler's process group) per room, and the load generator's own CPU (one Node process drives
 *   every socket: at 2,000 it may be the limit, not the server).
 * The room alone runs the same script `--alone-repeats` times (for its p99), its CPU per script. Checked: no error
 * frame, every result frame counts the acknowledged ballots, D1's tally and ballot rows equal what was cast, every
 * meeting closed in D1 with its minutes. Target: many rooms within 1.5× of the room alone. Figures go to
 * bench/results/rooms.{json,md}.
 *
 *   npm run bench -- --only rooms [--rooms 10,50,100] [--members 20] [--rounds 5] [--votes 2] [--alone-repeats 10]
 */

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadSeedLocal } from "../scripts/lib/shard-seed.ts";
import { applyMigrationsLocal, type DevServer, freePort, queryLocal } from "../scripts/lib/wrangler.ts";
import { groupCpuMs, groupRunQueueWaitMs, runQueueWaitMs } from "./lib/cpu.ts";
import { storedTallies } from "./lib/d1-tallies.ts";
import { logRowWrites, type RowWrites, rowWriteMark, rowWritesAfter } from "./lib/d1-writes.ts";
import { Fleet, percentiles, sleep } from "./lib/fleet.ts";
import { DEV_SETUP, startFrozenDev } from "./lib/frozen-dev.ts";
import { joinWatch } from "./lib/join-watch.ts";
import { machine, markdownTable, writeResults } from "./lib/results.ts";
import {
  AGENDA_ITEMS,
  type BenchBranch,
  branchesSeed,
  itemId,
  meetingId,
  ROOM_SECRET,
  roomUrls,
} from "./lib/room-seed.ts";
import { type Chair, chairOf, runVote, type Tally } from "./lib/room-vote.ts";

const TARGET_RATIO = 1.5;
const WATCHDOG_MS = 40 * 60_000;
const TENANT = "t-bench-rooms";
const SHARD = "SHARD_1";
/** Rooms filling at once, and sockets each opens at once (the fill is not measured). */
const ROOMS_FILLING = 5;
const CONNECT_CONCURRENCY = 4;
/** Between a room's agenda changes and votes, as bench/room.ts: lets frames drain, keeps the chair under its rate limit. */
const ROUND_GAP_MS = 120;
const VOTE_GAP_MS = 300;

const { values } = parseArgs({
  options: {
    rooms: { type: "string", default: "10,50,100" },
    members: { type: "string", default: "20" },
    rounds: { type: "string", default: "5" },
    votes: { type: "string", default: "2" },
    "alone-repeats": { type: "string", default: "10" },
    keep: { type: "boolean", default: false },
  },
});
const roomCounts = values.rooms.split(",").map(Number);
const members = Number(values.members);
const rounds = Number(values.rounds);
const voteCount = Number(values.votes);
const aloneRepeats = Number(values["alone-repeats"]);

/**
 * What a close queues for D1 (party/logic/minutes.ts `closeMeeting`, statements in party/d1.ts): the attendance
 * settlement, upserted 9 rows a statement (party/d1-attendance.ts: 10 parameters a row under D1's 100), and the
 * close itself (the meeting's status, the frozen minutes). Stated, not measured: check against the rows counted.
 */
const ATTENDANCE_ROWS_PER_STATEMENT = 9;
const closeStatements = Math.ceil(members / ATTENDANCE_ROWS_PER_STATEMENT) + 2;

const ALONE = "alone";
/** The rooms of the run with `count` rooms (each run closes its meetings: the next needs fresh ones). */
const keysOf = (count: number) => Array.from({ length: count }, (_, k) => `${count}x-${k}`);

interface Room {
  key: string;
  fleet: Fleet;
  chair: Chair;
}

/** Per room script: samples in ms. */
interface Script {
  agendaAll: number[];
  voteResultAll: number[];
  voteCloseToAll: number[];
  ballotAcks: number[];
  miscounted: number;
  cast: [string, Tally][];
}

/** Opens the room `key` for every member, each taps Join on its snapshot; then the chair starts the meeting. */
async function openRoom(server: DevServer, key: string): Promise<Room> {
  const urls = await roomUrls(server.url, TENANT, key, members);
  const join = joinWatch(members, (f, c) => f.type === "ack" && f.ref === `j${c}`);
  const fleet = await Fleet.open(
    urls,
    CONNECT_CONCURRENCY,
    (f) => f.type === "snapshot",
    (c, f, at, bytes) => join.see(c, f, at, bytes),
    (c, ws) => {
      join.ready(c);
      ws.send(JSON.stringify({ type: "presence/join", id: `j${c}` }));
    },
  );
  await join.done();
  const chair = chairOf(fleet);
  await chair.ack({ type: "meeting/start" });
  return { key, fleet, chair };
}

/** `fn` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** One room's script, `repeats` times: `rounds` agenda changes, then `votes` votes. */
async function script(room: Room, repeats: number): Promise<Script> {
  const s: Script = { agendaAll: [], voteResultAll: [], voteCloseToAll: [], ballotAcks: [], miscounted: 0, cast: [] };
  let change = 0;
  for (let rep = 0; rep < repeats; rep++) {
    for (let r = 0; r < rounds; r++, change++) {
      const item = itemId(room.key, (change + 1) % AGENDA_ITEMS);
      const got = await room.fleet.untilAll(
        (_, f) => f.type === "agenda" && f.currentItemId === item,
        () => room.chair.send({ type: "agenda/go", itemId: item }),
        `room ${room.key}: agenda change ${change}`,
      );
      s.agendaAll.push(got.last);
      await sleep(ROUND_GAP_MS);
    }
    for (let v = 0; v < voteCount; v++) {
      const run = await runVote(room.fleet, room.chair, rep * voteCount + v);
      s.voteResultAll.push(run.resultMs);
      s.voteCloseToAll.push(run.closeToAllMs);
      s.ballotAcks.push(...run.ballotAcks);
      s.miscounted += run.miscounted;
      s.cast.push([run.voteId, run.tally]);
      await sleep(VOTE_GAP_MS);
    }
  }
  return s;
}

/** The chair closes the meeting: resolves with the time until every member has it closed. */
async function closeRoom(room: Room): Promise<number> {
  const got = await room.fleet.untilAll(
    (_, f) => f.type === "meeting" && (f.meeting as { status?: string } | undefined)?.status === "closed",
    () => room.chair.send({ type: "meeting/close" }),
    `room ${room.key}: close`,
  );
  return got.last;
}

interface SetRun {
  rooms: number;
  loadAvg: number;
  script: Omit<Script, "cast">;
  /** Scripts run (rooms × repeats): the CPU is per script. */
  scripts: number;
  scriptWallMs: number;
  serverCpuMsPerScript: number | null;
  /** The load generator (this process), user + system, during the scripts: % of one core. */
  generatorCpuPct: number;
  serverCpuPct: number | null;
  /**
   * Per ms of CPU used, ms the threads waited, runnable, for a core (/proc schedstat), during the scripts: near 0 on
   * cores of their own; well above 1, the process ran slower for want of a core (the machine's doing, not the code's).
   */
  serverWaitPerCpuMs: number | null;
  generatorWaitPerCpuMs: number | null;
  /** The load generator's event loop delay during the scripts (p99, ms): frames it timed late by this much. */
  generatorLoopDelayP99Ms: number;
  close: {
    /** Per room: close sent → every member has the meeting closed. */
    allMembers: number[];
    /** First close sent → the last room's members all have it. */
    everyRoomMs: number;
    /** First close sent → the last row the closes wrote in D1. */
    lastD1WriteMs: number | null;
    d1: RowWrites;
    serverCpuMsPerRoom: number | null;
  };
  errors: number;
  cast: [string, Tally][];
}

const cpu = (server: DevServer) => groupCpuMs(server.child.pid!);
const round1 = (x: number) => Math.round(x * 10) / 10;
const perUnit = (a: number | null, b: number | null, units: number) =>
  a === null || b === null ? null : round1((b - a) / units);
const waitPerCpu = (w0: number | null, w1: number | null, c0: number | null, c1: number | null) =>
  w0 === null || w1 === null || c0 === null || c1 === null || c1 <= c0 ? null : round1((w1 - w0) / (c1 - c0));

/** Opens every room of `keys`, runs the script in all at once, then closes all at once. */
async function runSet(server: DevServer, keys: string[], repeats: number): Promise<SetRun> {
  const rooms = await pool(keys, ROOMS_FILLING, (key) => openRoom(server, key));
  // The attendance frames of the fill settle before anything is measured.
  await sleep(1_000);
  const loadAvg = round1(loadavg()[0]!);
  const cpu0 = cpu(server);
  const wait0 = groupRunQueueWaitMs(server.child.pid!);
  const gen0 = process.cpuUsage();
  const genWait0 = runQueueWaitMs("self");
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  const scripts = await Promise.all(rooms.map((room) => script(room, repeats)));
  const scriptWallMs = performance.now() - t0;
  loop.disable();
  const gen = process.cpuUsage(gen0);
  const genWait1 = runQueueWaitMs("self");
  const cpu1 = cpu(server);
  const wait1 = groupRunQueueWaitMs(server.child.pid!);
  const genCpuMs = (gen.user + gen.system) / 1000;
  // The votes' D1 writes (a 20-member room writes at once) land before the close is counted from the mark.
  await sleep(2_000);
  const mark = await rowWriteMark(persistTo!, SHARD);
  const cpuClose0 = cpu(server);
  const closeAt = Date.now();
  const tClose = performance.now();
  const allMembers = await Promise.all(rooms.map((room) => closeRoom(room)));
  const everyRoomMs = performance.now() - tClose;
  // The closes' outbox goes to D1 right after each broadcast; give the slowest time to land, then count.
  await sleep(3_000);
  const d1 = await rowWritesAfter(mark, persistTo!, SHARD);
  const cpuClose1 = cpu(server);
  const errors = rooms.reduce((sum, r) => sum + r.fleet.errors.length, 0);
  await Promise.all(rooms.map((r) => r.fleet.close()));
  const all = (pick: (s: Script) => number[]) => scripts.flatMap(pick);
  return {
    rooms: keys.length,
    loadAvg,
    script: {
      agendaAll: all((s) => s.agendaAll),
      voteResultAll: all((s) => s.voteResultAll),
      voteCloseToAll: all((s) => s.voteCloseToAll),
      ballotAcks: all((s) => s.ballotAcks),
      miscounted: scripts.reduce((sum, s) => sum + s.miscounted, 0),
    },
    scripts: keys.length * repeats,
    scriptWallMs: Math.round(scriptWallMs),
    serverCpuMsPerScript: perUnit(cpu0, cpu1, keys.length * repeats),
    generatorCpuPct: Math.round((genCpuMs / scriptWallMs) * 100),
    serverCpuPct: cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) / scriptWallMs) * 100),
    serverWaitPerCpuMs: waitPerCpu(wait0, wait1, cpu0, cpu1),
    generatorWaitPerCpuMs: waitPerCpu(genWait0, genWait1, 0, genCpuMs),
    generatorLoopDelayP99Ms: round1(loop.percentile(99) / 1e6),
    close: {
      allMembers,
      everyRoomMs: Math.round(everyRoomMs),
      lastD1WriteMs: d1.lastAt === null ? null : Math.round(d1.lastAt - closeAt),
      d1,
      serverCpuMsPerRoom: perUnit(cpuClose0, cpuClose1, keys.length),
    },
    errors,
    cast: scripts.flatMap((s) => s.cast),
  };
}

/** Every meeting of `keys` closed in D1 with its frozen minutes (version 1). */
async function closedInD1(keys: string[]): Promise<number> {
  const ids = keys.map((k) => `'${meetingId(k)}'`).join(",");
  const [row] = await queryLocal<{ n: number }>(
    `SELECT COUNT(*) AS n FROM meetings m WHERE m.tenant_id = '${TENANT}' AND m.id IN (${ids}) AND m.status = 'closed' AND EXISTS (SELECT 1 FROM minutes x WHERE x.tenant_id = m.tenant_id AND x.meeting_id = m.id AND x.version = 1)`,
    persistTo,
    SHARD,
  );
  return row?.n ?? 0;
}

interface Measure {
  name: string;
  many: number | null;
  alone: number | null;
  target: boolean;
}

const p = (xs: number[]) => percentiles(xs);
const ratio = (many: number | null, alone: number | null) =>
  many === null || alone === null || alone <= 0 ? null : round1(many / alone);

function measures(m: SetRun, a: SetRun): Measure[] {
  const ma = p(m.script.agendaAll);
  const aa = p(a.script.agendaAll);
  const mv = p(m.script.voteResultAll);
  const av = p(a.script.voteResultAll);
  const mc = p(m.close.allMembers);
  const ac = p(a.close.allMembers);
  return [
    { name: `agenda change, all ${members} members have it: p50 ms`, many: ma.p50, alone: aa.p50, target: true },
    { name: `agenda change, all ${members} members have it: p99 ms`, many: ma.p99, alone: aa.p99, target: true },
    { name: `vote, opening → result at all ${members}: p50 ms`, many: mv.p50, alone: av.p50, target: true },
    { name: `vote, opening → result at all ${members}: p99 ms`, many: mv.p99, alone: av.p99, target: true },
    {
      name: "vote, close → result at all: p50 ms",
      many: p(m.script.voteCloseToAll).p50,
      alone: p(a.script.voteCloseToAll).p50,
      target: false,
    },
    {
      name: "ballot acknowledged: p99 ms",
      many: p(m.script.ballotAcks).p99,
      alone: p(a.script.ballotAcks).p99,
      target: false,
    },
    {
      name: `server CPU per room (${rounds} agenda changes + ${voteCount} votes), ms`,
      many: m.serverCpuMsPerScript,
      alone: a.serverCpuMsPerScript,
      target: false,
    },
    { name: "close, all members have it: p50 ms", many: mc.p50, alone: ac.p50, target: false },
    { name: "close, all members have it: p99 ms", many: mc.p99, alone: ac.p99, target: false },
    {
      name: "close: first sent → every room's members have it, ms",
      many: m.close.everyRoomMs,
      alone: a.close.everyRoomMs,
      target: false,
    },
    {
      name: "close: first sent → last D1 row written, ms",
      many: m.close.lastD1WriteMs,
      alone: a.close.lastD1WriteMs,
      target: false,
    },
    {
      name: "close: D1 rows written per room",
      many: round1(m.close.d1.rows / m.rooms),
      alone: a.close.d1.rows,
      target: false,
    },
    {
      name: "close: server CPU per room, ms",
      many: m.close.serverCpuMsPerRoom,
      alone: a.close.serverCpuMsPerRoom,
      target: false,
    },
  ];
}

async function report(
  alone: SetRun,
  many: SetRun[],
  tallyCheck: { votes: number; differ: string[] },
  closed: { expected: number; found: number },
) {
  const at = new Date().toISOString();
  const sets = many.map((m) => {
    const rows = measures(m, alone).map((r) => ({ ...r, ratio: ratio(r.many, r.alone) }));
    const misses = rows.filter((r) => r.target && (r.ratio === null || r.ratio > TARGET_RATIO)).map((r) => r.name);
    const { cast: _cast, ...run } = m;
    return {
      rooms: m.rooms,
      run,
      rows,
      misses,
      meetsTarget: misses.length === 0 && m.errors === 0 && m.script.miscounted === 0,
    };
  });
  const { cast: _cast, ...aloneOut } = alone;
  const correct = tallyCheck.differ.length === 0 && closed.found === closed.expected;
  const json = {
    at,
    machine: machine(),
    members,
    closeStatementsPerRoom: closeStatements,
    rounds,
    votes: voteCount,
    aloneRepeats,
    target: { ratio: TARGET_RATIO, ballotsLost: 0, countedTwice: 0, errors: 0 },
    alone: aloneOut,
    sets,
    stored: { ...tallyCheck, closedMeetings: closed },
    meetsTarget: correct && sets.every((s) => s.meetsTarget),
  };
  const table = markdownTable(
    ["rooms", "members", "measure", "many rooms", "one room alone", "ratio", `≤ ${TARGET_RATIO}×`],
    sets.flatMap((s) =>
      s.rows.map((r) => [
        s.rooms,
        members,
        r.name,
        r.many ?? "n/a",
        r.alone ?? "n/a",
        r.ratio ?? "n/a",
        r.target ? (r.ratio !== null && r.ratio <= TARGET_RATIO ? "yes" : "**no**") : "",
      ]),
    ),
  );
  const growth = markdownTable(
    [
      "rooms",
      "sockets",
      "load avg",
      "agenda p50 / p99 ms",
      "vote result p50 / p99 ms",
      "server CPU / room ms",
      "server CPU, % of a core",
      "server: ms waiting for a core per ms of CPU",
      "load generator CPU, % of a core",
      "load generator: ms waiting per ms of CPU",
      "load generator event loop delay p99 ms",
      "close: D1 rows (total)",
      "close → last D1 row ms",
    ],
    [alone, ...many].map((s) => {
      const a = p(s.script.agendaAll);
      const v = p(s.script.voteResultAll);
      return [
        s === alone ? "1 (alone)" : s.rooms,
        s.rooms * members,
        s.loadAvg,
        `${a.p50} / ${a.p99}`,
        `${v.p50} / ${v.p99}`,
        s.serverCpuMsPerScript ?? "n/a",
        s.serverCpuPct ?? "n/a",
        s.serverWaitPerCpuMs ?? "n/a",
        s.generatorCpuPct,
        s.generatorWaitPerCpuMs ?? "n/a",
        s.generatorLoopDelayP99Ms,
        s.close.d1.rows,
        s.close.lastD1WriteMs ?? "n/a",
      ];
    }),
  );
  const m = json.machine;
  const largest = many[many.length - 1];
  const d1Tables = largest
    ? Object.entries(largest.close.d1.byTable)
        .map(([t, n]) => `${t} ${n}`)
        .join(", ")
    : "";
  const md =
    `### Many rooms at once (\`npm run bench -- --only rooms\`, ${at.slice(0, 16).replace("T", " ")} UTC)\n\n` +
    `\`wrangler dev\` (local workerd, D1, Durable Objects; ${DEV_SETUP}); rooms of ${members} official members, every member ` +
    `a Node WebSocket in one load-generator process, client and server on the same ${m.cpus}-core machine (${m.cpuModel}). ` +
    `In every room at the same moment: ${rounds} agenda changes (chair → \`agenda/go\` → every member has the \`agenda\` event) ` +
    `and ${voteCount} votes (every member casts a ballot when the opened vote reaches them, the chair closes it once all are ` +
    `acknowledged), then every chair closes its meeting (\`meeting/close\`) at once. Per-room figures are p50/p99 over rooms × ` +
    `rounds. The room alone runs the same script ${aloneRepeats} times in the same run; CPU is per script. D1 rows written ` +
    `are counted by a trigger per table in the bench's local database. Target: within ${TARGET_RATIO}× of the room alone, no ` +
    `ballot lost or counted twice, no error.\n\n${table}\n\nGrowth:\n\n${growth}\n\n` +
    `Checks: ${many.map((s) => `${s.rooms} rooms: ${s.errors} error frames, ${s.script.miscounted} result frames miscounted`).join("; ")}. ` +
    `D1 after the run: ${tallyCheck.votes - tallyCheck.differ.length} of ${tallyCheck.votes} votes stored with the tally and ` +
    `ballot rows equal to what was cast${tallyCheck.differ.length ? ` (**${tallyCheck.differ.length} differ**: ${tallyCheck.differ.join(", ")})` : ""}; ` +
    `${closed.found} of ${closed.expected} meetings closed with their minutes. ` +
    (largest ? `Rows the ${largest.rooms} closes wrote: ${d1Tables}. ` : "") +
    `D1 statements per close (derived from party/d1.ts, not measured: D1 tells only the code that ran them): ` +
    `${closeStatements} in one batch (${Math.ceil(members / ATTENDANCE_ROWS_PER_STATEMENT)} attendance upserts of at most ` +
    `${ATTENDANCE_ROWS_PER_STATEMENT} rows, the meeting's update, the minutes' insert).\n`;
  const paths = await writeResults("rooms", json, md);
  console.log(`\n${md}\nwritten to ${paths.jsonPath} and ${paths.mdPath}`);
  if (!json.meetsTarget)
    console.log(`target missed: ${sets.map((s) => `${s.rooms}: ${s.misses.join(", ") || "ok"}`).join("; ")}`);
}

let server: DevServer | undefined;
let persistTo: string | undefined;
const cleanup = async () => {
  await server?.stop();
  if (!values.keep && persistTo) await rm(persistTo, { recursive: true, force: true });
};
const watchdog = setTimeout(() => {
  console.error(`bench/rooms.ts: gave up after ${WATCHDOG_MS / 60_000} minutes`);
  void cleanup().then(() => process.exit(1));
}, WATCHDOG_MS);
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

try {
  persistTo = await mkdtemp(join(tmpdir(), "chibo-bench-rooms-"));
  await applyMigrationsLocal(persistTo);
  const branches: BenchBranch[] = [ALONE, ...roomCounts.flatMap(keysOf)].map((key) => ({ key, members }));
  await writeFile(join(persistTo, "seed.sql"), branchesSeed(TENANT, branches));
  await loadSeedLocal(join(persistTo, "seed.sql"), persistTo, SHARD);
  await logRowWrites(persistTo, SHARD);
  server = await startFrozenDev({ port: await freePort(), persistTo, vars: { SESSION_SECRET: ROOM_SECRET } });
  console.log(`one room alone (${aloneRepeats} scripts)`);
  const alone = await runSet(server, [ALONE], aloneRepeats);
  console.log(`  ${JSON.stringify({ ...alone, cast: undefined, script: undefined })}`);
  const many: SetRun[] = [];
  for (const count of roomCounts) {
    console.log(`${count} rooms at once`);
    const run = await runSet(server, keysOf(count), 1);
    console.log(`  ${JSON.stringify({ ...run, cast: undefined, script: undefined })}`);
    many.push(run);
  }
  const tallies = await storedTallies(
    [alone, ...many].flatMap((s) => s.cast),
    TENANT,
    persistTo,
  );
  const keys = [ALONE, ...roomCounts.flatMap(keysOf)];
  await report(
    alone,
    many,
    { votes: tallies.length, differ: tallies.filter((t) => !t.same).map((t) => t.voteId) },
    { expected: keys.length, found: await closedInD1(keys) },
  );
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  if (server) console.error(server.output().slice(-2000));
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
