import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody, ErrorCode } from "../../schema/errors";
import { ApiError } from "../lib/api-error";

const codeOfStatus: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  429: "rate_limited",
};

export function errorResponse(c: Context, status: number, body: ErrorBody) {
  return c.json(body, status as ContentfulStatusCode);
}

/** Every error leaves in one envelope; internals (stack, SQL) are logged, never sent. */
export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    return errorResponse(c, err.status, {
      error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) },
    });
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = codeOfStatus[err.status] ?? "bad_request";
    return errorResponse(c, err.status, { error: { code, message: err.message || code } });
  }
  console.error("internal error", c.req.method, c.req.path, err);
  return errorResponse(c, 500, { error: { code: "internal", message: "Lỗi máy chủ / Internal error" } });
}

export function onNotFound(c: Context) {
  return errorResponse(c, 404, { error: { code: "not_found", message: `No route ${c.req.method} ${c.req.path}` } });
}
