import type { Db } from "../env";
import { type InvitationMailInput, invitationMail } from "./invitation-texts";
import { type MailResult, sendMail } from "./send-mail";

/**
 * Mails an invitation a committee just issued to the contact e-mail of its record (member, reset, guest, staff):
 * through the sender when configured, else into the local outbox. Throws when the sender refuses the message.
 */
export function mailInvitation(env: Cloudflare.Env, db: Db, input: InvitationMailInput): Promise<MailResult> {
  return sendMail(env, db, { to: input.to, ...invitationMail(input) });
}
