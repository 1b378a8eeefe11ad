/**
 * Who may publish on the SFU: the room's own rule (party/logic/rtc.ts `mayPublish`), asked over RPC like
 * record-answer.ts asks `delivery()`. The meeting's chair (the hall device) always may; anyone else only while the
 * room says they hold the floor (and the chair has not muted them). A room that cannot be asked says no.
 */
import { getServerByName } from "partyserver";
import type { MeetingRow } from "./meetings";

export async function mayPublishNow(env: Cloudflare.Env, meeting: MeetingRow, personId: string): Promise<boolean> {
  if (meeting.status !== "live") return false;
  if (meeting.chairPersonId === personId) return true;
  try {
    const room = await getServerByName(env.MeetingRoom, meeting.id);
    return await room.mayPublish(personId);
  } catch (err) {
    console.error(`may publish in ${meeting.id}: the room did not answer`, err);
    return false;
  }
}
