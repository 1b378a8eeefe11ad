/**
 * Votes in the room. The rules themselves — who may vote, the base, thresholds, what a ballot or a hall
 * hand does to what is recorded, the minority, the figures — are schema/vote-rules.ts; this applies them to
 * the room's state: ballots recorded, a ballot recognised by its id when replayed, the result fixed with its
 * base on close and written to D1 in one batch.
 */
import type { Choice, VoteView } from "../../schema/room/views";
import {
  agreeNeeded,
  cannotVoteMessages,
  closingResult,
  hallHand,
  inMinority,
  isReplay,
  type NamedPreset,
  openFigures,
  ownBallot,
  ruleOf,
  tallyOf,
  type VoteRule,
  whyCannotVote,
} from "../../schema/vote-rules";
import { notLive } from "./agenda";
import { seatOf, voters } from "./attendance";
import {
  type Actor,
  applied,
  type BallotRec,
  type Ctx,
  iso,
  type Refused,
  type Result,
  type RoomState,
  refuse,
  type VoteRec,
} from "./state";

const ballotKey = (voteId: string, personId: string) => `${voteId}/${personId}`;
/** This person's ballot in this vote, if any: one lookup (the ballots are kept by vote and person). */
export const ballotOf = (s: RoomState, voteId: string, personId: string): BallotRec | undefined =>
  s.ballots[ballotKey(voteId, personId)];
export const ballotsOf = (s: RoomState, voteId: string) => Object.values(s.ballots).filter((b) => b.voteId === voteId);

const tallyOfBallots = (ballots: BallotRec[]) => tallyOf(ballots.map((b) => b.choice));

export function openVote(
  s: RoomState,
  input: { motion: string; itemId?: string | null; rule: NamedPreset | VoteRule; secret: boolean },
  ctx: Ctx,
): Result {
  if (s.meeting.status !== "live") return notLive(s);
  const itemId = input.itemId === undefined ? s.meeting.currentItemId : input.itemId;
  if (itemId && !s.agenda[itemId])
    return refuse("not_found", "Không có mục này trong chương trình / No such agenda item");
  const rule = ruleOf(input.rule);
  const vote: VoteRec = {
    id: ctx.newId(),
    motion: input.motion,
    itemId,
    rule,
    secret: input.secret,
    status: "open",
    openedAt: iso(ctx.now),
    closedAt: null,
    closing: null,
  };
  return applied({ ...s, votes: { ...s.votes, [vote.id]: vote } }, [{ kind: "vote", id: vote.id }], [], {
    entityId: vote.id,
  });
}

/** Why this person may not vote now, as a refusal, or null. */
function ineligible(s: RoomState, personId: string): Refused | null {
  const why = whyCannotVote(seatOf(s, personId));
  return why && refuse(why, cannotVoteMessages[why]);
}

function findOpen(s: RoomState, voteId: string): VoteRec | Result {
  const vote = s.votes[voteId];
  if (!vote) return refuse("not_found", "Không có cuộc biểu quyết này / No such vote");
  if (vote.status === "closed")
    return refuse(
      "vote_closed",
      "Biểu quyết đã kết thúc, phiếu không được nhận / The vote is closed; the ballot was not counted",
    );
  if (s.meeting.status !== "live") return notLive(s);
  return vote;
}
const isVote = (v: VoteRec | Result): v is VoteRec => "motion" in v;

export function castBallot(
  s: RoomState,
  actor: Actor,
  voteId: string,
  choice: Choice,
  ballotId: string,
  ctx: Ctx,
): Result {
  const session = ballotSession(s);
  const result = session.cast(actor, voteId, choice, ballotId, ctx);
  return result.ok ? { ...result, state: session.state() } : result;
}

export interface BallotSession {
  /** One ballot, checked against the ballots cast so far in this session. An ok result's `state` is not the new state: read `state()` for that. */
  cast(actor: Actor, voteId: string, choice: Choice, ballotId: string, ctx: Ctx): Result;
  /** The state with every ballot cast so far. */
  state(): RoomState;
}

/**
 * Ballots applied one after another on one working copy of the ballot record. Copying the whole record
 * (every vote's ballots) for each ballot made a large vote quadratic: with 1,000 earlier ballots, 500 more
 * cost ~370 µs each (measured in Node). `reduceSession` (reduce.ts) runs ballots in a row through one
 * session. Nothing but `ballots` changes, so each ballot sees the same checks as `castBallot` would, in order.
 */
export function ballotSession(s: RoomState): BallotSession {
  let draft: Record<string, BallotRec> | null = null;
  return {
    cast(actor, voteId, choice, ballotId, ctx) {
      const ballots = draft ?? s.ballots;
      const key = ballotKey(voteId, actor.personId);
      const existing = ballots[key];
      // A replay of an acknowledged ballot (same id) is recognised even after the vote closed.
      if (existing && isReplay(existing, ballotId)) {
        return applied(s, [], [], {
          duplicate: true,
          ...(existing.choice ? { ballot: { voteId, choice: existing.choice } } : {}),
        });
      }
      const vote = findOpen(s, voteId);
      if (!isVote(vote)) return vote;
      const why = ineligible(s, actor.personId);
      if (why) return why;
      const outcome = ownBallot(existing, choice, vote.rule);
      if (outcome === "already_voted")
        return refuse(
          "already_voted",
          "Đảng viên đã biểu quyết; phiếu không được đổi / Already voted; this vote does not allow changes",
        );
      if (outcome === "unchanged") return applied(s, [], [], { ballot: { voteId, choice } });
      draft ??= { ...s.ballots };
      draft[key] = { voteId, personId: actor.personId, choice, channel: "remote", ballotId, at: iso(ctx.now) };
      return applied(s, [{ kind: "vote", id: voteId, tally: true }], [], { ballot: { voteId, choice } });
    },
    state() {
      // The draft now belongs to the returned state: a later cast copies again, so that state never changes.
      if (draft) s = { ...s, ballots: draft };
      draft = null;
      return s;
    },
  };
}

/** Hall hands by name. All entries are checked first: one ineligible name refuses the whole entry. */
export function enterHallBallots(
  s: RoomState,
  voteId: string,
  entries: { personId: string; choice: Choice }[],
  msgId: string,
  ctx: Ctx,
): Result {
  const vote = findOpen(s, voteId);
  if (!isVote(vote)) return vote;
  const ids = new Set(entries.map((e) => e.personId));
  if (ids.size !== entries.length)
    return refuse("bad_message", "Một người được ghi hai lần / A person is listed twice");
  for (const e of entries) {
    const why = ineligible(s, e.personId);
    if (why) return refuse(why.code, `${s.roster[e.personId]?.name ?? e.personId}: ${why.message}`);
    // A hand counted in the hall is for members checked in there; a member connected remotely votes themselves.
    if (s.attendance[e.personId]?.status !== "present_hall")
      return refuse(
        "not_in_hall",
        `${s.roster[e.personId]?.name ?? e.personId}: tham dự trực tuyến, tự biểu quyết trên máy của mình / attends remotely and votes on their own device`,
      );
  }
  const ballots = { ...s.ballots };
  const skipped: string[] = [];
  for (const e of entries) {
    const key = ballotKey(voteId, e.personId);
    // Already voted from their own device: the hall count must not count them again.
    if (hallHand(ballots[key]) === "skip") {
      skipped.push(e.personId);
      continue;
    }
    ballots[key] = {
      voteId,
      personId: e.personId,
      choice: e.choice,
      channel: "hall",
      ballotId: `${msgId}:${e.personId}`,
      at: iso(ctx.now),
    };
  }
  return applied({ ...s, ballots }, [{ kind: "vote", id: voteId, tally: true }], [], { skipped });
}

export function closeVote(s: RoomState, voteId: string, ctx: Ctx): Result {
  const vote = s.votes[voteId];
  if (!vote) return refuse("not_found", "Không có cuộc biểu quyết này / No such vote");
  if (vote.status === "closed") return applied(s, [], [], { duplicate: true });
  const ballots = ballotsOf(s, voteId);
  const tally = tallyOfBallots(ballots);
  const { eligibleIds, membersBase } = voters(s);
  const { base, result } = closingResult(vote.rule, membersBase, tally);
  const closedAt = iso(ctx.now);
  const eligible = eligibleIds.length;
  const closed: VoteRec = { ...vote, status: "closed", closedAt, closing: { eligible, base, ...tally, result } };
  const state = { ...s, votes: { ...s.votes, [voteId]: closed } };
  return applied(
    state,
    [{ kind: "vote", id: voteId }],
    [
      {
        kind: "vote",
        vote: {
          id: voteId,
          itemId: vote.itemId,
          motion: vote.motion,
          ruleJson: JSON.stringify(vote.rule),
          secret: vote.secret,
          openedAt: vote.openedAt,
          closedAt,
          base,
          ...tally,
          eligible,
          result,
        },
        ballots: ballots.map((b) => ({
          personId: b.personId,
          choice: vote.secret ? null : b.choice,
          channel: b.channel,
          castAt: b.at,
        })),
      },
    ],
  );
}

/** A voter of a closed vote whose choice went against the result. */
export function reserveOpinion(s: RoomState, actor: Actor, voteId: string, body: string, ctx: Ctx): Result {
  if (s.meeting.status === "closed") return refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");
  const vote = s.votes[voteId];
  if (!vote) return refuse("not_found", "Không có cuộc biểu quyết này / No such vote");
  if (vote.status !== "closed" || !vote.closing)
    return refuse("vote_open", "Bảo lưu sau khi biểu quyết kết thúc / Reserve an opinion after the vote closes");
  const ballot = ballotOf(s, voteId, actor.personId);
  if (!inMinority(ballot?.choice, vote.closing.result))
    return refuse(
      "not_minority",
      "Chỉ đảng viên thuộc thiểu số được bảo lưu ý kiến / Only members in the minority reserve an opinion",
    );
  if (Object.values(s.reserved).some((r) => r.voteId === voteId && r.personId === actor.personId)) {
    return refuse("conflict", "Đã bảo lưu ý kiến cho biểu quyết này / Opinion already reserved for this vote");
  }
  const opinion = { id: ctx.newId(), voteId, personId: actor.personId, name: actor.name, body, at: iso(ctx.now) };
  const state = { ...s, reserved: { ...s.reserved, [opinion.id]: opinion } };
  return applied(state, [{ kind: "reserved", id: opinion.id }], [{ kind: "reserved", opinion }], {
    entityId: opinion.id,
  });
}

export function voteView(s: RoomState, vote: VoteRec): VoteView {
  const ballots = ballotsOf(s, vote.id);
  const votedHall = ballots.filter((b) => b.channel === "hall").length;
  const base0 = {
    id: vote.id,
    motion: vote.motion,
    itemId: vote.itemId,
    rule: vote.rule,
    secret: vote.secret,
    openedAt: vote.openedAt,
    closedAt: vote.closedAt,
  };
  const common = { ...base0, voted: ballots.length, votedHall, votedRemote: ballots.length - votedHall };
  if (vote.closing) {
    const { eligible, base, agree, disagree, abstain, result } = vote.closing;
    return {
      ...common,
      status: "closed",
      eligible,
      tally: { agree, disagree, abstain },
      base,
      needed: agreeNeeded(base, vote.rule),
      canStillPass: result === "passed",
      result,
    };
  }
  const { eligibleIds, membersBase } = voters(s);
  const votedIds = new Set(ballots.map((b) => b.personId));
  const notYet = eligibleIds.filter((id) => !votedIds.has(id)).length;
  const figures = openFigures(vote.rule, vote.secret, membersBase, tallyOfBallots(ballots), notYet);
  return { ...common, status: "open", eligible: eligibleIds.length, ...figures, result: null };
}

/** At the end of the meeting the room forgets secret choices as well (it kept them for reserved opinions). */
export function forgetSecretChoices(s: RoomState): RoomState {
  const secret = new Set(
    Object.values(s.votes)
      .filter((v) => v.secret)
      .map((v) => v.id),
  );
  if (secret.size === 0) return s;
  const ballots = { ...s.ballots };
  for (const [key, b] of Object.entries(ballots))
    if (secret.has(b.voteId) && b.choice !== null) ballots[key] = { ...b, choice: null };
  return { ...s, ballots };
}

export const hasOpenVote = (s: RoomState) => Object.values(s.votes).some((v) => v.status === "open");
