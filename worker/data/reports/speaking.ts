/**
 * Who speaks: the share of members present who spoke (distinct speakers per meeting over those present)
 * and how speaking time spreads — the top speaker's share of each meeting's speaking time, summed over
 * meetings, so a secretary who speaks alone shows. Guests' speeches (a leader's briefing) stay out.
 */
import { thresholds } from "../../../schema/api/reports";
import { vnDayBounds } from "../../../schema/calendar";
import type { AttendanceRow } from "./attendance";
import { bump, n, type ReportDef, ratio, runQueries, sumMonths, type UnitMonths } from "./engine";
import { attendanceByMeetingQuery, speakingByMeetingQuery } from "./queries";

interface SpeakingRow extends Record<string, unknown> {
  meeting: string;
  speakers: number;
  total_secs: number;
  top_secs: number;
}

export function speakingReport(): ReportDef {
  return {
    name: "speaking",
    async load(_db, d1, ctx) {
      const { fromUtc, toUtc } = vnDayBounds(ctx.period.from, ctx.period.to);
      const [att, sp] = (await runQueries(d1, [
        attendanceByMeetingQuery(ctx.tenantId, fromUtc, toUtc),
        speakingByMeetingQuery(ctx.tenantId, fromUtc, toUtc),
      ])) as [AttendanceRow[], SpeakingRow[]];
      const byMeeting = new Map(sp.map((s) => [s.meeting, s]));
      const data: UnitMonths = new Map();
      for (const a of att) {
        const s = byMeeting.get(a.meeting);
        const speakers = s?.speakers ?? 0;
        const total = s?.total_secs ?? 0;
        const top = s?.top_secs ?? 0;
        bump(data, a.org, a.month, {
          meetings: 1,
          present: a.present,
          speakers,
          speakingSeconds: total,
          topSeconds: top,
          oneVoiceMeetings: total > 0 && top / total >= thresholds.oneVoiceShare ? 1 : 0,
          meetingsFewSpeakers: a.present > 0 && speakers / a.present < thresholds.speakerRate ? 1 : 0,
        });
      }
      return data;
    },
    unitTotals: (months, ctx) => sumMonths(months, ctx.period.months),
    finish: (c) => ({
      meetings: n(c, "meetings"),
      present: n(c, "present"),
      speakers: n(c, "speakers"),
      speakerRate: ratio(c.speakers, c.present),
      speakingSeconds: n(c, "speakingSeconds"),
      topShare: ratio(c.topSeconds, c.speakingSeconds),
      oneVoiceMeetings: n(c, "oneVoiceMeetings"),
      meetingsFewSpeakers: n(c, "meetingsFewSpeakers"),
      branchesBehind: n(c, "branchesBehind"),
    }),
    reasons(c) {
      const out = [];
      const rate = ratio(c.speakers, c.present);
      if (rate !== null && rate < thresholds.speakerRate) out.push({ code: "few_speakers" as const, value: rate });
      const top = ratio(c.topSeconds, c.speakingSeconds);
      if (top !== null && top >= thresholds.oneVoiceShare) out.push({ code: "one_voice" as const, value: top });
      return out;
    },
    monthValues: (c) => ({
      speakerRate: ratio(c.speakers, c.present),
      topShare: ratio(c.topSeconds, c.speakingSeconds),
    }),
  };
}
