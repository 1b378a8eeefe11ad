import { describe, expect, it } from "vitest";
import {
  checkMinutesCounts,
  countChanges,
  countLines,
  disagreementText,
  updateCountLines,
} from "../../schema/record/minutes-counts";
import { draftMinutes } from "../../schema/record/minutes-draft";
import type { MinutesFacts } from "../../schema/record/minutes-facts";
import { closingResult, presetAsApplied, ruleAsApplied, ruleOf, votePresets } from "../../schema/vote-rules";

/** The admission preset with its threshold edited to more than half: the case of issue 12 item 2. */
const halfRule = { ...votePresets.admission, num: 1, strict: true, den: 2 };

/** Nine official members, one probationary; a vote of 5 of 9 under the edited rule. */
function facts(): MinutesFacts {
  const member = (i: number, attendance: MinutesFacts["members"][number]["attendance"], official = true) => ({
    name: `Đảng viên ${i}`,
    official,
    attendance,
    reason: attendance === "absent_excused" ? "Ốm" : null,
  });
  return {
    topic: "Sinh hoạt tháng 11",
    place: "Nhà văn hóa",
    scheduledAt: "2026-11-22T12:00:00.000Z",
    startedAt: "2026-11-22T12:05:00.000Z",
    endedAt: "2026-11-22T13:50:00.000Z",
    chairName: "Đảng viên 1",
    minutesTakerName: "Đảng viên 2",
    guests: [],
    members: [
      ...[1, 2, 3, 4, 5].map((i) => member(i, "present_hall")),
      ...[6, 7].map((i) => member(i, "present_remote")),
      member(8, "absent_unexcused"),
      member(9, "exempt"),
      member(10, "present_hall", false),
    ],
    agenda: [{ id: "a1", position: 1, title: "Kết nạp đảng viên" }],
    speeches: [
      { personId: "p3", name: "Đảng viên 3", itemId: "a1", durationSeconds: 200 },
      { personId: "p4", name: "Đảng viên 4", itemId: "a1", durationSeconds: 100 },
      { personId: "p3", name: "Đảng viên 3", itemId: "a1", durationSeconds: 30 },
    ],
    votes: [
      {
        id: "v1",
        itemId: "a1",
        motion: "Kết nạp quần chúng Nguyễn Văn A",
        rule: ruleOf(halfRule),
        secret: true,
        closing: { base: 8, agree: 5, disagree: 2, abstain: 0, result: "passed" },
      },
    ],
    reserved: [{ voteId: "v1", name: "Đảng viên 5", body: "Chưa đủ thời gian thử thách" }],
    evaluations: [{ personId: "p1", name: "Đảng viên 1", kind: "branch", total: 86, grade: "fair" }],
  };
}

describe("the rule as applied", () => {
  it("names a preset edited away from its threshold a custom rule, stated as applied", () => {
    expect(closingResult(ruleOf(halfRule), 9, { agree: 5, disagree: 4, abstain: 0 }).result).toBe("passed");
    expect(ruleOf(halfRule).preset).toBe("custom");
    expect(presetAsApplied(halfRule)).toBe("custom");
    expect(ruleAsApplied(halfRule).vi).toBe("quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức");
    expect(ruleAsApplied(halfRule).en).toBe("custom rule: more than 1/2 of official members");
    expect(ruleAsApplied(halfRule).vi).not.toContain("2/3");
  });

  it("keeps a preset's name when nothing was edited", () => {
    expect(ruleOf({ ...votePresets.admission }).preset).toBe("admission");
    expect(ruleAsApplied(votePresets.admission).vi).toBe("kết nạp đảng viên: từ 2/3 số đảng viên chính thức trở lên");
    expect(ruleAsApplied(votePresets.procedural).vi).toBe("thủ tục: quá 1/2 số phiếu biểu quyết");
  });
});

describe("the minutes draft", () => {
  it("writes every count as a labelled line, and only the content", () => {
    const text = draftMinutes(facts());
    for (const line of [
      "Thời gian họp: 19:05 – 20:50 (105 phút)",
      "Tổng số đảng viên: 10 (chính thức 9, dự bị 1)",
      "Có mặt: 8 (tại hội trường 6, trực tuyến 2)",
      "Vắng có lý do: 0",
      "Vắng không lý do: 1",
      "Miễn sinh hoạt: 1",
      "Cơ sở biểu quyết: 8 đảng viên chính thức",
      "Phát biểu: 3 lượt, 2 người",
      "Số lần biểu quyết: 1",
      "Biểu quyết số 1: Kết nạp quần chúng Nguyễn Văn A (bỏ phiếu kín)",
      "Quy tắc biểu quyết số 1: quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức",
      "Kết quả biểu quyết số 1: tán thành 5/8, không tán thành 2, không biểu quyết 0 → THÔNG QUA",
      "Bảo lưu ý kiến (biểu quyết số 1): 1",
      "Đồng chí Đảng viên 5: Chưa đủ thời gian thử thách",
      "Xếp loại chất lượng (chi bộ): 86/100 — Khá",
    ])
      expect(text).toContain(line);
    expect(text).not.toContain("2/3");
    expect(text).not.toMatch(/ĐẢNG CỘNG SẢN|BIÊN BẢN|THƯ KÝ\s*$/);
  });
});

describe("checking the counts of a text against the record", () => {
  it("finds nothing to say about the draft itself, nor about a reworded narrative", () => {
    const f = facts();
    expect(checkMinutesCounts(draftMinutes(f), f)).toEqual([]);
    const reworded = draftMinutes(f)
      .replace("1. Kết nạp đảng viên", "1. Xét kết nạp đảng viên mới, thảo luận sôi nổi")
      .replace("Có mặt: 8", "  - Có mặt : 8")
      // Typed on a phone: plain dashes and arrows, other case.
      .replace("19:05 – 20:50", "19:05-20:50")
      .replace("→ THÔNG QUA", "-> Thông qua")
      .replace("86/100 — Khá", "86/100 - khá");
    expect(checkMinutesCounts(reworded, f)).toEqual([]);
  });

  it("names each count the text gives otherwise, and each it leaves out", () => {
    const f = facts();
    const wrong = draftMinutes(f)
      .replace("Có mặt: 8 (tại hội trường 6", "Có mặt: 3 (tại hội trường 0")
      .replace(/^.*Xếp loại chất lượng.*$/m, "")
      .replace("quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức", "kết nạp đảng viên: từ 2/3 trở lên");
    const found = checkMinutesCounts(wrong, f);
    expect(found.map((d) => d.label)).toEqual(["Có mặt", "Quy tắc biểu quyết số 1", "Xếp loại chất lượng (chi bộ)"]);
    expect(found[0]).toEqual({
      label: "Có mặt",
      text: "3 (tại hội trường 0, trực tuyến 2)",
      record: "8 (tại hội trường 6, trực tuyến 2)",
    });
    expect(found[2]?.text).toBeNull();
    expect(disagreementText(found[0]!)).toContain("biên bản ghi «3 (tại hội trường 0, trực tuyến 2)»");
  });

  it("refuses the stale draft of a meeting before its start (3 present, nobody in the hall, no vote)", () => {
    const f = facts();
    const before: MinutesFacts = {
      ...f,
      startedAt: null,
      endedAt: null,
      members: f.members.map((m, i) => ({ ...m, attendance: i < 3 ? "present_remote" : null })),
      speeches: [],
      votes: [],
      reserved: [],
      evaluations: [],
    };
    const labels = checkMinutesCounts(draftMinutes(before), f).map((d) => d.label);
    expect(labels).toEqual(
      expect.arrayContaining(["Thời gian họp", "Có mặt", "Phát biểu", "Số lần biểu quyết", "Kết quả biểu quyết số 1"]),
    );
  });
});

describe("what changed since the minutes-taker's edit", () => {
  it("lists the counts that moved, and rewrites the count lines keeping the narrative", () => {
    const f = facts();
    const atEdit: MinutesFacts = { ...f, speeches: f.speeches.slice(0, 1), votes: [], reserved: [] };
    const changes = countChanges(countLines(atEdit), countLines(f));
    expect(changes).toContain("Phát biểu: 1 lượt, 1 người → 3 lượt, 2 người");
    expect(changes).toContain("Số lần biểu quyết: 0 → 1");
    expect(changes).toContainEqual(expect.stringContaining("Kết quả biểu quyết số 1: tán thành 5/8"));

    const theirs = `Chi bộ họp đầy đủ, không khí dân chủ.\n${draftMinutes(atEdit)}`;
    const updated = updateCountLines(theirs, f);
    expect(updated).toContain("Chi bộ họp đầy đủ, không khí dân chủ.");
    expect(updated).toContain("Phát biểu: 3 lượt, 2 người");
    expect(checkMinutesCounts(updated, f)).toEqual([]);
  });
});
