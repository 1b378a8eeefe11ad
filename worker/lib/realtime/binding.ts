/**
 * An SFU session id is not a secret (it travels with track references), so whoever names a session must prove they
 * opened it: otherwise anyone could close another person's tracks or answer their offers (Cloudflare's own
 * warning, developers.cloudflare.com/calls/https-api "Handling Secrets"). The token is an HMAC of meeting, person
 * and session under the worker's SESSION_SECRET; nothing is stored.
 */
import { forbidden } from "../api-error";

const encoder = new TextEncoder();

async function mac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`sfu:${text}`)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const bindSession = (secret: string, meetingId: string, personId: string, sessionId: string) =>
  mac(secret, `${meetingId}:${personId}:${sessionId}`);

export async function requireOwnSession(
  secret: string,
  meetingId: string,
  personId: string,
  s: { sessionId: string; sessionToken: string },
): Promise<void> {
  const expected = await bindSession(secret, meetingId, personId, s.sessionId);
  // Both are hex of the same length when genuine; compare without an early exit.
  let diff = expected.length ^ s.sessionToken.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ (s.sessionToken.charCodeAt(i) || 0);
  if (diff !== 0) throw forbidden("Phiên âm thanh không phải của bạn / This media session is not yours");
}
