import { describe, expect, it } from "vitest";
import { checkScores, gradeOf, qualityGrid, suggestScores } from "../../schema/quality-grid";
import {
  agreeNeeded,
  canStillPass,
  closingResult,
  hallHand,
  inMinority,
  meetsThreshold,
  membersBase,
  openFigures,
  ownBallot,
  type Seat,
  votePresets,
  whyCannotVote,
} from "../../schema/vote-rules";

describe("vote rules", () => {
  const { resolution, admission, procedural } = votePresets;

  it("resolution needs more than half: exactly half fails", () => {
    expect(meetsThreshold(4, 8, resolution)).toBe(false);
    expect(meetsThreshold(5, 8, resolution)).toBe(true);
    expect(meetsThreshold(5, 9, resolution)).toBe(true);
    expect(meetsThreshold(4, 9, resolution)).toBe(false);
    expect(agreeNeeded(8, resolution)).toBe(5);
    expect(agreeNeeded(9, resolution)).toBe(5);
  });

  it("admission needs at least two thirds: exactly two thirds passes", () => {
    expect(meetsThreshold(6, 9, admission)).toBe(true);
    expect(meetsThreshold(5, 9, admission)).toBe(false);
    // 2/3 of 10 is 6.67: 7 needed.
    expect(meetsThreshold(6, 10, admission)).toBe(false);
    expect(agreeNeeded(10, admission)).toBe(7);
    expect(agreeNeeded(9, admission)).toBe(6);
  });

  it("never passes on an empty base", () => {
    expect(meetsThreshold(0, 0, procedural)).toBe(false);
  });

  it("tells whether a motion can still pass", () => {
    expect(canStillPass(resolution, 9, { agree: 3, disagree: 3, abstain: 0 }, 2)).toBe(true);
    expect(canStillPass(resolution, 9, { agree: 3, disagree: 4, abstain: 0 }, 1)).toBe(false);
    // Changeable ballots: the disagreeing may still change their minds.
    expect(canStillPass(procedural, 0, { agree: 1, disagree: 3, abstain: 0 }, 0)).toBe(true);
  });

  const official = (attendance: Seat["attendance"], exempt = false): Seat => ({
    status: "official",
    exempt,
    attendance,
  });

  it("lets only official members who are present vote", () => {
    expect(whyCannotVote(official("present_hall"))).toBeNull();
    expect(whyCannotVote(official("present_remote"))).toBeNull();
    expect(whyCannotVote(official("present_hall", true))).toBeNull();
    expect(whyCannotVote(undefined)).toBe("guest_cannot_vote");
    expect(whyCannotVote({ status: "probationary", exempt: false, attendance: "present_hall" })).toBe(
      "probationary_cannot_vote",
    );
    for (const absent of ["absent_excused", "absent_unexcused", "exempt", null] as const)
      expect(whyCannotVote(official(absent))).toBe("not_present");
  });

  it("counts the members base of 24-QĐ/TW 9.3.2: official members less the exempted absent and the excused", () => {
    const seats: Seat[] = [
      official("present_hall"),
      official("present_remote"),
      official("present_hall", true), // exempted but attending: counts
      official("exempt", true), // exempted and absent: out
      official("absent_excused"), // accepted reason: out
      official("absent_unexcused"), // counts, against
      official(null), // never recorded: counts, against
      { status: "probationary", exempt: false, attendance: "present_hall" }, // never in the base
    ];
    expect(membersBase(seats)).toBe(5);
    // Abstentions and absences count against: 2 agree of a base of 5 does not pass, even if nobody disagreed.
    expect(closingResult(resolution, 5, { agree: 2, disagree: 0, abstain: 1 })).toEqual({
      base: 5,
      result: "not_passed",
    });
    expect(closingResult(procedural, 5, { agree: 2, disagree: 0, abstain: 1 })).toEqual({ base: 3, result: "passed" });
  });

  it("keeps one ballot per member; a rule that allows changes replaces it", () => {
    const remote = { channel: "remote" as const, choice: "agree" as const, ballotId: "b1" };
    const hall = { ...remote, channel: "hall" as const, ballotId: "h1:p1" };
    expect(ownBallot(undefined, "agree", resolution)).toBe("record");
    expect(ownBallot(remote, "disagree", resolution)).toBe("already_voted");
    expect(ownBallot(hall, "agree", resolution)).toBe("already_voted");
    expect(ownBallot(remote, "agree", procedural)).toBe("unchanged");
    expect(ownBallot(remote, "disagree", procedural)).toBe("record");
    expect(ownBallot(hall, "agree", procedural)).toBe("record");
  });

  it("merges hall hands with remote ballots: a member who voted remotely is skipped, never counted twice", () => {
    expect(hallHand(undefined)).toBe("record");
    expect(hallHand({ channel: "hall", choice: "agree", ballotId: "h1:p1" })).toBe("record");
    expect(hallHand({ channel: "remote", choice: "agree", ballotId: "b1" })).toBe("skip");
  });

  it("puts in the minority whoever went against the result", () => {
    expect(inMinority("agree", "passed")).toBe(false);
    expect(inMinority("abstain", "passed")).toBe(true);
    expect(inMinority("agree", "not_passed")).toBe(true);
    expect(inMinority("disagree", "not_passed")).toBe(false);
    expect(inMinority(undefined, "passed")).toBe(false);
  });

  it("shows an open secret vote's count only: no tally, no chance of passing, no base of ballots cast", () => {
    const tally = { agree: 3, disagree: 1, abstain: 0 };
    expect(openFigures(resolution, false, 9, tally, 2)).toEqual({ tally, base: 9, needed: 5, canStillPass: true });
    expect(openFigures(resolution, true, 9, tally, 2)).toEqual({ tally: null, base: 9, needed: 5, canStillPass: null });
    expect(openFigures(procedural, true, 9, tally, 2)).toEqual({ tally: null, base: 0, needed: 0, canStillPass: null });
    expect(openFigures(procedural, false, 9, tally, 2)).toEqual({ tally, base: 4, needed: 3, canStillPass: true });
  });
});

describe("quality grid", () => {
  const full = Object.fromEntries(qualityGrid.map((c) => [c.key, c.max]));

  it("weights sum to 100", () => {
    expect(qualityGrid.reduce((s, c) => s + c.max, 0)).toBe(100);
  });

  it("grades Tốt only at 90+ with full marks on attendance, duration, speaking and minutes", () => {
    expect(gradeOf(full)).toEqual({ total: 100, grade: "good" });
    expect(gradeOf({ ...full, preparation: 5 })).toEqual({ total: 90, grade: "good" });
    expect(gradeOf({ ...full, duration: 9 })).toEqual({ total: 99, grade: "fair" });
    expect(gradeOf({ ...full, preparation: 4 })).toEqual({ total: 89, grade: "fair" });
  });

  it("grades Khá 70–89, Trung bình 50–69, Kém below 50", () => {
    expect(
      gradeOf({ attendance: 20, preparation: 15, documents: 5, duration: 10, conduct: 10, speaking: 10 }).grade,
    ).toBe("fair");
    expect(gradeOf({ attendance: 20, preparation: 15, duration: 10, conduct: 5 }).grade).toBe("average");
    expect(gradeOf({ attendance: 20, preparation: 15, duration: 10, conduct: 4 }).grade).toBe("weak");
  });

  it("refuses a score above its criterion's maximum", () => {
    expect(checkScores({ minutes: 6 })).toBe("minutes");
    expect(checkScores({ minutes: 5 })).toBeNull();
  });

  it("suggests scores from what the room measured", () => {
    const good = suggestScores({
      attendanceRate: 0.9,
      unexcusedAbsences: 0,
      durationMinutes: 95,
      combined: false,
      speakerShare: 0.55,
      minutesWritten: true,
    });
    expect(good).toEqual({ attendance: 20, duration: 10, speaking: 15, minutes: 5 });
    const weak = suggestScores({
      attendanceRate: 0.9,
      unexcusedAbsences: 1,
      durationMinutes: 45,
      combined: false,
      speakerShare: 0.35,
      minutesWritten: false,
    });
    expect(weak.attendance).toBeLessThan(20);
    expect(weak.duration).toBe(5);
    expect(weak.speaking).toBe(9);
    // A combined meeting needs 120 minutes.
    expect(
      suggestScores({
        attendanceRate: 1,
        unexcusedAbsences: 0,
        durationMinutes: 100,
        combined: true,
        speakerShare: 1,
        minutesWritten: true,
      }).duration,
    ).toBeLessThan(10);
  });
});
