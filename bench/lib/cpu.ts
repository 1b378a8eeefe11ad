/**
 * CPU time spent by a process group (wrangler dev: its Node process and the workerd processes), read
 * from /proc. On a shared machine wall-clock figures swing with everyone else's work; CPU per request
 * swings less (contention still inflates it) and tells what the server would sustain on cores of its own.
 * The time the group's threads waited, runnable, for a core says how much of a slow figure is the machine's.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // Linux USER_HZ (getconf CLK_TCK)

/** The live processes of group `pgid` with their stat fields from field 3 (state) on; null off Linux. */
function groupStats(pgid: number): { pid: string; fields: string[] }[] | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  const out: { pid: string; fields: string[] }[] = [];
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // The command name (field 2) may hold spaces: fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): pgrp is field 5.
    if (Number(fields[2]) === pgid) out.push({ pid, fields });
  }
  return out;
}

/** Milliseconds of user + system CPU used so far by the live processes of group `pgid`; null off Linux. */
export function groupCpuMs(pgid: number): number | null {
  const stats = groupStats(pgid);
  if (!stats) return null;
  // utime is field 14, stime 15.
  const ticks = stats.reduce((sum, { fields }) => sum + Number(fields[11]) + Number(fields[12]), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Milliseconds the threads of process `pid` ("self" too) have waited, runnable, for a core (schedstat field 2). */
export function runQueueWaitMs(pid: number | "self"): number | null {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  let ns = 0;
  for (const tid of tids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[1]);
    } catch {
      // exited meanwhile
    }
  }
  return ns / 1e6;
}

/** `runQueueWaitMs` summed over the live processes of group `pgid`; null off Linux. */
export function groupRunQueueWaitMs(pgid: number): number | null {
  const stats = groupStats(pgid);
  if (!stats) return null;
  return stats.reduce((sum, { pid }) => sum + (runQueueWaitMs(Number(pid)) ?? 0), 0);
}
