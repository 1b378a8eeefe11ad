/**
 * The two stateless pieces of a WebAuthn ceremony: who the relying party is for this request, and the challenge,
 * held in a short-lived signed token instead of a table.
 *
 * Relying party. The origin is the request's Origin header (the Worker's own origin when there is none, as for a
 * native client or a test), and it must be one `originAllowed` admits (server/config.ts): the Worker's own origin or
 * one of ALLOWED_ORIGINS. The RP ID is that origin's host name, so a passkey made at https://chibo.example works
 * there and nowhere else (a browser only offers a credential to the RP ID it was made for). Options and verify must
 * come from the same origin: the token carries it.
 *
 * Challenge token. The options answer a token `{ k: purpose, c: challenge, o: origin, pid?, inv?, iat, exp }` signed with
 * the session secret under its own purpose tag (so it is never a session token or a room ticket), valid 5 minutes.
 * The verify request sends it back; the server trusts the challenge because it signed it. Why that is enough:
 * - A token names one purpose: a login token cannot finish a registration, nor the other way round.
 * - A registration token names the person it was issued to: another session cannot use it, and the credential is
 *   stored under the person of the session that verifies it. A redemption's token (`passkey-redeem`) names the
 *   invitation and its empty account too: it redeems that invitation only, and only onto that account.
 * - Replaying a login (the same token with the same signed assertion, within its 5 minutes) is refused by the
 *   single conditional write that accepts a login (worker/data/passkeys.ts `markPasskeyUsed`): a passkey accepts
 *   only challenges issued after its last use and only from the signature counter it was verified against, so of
 *   any number of copies exactly one logs in. Replaying a registration is refused by the credential id's primary key.
 * - A stolen token alone is worthless: the assertion over its challenge needs the holder's private key.
 */
import type { Context } from "hono";
import { configOf, originAllowed } from "../../server/config";
import { signToken, verifyToken } from "../../server/signed-token";
import type { AppEnv } from "../env";
import { badRequest, forbidden } from "./api-error";

export const CHALLENGE_TTL_SECONDS = 5 * 60;

/** A registration by a logged-in person, a login, or a registration by the holder redeeming an invitation. */
export type CeremonyPurpose = "passkey-register" | "passkey-login" | "passkey-redeem";

export interface RelyingParty {
  origin: string;
  rpID: string;
}

/** The relying party of this request: its allowed origin and that origin's host name. */
export function relyingParty(c: Context<AppEnv>): RelyingParty {
  const origin = c.req.header("origin") ?? new URL(c.req.url).origin;
  if (!originAllowed(configOf(c.env), origin, c.req.url)) {
    throw forbidden("Trang này không được phép dùng passkey / This origin may not use passkeys");
  }
  return { origin, rpID: new URL(origin).hostname };
}

/** Challenge tokens are signed with the session secret under their own purpose tag: never a session or a ticket. */
export const challengeKey = (sessionSecret: string) => `passkey-challenge:${sessionSecret}`;

export interface Challenge {
  challenge: string;
  origin: string;
  /** The person a registration is for; none for a login. */
  personId?: string;
  /** The invitation a redemption's registration is for (`passkey-redeem` only). */
  invitationId?: string;
  /** When the options were issued, ISO: a passkey accepts only challenges issued after its last use. */
  issuedAt: string;
}

export async function signChallenge(env: Cloudflare.Env, purpose: CeremonyPurpose, ch: Omit<Challenge, "issuedAt">) {
  const now = Date.now();
  return signToken(
    {
      k: purpose,
      c: ch.challenge,
      o: ch.origin,
      ...(ch.personId ? { pid: ch.personId } : {}),
      ...(ch.invitationId ? { inv: ch.invitationId } : {}),
      iat: now,
      exp: Math.floor(now / 1000) + CHALLENGE_TTL_SECONDS,
    },
    challengeKey(configOf(env).sessionSecret),
  );
}

const expired = () =>
  badRequest("Hết thời gian xác thực passkey, hãy thử lại / The passkey request expired or is invalid, try again");

/**
 * The challenge a token holds, when its signature and expiry hold, it is for this purpose and this relying party's
 * origin, and (for a registration) for this person; otherwise a 400 that asks to start again.
 */
export async function readChallenge(
  env: Cloudflare.Env,
  token: string,
  purpose: CeremonyPurpose,
  rp: RelyingParty,
  personId?: string,
): Promise<Challenge> {
  const p = await verifyToken(token, challengeKey(configOf(env).sessionSecret));
  if (!p || p.k !== purpose || p.o !== rp.origin || typeof p.c !== "string" || typeof p.iat !== "number") {
    throw expired();
  }
  if (personId !== undefined && p.pid !== personId) throw expired();
  return {
    challenge: p.c,
    origin: rp.origin,
    personId: typeof p.pid === "string" ? p.pid : undefined,
    invitationId: typeof p.inv === "string" ? p.inv : undefined,
    issuedAt: new Date(p.iat).toISOString(),
  };
}
