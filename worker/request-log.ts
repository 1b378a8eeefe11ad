/**
 * Structured logs ([observability] in wrangler.toml): one JSON line per request, the route's pattern rather
 * than the raw path (ids stay out of the pattern; the verified tenant has its own field), the status and the
 * time taken. Never a query string, body, header, cookie, ticket or token: nothing here reads them.
 */
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { TenantAccess } from "./env";

export interface RequestLogLine {
  kind: "request";
  method: string;
  /** The pattern of the route that answered, e.g. /api/tenants/:tenantId/members/:memberId ("*" for a page). */
  route: string;
  status: number;
  /** The tenant the caller was admitted to (tenant routes after the tenant check), else null. */
  tenant: string | null;
  /**
   * Time until the answer as the Worker's clock sees it: that clock advances only across I/O (D1, the room,
   * assets), so CPU work alone counts as 0 ms; Workers Logs records each invocation's CPU time itself.
   */
  ms: number;
}

/** Workers' log pipeline indexes an object logged as one argument as JSON fields. */
export function logLine(line: object): void {
  console.log(line);
}

export const requestLog: MiddlewareHandler = async (c, next) => {
  const start = Date.now();
  try {
    await next();
  } finally {
    // After next(), the route index is that of the handler that answered (or the not-found fallback).
    const access = (c as Context<{ Variables: { access?: TenantAccess } }>).get("access");
    logLine({
      kind: "request",
      method: c.req.method,
      route: routePath(c) || "*",
      status: c.res.status,
      tenant: access?.tenantId ?? null,
      ms: Date.now() - start,
    } satisfies RequestLogLine);
  }
};

export interface RoomAdmissionLogLine {
  kind: "room-admission";
  /** The room (meeting) the socket asked for: its id is in the room's path, never its ticket. */
  meeting: string;
  outcome: "admitted" | "refused";
  /** 101 for an admitted socket (the upgrade follows), else the refusal's status (401 ticket, 403 origin or meeting). */
  status: number;
  ms: number;
}

/** Runs the room gate (party/admit.ts) and logs its outcome: the status says why, the ticket stays out. */
export async function loggedAdmission(
  meeting: string,
  admit: () => Promise<Response | undefined>,
): Promise<Response | undefined> {
  const start = Date.now();
  const refusal = await admit();
  logLine({
    kind: "room-admission",
    meeting,
    outcome: refusal ? "refused" : "admitted",
    status: refusal?.status ?? 101,
    ms: Date.now() - start,
  } satisfies RoomAdmissionLogLine);
  return refusal;
}
