/**
 * What the room measured, from a snapshot, for the quality grid's automatic criteria: the evaluation form
 * pre-fills with `suggestScores(meetingFacts(view, now))` and the evaluator adjusts.
 */
import { DURATION_MARK_MINUTES, meetingMinutes } from "../calendar";
import type { MeetingFacts } from "../quality-grid";
import type { RoomView } from "./views";

export function meetingFacts(view: RoomView, now: number): MeetingFacts {
  const { meeting, counts } = view;
  const onRoster = new Set(view.roster.map((m) => m.personId));
  const speakers = new Set(view.speeches.map((s) => s.personId).filter((id) => onRoster.has(id)));
  return {
    attendanceRate: counts.rate,
    unexcusedAbsences: counts.absentUnexcused,
    durationMinutes: meetingMinutes(meeting.startedAt, meeting.endedAt, now),
    // The room sets the 120-minute mark for a combined thematic + regular meeting.
    combined: meeting.durationMarkMinutes > DURATION_MARK_MINUTES,
    speakerShare: counts.present === 0 ? 0 : speakers.size / counts.present,
    minutesWritten: view.minutes.body.trim().length > 0,
  };
}
