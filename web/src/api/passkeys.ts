/**
 * /api/auth/passkeys, and the two ceremonies that run the browser's own passkey prompt between an options request
 * and a verify request (@simplewebauthn/browser turns the JSON options into navigator.credentials calls and back).
 */
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { Redeem, Redeemed, RedeemPasskeyOptions } from "../../../schema/api/invitations";
import type { LoginOptions, Passkey, PasskeyList, RegisterOptions } from "../../../schema/api/passkeys";
import type { LoginResult } from "./auth";
import { enc, request } from "./http";

const base = "/api/auth/passkeys";

export const passkeysApi = {
  list: () => request<PasskeyList>("GET", base),
  rename: (id: string, name: string) => request<Passkey>("PATCH", `${base}/${enc(id)}`, { name }),
  remove: (id: string) => request<{ ok: true }>("DELETE", `${base}/${enc(id)}`),

  /** Asks the device to make a passkey for the logged-in person and stores it; answers the stored passkey. */
  async add(): Promise<Passkey> {
    const { options, challengeToken } = await request<RegisterOptions>("POST", `${base}/register/options`, {});
    const response = await startRegistration({ optionsJSON: options });
    return request<Passkey>("POST", `${base}/register/verify`, { challengeToken, response });
  },

  /** Lets the person pick one of this device's passkeys for us (no e-mail typed) and logs in with it. */
  async logIn(): Promise<LoginResult> {
    const quiet = { quiet401: true };
    const { options, challengeToken } = await request<LoginOptions>("POST", `${base}/login/options`, {}, quiet);
    const response = await startAuthentication({ optionsJSON: options });
    return request<LoginResult>("POST", `${base}/login/verify`, { challengeToken, response }, quiet);
  },

  /**
   * A new holder takes an invitation with a passkey made on this device (no e-mail, no password): the device makes it
   * for the invitation's empty account, and the redemption stores it and signs this device in.
   */
  async redeem(token: Pick<Redeem, "secret" | "code">): Promise<Redeemed> {
    const quiet = { quiet401: true };
    const { options, challengeToken } = await request<RedeemPasskeyOptions>(
      "POST",
      "/api/invitations/redeem/passkey-options",
      token,
      quiet,
    );
    const response = await startRegistration({ optionsJSON: options });
    return request<Redeemed>(
      "POST",
      "/api/invitations/redeem",
      { ...token, passkey: { challengeToken, response } },
      quiet,
    );
  },
};
