/**
 * CPU time spent by a process group (wrangler dev: its Node process and the workerd processes), read
 * from /proc. On a shared machine wall-clock figures swing with everyone else's work; CPU per request
 * swings less (contention still inflates it) and tells what the server would sustain on cores of its own.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // Linux USER_HZ (getconf CLK_TCK)

/** Milliseconds of user + system CPU used so far by the live processes of group `pgid`; null off Linux. */
export function groupCpuMs(pgid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  let ticks = 0;
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
    // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
