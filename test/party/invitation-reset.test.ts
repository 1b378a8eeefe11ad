/**
 * A reset code redeemed ends every session of the person, and their open room sockets close as signed out (4401),
 * while other members stay connected.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { IssuedInvitation } from "../../schema/api/invitations";
import { api, login } from "../support/fixtures";
import { closeAllRooms, eventually, joinRoom } from "../support/room-client";
import { createMeeting, MEMBER_NAMES } from "./meeting-fixture";

afterEach(closeAllRooms);

describe("a reset reaches the room", () => {
  it("closes the person's room sockets with 4401 within 5 s", async () => {
    const f = await createMeeting();
    const chair = await f.join("chair");
    await chair.ok({ type: "meeting/start" });
    const joinAs = async (who: "m1" | "m2") => {
      const token = await login(f.people[MEMBER_NAMES[who]]!.email);
      const res = await api("POST", `/api/tenants/${f.tenantId}/tickets`, token, { meetingId: f.meetingId });
      expect(res.status).toBe(200);
      return joinRoom(f.meetingId, (res.json as { ticket: string }).ticket);
    };
    const m1 = await joinAs("m1");
    const m2 = await joinAs("m2");
    const adminToken = await login(f.admin.email);
    const membershipId = f.people[MEMBER_NAMES.m1]!.membershipId;
    const issued = await api<IssuedInvitation>(
      "POST",
      `/api/tenants/${f.tenantId}/members/${membershipId}/invitations`,
      adminToken,
      {
        purpose: "reset",
      },
    );
    expect(issued.status).toBe(201);
    const redeemed = await api("POST", "/api/invitations/redeem", undefined, {
      code: issued.json.code,
      password: "mat-khau-moi-cua-toi",
    });
    expect(redeemed.status).toBe(200);
    await eventually(async () => m1.closed && m1.closeCode === 4401, 5000);
    expect(m2.closed).toBe(false);
  });
});
