/**
 * Passkeys (WebAuthn) under /api/auth/passkeys: a logged-in person registers one, anyone logs in with one (no e-mail
 * typed: the credential is discoverable), and the holder lists, renames and removes their own. The ceremonies'
 * options come with a short-lived signed challenge token that the verify request sends back (no table holds it).
 */
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { z } from "zod";

const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/, "base64url");
/** A credential id, base64url: authenticators make them 16–1023 bytes. */
export const passkeyIdSchema = base64url.min(1).max(1400);

/** What the holder sees of a passkey: never its public key, counter or transports. */
export const passkeySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type Passkey = z.infer<typeof passkeySchema>;

export const passkeyListSchema = z.object({ passkeys: z.array(passkeySchema) });
export type PasskeyList = z.infer<typeof passkeyListSchema>;

export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, "Cần đặt tên / A name is needed")
  .max(60, "Tên tối đa 60 ký tự / At most 60 characters");

export const renamePasskeySchema = z.object({ name: passkeyNameSchema }).strict();
export type RenamePasskey = z.infer<typeof renamePasskeySchema>;

/** The signed challenge token that came with the options (worker/lib/passkey-challenge.ts). */
const challengeTokenSchema = z.string().min(10).max(4096);

/**
 * The browser's answer to navigator.credentials.create() as @simplewebauthn/browser encodes it. Only its outer shape
 * is checked here; @simplewebauthn/server decodes and verifies the rest (a malformed inside is still a 400).
 */
const registrationResponseSchema = z.object({
  id: passkeyIdSchema,
  rawId: passkeyIdSchema,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url.max(8192),
    attestationObject: base64url.max(65536),
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  // Extension outputs are not used; dropped rather than passed on unchecked.
  clientExtensionResults: z.object({}),
});

/** The browser's answer to navigator.credentials.get(), likewise. */
const authenticationResponseSchema = z.object({
  id: passkeyIdSchema,
  rawId: passkeyIdSchema,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url.max(8192),
    authenticatorData: base64url.max(65536),
    signature: base64url.max(4096),
    userHandle: base64url.max(512).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.object({}),
});

/** Finishing a registration: the token, the browser's answer and, optionally, a name (else one from the device). */
export const registerVerifySchema = z
  .object({
    challengeToken: challengeTokenSchema,
    response: registrationResponseSchema,
    name: passkeyNameSchema.optional(),
  })
  .strict();
export type RegisterVerify = z.infer<typeof registerVerifySchema>;

/** Finishing a login. */
export const loginVerifySchema = z
  .object({ challengeToken: challengeTokenSchema, response: authenticationResponseSchema })
  .strict();
export type LoginVerify = z.infer<typeof loginVerifySchema>;

/** POST …/register/options answers the options for navigator.credentials.create() and the token to send back. */
export interface RegisterOptions {
  options: PublicKeyCredentialCreationOptionsJSON;
  challengeToken: string;
}

/** POST …/login/options answers the options for navigator.credentials.get() and the token to send back. */
export interface LoginOptions {
  options: PublicKeyCredentialRequestOptionsJSON;
  challengeToken: string;
}
