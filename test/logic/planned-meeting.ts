import type { LoadedMeeting } from "../../party/logic/state";

/** The planned regular meeting the pure room-logic tests start from (chair p1, minutes-taker p2). */
export const plannedMeeting: LoadedMeeting["meeting"] = {
  id: "mtg",
  tenantId: "t",
  organizationId: "o",
  topic: "Tháng 11",
  kind: "regular",
  place: "Hội trường",
  format: "hybrid",
  scheduledAt: "2026-11-22T12:00:00Z",
  status: "planned",
  chairPersonId: "p1",
  minutesTakerPersonId: "p2",
  startedAt: null,
  endedAt: null,
};
