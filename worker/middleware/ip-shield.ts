import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../lib/api-error";

/** Cloudflare sets CF-Connecting-IP on every request; only local development goes without. */
export const clientIp = (c: Context) => c.req.header("cf-connecting-ip") ?? "local";

/**
 * A coarse per-IP shield (the AUTH_LIMITER binding, wrangler.toml) in front of the routes that take a secret: a
 * flood from one address is refused before it costs any D1 work. The per-account and per-code throttles in D1
 * (login-throttle, invitation-redeem) still count the guesses; this only caps the request rate.
 */
export const ipShield = createMiddleware<AppEnv>(async (c, next) => {
  const { success } = await c.env.AUTH_LIMITER.limit({ key: clientIp(c) });
  if (!success) {
    throw new ApiError("rate_limited", "Quá nhiều yêu cầu, thử lại sau ít phút / Too many requests, try again shortly");
  }
  await next();
});
