/**
 * Sends an invitation just issued to the contact e-mail the committee recorded, when it recorded one. The issuer has
 * the link and code in the answer already (and can print a slip), so a sender's refusal is logged, not raised: the
 * invitation stands either way.
 */
import { eq } from "drizzle-orm";
import { tenants } from "../../schema/db/tables";
import type { Db } from "../env";
import { directoryDb } from "../lib/shards";
import type { InvitationMailInput, InvitationMailKind } from "./invitation-texts";
import { mailInvitation } from "./mail-invitation";

export interface IssuedMail {
  to: string | null | undefined;
  tenantId: string;
  kind: InvitationMailKind;
  link: string;
  code: string;
  meetingTitle?: string;
  meetingMedia?: InvitationMailInput["meetingMedia"];
}

export async function mailIssued(env: Cloudflare.Env, db: Db, mail: IssuedMail): Promise<boolean> {
  if (!mail.to) return false;
  const committee = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, mail.tenantId)).get();
  try {
    // The outbox is the directory's, whichever shard the committee lives in (worker/lib/shards.ts).
    await mailInvitation(env, directoryDb(env), {
      to: mail.to,
      kind: mail.kind,
      committeeName: committee?.name ?? "",
      link: mail.link,
      code: mail.code,
      ...(mail.meetingTitle ? { meetingTitle: mail.meetingTitle } : {}),
      ...(mail.meetingMedia ? { meetingMedia: mail.meetingMedia } : {}),
    });
    return true;
  } catch (err) {
    console.error(JSON.stringify({ kind: "mail-refused", purpose: mail.kind, error: String(err) }));
    return false;
  }
}
