import { Server } from "partyserver";

/** One live meeting room per meeting; see README "Live room". */
export class MeetingRoom extends Server<Cloudflare.Env> {
  static options = { hibernate: true };
}
