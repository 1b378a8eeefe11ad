/**
 * A software WebAuthn authenticator for the workerd tests: it answers registration and login options exactly as a
 * platform authenticator with "none" attestation does (ES256 key made with WebCrypto, authenticator data and CBOR
 * built by hand, the assertion signed and DER-encoded), so the API's real ceremony runs end to end without a
 * browser. The browser test (test/browser/passkeys.test.ts) runs the same ceremony through Chromium's own virtual
 * authenticator. Each credential remembers its RP ID, user handle and signature counter.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoBase64URL, isoCBOR, isoUint8Array } from "@simplewebauthn/server/helpers";

interface SoftCredential {
  id: string;
  rpID: string;
  userHandle: string;
  privateKey: CryptoKey;
  counter: number;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const sha256 = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
const utf8 = (s: string) => isoUint8Array.fromUTF8String(s);
const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes));
const uint32 = (n: number) => Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);

/** WebCrypto signs ECDSA as r‖s; WebAuthn wants ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }`. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (half: Uint8Array) => {
    let i = 0;
    while (i < half.length - 1 && half[i] === 0) i++;
    const bytes = [...half.slice(i)];
    if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
    return [0x02, bytes.length, ...bytes];
  };
  const body = [...integer(raw.slice(0, 32)), ...integer(raw.slice(32))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  /** Counting authenticators raise the counter on each use; synced passkeys often report 0 always. */
  constructor(
    readonly origin = "http://chibo.test",
    readonly counting = true,
  ) {}

  async register(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
    const rpID = options.rp.id ?? new URL(this.origin).hostname;
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    if (!("privateKey" in pair)) throw new Error("ECDSA generateKey gave no key pair");
    const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
    if (jwk instanceof ArrayBuffer) throw new Error("exportKey jwk gave bytes");
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, isoBase64URL.toBuffer(jwk.x ?? "")],
        [-3, isoBase64URL.toBuffer(jwk.y ?? "")],
      ]),
    );
    const rawId = crypto.getRandomValues(new Uint8Array(16));
    const authData = isoUint8Array.concat([
      await sha256(utf8(rpID)),
      Uint8Array.of(FLAG_UP | FLAG_UV | FLAG_AT),
      uint32(0),
      new Uint8Array(16), // AAGUID: none
      Uint8Array.of(0, rawId.length),
      rawId,
      cose,
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ["fmt", "none"],
        ["attStmt", new Map<string, string>()],
        ["authData", authData],
      ]),
    );
    const clientData = {
      type: "webauthn.create",
      challenge: options.challenge,
      origin: this.origin,
      crossOrigin: false,
    };
    const id = b64(rawId);
    this.credentials.push({ id, rpID, userHandle: options.user.id, privateKey: pair.privateKey, counter: 0 });
    return {
      id,
      rawId: id,
      type: "public-key",
      response: {
        clientDataJSON: b64(utf8(JSON.stringify(clientData))),
        attestationObject: b64(attestationObject),
        transports: ["internal"],
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }

  /** Signs the login challenge with the named credential, or the newest one for the RP ID (discoverable login). */
  async login(
    options: PublicKeyCredentialRequestOptionsJSON,
    credentialId?: string,
  ): Promise<AuthenticationResponseJSON> {
    const rpID = options.rpId ?? new URL(this.origin).hostname;
    const credential = credentialId
      ? this.credentials.find((c) => c.id === credentialId)
      : this.credentials.findLast((c) => c.rpID === rpID);
    if (!credential) throw new Error(`no credential for ${rpID}`);
    if (this.counting) credential.counter++;
    const authData = isoUint8Array.concat([
      await sha256(utf8(credential.rpID)),
      Uint8Array.of(FLAG_UP | FLAG_UV),
      uint32(credential.counter),
    ]);
    const clientData = utf8(
      JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin: this.origin, crossOrigin: false }),
    );
    const signed = isoUint8Array.concat([authData, await sha256(clientData)]);
    const raw = new Uint8Array(
      await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, credential.privateKey, signed),
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: "public-key",
      response: {
        clientDataJSON: b64(clientData),
        authenticatorData: b64(authData),
        signature: b64(derSignature(raw)),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }
}
