/**
 * Time in a room, without waiting for it: the room's own clock (MeetingRoom.now) is moved forward, and what
 * that time would have set off (the alarm) is run at once. The test's clock and D1's are not moved.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { MeetingRoom } from "../../party/meeting-room";

export const roomStub = (meetingId: string) => env.MeetingRoom.get(env.MeetingRoom.idFromName(meetingId));

/** As if `ms` had passed for the room. */
export async function advanceRoomClock(meetingId: string, ms: number): Promise<void> {
  await runInDurableObject(roomStub(meetingId), (room: MeetingRoom) => {
    const before = room.now;
    room.now = () => before() + ms;
  });
}

/**
 * Moves the room's clock by `ms` and runs its alarm now. The alarm set by real time may also fire on its own
 * (it did before the clock moved, or does later): alarms are at-least-once, so the room must not mind.
 */
export async function alarmAfter(meetingId: string, ms: number): Promise<void> {
  await advanceRoomClock(meetingId, ms);
  await runDurableObjectAlarm(roomStub(meetingId));
}
