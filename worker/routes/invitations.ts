import { Hono } from "hono";
import { z } from "zod";
import { issueInvitationSchema, redeemSchema } from "../../schema/api/invitations";
import { idSchema } from "../../schema/ids";
import { redeemInvitation } from "../data/invitation-redeem";
import {
  invitableMembership,
  invitationLink,
  issueInvitation,
  listInvitations,
  revokeInvitation,
} from "../data/invitations";
import { revokeSessionsInRooms } from "../data/room-revocation";
import type { AppEnv } from "../env";
import { conflict, unauthorized } from "../lib/api-error";
import { logIn } from "../lib/log-in";
import { readSession } from "../lib/session-token";
import { valid } from "../lib/validate";
import { mailIssued } from "../mail/mail-issued";
import { clientIp, ipShield } from "../middleware/ip-shield";
import { credentialOf } from "../middleware/session";

const membershipParam = z.object({ membershipId: idSchema });
const invitationParam = z.object({ membershipId: idSchema, invitationId: idSchema });

/**
 * A member record's invitations, under /api/tenants/:tenantId/members/:membershipId/invitations: an admin, or the
 * secretary of the member's branch, issues (re-issuing revokes the live one), lists and revokes them.
 */
export const memberInvitationsRoutes = new Hono<AppEnv>()
  .post("/", valid("param", membershipParam), valid("json", issueInvitationSchema), async (c) => {
    const { membershipId } = c.req.valid("param");
    const access = c.var.access;
    const member = await invitableMembership(c.var.db, access, membershipId);
    const { purpose } = c.req.valid("json");
    // The committee's own fact about its record; nothing about any other committee is consulted here.
    if (purpose === "reset" && !member.linkedAt) {
      throw conflict(
        "Đảng viên chưa nhận lời mời, chưa có mật khẩu để đặt lại: hãy gửi lời mời / Nobody has taken this record yet: send an invitation",
      );
    }
    const creatorId = c.var.session.personId;
    const issued = await issueInvitation(c.var.db, { tenantId: access.tenantId, creatorId, purpose, membershipId });
    const link = invitationLink(c.req.url, issued.secret);
    await mailIssued(c.env, c.var.db, {
      to: member.email,
      tenantId: access.tenantId,
      kind: purpose,
      link,
      code: issued.code,
    });
    return c.json({ invitation: issued.invitation, link, code: issued.code }, 201);
  })
  .get("/", valid("param", membershipParam), async (c) => {
    const { membershipId } = c.req.valid("param");
    const access = c.var.access;
    await invitableMembership(c.var.db, access, membershipId);
    return c.json(await listInvitations(c.var.db, access.tenantId, membershipId));
  })
  .post("/:invitationId/revoke", valid("param", invitationParam), async (c) => {
    const { membershipId, invitationId } = c.req.valid("param");
    const access = c.var.access;
    await invitableMembership(c.var.db, access, membershipId);
    const personId = c.var.session.personId;
    return c.json(await revokeInvitation(c.var.db, access.tenantId, personId, membershipId, invitationId));
  });

/**
 * Public: POST /api/invitations/redeem. A member, guest or staff invitation joins the caller's account (when a session
 * comes with the request) or a new one; a reset sets the chosen password and ends every session of that person, in the
 * rooms too. A new account or password signs this device in.
 */
export const redeemRoutes = new Hono<AppEnv>().post("/redeem", ipShield, valid("json", redeemSchema), async (c) => {
  const { secret, code, email, password } = c.req.valid("json");
  const credential = credentialOf(c);
  let sessionPersonId: string | null = null;
  if (credential) {
    const session = await readSession(c.var.db, c.env, credential.token);
    if (!session) throw unauthorized();
    sessionPersonId = session.personId;
  }
  const ip = clientIp(c);
  const result = await redeemInvitation(c.var.db, { secret, code }, { sessionPersonId, email, password }, ip);
  await revokeSessionsInRooms(c.env, c.var.db, result.personId, result.endedSessionIds);
  // A new account or a new password was proven just now: this device is signed in, as after a login.
  const session = result.signIn ? await logIn(c, result.personId) : null;
  return c.json({
    purpose: result.purpose,
    tenantId: result.tenantId,
    membershipId: result.membershipId,
    meetingId: result.meetingId,
    signedIn: session !== null,
    ...(session ? { token: session.token } : {}),
  });
});
