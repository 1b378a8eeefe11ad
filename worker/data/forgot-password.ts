/**
 * "Forgot password" by e-mail (docs/identity.md): a `reset` invitation that belongs to no committee and names the
 * account itself (tenant_id NULL, person_id = the account), valid one hour. The route answers the same whether or not
 * the e-mail has an account; this file does the work behind that answer.
 */
import { and, eq, isNull } from "drizzle-orm";
import { FORGOT_RESET_HOURS } from "../../schema/api/mail";
import { invitations, people } from "../../schema/db/tables";
import type { Db } from "../env";
import { ApiError, conflict } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { hashCode, hashSecret, newCode, newSecret } from "../lib/invitation-secret";
import { unlessUnique } from "../lib/unique";
import { countAttempt, lockEnd } from "./login-throttle";

/**
 * Counted like a password attempt, before anything else, on the typed e-mail (whether or not it has an account, so
 * the count tells nothing): five requests per e-mail from one client in 15 minutes, two once the e-mail has been
 * asked for more than twenty times from anywhere, so nobody can fill a holder's inbox. The `forgot:` prefix keeps
 * these counts apart from the login's, so asking for a reset never costs a login try.
 */
export async function countForgotRequest(db: Db, email: string, clientIp: string) {
  const until = await countAttempt(db, `forgot:${email}`, clientIp);
  if (until) {
    const at = lockEnd(until);
    throw new ApiError(
      "rate_limited",
      `Đã yêu cầu nhiều lần, thử lại sau ${at.vi} / Too many requests for this e-mail, try again after ${at.en}`,
    );
  }
}

/** What the holder receives: the link's secret and the code, stored nowhere in clear. */
export interface ForgotReset {
  to: string;
  secret: string;
  code: string;
}

/**
 * A fresh e-mailed reset for the account that logs in with `email`, or null when no account does. The account's
 * earlier e-mailed resets that still work are revoked in the same transaction, so only the newest link and code do.
 * The secret, the code and their hashes are made before the lookup, so both outcomes do the same hashing.
 */
export async function issueForgotReset(db: Db, email: string): Promise<ForgotReset | null> {
  const secret = newSecret();
  const code = newCode();
  const [tokenHash, codeHash] = await Promise.all([hashSecret(secret), hashCode(code)]);
  const account = await db
    .select({ id: people.id, email: people.email })
    .from(people)
    .where(eq(people.email, email))
    .get();
  if (!account?.email) return null;
  const id = newId();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + FORGOT_RESET_HOURS * 3_600_000).toISOString();
  await unlessUnique(
    db.batch([
      db
        .update(invitations)
        .set({ revokedAt: now.toISOString() })
        .where(
          and(
            eq(invitations.personId, account.id),
            eq(invitations.purpose, "reset"),
            isNull(invitations.tenantId),
            isNull(invitations.redeemedAt),
            isNull(invitations.revokedAt),
          ),
        ),
      db.insert(invitations).values({
        id,
        tokenHash,
        codeHash,
        purpose: "reset",
        tenantId: null,
        personId: account.id,
        createdBy: account.id,
        expiresAt,
      }),
      auditInsert(db, {
        tenantId: null,
        personId: account.id,
        action: "password_reset_requested",
        entity: "person",
        entityId: account.id,
        detail: { invitationId: id },
      }),
    ]),
    // A live code drawn twice (1 in 31^10): the holder asks again.
    () => conflict("Mã trùng, hãy yêu cầu lại / Code collided, ask again"),
  );
  return { to: account.email, secret, code };
}
