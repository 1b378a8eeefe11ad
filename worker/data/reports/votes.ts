/**
 * Votes held at held meetings and participation: votes cast (agree + disagree + abstain, hall hands merged
 * with remote ballots by the room) over those entitled to vote. A regular meeting ends with a vote on its
 * resolution, so a held regular meeting with no closed vote is flagged.
 */
import { thresholds } from "../../../schema/api/reports";
import { vnDayBounds } from "../../../schema/calendar";
import { bump, n, type ReportDef, ratio, runQueries, sumMonths, type UnitMonths } from "./engine";
import { meetingCountsQuery, votesQuery } from "./queries";

interface VoteRow extends Record<string, unknown> {
  org: string;
  month: string;
  votes: number;
  passed: number;
  not_passed: number;
  secret: number;
  eligible: number;
  cast: number;
  reserved: number;
}
interface CountRow extends Record<string, unknown> {
  org: string;
  month: string;
  kind: string;
  status: string;
  n: number;
  with_vote: number;
}

export function votesReport(): ReportDef {
  return {
    name: "votes",
    async load(_db, d1, ctx) {
      const { fromUtc, toUtc } = vnDayBounds(ctx.period.from, ctx.period.to);
      const [votes, counts] = (await runQueries(d1, [
        votesQuery(ctx.tenantId, fromUtc, toUtc),
        meetingCountsQuery(ctx.tenantId, fromUtc, toUtc, true),
      ])) as [VoteRow[], CountRow[]];
      const data: UnitMonths = new Map();
      for (const v of votes) {
        bump(data, v.org, v.month, {
          votes: v.votes,
          passed: v.passed,
          notPassed: v.not_passed,
          secret: v.secret,
          eligible: v.eligible,
          cast: v.cast,
          reservedOpinions: v.reserved,
        });
      }
      for (const c of counts) {
        if (c.kind === "regular" && c.status === "closed") {
          bump(data, c.org, c.month, { regularHeld: c.n, regularWithoutVote: c.n - c.with_vote });
        }
      }
      return data;
    },
    unitTotals: (months, ctx) => sumMonths(months, ctx.period.months),
    finish: (c) => ({
      votes: n(c, "votes"),
      passed: n(c, "passed"),
      notPassed: n(c, "notPassed"),
      secret: n(c, "secret"),
      eligible: n(c, "eligible"),
      cast: n(c, "cast"),
      participation: ratio(c.cast, c.eligible),
      reservedOpinions: n(c, "reservedOpinions"),
      regularHeld: n(c, "regularHeld"),
      regularWithoutVote: n(c, "regularWithoutVote"),
      branchesBehind: n(c, "branchesBehind"),
    }),
    reasons(c) {
      const out = [];
      const p = ratio(c.cast, c.eligible);
      if (p !== null && p < thresholds.participation) out.push({ code: "low_participation" as const, value: p });
      if (n(c, "regularWithoutVote") > 0)
        out.push({ code: "meeting_without_vote" as const, count: n(c, "regularWithoutVote") });
      return out;
    },
    monthValues: (c) => ({ votes: n(c, "votes"), participation: ratio(c.cast, c.eligible) }),
  };
}
