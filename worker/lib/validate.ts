import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { badRequest } from "./api-error";

/**
 * zod validation for a request part that fails in the shared envelope, listing each issue with its path.
 * Malformed JSON is refused by Hono's validator before this runs (400, same envelope via onError).
 */
export const valid = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      throw badRequest(`Dữ liệu không hợp lệ / Invalid ${target}`, issues);
    }
  });
