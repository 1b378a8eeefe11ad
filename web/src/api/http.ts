/**
 * The one way the client talks HTTP to the Worker: same-origin fetch with the session cookie, JSON in and
 * out, and every failure turned into an `ApiFailure` parsed from the one error envelope (schema/errors.ts).
 */
import type { ErrorCode, ErrorIssue } from "../../../schema/errors";

/** `network` means no answer at all (offline, server down); the rest are the server's codes. */
export type FailureCode = ErrorCode | "network";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: FailureCode,
    message: string,
    readonly issues: ErrorIssue[] = [],
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

let onUnauthorized: (() => void) | null = null;
/** The session module registers this: a 401 anywhere means the session is gone. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Turns a non-2xx response into an ApiFailure, trusting only what the envelope schema accepts. */
export async function failureOf(res: Response): Promise<ApiFailure> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status.
  }
  // zod is loaded only when an error actually comes back, to keep the first load (the member's phone) small.
  const { codeOfStatus, errorBodySchema } = await import("../../../schema/errors");
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, issues } = parsed.data.error;
    return new ApiFailure(res.status, code, message, issues ?? []);
  }
  return new ApiFailure(res.status, codeOfStatus(res.status), `HTTP ${res.status}`);
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Don't call the global 401 handler (the login form handles its own 401). */
  quiet401?: boolean;
}

export async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers:
        body === undefined
          ? { accept: "application/json" }
          : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiFailure(0, "network", err instanceof Error ? err.message : "network");
  }
  if (!res.ok) {
    const failure = await failureOf(res);
    if (failure.status === 401 && !opts.quiet401) onUnauthorized?.();
    throw failure;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** `?a=1&b=x` from an object, leaving out undefined and empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export const enc = encodeURIComponent;
