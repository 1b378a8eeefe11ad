/**
 * The one way the Worker sends mail. With a Cloudflare Email sender configured (the `MAIL` send_email binding and
 * `MAIL_FROM`, server/config.ts; README "Configure e-mail") the message goes out through it; without one, or in local
 * development and tests (DEV_OUTBOX), it lands in the `mail_outbox` table, which /dev/outbox shows.
 *
 * Plain text, UTF-8: the binding's message builder encodes the Vietnamese subject and body itself, so no MIME
 * library is needed (a raw `EmailMessage` from "cloudflare:email" would need one).
 */
import { configOf } from "../../server/config";
import { insertOutbox } from "../data/mail-outbox";
import type { Db } from "../env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Where the message went: Cloudflare's message id, or the outbox row's id. */
export type MailResult = { via: "email"; messageId: string } | { via: "outbox"; id: string };

/** The name recipients see beside MAIL_FROM. */
export const SENDER_NAME = "chibo";

/**
 * Sends one message, or keeps it in the outbox when no sender is configured. Throws when the sender refuses it
 * (an unverified sender or recipient, the service down): the caller decides whether that fails its request.
 */
export async function sendMail(env: Cloudflare.Env, db: Db, mail: Mail): Promise<MailResult> {
  // A subject is one header line: a committee's name typed with a line break must not start another header.
  const message = { ...mail, subject: mail.subject.replace(/[\r\n]+/g, " ").trim() };
  const { mail: sender, devOutbox } = configOf(env);
  // Local development keeps its mail even with a sender in wrangler.toml: nobody real gets a demo's mail.
  if (!sender || devOutbox) return { via: "outbox", id: await insertOutbox(db, message) };
  const { messageId } = await sender.binding.send({
    from: { email: sender.from, name: SENDER_NAME },
    to: message.to,
    subject: message.subject,
    text: message.text,
  });
  return { via: "email", messageId };
}
