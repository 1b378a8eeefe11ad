/**
 * The WebAuthn ceremonies, done by @simplewebauthn/server: the options the browser needs, and the check of what it
 * sends back. Anything the library refuses (a malformed answer, another challenge, origin or RP ID, a bad signature,
 * a counter gone backwards) is the client's error here, never a 500.
 *
 * Passkeys are discoverable (residentKey "required"), so a member logs in without typing an e-mail: the login
 * options name no credential and the browser offers the ones it holds for this RP ID. User verification is
 * "preferred" (fingerprint or screen lock where the device has one) and so not required when verifying.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL, isoUint8Array } from "@simplewebauthn/server/helpers";
import type { LoginVerify, RegisterVerify } from "../../schema/api/passkeys";
import { badRequest } from "./api-error";
import type { RelyingParty } from "./passkey-challenge";

/** The name a browser shows beside the passkey ("Chi bộ — Đảng viên Nguyễn Văn A"). */
export const RP_NAME = "Chi bộ";
const TIMEOUT_MS = 120_000;

/** Whom a new passkey is for: the person id (the user handle) and the labels the browser shows beside it. */
export interface PasskeyUser {
  id: string;
  name: string;
  displayName: string;
}

export function registrationOptions(
  rp: RelyingParty,
  user: PasskeyUser,
  existing: { id: string; transports: string[] }[],
) {
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpID,
    // The user handle is the person id, so a login's userHandle names whose passkey it is.
    userID: isoUint8Array.fromUTF8String(user.id),
    userName: user.name,
    userDisplayName: user.displayName,
    timeout: TIMEOUT_MS,
    attestationType: "none",
    excludeCredentials: existing,
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
}

export function loginOptions(rp: RelyingParty) {
  return generateAuthenticationOptions({ rpID: rp.rpID, timeout: TIMEOUT_MS, userVerification: "preferred" });
}

const unverifiable = () =>
  badRequest("Không xác minh được passkey, hãy thử lại / The passkey could not be verified, try again");

/** The verified credential to store, or a 400. */
export async function verifyRegistration(rp: RelyingParty, challenge: string, response: RegisterVerify["response"]) {
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!result?.verified) throw unverifiable();
  const { credential } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? response.response.transports ?? [],
  };
}

export interface StoredCredential {
  id: string;
  personId: string;
  publicKey: string;
  counter: number;
  transports: string[];
}

/**
 * The authenticator's new counter when the assertion holds for this stored credential, else null: a bad signature,
 * another challenge or origin, a counter gone backwards, or a user handle naming someone other than its holder.
 */
export async function verifyLogin(
  rp: RelyingParty,
  challenge: string,
  response: LoginVerify["response"],
  stored: StoredCredential,
): Promise<number | null> {
  const handle = response.response.userHandle;
  if (handle !== undefined && handle !== isoBase64URL.fromUTF8String(stored.personId)) return null;
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: {
      id: stored.id,
      publicKey: isoBase64URL.toBuffer(stored.publicKey),
      counter: stored.counter,
      transports: stored.transports,
    },
    requireUserVerification: false,
  }).catch(() => null);
  return result?.verified ? result.authenticationInfo.newCounter : null;
}
