import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../schema/errors";
import { api } from "../support/fixtures";

// The AUTH_LIMITER binding of wrangler.toml (300 requests a minute per address), simulated by miniflare.
const LIMIT = 300;
const from = (ip: string) => ({ "cf-connecting-ip": ip });

// Miniflare's limiter counts in windows aligned to the wall clock (epoch = now / 60 s), as Cloudflare's does: a flood
// that straddles a minute's turn is counted in two windows and is not refused. CI met it once (400 where 429 was due).
// The test takes under a second, so it starts no later than 15 s before the turn.
const WINDOW_MS = 60_000;
async function awayFromWindowTurn(marginMs = 15_000) {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

// Empty bodies: the shield answers before validation, so a served request is a 400 or 401 (or 200 for the passkey
// login's options, which take no body), never a 429.
const paths = [
  "/api/auth/login",
  "/api/auth/password",
  "/api/invitations/redeem",
  "/api/invitations/redeem/passkey-options",
  "/api/auth/passkeys/login/options",
  "/api/auth/passkeys/login/verify",
  "/api/auth/forgot",
];

describe("per-IP shield on login (password and passkey), password change, redeem (and its passkey options) and forgot password", () => {
  it("refuses what one address sends over the limit with 429 in the envelope, and still serves another", async () => {
    await awayFromWindowTurn();
    const flooder = "192.0.2.44";
    const results = await Promise.all(
      Array.from({ length: LIMIT + 10 }, (_, i) =>
        api<ErrorBody>("POST", paths[i % paths.length] ?? "", undefined, {}, from(flooder)),
      ),
    );
    const refused = results.filter((r) => r.status === 429);
    expect(results.length - refused.length).toBe(LIMIT);
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r.json.error.code).toBe("rate_limited");
      expect(r.json.error.message).toMatch(/^Quá nhiều yêu cầu.* \/ Too many requests/);
    }
    // Each of these routes is behind the same shield.
    for (const path of paths) expect((await api("POST", path, undefined, {}, from(flooder))).status).toBe(429);

    const other = await api("POST", "/api/auth/login", undefined, {}, from("192.0.2.45"));
    expect(other.status).toBe(400);
  });
});
