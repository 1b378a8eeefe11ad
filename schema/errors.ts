/**
 * The one error envelope. HTTP answers `{ error: { code, message, issues? } }`; the room answers
 * `{ type: "error", code, message, ref }` over the socket (see schema/room). Both sides parse it with these schemas
 * (zod/mini: the web client loads it, and carries no zod classic; see web/vite.config.ts).
 */
import * as z from "zod/mini";

export const errorCodes = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "rate_limited",
  "internal",
  "unavailable",
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    issues: z.optional(z.array(errorIssueSchema)),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The HTTP status of each code: the one mapping the API, the room's gate and the client use. */
export const statusOfCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  /** A service we depend on is not configured here or did not answer (Cloudflare Realtime): not the caller's fault. */
  unavailable: 503,
};

/**
 * The code for a status that came without an envelope (one of Hono's own exceptions, a proxy's error page):
 * the code mapped to that status, otherwise `internal` from 500 up and `bad_request` below.
 */
export function codeOfStatus(status: number): ErrorCode {
  return errorCodes.find((code) => statusOfCode[code] === status) ?? (status >= 500 ? "internal" : "bad_request");
}
