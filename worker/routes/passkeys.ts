/**
 * /api/auth/passkeys: a logged-in person registers passkeys and lists, renames and removes their own; anyone logs in
 * with one (public, behind the per-IP shield like /login). Each ceremony is two requests, options then verify, tied
 * together by the signed challenge token the options answer carries (worker/lib/passkey-challenge.ts).
 */
import { Hono } from "hono";
import { z } from "zod";
import {
  loginVerifySchema,
  passkeyIdSchema,
  registerVerifySchema,
  renamePasskeySchema,
} from "../../schema/api/passkeys";
import {
  addPasskey,
  auditPasskeyFailure,
  credentialsOf,
  findCredential,
  listPasskeys,
  markPasskeyUsed,
  parseTransports,
  passkeyHolder,
  removePasskey,
  renamePasskey,
} from "../data/passkeys";
import type { AppEnv } from "../env";
import { unauthorized } from "../lib/api-error";
import { deviceName } from "../lib/device-name";
import { logIn } from "../lib/log-in";
import { loginOptions, registrationOptions, verifyLogin, verifyRegistration } from "../lib/passkey-ceremony";
import { readChallenge, relyingParty, signChallenge } from "../lib/passkey-challenge";
import { valid } from "../lib/validate";
import { clientIp, ipShield } from "../middleware/ip-shield";
import { requireSession } from "../middleware/session";

const idParam = z.object({ id: passkeyIdSchema });

const notRecognised = () =>
  unauthorized(
    "Không nhận ra passkey này: hãy đăng nhập bằng mật khẩu / This passkey is not recognised: log in with your password",
  );

export const passkeyRoutes = new Hono<AppEnv>()
  .post("/register/options", requireSession, async (c) => {
    const rp = relyingParty(c);
    const { personId } = c.var.session;
    const holder = await passkeyHolder(c.var.db, personId);
    if (!holder) throw unauthorized();
    const user = { id: holder.id, name: holder.email ?? holder.fullName, displayName: holder.fullName };
    const options = await registrationOptions(rp, user, await credentialsOf(c.var.db, personId));
    const challengeToken = await signChallenge(c.env, "passkey-register", {
      challenge: options.challenge,
      origin: rp.origin,
      personId,
    });
    return c.json({ options, challengeToken });
  })
  .post("/register/verify", requireSession, valid("json", registerVerifySchema), async (c) => {
    const rp = relyingParty(c);
    const { challengeToken, response, name } = c.req.valid("json");
    const { personId } = c.var.session;
    const { challenge } = await readChallenge(c.env, challengeToken, "passkey-register", rp, personId);
    const credential = await verifyRegistration(rp, challenge, response);
    const passkey = await addPasskey(c.var.db, personId, {
      ...credential,
      name: name ?? deviceName(c.req.header("user-agent")),
    });
    return c.json(passkey, 201);
  })
  .post("/login/options", ipShield, async (c) => {
    const rp = relyingParty(c);
    const options = await loginOptions(rp);
    const challengeToken = await signChallenge(c.env, "passkey-login", {
      challenge: options.challenge,
      origin: rp.origin,
    });
    return c.json({ options, challengeToken });
  })
  .post("/login/verify", ipShield, valid("json", loginVerifySchema), async (c) => {
    const rp = relyingParty(c);
    const { challengeToken, response } = c.req.valid("json");
    const db = c.var.db;
    const { challenge, issuedAt } = await readChallenge(c.env, challengeToken, "passkey-login", rp);
    const row = await findCredential(db, response.id);
    if (!row) throw notRecognised();
    const stored = { ...row, transports: parseTransports(row.transports) };
    const ip = clientIp(c);
    const newCounter = await verifyLogin(rp, challenge, response, stored);
    if (newCounter === null) {
      await auditPasskeyFailure(db, row.personId, row.id, ip);
      throw notRecognised();
    }
    const use = {
      id: row.id,
      personId: row.personId,
      verifiedCounter: row.counter,
      newCounter,
      challengeIssuedAt: issuedAt,
    };
    if (!(await markPasskeyUsed(db, use, ip))) {
      await auditPasskeyFailure(db, row.personId, row.id, ip);
      throw unauthorized("Yêu cầu đăng nhập này đã được dùng, hãy thử lại / This login was already used, try again");
    }
    return c.json(await logIn(c, row.personId));
  })
  .get("/", requireSession, async (c) => c.json({ passkeys: await listPasskeys(c.var.db, c.var.session.personId) }))
  .patch("/:id", requireSession, valid("param", idParam), valid("json", renamePasskeySchema), async (c) => {
    const { id } = c.req.valid("param");
    const { name } = c.req.valid("json");
    return c.json(await renamePasskey(c.var.db, c.var.session.personId, id, name));
  })
  .delete("/:id", requireSession, valid("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    await removePasskey(c.var.db, c.var.session.personId, id);
    return c.json({ ok: true });
  });
