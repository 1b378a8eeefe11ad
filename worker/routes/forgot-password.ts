import { Hono } from "hono";
import { forgotPasswordSchema } from "../../schema/api/mail";
import { countForgotRequest } from "../data/forgot-password";
import type { AppEnv } from "../env";
import { valid } from "../lib/validate";
import { mailForgotReset } from "../mail/forgot-reset";
import { clientIp, ipShield } from "../middleware/ip-shield";

/**
 * Public: POST /api/auth/forgot { email }. Always 202 with the same body, whether or not the e-mail has an account
 * (no account oracle); the reset is issued and mailed after the answer (worker/mail/forgot-reset.ts).
 */
export const forgotPasswordRoutes = new Hono<AppEnv>().post(
  "/forgot",
  ipShield,
  valid("json", forgotPasswordSchema),
  async (c) => {
    const { email } = c.req.valid("json");
    await countForgotRequest(c.var.db, email, clientIp(c));
    c.executionCtx.waitUntil(mailForgotReset(c.env, c.var.db, email, new URL(c.req.url).origin));
    return c.json({ ok: true } as const, 202);
  },
);
