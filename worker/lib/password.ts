/**
 * Passwords: PBKDF2-SHA256 through WebCrypto with a per-user random salt. 100,000 iterations is the most
 * the Workers runtime allows for PBKDF2, and the least the foundation issue accepts.
 */
const ITERATIONS = 100_000;
const encoder = new TextEncoder();

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, ITERATIONS);
  return `pbkdf2-sha256$${ITERATIONS}$${toB64(salt)}$${toB64(hash)}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // Run the derivation even without a stored hash so a missing account takes as long as a wrong password.
  const [scheme, iter, saltB64, hashB64] = (stored ?? "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$").split("$");
  if (scheme !== "pbkdf2-sha256" || !iter || !saltB64) return false;
  const actual = await derive(password, fromB64(saltB64), Number(iter));
  if (!stored || !hashB64) return false;
  const expected = fromB64(hashB64);
  if (expected.length !== actual.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}
