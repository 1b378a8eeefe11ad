/**
 * One authenticated JSON call to rtc.live.cloudflare.com, its answer validated. Every failure becomes the shared
 * envelope: Cloudflare unreachable or answering nonsense → 503 `unavailable` (nothing the caller can fix); a refusal
 * of what the browser sent (a bad SDP, an unknown track) → 400 `bad_request` with Cloudflare's own code.
 */
import type { ZodType } from "zod";
import { ApiError, badRequest } from "../api-error";
import { apiErrorShape } from "./shapes";

export const REALTIME_API = "https://rtc.live.cloudflare.com/v1";

export type Fetch = typeof fetch;

const down = (why: string) =>
  new ApiError(
    "unavailable",
    `Dịch vụ âm thanh Cloudflare Realtime không trả lời / Cloudflare Realtime failed: ${why}`,
  );

export async function realtimeCall<T>(
  f: Fetch,
  token: string,
  method: "GET" | "POST" | "PUT",
  url: string,
  body: unknown,
  shape: ZodType<T>,
): Promise<T> {
  let res: Response;
  try {
    res = await f(url, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    console.error(`realtime ${method} ${new URL(url).pathname}: no answer`, err);
    throw down("no answer");
  }
  const json: unknown = await res.json().catch(() => ({}));
  const refused = apiErrorShape.safeParse(json);
  if (!res.ok || refused.success) {
    const code = refused.success ? refused.data.errorCode : `HTTP ${res.status}`;
    // 401/403 mean our own keys are wrong: the caller can do nothing about it.
    if (res.status === 401 || res.status === 403 || res.status >= 500) throw down(code);
    throw badRequest(`Cloudflare Realtime từ chối / Cloudflare Realtime refused: ${code}`, [
      { path: "realtime", message: refused.success ? (refused.data.errorDescription ?? code) : code },
    ]);
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success) throw down("unexpected answer");
  return parsed.data;
}
