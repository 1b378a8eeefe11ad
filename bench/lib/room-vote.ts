/**
 * Driving a live room from the load generator (bench/room.ts, bench/rooms.ts): the chair's commands with their
 * acks, and one vote as members cast it — each member casts a ballot as soon as the opened vote reaches them,
 * the chair closes it once every ballot is acknowledged, and the result must reach everyone counting exactly the
 * acknowledged ballots.
 */
import type { Fleet } from "./fleet.ts";

const CHOICES = [
  "agree",
  "agree",
  "agree",
  "agree",
  "agree",
  "agree",
  "disagree",
  "disagree",
  "abstain",
  "abstain",
] as const;
export const choiceOf = (i: number, vote: number) => CHOICES[(i + vote) % CHOICES.length]!;

export type Tally = { agree: number; disagree: number; abstain: number };

/** The chair is client 0: `send` fires a command, `ack` waits for its ack (and throws on a refusal). */
export function chairOf(fleet: Fleet) {
  let seq = 0;
  const send = (msg: Record<string, unknown>) => {
    const id = `c${seq++}`;
    fleet.send(0, { ...msg, id });
    return id;
  };
  const ack = async (msg: Record<string, unknown>) => {
    let got: Record<string, unknown> | undefined;
    let id = "";
    await fleet.phase(
      (c, f) => {
        if (c === 0 && f.ref === id) got = f;
      },
      () => got !== undefined,
      () => {
        id = send(msg);
      },
      String(msg.type),
    );
    if (got!.type !== "ack") throw new Error(`${String(msg.type)} refused: ${JSON.stringify(got)}`);
    return got!;
  };
  return { send, ack };
}
export type Chair = ReturnType<typeof chairOf>;

export interface VoteRun {
  voteId: string;
  /** What was cast (and acknowledged or refused). */
  tally: Tally;
  /** Opening sent → last ballot acknowledged, ms. */
  lastAckMs: number;
  /** Opening sent → the closed result received by every member, ms. */
  resultMs: number;
  /** Close sent → the result received by every member, ms. */
  closeToAllMs: number;
  /** First ballot sent → last ballot sent, ms. */
  sendSpreadMs: number;
  /** Each ballot, sent → acknowledged, ms. */
  ballotAcks: number[];
  /** Result frames showing another count of ballots than were acknowledged (lost or counted twice). */
  miscounted: number;
  resultBytes: number;
}

/** Vote number `v` in the room of `fleet`: opened by the chair, cast by every member, closed by the chair. */
export async function runVote(fleet: Fleet, chair: Chair, v: number): Promise<VoteRun> {
  const n = fleet.size;
  const tally = { agree: 0, disagree: 0, abstain: 0 };
  const voted = new Array<boolean>(n).fill(false);
  const acked = new Array<boolean>(n).fill(false);
  const ballotAcks: number[] = [];
  let ackCount = 0;
  let refused = 0;
  let lastAck = 0;
  let voteId = "";
  let miscounted = 0;
  const sentAt = new Array<number>(n).fill(0);
  const t0 = performance.now();
  await fleet.phase(
    (c, f, at) => {
      const vote = f.vote as { id: string; status: string } | undefined;
      if (f.type === "vote" && vote?.status === "open" && !voted[c]) {
        voted[c] = true;
        voteId = vote.id;
        const choice = choiceOf(c, v);
        tally[choice]++;
        sentAt[c] = performance.now();
        fleet.send(c, { type: "vote/cast", id: `b${v}-${c}`, voteId: vote.id, choice });
      } else if (f.type === "ack" && f.ref === `b${v}-${c}` && !acked[c]) {
        acked[c] = true;
        ackCount++;
        lastAck = at - t0;
        ballotAcks.push(at - sentAt[c]!);
      } else if (f.type === "error" && f.ref === `b${v}-${c}`) {
        refused++; // counted in fleet.errors as well: the run fails its target
      }
    },
    () => ackCount + refused === n,
    () => chair.send({ type: "vote/open", motion: `Biểu quyết số ${v + 1}`, rule: "resolution", secret: false }),
    () => `ballots of vote ${v}: ${ackCount} acked, ${refused} refused of ${n}`,
  );
  const tClose = performance.now();
  const result = await fleet.untilAll(
    (c, f) => {
      const vote = f.vote as { id: string; status: string; voted: number } | undefined;
      if (f.type !== "vote" || vote?.id !== voteId || vote.status !== "closed") return false;
      if (vote.voted !== ackCount) {
        miscounted++;
        console.error(`client ${c}: the result shows ${vote.voted} ballots, ${ackCount} acknowledged`);
      }
      return true;
    },
    () => chair.send({ type: "vote/close", voteId }),
    `result of vote ${v}`,
  );
  const sends = sentAt.filter((t) => t > 0);
  return {
    voteId,
    tally,
    lastAckMs: Math.round(lastAck),
    resultMs: Math.round(tClose + result.last - t0),
    closeToAllMs: Math.round(result.last),
    sendSpreadMs: Math.round(Math.max(...sends) - Math.min(...sends)),
    ballotAcks,
    miscounted,
    resultBytes: result.bytes,
  };
}
