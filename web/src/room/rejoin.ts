/**
 * The Join tap before the start is an intent the room keeps only while one of the member's sockets is open
 * (party/logic/joining.ts). A phone that locks or a page reloaded before the start closes the socket: the tab
 * remembers the tap (sessionStorage) and taps again for the member once the new socket's snapshot shows the
 * intent gone, so a member who tapped is counted from the start however often the phone slept.
 */
import type { RoomView, You } from "../../../schema/room/views";

export const joinedKey = (meetingId: string) => `chibo.room.joined.${meetingId}`;

/** Whether to send the Join tap again after a snapshot: tapped in this tab, planned, neither joining nor recorded. */
export function shouldRejoin(view: RoomView | null, you: You | null, tapped: boolean): boolean {
  if (!tapped || !view || !you || view.meeting.status !== "planned") return false;
  const mine = view.attendance.find((a) => a.personId === you.personId);
  return !!mine && !mine.joining && mine.status === null;
}

export function rememberTap(meetingId: string): void {
  try {
    sessionStorage.setItem(joinedKey(meetingId), "1");
  } catch {
    // storage refused (private mode): the member taps again after a reload
  }
}

export function tappedBefore(meetingId: string): boolean {
  try {
    return sessionStorage.getItem(joinedKey(meetingId)) === "1";
  } catch {
    return false;
  }
}
