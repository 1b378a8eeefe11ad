import { issueForgotReset } from "../data/forgot-password";
import type { Db } from "../env";
import { forgotPasswordMail } from "./invitation-texts";
import { sendMail } from "./send-mail";

/**
 * The work behind POST /api/auth/forgot, run after the answer has gone (waitUntil), so the answer's timing cannot
 * tell whether the e-mail has an account: issue the reset if it has one, and mail the link and the code to it.
 * Failures are logged (never the address) since nobody is waiting for them.
 */
export async function mailForgotReset(env: Cloudflare.Env, db: Db, email: string, origin: string): Promise<void> {
  try {
    const reset = await issueForgotReset(db, email);
    if (!reset) return;
    await sendMail(env, db, { to: reset.to, ...forgotPasswordMail(`${origin}/invite/${reset.secret}`, reset.code) });
  } catch (err) {
    console.error(JSON.stringify({ kind: "forgot-password", error: err instanceof Error ? err.message : String(err) }));
  }
}
