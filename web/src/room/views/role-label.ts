import type { RoomRole } from "../../../../schema/room/ticket";
import { rt } from "../strings";

export function roleLabel(role: RoomRole): string {
  switch (role) {
    case "chair":
      return rt("roleChair");
    case "minutes_taker":
      return rt("roleMinutes");
    case "official":
      return rt("roleOfficial");
    case "probationary":
      return rt("roleProbationary");
    case "leader":
      return rt("roleLeader");
    case "observer":
      return rt("roleObserver");
    default:
      return role satisfies never;
  }
}
