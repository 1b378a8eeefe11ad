/** Registering and logging in with passkeys through the real API, with the software authenticator. */
import type { LoginOptions, Passkey, RegisterOptions } from "../../schema/api/passkeys";
import type { ErrorBody } from "../../schema/errors";
import { api } from "../support/fixtures";
import { SoftAuthenticator } from "../support/soft-authenticator";

export const PASSKEYS = "/api/auth/passkeys";
export const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

// Each call its own client address: the per-IP shield (300 a minute) is never what a test here meets.
let hosts = 0;
export const nextIp = () => `203.0.113.${++hosts}`;
export const from = (ip: string) => ({ "cf-connecting-ip": ip });

export type LoginAnswer = { token: string; me: { person: { id: string } } } & ErrorBody;

export async function registerOptions(token: string) {
  const res = await api<RegisterOptions>("POST", `${PASSKEYS}/register/options`, token, {});
  if (res.status !== 200) throw new Error(`register/options: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** One whole registration: options, the authenticator's answer, verify. Answers the verify response. */
export async function registerPasskey(
  token: string,
  authenticator = new SoftAuthenticator(),
  extra: { name?: string } = {},
  headers: Record<string, string> = {},
) {
  const { options, challengeToken } = await registerOptions(token);
  const response = await authenticator.register(options);
  const body = { challengeToken, response, ...extra };
  const res = await api<Passkey & ErrorBody>("POST", `${PASSKEYS}/register/verify`, token, body, headers);
  return { res, authenticator, body };
}

export async function loginOptions(ip = nextIp()) {
  const res = await api<LoginOptions>("POST", `${PASSKEYS}/login/options`, undefined, {}, from(ip));
  if (res.status !== 200) throw new Error(`login/options: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** One whole passkey login from a client address. Answers the verify response and the body sent (to replay it). */
export async function passkeyLogin(authenticator: SoftAuthenticator, ip = nextIp(), credentialId?: string) {
  const { options, challengeToken } = await loginOptions(ip);
  const body = { challengeToken, response: await authenticator.login(options, credentialId) };
  const res = await api<LoginAnswer>("POST", `${PASSKEYS}/login/verify`, undefined, body, from(ip));
  return { res, body };
}
