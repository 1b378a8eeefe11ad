import { type ErrorCode, type ErrorIssue, statusOfCode } from "../schema/errors";

/**
 * The one error envelope as a plain Response, for answers given outside the Hono app (the room's gate, the
 * Worker's entry): the status always comes from the code (schema/errors.ts).
 */
export function errorResponse(code: ErrorCode, message: string, issues?: ErrorIssue[]): Response {
  return Response.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status: statusOfCode[code] });
}
