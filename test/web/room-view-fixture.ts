/**
 * A live meeting's room view with nothing in it yet (no roster, agenda or votes), and a plain official member: the
 * starting point of the room-connection tests, which add what each needs.
 */
import type { RoomView, You } from "../../schema/room/views";

export function emptyRoomView(now: string, topic = "Sinh hoạt thường kỳ"): RoomView {
  return {
    meeting: {
      id: "m1",
      topic,
      kind: "regular",
      place: "Nhà văn hóa",
      format: "hybrid",
      scheduledAt: now,
      status: "live",
      chairPersonId: "p-chair",
      minutesTakerPersonId: null,
      startedAt: now,
      endedAt: null,
      durationMarkMinutes: 90,
    },
    roster: [],
    guests: [],
    attendance: [],
    counts: {
      members: 0,
      official: 0,
      probationary: 0,
      exempt: 0,
      expected: 0,
      presentHall: 0,
      presentRemote: 0,
      present: 0,
      absentExcused: 0,
      absentUnexcused: 0,
      unrecorded: 0,
      rate: 0,
      mark: 0.85,
      reachesMark: false,
      eligibleVoters: 0,
      voteBase: 0,
    },
    agenda: [],
    currentItemId: null,
    queue: [],
    floor: null,
    queueSettings: { limitSeconds: 300, graceSeconds: 30 },
    speeches: [],
    votes: [],
    reservedOpinions: [],
    guidance: [],
    evaluations: [],
    notes: [],
    minutes: { body: "", revision: 0, editedBy: null, editedAt: null, frozenVersion: null },
    now,
  };
}

export const officialMember: You = {
  personId: "p-an",
  name: "Lê Văn An",
  role: "official",
  official: true,
  ballots: {},
};
