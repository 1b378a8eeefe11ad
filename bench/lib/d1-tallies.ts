/**
 * The live-room benches' check against D1 (bench/room.ts, bench/rooms.ts): each vote's stored tally and ballot rows
 * equal to what was cast. The outbox may still be on its way when the bench asks, so it polls.
 */
import { queryLocal } from "../../scripts/lib/wrangler.ts";
import { sleep } from "./fleet.ts";
import type { Tally } from "./room-vote.ts";

export interface StoredTally {
  voteId: string;
  cast: number;
  stored: number;
  ballotRows: number;
  same: boolean;
}

/** `cast`: vote id → what was cast, for votes of `tenant` (in the local SHARD_1 under `persistTo`). */
export async function storedTallies(
  cast: [string, Tally][],
  tenant: string,
  persistTo: string | undefined,
): Promise<StoredTally[]> {
  const ids = cast.map(([id]) => `'${id}'`).join(",");
  let rows: { id: string; agree: number; disagree: number; abstain: number; ballots: number }[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    rows = await queryLocal(
      `SELECT v.id, v.agree, v.disagree, v.abstain, (SELECT COUNT(*) FROM ballots b WHERE b.tenant_id = v.tenant_id AND b.vote_id = v.id) AS ballots FROM votes v WHERE v.tenant_id = '${tenant}' AND v.id IN (${ids})`,
      persistTo,
      "SHARD_1",
    );
    if (rows.length === cast.length) break;
    await sleep(500);
  }
  return cast.map(([voteId, t]) => {
    const row = rows.find((r) => r.id === voteId);
    const total = t.agree + t.disagree + t.abstain;
    const stored = row ? row.agree + row.disagree + row.abstain : 0;
    const same =
      !!row &&
      row.agree === t.agree &&
      row.disagree === t.disagree &&
      row.abstain === t.abstain &&
      row.ballots === total;
    return { voteId, cast: total, stored, ballotRows: row?.ballots ?? 0, same };
  });
}
