import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { configOf, originAllowed } from "../server/config";
import type { AppEnv } from "./env";
import { ApiError } from "./lib/api-error";
import { onError, onNotFound } from "./middleware/errors";
import { credentialOf } from "./middleware/session";
import { requestLog } from "./request-log";
import { authRoutes } from "./routes/auth";
import { forgotPasswordRoutes } from "./routes/forgot-password";
import { redeemRoutes } from "./routes/invitations";
import { tenantRoutes } from "./routes/tenant";

/** Bodies above this are refused with 413 before any parsing (a 5,000-member CSV is ~0.5 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;

const originCheck = csrf({ origin: (origin, c) => originAllowed(configOf(c.env), origin, c.req.url) });

export const app = new Hono<AppEnv>()
  .basePath("/api")
  .use(requestLog)
  .use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError("payload_too_large", `Dữ liệu quá lớn / Body over ${MAX_BODY_BYTES} bytes`);
      },
    }),
  )
  // Cookies are SameSite=Strict, and a cookie-authenticated write whose body a cross-site form could send
  // must come from our origin. JSON bodies from elsewhere need a CORS preflight this API never grants.
  // A request a bearer token authenticates cannot be driven by another site and skips the check; every other one
  // (the cookie's, or none yet, as login) is checked, whatever other headers it carries.
  .use((c, next) => (credentialOf(c)?.via === "bearer" ? next() : originCheck(c, next)))
  .use(async (c, next) => {
    // The directory; the tenant routes' middleware sets `db` to the tenant's shard (worker/middleware/tenant.ts).
    const directory = drizzle(c.env.DB);
    c.set("db", directory);
    c.set("d1", c.env.DB);
    c.set("directory", directory);
    await next();
  })
  .get("/health", (c) => c.json({ ok: true }))
  .route("/auth", authRoutes)
  .route("/auth", forgotPasswordRoutes)
  .route("/invitations", redeemRoutes)
  .route("/tenants/:tenantId", tenantRoutes);

app.onError(onError);
app.notFound(onNotFound);

export type AppType = typeof app;
