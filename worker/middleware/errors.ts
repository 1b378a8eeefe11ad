import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { codeOfStatus, type ErrorBody } from "../../schema/errors";
import { ApiError } from "../lib/api-error";

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
    const code = codeOfStatus(err.status);
    return errorResponse(c, err.status, { error: { code, message: err.message || code } });
  }
  console.error("internal error", c.req.method, c.req.path, err);
  return errorResponse(c, 500, { error: { code: "internal", message: "Lỗi máy chủ / Internal error" } });
}

export function onNotFound(c: Context) {
  return errorResponse(c, 404, { error: { code: "not_found", message: `No route ${c.req.method} ${c.req.path}` } });
}
