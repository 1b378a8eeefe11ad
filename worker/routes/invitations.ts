import { Hono } from "hono";
import { z } from "zod";
import {
  issueInvitationSchema,
  type RedeemPasskeyOptions,
  redeemPasskeyOptionsSchema,
  redeemSchema,
} from "../../schema/api/invitations";
import { idSchema } from "../../schema/ids";
import { type ProvenPasskey, passkeyRedeemTarget, redeemInvitation } from "../data/invitation-redeem";
import {
  invitableMembership,
  invitationLink,
  issueInvitation,
  listInvitations,
  revokeInvitation,
} from "../data/invitations";
import { revokeSessionsInRooms } from "../data/room-revocation";
import type { AppEnv } from "../env";
import { badRequest, conflict, unauthorized } from "../lib/api-error";
import { deviceName } from "../lib/device-name";
import { logIn } from "../lib/log-in";
import { registrationOptions, verifyRegistration } from "../lib/passkey-ceremony";
import { readChallenge, relyingParty, signChallenge } from "../lib/passkey-challenge";
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
 * comes with the request) or a new one, made with an e-mail and password or with a passkey (options from
 * `redeem/passkey-options`); a reset sets the chosen password and ends every session of that person, in the rooms
 * too. A new account or password signs this device in.
 */
export const redeemRoutes = new Hono<AppEnv>()
  .post("/redeem", ipShield, valid("json", redeemSchema), async (c) => {
    const { secret, code, email, password, passkey } = c.req.valid("json");
    const credential = credentialOf(c);
    let sessionPersonId: string | null = null;
    if (credential) {
      const session = await readSession(c.env, credential.token);
      if (!session) throw unauthorized();
      sessionPersonId = session.personId;
    }
    if (passkey && sessionPersonId) {
      throw badRequest(
        "Bạn đang đăng nhập: hãy nhận lời mời vào tài khoản này / You are logged in: accept the invitation into this account",
      );
    }
    const proveRedeemPasskey = async (): Promise<ProvenPasskey> => {
      if (!passkey) throw new Error("no passkey to prove");
      const rp = relyingParty(c);
      const ch = await readChallenge(c.env, passkey.challengeToken, "passkey-redeem", rp);
      if (!ch.invitationId || !ch.personId)
        throw badRequest("Yêu cầu passkey không hợp lệ, hãy thử lại / The passkey request is invalid, try again");
      const verified = await verifyRegistration(rp, ch.challenge, passkey.response);
      const credential = { ...verified, name: deviceName(c.req.header("user-agent")) };
      return { invitationId: ch.invitationId, personId: ch.personId, credential };
    };
    const redeemer = { sessionPersonId, email, password, ...(passkey ? { passkey: proveRedeemPasskey } : {}) };
    const result = await redeemInvitation(c.env, c.var.db, { secret, code }, redeemer, clientIp(c));
    await revokeSessionsInRooms(c.env, result.personId, result.endedSessionIds);
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
  })
  /**
   * Public: registration options for a new holder to redeem a member, guest or staff invitation with a passkey (no
   * e-mail, no password). Nothing is claimed; the attempt counts like a redemption. The browser shows the label
   * "chibo · <committee>", never the committee's record of the person.
   */
  .post("/redeem/passkey-options", ipShield, valid("json", redeemPasskeyOptionsSchema), async (c) => {
    const rp = relyingParty(c);
    const { secret, code } = c.req.valid("json");
    const target = await passkeyRedeemTarget(c.env, c.var.db, { secret, code }, clientIp(c));
    const label = `chibo · ${target.committeeName}`;
    const user = { id: target.personId, name: label, displayName: label };
    const options = await registrationOptions(rp, user, []);
    const challengeToken = await signChallenge(c.env, "passkey-redeem", {
      challenge: options.challenge,
      origin: rp.origin,
      personId: target.personId,
      invitationId: target.invitationId,
    });
    const answer: RedeemPasskeyOptions = { options, challengeToken };
    return c.json(answer);
  });
