/**
 * Joining a room, timed for bench/room.ts: each member opens the room, gets its first frame (our snapshot, the
 * echo's welcome) and taps Join; the watch records when the last member had its first frame (the fill) and when
 * the last tap was acknowledged (the join), both from the watch's creation, and the largest first frame.
 */
import { sleep } from "./fleet.ts";

export interface JoinFigures {
  /** Start → every member has its first frame. */
  fillMs: number;
  /** Start → every member's Join tap acknowledged. */
  joinMs: number;
  /** The largest first frame a member got (characters). */
  snapshotBytes: number;
}

export function joinWatch(n: number, isAck: (frame: Record<string, unknown>, client: number) => boolean) {
  const t0 = performance.now();
  const acked = new Array<boolean>(n).fill(false);
  let readyCount = 0;
  let ackCount = 0;
  let fillAt = 0;
  let joinAt = 0;
  let snapshotBytes = 0;
  return {
    /** The client's first frame came (or, without one, its socket opened). */
    ready(_client: number) {
      readyCount++;
      if (readyCount === n) fillAt = performance.now() - t0;
    },
    see(client: number, frame: Record<string, unknown>, at: number, bytes: number) {
      if (frame.type === "snapshot" || frame.type === "welcome") snapshotBytes = Math.max(snapshotBytes, bytes);
      if (acked[client] || !isAck(frame, client)) return;
      acked[client] = true;
      ackCount++;
      if (ackCount === n) joinAt = at - t0;
    },
    /** Resolves with the figures once every tap is acknowledged (polled: the frames arrive on the fleet's sockets). */
    async done(timeoutMs = 120_000): Promise<JoinFigures> {
      const until = performance.now() + timeoutMs;
      while (ackCount < n) {
        if (performance.now() > until) throw new Error(`join: ${ackCount} of ${n} taps acknowledged`);
        await sleep(5);
      }
      return { fillMs: Math.round(fillAt), joinMs: Math.round(joinAt), snapshotBytes };
    },
  };
}
