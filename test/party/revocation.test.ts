/**
 * A session's revocation reaches the room: logout, a suspension, a password change close the person's open
 * sockets with an application close code (4401 signed out, 4403 no longer a member) within 5 s; a ticket minted
 * before that no longer opens the room; a ballot sent after is never counted. Others stay connected, and another
 * tenant's admin cannot close our members' sockets.
 */
import { env, exports } from "cloudflare:workers";
import { getServerByName } from "partyserver";
import { afterEach, describe, expect, it } from "vitest";
import { api, createTenant, login } from "../support/fixtures";
import { closeAllRooms, connectRoom, eventually, joinRoom, type RoomClient } from "../support/room-client";
import { createMeeting, MEMBER_NAMES } from "./meeting-fixture";

afterEach(closeAllRooms);

/** A live meeting with an open vote; m1 and m2 joined with tickets from the API under their own sessions. */
async function liveVote() {
  const f = await createMeeting();
  const chair = await f.join("chair");
  await chair.ok({ type: "meeting/start" });
  const joinAs = async (who: "m1" | "m2") => {
    const token = await login(f.people[MEMBER_NAMES[who]]!.email);
    const res = await api("POST", `/api/tenants/${f.tenantId}/tickets`, token, { meetingId: f.meetingId });
    expect(res.status).toBe(200);
    const ticket = (res.json as { ticket: string }).ticket;
    const client = await joinRoom(f.meetingId, ticket);
    await client.ok({ type: "presence/join" });
    return { token, ticket, client };
  };
  const m1 = await joinAs("m1");
  const m2 = await joinAs("m2");
  const opened = await chair.ok({
    type: "vote/open",
    motion: "Thông qua nghị quyết",
    rule: "resolution",
    secret: false,
  });
  const voteId = opened.entityId!;
  return { f, chair, m1, m2, voteId };
}

const closedWith = (c: RoomClient, code: number) =>
  eventually(async () => c.closed && c.closeCode === code, 5000).catch(() => {
    throw new Error(`expected close ${code}, got closed=${c.closed} code=${c.closeCode}`);
  });

/** The vote's count as the chair sees it after asking for a snapshot. */
async function votedOf(chair: RoomClient, voteId: string) {
  const snap = await chair.sync();
  return snap.state.votes.find((v) => v.id === voteId)!;
}

/** Tries to send on a socket the server closed (the runtime may throw): it must change nothing. */
function trySend(c: RoomClient, frame: unknown) {
  try {
    c.sendRaw(JSON.stringify(frame));
  } catch {
    // closed: nothing sent
  }
}

describe("revocation reaches the room", () => {
  it("logout closes that session's sockets with 4401 within 5 s; its old ticket and later ballots count for nothing", async () => {
    const { f, chair, m1, m2, voteId } = await liveVote();
    expect((await api("POST", "/api/auth/logout", m1.token)).status).toBe(200);
    await closedWith(m1.client, 4401);
    trySend(m1.client, { type: "vote/cast", id: "after-logout", voteId, choice: "agree" });
    // The ticket minted before the logout is still inside its 2 minutes: the room refuses it all the same.
    const again = await connectRoom(f.meetingId, m1.ticket);
    expect(again).toBeInstanceOf(Response);
    expect((again as Response).status).toBe(401);
    expect(m2.client.closed).toBe(false);
    await m2.client.ok({ type: "vote/cast", voteId, choice: "agree" });
    const vote = await votedOf(chair, voteId);
    expect(vote.voted).toBe(1);
  });

  it("a password change closes the person's other sessions' sockets, not the one that changed it", async () => {
    const { f, m1 } = await liveVote();
    const email = f.people[MEMBER_NAMES.m1]!.email;
    const other = await login(email);
    const own = await api("POST", `/api/tenants/${f.tenantId}/tickets`, other, { meetingId: f.meetingId });
    const stays = await joinRoom(f.meetingId, (own.json as { ticket: string }).ticket);
    const res = await api("POST", "/api/auth/password", other, {
      currentPassword: "mat-khau-thu-nghiem",
      newPassword: "mat-khau-moi-rat-dai-2026",
    });
    expect(res.status).toBe(200);
    await closedWith(m1.client, 4401);
    expect(stays.closed).toBe(false);
    await stays.sync();
  });

  it("suspending a member closes their sockets with 4403, takes them out of the vote base and refuses their tickets", async () => {
    const { f, chair, m1, m2, voteId } = await liveVote();
    const before = await votedOf(chair, voteId);
    const admin = await login(f.admin.email);
    const membershipId = f.people[MEMBER_NAMES.m1]!.membershipId;
    const res = await api("PATCH", `/api/tenants/${f.tenantId}/members/${membershipId}`, admin, {
      standing: "suspended",
    });
    expect(res.status).toBe(200);
    await closedWith(m1.client, 4403);
    trySend(m1.client, { type: "vote/cast", id: "after-suspension", voteId, choice: "agree" });
    expect(m2.client.closed).toBe(false);
    const after = await votedOf(chair, voteId);
    expect(after.base).toBe(before.base - 1);
    expect(after.voted).toBe(0);
    const snap = await chair.sync();
    expect(snap.state.roster.map((r) => r.personId)).not.toContain(f.idOf("m1"));
    // A new ticket is refused by the API, and the one minted before by the room.
    const ticket = await api("POST", `/api/tenants/${f.tenantId}/tickets`, m1.token, { meetingId: f.meetingId });
    expect(ticket.status).toBe(403);
    const again = await connectRoom(f.meetingId, m1.ticket);
    expect(again).toBeInstanceOf(Response);
    expect((again as Response).status).toBe(403);
  });

  it("another tenant's admin cannot close our members' sockets", async () => {
    const { f, m1 } = await liveVote();
    const other = await createTenant();
    const otherAdmin = await login(other.admin.email);
    const membershipId = f.people[MEMBER_NAMES.m1]!.membershipId;
    const own = await api("PATCH", `/api/tenants/${other.tenantId}/members/${membershipId}`, otherAdmin, {
      standing: "suspended",
    });
    expect(own.status).toBe(404);
    const ours = await api("PATCH", `/api/tenants/${f.tenantId}/members/${membershipId}`, otherAdmin, {
      standing: "suspended",
    });
    expect([403, 404]).toContain(ours.status);
    await new Promise((r) => setTimeout(r, 300));
    expect(m1.client.closed).toBe(false);
    await m1.client.sync();
  });

  it("the room itself ignores a seat notice of another tenant, and the notice cannot be sent over /parties", async () => {
    const { f, m1 } = await liveVote();
    const other = await createTenant();
    const room = await getServerByName(env.MeetingRoom, f.meetingId);
    expect(await room.revoke({ kind: "seat", tenantId: other.tenantId, personId: f.idOf("m1") })).toBe(0);
    for (const path of ["", "/revoke"]) {
      const res = await exports.default.fetch(`http://chibo.test/parties/meeting-room/${f.meetingId}${path}`, {
        method: "POST",
        body: JSON.stringify({ kind: "seat", tenantId: f.tenantId, personId: f.idOf("m1") }),
      });
      expect(res.status).toBe(404);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(m1.client.closed).toBe(false);
    await m1.client.sync();
  });
});
