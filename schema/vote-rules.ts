/**
 * Every vote rule, in one place (DOMAIN.md "Voting rules"): the options, who may vote, the base, the
 * thresholds and their presets, what a member's own ballot and a hall count do to what is already recorded,
 * who is in the minority, the result, and the figures an open vote shows. Rules are data: a rule says what
 * the threshold is measured against (the base) and how high it is; presets cover the Party's usual cases.
 * The room decides with these (party/logic/votes.ts), the seed writes its closed votes with them
 * (scripts/lib/seed-meetings.ts), and the web client lists and labels with the same ones.
 * A pure leaf: no import but zod/mini, like the room's schemas (these ride along on the member's phone),
 * and no relative import, so Node scripts can import it by path.
 */
import * as z from "zod/mini";

/** The three options of every vote. */
export const choiceSchema = z.enum(["agree", "disagree", "abstain"]);
export type Choice = z.infer<typeof choiceSchema>;

/**
 * A member's attendance at a meeting. It lives here (schema/room/views.ts re-exports it) because who may vote
 * and the base are defined on it.
 */
export const attendanceStatusSchema = z.enum([
  "present_hall",
  "present_remote",
  "absent_excused",
  "absent_unexcused",
  "exempt",
]);
export type AttendanceStatus = z.infer<typeof attendanceStatusSchema>;

/** Checked in, in the hall or from their own device. */
export const isPresent = (status: AttendanceStatus | null | undefined): boolean =>
  status === "present_hall" || status === "present_remote";

/**
 * `members`: the branch's official members summoned, less the exempted who are absent and those absent
 * with an accepted reason (regulation 24-QĐ/TW point 9.3.2). `cast`: the ballots cast (agree + disagree +
 * abstain) — for procedural questions only.
 */
export const voteBaseKindSchema = z.enum(["members", "cast"]);
export type VoteBaseKind = z.infer<typeof voteBaseKindSchema>;

/** The presets a chair can open a vote with by name (vote/open); `custom` is an edited rule. */
export const namedPresets = ["resolution", "admission", "recognition", "procedural"] as const;
export type NamedPreset = (typeof namedPresets)[number];
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
type Threshold = Pick<VoteRule, "num" | "den" | "strict">;

export const votePresets: Record<NamedPreset, VoteRule> = {
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

/** Whether a rule says exactly what its named preset says; a rule edited away from it is a custom rule. */
function isPresetAsIs(rule: VoteRule): rule is VoteRule & { preset: NamedPreset } {
  if (rule.preset === "custom") return false;
  const p = votePresets[rule.preset];
  return (
    p.base === rule.base &&
    p.num === rule.num &&
    p.den === rule.den &&
    p.strict === rule.strict &&
    p.allowChange === rule.allowChange
  );
}

/**
 * The preset a rule really is: its named preset only when nothing was edited, otherwise `custom`. Reads votes
 * stored before a room normalised edited rules (an `admission` rule of > 1/2) as what they applied.
 */
export const presetAsApplied = (rule: VoteRule): VotePreset => (isPresetAsIs(rule) ? rule.preset : "custom");

/**
 * The rule a vote opens with: a preset by name, or an edited rule as given — named `custom` when it was edited
 * away from the preset it names, so the record never calls a > 1/2 rule "at least two thirds".
 */
export const ruleOf = (rule: NamedPreset | VoteRule): VoteRule =>
  typeof rule === "string" ? votePresets[rule] : { ...rule, preset: presetAsApplied(rule) };

/** The threshold as people write it: `> 1/2`, `≥ 2/3`. */
export const thresholdText = (rule: Threshold): string => `${rule.strict ? ">" : "≥"} ${rule.num}/${rule.den}`;

const presetNames: Record<NamedPreset, [vi: string, en: string]> = {
  resolution: ["nghị quyết", "resolution"],
  admission: ["kết nạp đảng viên", "admission"],
  recognition: ["công nhận đảng viên chính thức", "recognition as official"],
  procedural: ["thủ tục", "procedural"],
};

/**
 * The rule as it was applied, in words: its name (a preset, or "custom rule" when edited) and its threshold over
 * its base, e.g. "quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức / custom rule: more than 1/2 of official
 * members". The one description the minutes draft, the room's vote card and the record pages print.
 */
export function ruleAsApplied(rule: VoteRule): { vi: string; en: string } {
  const preset = presetAsApplied(rule);
  const [nameVi, nameEn] = preset === "custom" ? ["quy tắc tùy chỉnh", "custom rule"] : presetNames[preset];
  const fraction = `${rule.num}/${rule.den}`;
  const baseVi = rule.base === "members" ? "số đảng viên chính thức" : "số phiếu biểu quyết";
  const baseEn = rule.base === "members" ? "official members" : "votes cast";
  const vi = rule.strict ? `quá ${fraction} ${baseVi}` : `từ ${fraction} ${baseVi} trở lên`;
  const en = rule.strict ? `more than ${fraction} of ${baseEn}` : `at least ${fraction} of ${baseEn}`;
  return { vi: `${nameVi}: ${vi}`, en: `${nameEn}: ${en}` };
}

/** `ruleAsApplied` as one "Việt / English" string, the way the screens print labels. */
export const ruleAsAppliedLabel = (rule: VoteRule): string => {
  const d = ruleAsApplied(rule);
  return `${d.vi} / ${d.en}`;
};

/** Whether `agree` meets the rule's threshold over `base`; a base of 0 never passes. Integer arithmetic, no rounding. */
export function meetsThreshold(agree: number, base: number, rule: Threshold): boolean {
  if (base <= 0) return false;
  return rule.strict ? agree * rule.den > rule.num * base : agree * rule.den >= rule.num * base;
}

/** The smallest number of agree ballots that passes over `base` (shown as "needs N"). */
export function agreeNeeded(base: number, rule: Threshold): number {
  if (base <= 0) return 1;
  const exact = (rule.num * base) / rule.den;
  return rule.strict ? Math.floor(exact) + 1 : Math.ceil(exact);
}

// ── Who may vote, and the base ──

/** What the rules need to know of a person at this meeting: their place on the branch's roster, and their attendance. */
export interface Seat {
  status: "official" | "probationary";
  exempt: boolean;
  attendance: AttendanceStatus | null;
}

export type CannotVote = "guest_cannot_vote" | "probationary_cannot_vote" | "not_present";
export const cannotVoteMessages: Record<CannotVote, string> = {
  guest_cannot_vote: "Khách mời không biểu quyết / Guests do not vote",
  probationary_cannot_vote:
    "Đảng viên dự bị không có quyền biểu quyết (Điều lệ, Điều 3) / Probationary members do not vote (Charter, art. 3)",
  not_present: "Đảng viên chưa điểm danh có mặt / The member is not checked in as present",
};

/**
 * Why this person may not vote now, or null: only official members vote (Charter art. 3), and only when
 * present (no proxy voting). `undefined`: not on the branch's roster, a guest.
 */
export function whyCannotVote(seat: Seat | undefined): CannotVote | null {
  if (!seat) return "guest_cannot_vote";
  if (seat.status !== "official") return "probationary_cannot_vote";
  if (!isPresent(seat.attendance)) return "not_present";
  return null;
}
export const mayVote = (seat: Seat | undefined): boolean => whyCannotVote(seat) === null;

/**
 * Whether this member counts in the `members` base: official members summoned, less the exempted who are
 * absent (an exempted member who attends counts) and those absent with an accepted reason. Unexcused and
 * unrecorded absences count, against the motion. (The transferred, suspended and detained are not on the
 * roster the room loads.)
 */
export function inMembersBase(seat: Seat): boolean {
  if (seat.status !== "official") return false;
  if (seat.exempt && !isPresent(seat.attendance)) return false;
  return seat.attendance !== "absent_excused";
}

export function membersBase(seats: Iterable<Seat>): number {
  let base = 0;
  for (const seat of seats) if (inMembersBase(seat)) base++;
  return base;
}

// ── Ballots ──

export interface Tally {
  agree: number;
  disagree: number;
  abstain: number;
}

/** Counts the choices; a forgotten secret choice (null) counts in none. */
export function tallyOf(choices: Iterable<Choice | null>): Tally {
  const t: Tally = { agree: 0, disagree: 0, abstain: 0 };
  for (const c of choices) if (c) t[c]++;
  return t;
}

/** A ballot already recorded for a member in a vote. */
export interface RecordedBallot {
  channel: "remote" | "hall";
  choice: Choice | null;
  /** The request that cast it (a hall hand: the hall entry's request and the person). */
  ballotId: string;
}

/** The same ballot again (a client replays what it sent offline): acknowledged, even after the vote closed. */
export const isReplay = (prior: RecordedBallot | undefined, ballotId: string): boolean => prior?.ballotId === ballotId;

/**
 * A member's own ballot, once the vote is open and they may vote, against what is recorded for them: one
 * ballot per member, replaced until close only under a rule that allows changes (a hand counted in the
 * hall included). The same choice again from their device changes nothing.
 */
export function ownBallot(
  prior: RecordedBallot | undefined,
  choice: Choice,
  rule: Pick<VoteRule, "allowChange">,
): "record" | "unchanged" | "already_voted" {
  if (!prior) return "record";
  if (!rule.allowChange) return "already_voted";
  return prior.choice === choice && prior.channel === "remote" ? "unchanged" : "record";
}

/**
 * A hand counted in the hall, merged with the remote ballots: a member who voted from their own device is
 * skipped, never counted twice; otherwise the hand is recorded, replacing an earlier hall count of theirs.
 */
export const hallHand = (prior: RecordedBallot | undefined): "record" | "skip" =>
  prior?.channel === "remote" ? "skip" : "record";

/** Whose choice went against the result: they may reserve their opinion (Charter art. 10.5). */
export const inMinority = (choice: Choice | null | undefined, result: VoteResult): boolean =>
  choice != null && (result === "passed" ? choice !== "agree" : choice === "agree");

// ── Results and figures ──

export const voteResultSchema = z.enum(["passed", "not_passed"]);
export type VoteResult = z.infer<typeof voteResultSchema>;

/**
 * The base a result is measured against: the members base for `members` rules, the ballots cast otherwise.
 * A resolution passes when `agree > base / 2`: abstentions and absences count against it.
 */
export function baseFor(rule: Pick<VoteRule, "base">, membersBase: number, tally: Tally): number {
  return rule.base === "members" ? membersBase : tally.agree + tally.disagree + tally.abstain;
}

/** The result a vote closes with, and the base it was measured against. */
export function closingResult(rule: VoteRule, membersBase: number, tally: Tally): { base: number; result: VoteResult } {
  const base = baseFor(rule, membersBase, tally);
  return { base, result: meetsThreshold(tally.agree, base, rule) ? "passed" : "not_passed" };
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

/**
 * What an open vote shows. A secret vote shows only how many voted: a tally that moves as each ballot lands
 * tells the room who voted how, and so would a base of ballots cast (0 here) or whether it can still pass.
 */
export function openFigures(
  rule: VoteRule,
  secret: boolean,
  membersBase: number,
  tally: Tally,
  notYetVoted: number,
): { tally: Tally | null; base: number; needed: number; canStillPass: boolean | null } {
  if (secret && rule.base === "cast") return { tally: null, base: 0, needed: 0, canStillPass: null };
  const base = baseFor(rule, membersBase, tally);
  return {
    tally: secret ? null : tally,
    base,
    needed: agreeNeeded(base, rule),
    canStillPass: secret ? null : canStillPass(rule, membersBase, tally, notYetVoted),
  };
}
