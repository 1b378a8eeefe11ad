/**
 * Vote rules as data (DOMAIN.md "Voting rules"). A rule says what the threshold is measured against
 * (the base) and how high it is; presets cover the Party's usual cases and the chair may edit them.
 * Runtime-safe: the room computes results with these functions and the web client shows the same figures.
 * zod/mini, like the room's schemas (schema/room/views.ts): these ride along on the member's phone.
 */
import * as z from "zod/mini";

/**
 * `members`: the branch's official members summoned, less the exempted who are absent and those absent
 * with an accepted reason (regulation 24-QĐ/TW point 9.3.2). `cast`: the ballots cast (agree + disagree +
 * abstain) — for procedural questions only.
 */
export const voteBaseKindSchema = z.enum(["members", "cast"]);
export type VoteBaseKind = z.infer<typeof voteBaseKindSchema>;

/** The presets a chair can open a vote with by name (vote/open); `custom` is an edited rule. */
const namedPresets = ["resolution", "admission", "recognition", "procedural"] as const;
export const namedPresetSchema = z.enum(namedPresets);
export const votePresetSchema = z.enum([...namedPresets, "custom"]);
export type VotePreset = z.infer<typeof votePresetSchema>;

export const voteRuleSchema = z
  .object({
    preset: votePresetSchema,
    base: voteBaseKindSchema,
    /** The threshold as a fraction num/den of the base, e.g. 1/2 or 2/3. */
    num: z.int().check(z.minimum(1), z.maximum(99)),
    den: z.int().check(z.minimum(1), z.maximum(100)),
    /** true: agree must be MORE than the fraction (> 1/2); false: AT LEAST the fraction (≥ 2/3). */
    strict: z.boolean(),
    /** Whether a member may change their ballot until the vote closes. */
    allowChange: z.boolean(),
  })
  .check(z.refine((r) => r.num <= r.den, { message: "num ≤ den" }));
export type VoteRule = z.infer<typeof voteRuleSchema>;

export const votePresets: Record<Exclude<VotePreset, "custom">, VoteRule> = {
  /** Charter art. 10.5: more than half of the body's members agree. */
  resolution: { preset: "resolution", base: "members", num: 1, den: 2, strict: true, allowChange: false },
  /** Admitting a member: at least two thirds of official members (Charter art. 4). */
  admission: { preset: "admission", base: "members", num: 2, den: 3, strict: false, allowChange: false },
  /** Recognizing a probationary member as official: at least two thirds (Charter art. 5). */
  recognition: { preset: "recognition", base: "members", num: 2, den: 3, strict: false, allowChange: false },
  /** Approving the agenda, closing discussion: more than half of the votes cast. */
  procedural: { preset: "procedural", base: "cast", num: 1, den: 2, strict: true, allowChange: true },
};

export const votePresetLabels: Record<VotePreset, string> = {
  resolution: "Nghị quyết (quá 1/2 đảng viên chính thức) / Resolution (more than half of official members)",
  admission: "Kết nạp đảng viên (từ 2/3 trở lên) / Admission (at least two thirds)",
  recognition: "Công nhận đảng viên chính thức (từ 2/3 trở lên) / Recognition as official (at least two thirds)",
  procedural: "Thủ tục (quá 1/2 số phiếu) / Procedural (more than half of votes cast)",
  custom: "Tùy chỉnh / Custom",
};

/** Whether `agree` meets the rule's threshold over `base`; a base of 0 never passes. Integer arithmetic, no rounding. */
export function meetsThreshold(agree: number, base: number, rule: Pick<VoteRule, "num" | "den" | "strict">): boolean {
  if (base <= 0) return false;
  return rule.strict ? agree * rule.den > rule.num * base : agree * rule.den >= rule.num * base;
}

/** The smallest number of agree ballots that passes over `base` (shown as "needs N"). */
export function agreeNeeded(base: number, rule: Pick<VoteRule, "num" | "den" | "strict">): number {
  if (base <= 0) return 1;
  const exact = (rule.num * base) / rule.den;
  return rule.strict ? Math.floor(exact) + 1 : Math.ceil(exact);
}

export interface Tally {
  agree: number;
  disagree: number;
  abstain: number;
}

/**
 * The base a result is measured against: the members base for `members` rules, the ballots cast otherwise.
 * `membersBase` is computed by the room from the roster and attendance.
 */
export function baseFor(rule: Pick<VoteRule, "base">, membersBase: number, tally: Tally): number {
  return rule.base === "members" ? membersBase : tally.agree + tally.disagree + tally.abstain;
}

/** Whether the motion can still pass if every eligible member who has not voted yet agrees. */
export function canStillPass(rule: VoteRule, membersBase: number, tally: Tally, notYetVoted: number): boolean {
  const best: Tally = { ...tally, agree: tally.agree + notYetVoted };
  if (rule.allowChange) {
    // Changeable ballots: everyone may still move to agree.
    best.agree += tally.disagree + tally.abstain;
    best.disagree = 0;
    best.abstain = 0;
  }
  return meetsThreshold(best.agree, baseFor(rule, membersBase, best), rule);
}
