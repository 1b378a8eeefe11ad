/**
 * What the room measured, from a snapshot, for the quality grid's automatic criteria: the evaluation form
 * pre-fills with `suggestScores(meetingFacts(view, now))` and the evaluator adjusts.
 */
import { DURATION_MARK_MINUTES, type MeetingFacts } from "../quality-grid";
import type { RoomView } from "./views";

export function meetingFacts(view: RoomView, now: number): MeetingFacts {
  const { meeting, counts } = view;
  const start = meeting.startedAt ? Date.parse(meeting.startedAt) : null;
  const end = meeting.endedAt ? Date.parse(meeting.endedAt) : now;
  const onRoster = new Set(view.roster.map((m) => m.personId));
  const speakers = new Set(view.speeches.map((s) => s.personId).filter((id) => onRoster.has(id)));
  return {
    attendanceRate: counts.rate,
    unexcusedAbsences: counts.absentUnexcused,
    durationMinutes: start === null ? 0 : Math.max(0, Math.floor((end - start) / 60_000)),
    // The room sets the 120-minute mark for a combined thematic + regular meeting.
    combined: meeting.durationMarkMinutes > DURATION_MARK_MINUTES,
    speakerShare: counts.present === 0 ? 0 : speakers.size / counts.present,
    minutesWritten: view.minutes.body.trim().length > 0,
  };
}
