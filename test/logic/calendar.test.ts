import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  durationMarkMinutes,
  exemptionCovers,
  lastDayOfMonth,
  meetingDay,
  meetingMinutes,
  monthsBetween,
  quarterKey,
  quarterMonths,
  quarterOf,
  quarterSpan,
  VN_SQL_SHIFT,
  VN_SQL_UNSHIFT,
  vnDay,
  vnDayBounds,
  vnLocal,
  vnLocalToUtc,
  vnMonth,
  vnMonthBounds,
  vnOffsetMinutes,
  vnThisMonth,
  vnThisYear,
  vnToday,
  vnToUtc,
} from "../../schema/calendar";

describe("Vietnam's days and months", () => {
  it("turns the day at midnight in Vietnam, 17:00 UTC the day before", () => {
    expect(vnDay("2026-11-30T16:59:59.999Z")).toBe("2026-11-30");
    expect(vnDay("2026-11-30T17:00:00.000Z")).toBe("2026-12-01");
    expect(vnDay(new Date("2026-12-01T00:00:00+07:00"))).toBe("2026-12-01");
  });

  it("turns the month and the year at midnight in Vietnam", () => {
    expect(vnMonth("2026-11-30T16:59:59Z")).toBe("2026-11");
    expect(vnMonth("2026-11-30T17:00:00Z")).toBe("2026-12");
    expect(vnMonth("2026-12-31T17:00:00Z")).toBe("2027-01");
    expect(vnThisYear("2026-12-31T16:59:59Z")).toBe(2026);
    expect(vnThisYear("2026-12-31T17:00:00Z")).toBe(2027);
  });

  it("says 'this month' is the next one on the last evening of a month after 17:00 UTC", () => {
    // 30 November, 23:30 in Hà Nội is still November; 00:30 on 1 December is December, while UTC says 30 Nov.
    expect(vnThisMonth(Date.parse("2026-11-30T16:30:00Z"))).toBe("2026-11");
    expect(vnThisMonth(Date.parse("2026-11-30T17:30:00Z"))).toBe("2026-12");
    expect(vnToday(Date.parse("2026-11-30T17:30:00Z"))).toBe("2026-12-01");
  });

  it("reads the offset from the zone database: 7 hours ahead, no daylight saving", () => {
    for (let m = 1; m <= 12; m++) expect(vnOffsetMinutes(Date.UTC(2026, m - 1, 15))).toBe(420);
    expect(VN_SQL_SHIFT).toBe("+420 minutes");
    expect(VN_SQL_UNSHIFT).toBe("-420 minutes");
  });

  it("places a Vietnam wall time at its UTC instant, and back", () => {
    expect(vnToUtc(2026, 12, 5, 19, 30)).toBe("2026-12-05T12:30:00.000Z");
    expect(vnToUtc(2026, 12, 1)).toBe("2026-11-30T17:00:00.000Z");
    // Days and months roll over: day 32 of December is 1 January; month 13 is next January.
    expect(vnToUtc(2026, 12, 32)).toBe("2026-12-31T17:00:00.000Z");
    expect(vnToUtc(2026, 13, 1)).toBe(vnToUtc(2027, 1, 1));
    expect(vnLocalToUtc("2026-12-05T19:30")).toBe("2026-12-05T12:30:00.000Z");
    expect(vnLocalToUtc("2026-12-05")).toBe("2026-12-04T17:00:00.000Z");
    expect(vnLocal("2026-11-30T23:30:00Z")).toBe("2026-12-01T06:30");
  });

  it("bounds Vietnam days and months by UTC instants", () => {
    expect(vnDayBounds("2026-12-01", "2026-12-31")).toEqual({
      fromUtc: "2026-11-30T17:00:00.000Z",
      toUtc: "2026-12-31T17:00:00.000Z",
    });
    expect(vnMonthBounds("2026-02")).toEqual({
      fromUtc: "2026-01-31T17:00:00.000Z",
      toUtc: "2026-02-28T17:00:00.000Z",
    });
  });

  it("does month and day arithmetic across years and leap days", () => {
    expect(lastDayOfMonth("2028-02")).toBe("2028-02-29");
    expect(lastDayOfMonth("2026-02")).toBe("2026-02-28");
    expect(lastDayOfMonth("2026-12")).toBe("2026-12-31");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-03", -14)).toBe("2025-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  });
});

describe("quarters", () => {
  it("gives the quarter of a month or a day", () => {
    expect(["01", "03", "04", "06", "07", "09", "10", "12"].map((m) => quarterOf(`2026-${m}-15`))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4,
    ]);
    expect(quarterKey("2026-08")).toBe("2026-Q3");
    // The last evening of March after 17:00 UTC is already April, quarter 2, in Vietnam.
    expect(quarterOf(vnDay("2026-03-31T17:00:00Z"))).toBe(2);
    expect(quarterMonths(2026, 4)).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(quarterSpan("2026-02", "2026-05")).toEqual({ from: "2026-01-01", to: "2026-06-30" });
  });
});

describe("the meeting clock", () => {
  it("sets the mark at 90 minutes, 120 for a thematic meeting combined with the regular one", () => {
    expect(durationMarkMinutes(false)).toBe(90);
    expect(durationMarkMinutes(true)).toBe(120);
  });

  it("counts whole minutes from the start, frozen at the end, 0 before it starts", () => {
    const start = "2026-12-05T12:30:00.000Z";
    expect(meetingMinutes(null, null, Date.parse(start) + 3_600_000)).toBe(0);
    expect(meetingMinutes(start, null, Date.parse(start) + 89 * 60_000 + 59_999)).toBe(89);
    expect(meetingMinutes(start, null, Date.parse(start) + 90 * 60_000)).toBe(90);
    expect(meetingMinutes(start, "2026-12-05T14:30:00.000Z", Date.parse(start) + 10 * 3_600_000)).toBe(120);
    expect(meetingMinutes(start, null, Date.parse(start) - 60_000)).toBe(0);
  });
});

describe("exemption dates", () => {
  it("judges an exemption on the meeting's day in Vietnam, both ends inclusive", () => {
    // 23:30 UTC on 30 November is 06:30 on 1 December in Vietnam.
    const day = meetingDay("2026-11-30T23:30:00.000Z");
    expect(day).toBe("2026-12-01");
    expect(exemptionCovers({ from: "2026-12-01", to: null }, day)).toBe(true);
    expect(exemptionCovers({ from: "2026-11-01", to: "2026-11-30" }, day)).toBe(false);
    expect(exemptionCovers({ from: "2026-11-01", to: "2026-12-01" }, day)).toBe(true);
    expect(exemptionCovers({ from: null, to: null }, day)).toBe(true);
    expect(exemptionCovers({ from: "2026-12-02", to: null }, day)).toBe(false);
  });
});
