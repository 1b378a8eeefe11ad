/**
 * The Worker's configuration (wrangler.toml [vars], secrets, .dev.vars locally), parsed and validated once per
 * env object and read from here by both the API (worker/) and the rooms (party/), so the two cannot read the
 * same variable two ways (they once did: one trimmed ALLOWED_ORIGINS, the other did not, and an origin after
 * ", " was admitted to the room but refused by the API). The Worker's entry checks it before serving anything,
 * so a missing secret shows at once (one clear log line, a 500 on every request) instead of as a failing login.
 */
import * as z from "zod";

/** A browser's Origin header is exactly `scheme://host[:port]`; anything else listed could never match one. */
const originSchema = z.string().refine(
  (s) => {
    try {
      return new URL(s).origin === s;
    } catch {
      return false;
    }
  },
  {
    error: (issue) => `lists "${String(issue.input)}", which is not an origin (scheme://host[:port], no path or slash)`,
  },
);

const envSchema = z.object({
  /** Comma-separated origins allowed besides the Worker's own; spaces around the commas are fine. */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((list = "") =>
      list
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(originSchema)),
  /** Signs sessions and, under another purpose tag, room tickets. No default anywhere: a guessable key forges both. */
  SESSION_SECRET: z.string({ error: "is not set" }).min(16, { error: "is shorter than 16 characters" }),
  /**
   * The Cloudflare Email `send_email` binding (README, "Configure e-mail"). Not in wrangler.toml's default config, so
   * not in the generated Env either: typed here, optional. Without it, mail goes to the `mail_outbox` table.
   */
  MAIL: z
    .custom<SendEmail>((v) => typeof v === "object" && v !== null && typeof Reflect.get(v, "send") === "function", {
      error: "is not a send_email binding",
    })
    .optional(),
  /** The address mail is sent from (a domain onboarded to Cloudflare Email); needed exactly when MAIL is bound. */
  MAIL_FROM: z.email({ error: "is not an e-mail address" }).optional(),
  /**
   * Local development only: `npm start` writes DEV_OUTBOX=1 into .dev.vars and the tests set it; wrangler.toml never
   * does, and `wrangler deploy` never reads .dev.vars. It serves the outbox pages (/dev/outbox, worker/dev/) and keeps
   * every message there even when a sender is configured (worker/mail/send-mail.ts).
   */
  DEV_OUTBOX: z
    .enum(["", "0", "1", "false", "true"], { error: 'is not "1" or "true" (or unset)' })
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

export interface Config {
  /** Origins allowed to open room sockets and send cookie-authenticated writes, besides the Worker's own. */
  allowedOrigins: readonly string[];
  sessionSecret: string;
  /** The e-mail sender, when one is configured; null sends every message to the `mail_outbox` table instead. */
  mail: { binding: SendEmail; from: string } | null;
  /** Whether the local outbox pages are served (local development and tests only). */
  devOutbox: boolean;
}

/** The configuration is wrong: what to set, never the values. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const parsed = new WeakMap<object, Config>();

/** The validated configuration of this env (parsed on first use, then cached); throws a ConfigError. */
export function configOf(env: Cloudflare.Env): Config {
  const cached = parsed.get(env);
  if (cached) return cached;
  const result = envSchema
    // A binding without a sender address (or the reverse) is a half-done setup: refused, never a silent outbox.
    .refine((e) => (e.MAIL === undefined) === (e.MAIL_FROM === undefined), {
      error: (issue) =>
        (issue.input as { MAIL?: unknown }).MAIL === undefined
          ? "is set but the MAIL send_email binding is missing"
          : "is not set (the MAIL send_email binding needs a sender address)",
      path: ["MAIL_FROM"],
    })
    .safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join("; ");
    throw new ConfigError(
      `The Worker's configuration is invalid (${problems}). Set variables in wrangler.toml [vars], secrets with ` +
        "`wrangler secret put`, and locally in .dev.vars (npm start writes a SESSION_SECRET there).",
    );
  }
  const config: Config = {
    allowedOrigins: Object.freeze(result.data.ALLOWED_ORIGINS),
    sessionSecret: result.data.SESSION_SECRET,
    mail: result.data.MAIL && result.data.MAIL_FROM ? { binding: result.data.MAIL, from: result.data.MAIL_FROM } : null,
    devOutbox: result.data.DEV_OUTBOX,
  };
  parsed.set(env, config);
  return config;
}

/**
 * Whether a browser's Origin may talk to us: the Worker's own origin (that of the request's URL) or a listed one.
 * The API's CSRF check on cookie-authenticated writes and the room's admission both ask this.
 */
export function originAllowed(config: Config, origin: string, requestUrl: string): boolean {
  return origin === new URL(requestUrl).origin || config.allowedOrigins.includes(origin);
}
