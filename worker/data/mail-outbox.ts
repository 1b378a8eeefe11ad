/**
 * The local outbox (`mail_outbox`): where mail goes when no e-mail sender is configured, and what the development
 * pages (worker/dev/outbox.ts) and the tests read. Not tenant data: a message belongs to its recipient only.
 */
import { desc, eq, sql } from "drizzle-orm";
import type { OutboxMessage } from "../../schema/api/mail";
import { mailOutbox } from "../../schema/db/tables";
import type { Db } from "../env";
import { newId } from "../lib/ids";

/** The newest this many are shown; a development database never needs more. */
export const OUTBOX_PAGE = 200;

export async function insertOutbox(db: Db, message: { to: string; subject: string; text: string }) {
  const id = newId();
  await db.insert(mailOutbox).values({ id, toAddress: message.to, subject: message.subject, textBody: message.text });
  return id;
}

/** Newest first (rowid breaks ties within a millisecond); only one recipient's when `to` is given. */
export function listOutbox(db: Db, to?: string): Promise<OutboxMessage[]> {
  return db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      text: mailOutbox.textBody,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(to === undefined ? undefined : eq(mailOutbox.toAddress, to))
    .orderBy(desc(mailOutbox.createdAt), desc(sql`rowid`))
    .limit(OUTBOX_PAGE);
}
