/**
 * An isolate remembers which room tickets' signatures it has checked (server/room-ticket.ts): the gate and the room
 * each check a joining member's ticket, and the second check must not be a second HMAC. What it remembers must never
 * stand in for more than the signature: an expired ticket is refused though it was good when checked, and a ticket
 * altered after a genuine one was checked is refused. (Revoked, other-meeting and other-tenant tickets are refused
 * by the room after the signature: test/party/revocation.test.ts, connect.test.ts.)
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { configOf } from "../../server/config";
import { verifyRoomTicket } from "../../server/room-ticket";
import { roomTicketKey, signToken } from "../../server/signed-token";
import { createMeeting } from "../party/meeting-fixture";
import { closeAllRooms, connectRoom, RoomClient } from "../support/room-client";

afterEach(async () => {
  await closeAllRooms();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const claims = (pid: string, exp: number) => ({
  pid,
  tid: "t-cache",
  mid: "m-cache",
  role: "official",
  name: "Nguyễn Văn Vé",
  sid: `s-${pid}`,
  exp,
});
const mint = (pid: string, exp: number) => signToken(claims(pid, exp), roomTicketKey(configOf(env).sessionSecret));
const b64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

describe("room tickets checked once per isolate", () => {
  it("checks a ticket's signature once, however often it is presented", async () => {
    const exp = Math.floor(Date.now() / 1000) + 120;
    const ticket = await mint("p-twice", exp);
    const verify = vi.spyOn(crypto.subtle, "verify");
    expect(await verifyRoomTicket(env, ticket)).toEqual(claims("p-twice", exp));
    expect(await verifyRoomTicket(env, ticket)).toEqual(claims("p-twice", exp));
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("refuses a ticket once it has expired, though its signature was checked while it was good", async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const ticket = await mint("p-expiring", exp);
    expect(await verifyRoomTicket(env, ticket)).not.toBeNull();
    vi.useFakeTimers();
    vi.setSystemTime(exp * 1000 + 1_000);
    expect(await verifyRoomTicket(env, ticket)).toBeNull();
  });

  it("refuses a ticket whose claims were changed after the genuine one was checked", async () => {
    const exp = Math.floor(Date.now() / 1000) + 120;
    const ticket = await mint("p-genuine", exp);
    expect(await verifyRoomTicket(env, ticket)).not.toBeNull();
    const [, sig] = ticket.split(".");
    const forged = `${b64url(JSON.stringify({ ...claims("p-genuine", exp), role: "chair" }))}.${sig}`;
    expect(await verifyRoomTicket(env, forged)).toBeNull();
    expect(await verifyRoomTicket(env, `${ticket}x`)).toBeNull();
  });

  it("refuses a ticket signed with another secret, though a ticket with the same claims was checked", async () => {
    const exp = Math.floor(Date.now() / 1000) + 120;
    expect(await verifyRoomTicket(env, await mint("p-secret", exp))).not.toBeNull();
    const other = await signToken(claims("p-secret", exp), roomTicketKey("another-secret-0123456789abcdef"));
    expect(await verifyRoomTicket(env, other)).toBeNull();
  });
});

describe("a member joining a room", () => {
  it("costs one signature check: the room takes the gate's", async () => {
    const f = await createMeeting();
    const ticket = await f.ticket("m1");
    const verify = vi.spyOn(crypto.subtle, "verify");
    const room = await connectRoom(f.meetingId, ticket);
    expect(room).toBeInstanceOf(RoomClient);
    expect(verify).toHaveBeenCalledTimes(1);
  });
});
