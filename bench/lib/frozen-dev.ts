/**
 * `wrangler dev` for benchmarks: the Worker is bundled once, as `wrangler deploy` bundles it, and served with
 * `--no-bundle`, so edits made to the tree during a run (other work on the same checkout) cannot rebuild
 * and reload the server mid-measurement. Two dev-only costs are switched off, since a deployed Worker pays
 * neither: the line per request that wrangler's proxy posts back to its Node process (`--log-level warn`),
 * and the local trace store that records every request's spans to SQLite (`X_LOCAL_OBSERVABILITY=false`).
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevServer, root, startDev, wrangler } from "../../scripts/lib/wrangler.ts";

export const DEV_SETUP =
  "the Worker bundled once (`wrangler deploy --dry-run --outdir`) and served by `wrangler dev --no-bundle --log-level warn` " +
  "with `X_LOCAL_OBSERVABILITY=false`: no per-request log line posted back to wrangler's Node process and no local trace store, " +
  "dev-only costs a deployed Worker does not pay; requests still pass wrangler's proxy worker";

/** `config`: another Worker's wrangler config (relative to the repository), e.g. bench/echo's; default the app's. */
export async function startFrozenDev(opts: {
  port: number;
  persistTo: string;
  vars: Record<string, string>;
  config?: string;
  /** Opens wrangler's inspector here (bench/lib/cpu-profile.ts). */
  inspectorPort?: number;
}): Promise<DevServer & { bundle: string }> {
  const config = join(root, opts.config ?? "wrangler.toml");
  const out = await mkdtemp(join(tmpdir(), "chibo-bench-bundle-"));
  // wrangler dev refuses to start without the [assets] directory; the API bench does not need the client built.
  await mkdir(join(root, "web", "dist"), { recursive: true });
  try {
    await wrangler(["deploy", "--dry-run", "--outdir", out, "--config", config]);
    const server = await startDev({
      port: opts.port,
      persistTo: opts.persistTo,
      vars: opts.vars,
      readyTimeoutMs: 90_000,
      // --config: with a script path given, wrangler would otherwise look for its config beside the bundle.
      extraArgs: [
        "--log-level",
        "warn",
        "--no-bundle",
        ...(opts.inspectorPort ? ["--inspector-port", String(opts.inspectorPort)] : []),
        "--config",
        config,
        join(out, "index.js"),
      ],
      env: { X_LOCAL_OBSERVABILITY: "false" },
    });
    return {
      ...server,
      /** The bundle served (removed on stop), for reading a CPU profile by module (bench/lib/profile-modules.ts). */
      bundle: join(out, "index.js"),
      stop: () => server.stop().finally(() => rm(out, { recursive: true, force: true })),
    };
  } catch (err) {
    await rm(out, { recursive: true, force: true });
    throw err;
  }
}
