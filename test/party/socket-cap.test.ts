/**
 * One person, a handful of sockets per room (issue 12: one ticket opened 300). A phone, a laptop and a tab
 * reconnecting fit under the cap; the socket past it closes the person's OLDEST with 4409 ("replaced by a newer
 * connection"), which the client shows and does not reconnect after. Counted from the room's tagged sockets, so
 * the cap holds after the room was evicted from memory too.
 */
import { evictDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_SOCKETS_PER_PERSON } from "../../party/socket-cap";
import { ROOM_CLOSE } from "../../schema/room/ticket";
import { closeAllRooms, eventually, joinRoom, type RoomClient } from "../support/room-client";
import { roomStub } from "../support/room-clock";
import { liveMeeting } from "./meeting-fixture";

afterEach(closeAllRooms);

const closedWith = (c: RoomClient, code: number) =>
  eventually(async () => c.closed && c.closeCode === code, 5000).catch(() => {
    throw new Error(`expected close ${code}, got closed=${c.closed} code=${c.closeCode}`);
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sockets per person per room", () => {
  it("one ticket opening 10 sockets ends with the cap open; the oldest are closed with 4409", async () => {
    const { f } = await liveMeeting(["chair"]);
    const ticket = await f.ticket("m1");
    const sockets: RoomClient[] = [];
    for (let i = 0; i < 10; i++) sockets.push(await joinRoom(f.meetingId, ticket));
    const oldest = sockets.slice(0, 10 - MAX_SOCKETS_PER_PERSON);
    const newest = sockets.slice(10 - MAX_SOCKETS_PER_PERSON);
    for (const c of oldest) await closedWith(c, ROOM_CLOSE.replaced);
    expect(oldest[0]!.closeReason).toMatch(/thiết bị|tab/);
    for (const c of newest) {
      expect(c.closed).toBe(false);
      await c.sync();
    }
  });

  it("the cap holds after the room was evicted from memory: the oldest socket closes, not the new one", async () => {
    const { f } = await liveMeeting(["chair"]);
    const sockets: RoomClient[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_PERSON; i++) sockets.push(await f.join("m1"));
    await evictDurableObject(roomStub(f.meetingId));
    const newer = await f.join("m1");
    await closedWith(sockets[0]!, ROOM_CLOSE.replaced);
    for (const c of [...sockets.slice(1), newer]) {
      expect(c.closed).toBe(false);
      await c.sync();
    }
  });

  it("a phone, a laptop and a reconnecting tab trip nothing, and each one acts", async () => {
    const { f, chair } = await liveMeeting(["chair"]);
    const phone = await f.join("m1");
    const laptop = await f.join("m1");
    // A tab whose network dropped: its socket ends, a new one arrives with a new ticket.
    const tab = await f.join("m1");
    tab.close();
    const tabAgain = await f.join("m1");
    const voteId = (await chair.ok({ type: "vote/open", motion: "Thông qua", rule: "resolution", secret: false }))
      .entityId!;
    await laptop.ok({ type: "vote/cast", voteId, choice: "agree" });
    await phone.ok({ type: "queue/raise", kind: "speech" });
    await tabAgain.sync();
    await sleep(100);
    for (const c of [phone, laptop, tabAgain, chair]) expect(c.closed).toBe(false);
    const snap = await chair.sync();
    expect(snap.state.votes.find((v) => v.id === voteId)?.voted).toBe(1);
    expect(snap.state.queue.some((q) => q.personId === f.idOf("m1"))).toBe(true);
  });
});
