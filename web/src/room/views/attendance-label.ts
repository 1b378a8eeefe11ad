import type { AttendanceStatus } from "../../../../schema/room/views";
import { rt } from "../strings";

export function attendanceLabel(status: AttendanceStatus | null): string {
  switch (status) {
    case "present_hall":
      return rt("presentHall");
    case "present_remote":
      return rt("presentRemote");
    case "absent_excused":
      return rt("absentExcused");
    case "absent_unexcused":
      return rt("absentUnexcused");
    case "exempt":
      return rt("exempt");
    case null:
      return rt("unrecorded");
    default:
      return status satisfies never;
  }
}
