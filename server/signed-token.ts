/**
 * Compact signed tokens `<payload b64url>.<HMAC-SHA256 b64url>` for sessions and room tickets. The payload
 * always carries `exp` (seconds since epoch); verification checks signature and expiry, nothing else.
 * No imports: Node scripts (bench/room.ts) sign tickets with it too.
 */
const encoder = new TextEncoder();

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
/** A plain loop: `Uint8Array.from(text, mapFn)` calls a function per character (a room of 2,000 checks 4,000 tickets). */
function fromB64url(s: string) {
  const text = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const keyCache = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string) {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keyCache.set(secret, key);
  }
  return key;
}

export async function signToken(payload: Record<string, unknown> & { exp: number }, secret: string) {
  const body = b64url(encoder.encode(JSON.stringify(payload)));
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(body));
  return `${body}.${b64url(new Uint8Array(sig))}`;
}

/** The payload when the signature holds and `exp` is in the future; otherwise null. */
export async function verifyToken(token: string, secret: string): Promise<Record<string, unknown> | null> {
  const [body, sig] = token.split(".");
  if (!body || !sig || token.length > 4096) return null;
  try {
    const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), fromB64url(sig), encoder.encode(body));
    if (!ok) return null;
    const payload: unknown = JSON.parse(new TextDecoder().decode(fromB64url(body)));
    if (typeof payload !== "object" || payload === null) return null;
    const exp = (payload as { exp?: unknown }).exp;
    if (typeof exp !== "number" || exp * 1000 < Date.now()) return null;
    return payload as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Room tickets are signed with the session secret under their own purpose tag, so a session token is not a ticket. */
export const roomTicketKey = (sessionSecret: string) => `room-ticket:${sessionSecret}`;

/**
 * Tokens whose signature this isolate has already checked, with what the caller read from them (sessions:
 * worker/lib/session-token.ts; room tickets, checked by the gate and again by the room: server/room-ticket.ts). A
 * token is immutable, so its signature holds or fails the same way every time; the expiry is still compared on
 * every use, and what the callers check beside the signature (the session row, the meeting, revocations) they check
 * each time. Bounded: the oldest entry leaves first.
 */
export class VerifiedTokens<T> {
  readonly #known = new Map<string, { secret: string; value: T; exp: number }>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** What `read` makes of a good, unexpired token's payload (null: refused), from memory when checked before. */
  async verify(token: string, secret: string, read: (payload: Record<string, unknown>) => T | null): Promise<T | null> {
    const known = this.#known.get(token);
    if (known && known.secret === secret) return known.exp * 1000 < Date.now() ? null : known.value;
    const payload = await verifyToken(token, secret);
    const value = payload ? read(payload) : null;
    if (!payload || value === null) return null;
    if (this.#known.size >= this.#max) this.#known.delete(this.#known.keys().next().value!);
    this.#known.set(token, { secret, value, exp: payload.exp as number });
    return value;
  }
}
