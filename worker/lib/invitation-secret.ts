import { CODE_ALPHABET, CODE_LENGTH, normalizeCode } from "../../schema/api/invitations.ts";

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (text: string) => hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));

/** 32 random bytes, base64url: the link's secret. */
export function newSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** A short code, uniform over the alphabet: bytes at or above the largest multiple of its size are drawn again. */
export function newCode() {
  const n = CODE_ALPHABET.length;
  const ceiling = 256 - (256 % n);
  let out = "";
  while (out.length < CODE_LENGTH) {
    for (const b of crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2))) {
      if (b < ceiling && out.length < CODE_LENGTH) out += CODE_ALPHABET[b % n];
    }
  }
  return out;
}

/** Only these hashes are stored; the prefixes keep a secret and a code from ever hashing alike. */
export const hashSecret = (secret: string) => sha256(`secret:${secret}`);
export const hashCode = (code: string) => sha256(`code:${normalizeCode(code)}`);
