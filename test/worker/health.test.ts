import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("api entry", () => {
  it("answers health and unknown routes in the error envelope", async () => {
    const ok = await exports.default.fetch("http://x/api/health");
    expect(await ok.json()).toEqual({ ok: true });
    const missing = await exports.default.fetch("http://x/api/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
