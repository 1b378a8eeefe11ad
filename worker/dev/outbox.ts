/**
 * Local development pages (issue 11): the outbox, where mail lands when no e-mail sender is configured, like a mail
 * catcher. /dev/outbox for people, /dev/outbox.json for tests. They exist only while DEV_OUTBOX is on
 * (server/config.ts: `npm start` writes it to .dev.vars, the tests set it, a deployed Worker never has it); otherwise
 * every /dev/* path is a 404. Mounted in the Worker's entry after the security headers, so these pages carry them.
 */
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { z } from "zod";
import { configOf } from "../../server/config";
import { errorResponse } from "../../server/error-response";
import { listOutbox } from "../data/mail-outbox";
import { OUTBOX_CSS, outboxPage } from "./outbox-page";

/** `?to=` narrows to one recipient; anything not an address is ignored rather than refused (a development page). */
const recipientOf = (to: string | undefined) => {
  const parsed = z.email().safeParse(to?.trim().toLowerCase());
  return parsed.success ? parsed.data : undefined;
};

const NO_STORE = { "cache-control": "no-store" };

export const devRoutes = new Hono<{ Bindings: Cloudflare.Env }>()
  .use(async (c, next) => {
    if (!configOf(c.env).devOutbox) return errorResponse("not_found", "Không tìm thấy / Not found");
    await next();
  })
  .get("/outbox.json", async (c) => {
    const messages = await listOutbox(drizzle(c.env.DB), recipientOf(c.req.query("to")));
    return c.json({ messages }, 200, NO_STORE);
  })
  .get("/outbox.css", (c) => c.body(OUTBOX_CSS, 200, { "content-type": "text/css; charset=utf-8", ...NO_STORE }))
  .get("/outbox", async (c) => {
    const to = recipientOf(c.req.query("to"));
    return c.html(outboxPage(await listOutbox(drizzle(c.env.DB), to), to), 200, NO_STORE);
  });
