/**
 * `npm start`: everything from a fresh checkout to a running product on http://localhost:8787.
 * Builds the web client, makes a local SESSION_SECRET, migrates the local D1, seeds the demo committee
 * when the database is empty, then serves API, rooms and client from one `wrangler dev` (PORT overrides
 * the port). Ctrl-C stops wrangler and workerd together.
 *
 * `HOST=0.0.0.0 npm start` serves a hall's local network: wrangler listens on that address, the Worker accepts the
 * LAN origins phones send (added to ALLOWED_ORIGINS for this run only, never written to .dev.vars, since the
 * addresses change from hall to hall), and the addresses phones should open are printed.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { devVar, lanUrls, servesNetwork, withOrigins } from "./lib/lan.ts";
import { applyMigrationsLocal, DEFAULT_PORT, type DevServer, root, startDev } from "./lib/wrangler.ts";
import { printDemoLogins, seedDemo } from "./seed-demo.ts";

const port = Number(process.env.PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a TCP port number, got "${process.env.PORT}"`);
  process.exit(1);
}

const host = process.env.HOST?.trim() || "localhost";
const lan = servesNetwork(host) ? lanUrls(networkInterfaces(), port, host) : [];

const step = (msg: string) => console.log(`\n▶ ${msg}`);

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
    child.on("error", () => resolve(127));
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function buildWeb(): Promise<void> {
  const dist = join(root, "web", "dist");
  if (!existsSync(join(root, "web", "vite.config.ts"))) {
    // No client yet: wrangler still needs the [assets] directory to exist.
    await mkdir(dist, { recursive: true });
    console.log("web/vite.config.ts not found: serving the API and rooms without a web client.");
    return;
  }
  step("Xây dựng giao diện web / building the web client (npm run build)");
  const code = await run("npm", ["run", "build"]);
  if (code !== 0) {
    console.error(`\n✘ Không xây dựng được giao diện web / the web client build failed (npm run build, exit ${code}).`);
    console.error("  Fix the error above and run `npm start` again; nothing was started.");
    process.exit(1);
  }
}

/**
 * Local settings in .dev.vars (git-ignored; `wrangler deploy` never reads it): a random SESSION_SECRET, kept so
 * sessions survive restarts, and DEV_OUTBOX=1, which serves the mail outbox at /dev/outbox (server/config.ts).
 * A line already there is left as it is.
 */
async function ensureDevVars(): Promise<void> {
  const file = join(root, ".dev.vars");
  const existing = existsSync(file) ? await readFile(file, "utf8") : "";
  const lines: string[] = [];
  if (!/^SESSION_SECRET=.{16,}/m.test(existing)) lines.push(`SESSION_SECRET=${randomBytes(32).toString("hex")}`);
  if (!/^DEV_OUTBOX=/m.test(existing)) lines.push("DEV_OUTBOX=1");
  if (lines.length === 0) return;
  const text = `${lines.join("\n")}\n`;
  if (existing) await appendFile(file, (existing.endsWith("\n") ? "" : "\n") + text);
  else await writeFile(file, `# Local settings for wrangler dev (not committed).\n${text}`);
  console.log(`Wrote ${lines.map((l) => l.split("=")[0]).join(" and ")} to .dev.vars`);
}

await buildWeb();
await ensureDevVars();
step("Áp dụng migration D1 cục bộ / applying local D1 migrations");
let seeded: Awaited<ReturnType<typeof seedDemo>>;
try {
  await applyMigrationsLocal();
  step("Dữ liệu demo / demo data");
  seeded = await seedDemo();
} catch (err) {
  console.error(`\n✘ ${err instanceof Error ? err.message : String(err)}`);
  // The schema ships as one init migration while nothing is deployed: a database made from an older one
  // does not match it. Local data is only the demo, so starting over is the fix.
  console.error("  If the local database predates a schema change, delete .wrangler/state and run `npm start` again.");
  process.exit(1);
}
console.log(
  seeded.seeded
    ? `Loaded the demo committee (${seeded.rows} rows).`
    : "The local database already has data: not seeding.",
);

/** For a LAN run: .dev.vars' own ALLOWED_ORIGINS with the phones' origins added (a --var replaces the file's value). */
async function lanVars(): Promise<Record<string, string>> {
  if (lan.length === 0) return {};
  const file = join(root, ".dev.vars");
  const existing = existsSync(file) ? devVar(await readFile(file, "utf8"), "ALLOWED_ORIGINS") : undefined;
  return { ALLOWED_ORIGINS: withOrigins(existing, lan) };
}

step(`Khởi động wrangler dev / starting wrangler dev on ${host}:${port}`);
let server: DevServer;
try {
  server = await startDev({ port, ip: host, vars: await lanVars(), echo: true, readyTimeoutMs: 90_000 });
} catch (err) {
  console.error(`\n✘ wrangler dev did not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping wrangler dev…`);
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
server.child.once("exit", (code) => {
  if (stopping) return;
  console.error(`wrangler dev exited (${code ?? "signal"}).`);
  void server.stop().then(() => process.exit(code ?? 1));
});

const url = `http://localhost:${port}`;
console.log(`\n✔ chibo đang chạy / is running at ${url}  (Ctrl-C để dừng / to stop)`);
console.log(`  Thư gửi đi / mail outbox: ${url}/dev/outbox`);
printDemoLogins(url);
if (servesNetwork(host)) {
  if (lan.length === 0) {
    console.log("\n  Không tìm thấy địa chỉ mạng LAN / no LAN IPv4 address found: is the machine on the hall's Wi-Fi?");
  } else {
    console.log("\n  Điện thoại trong hội trường mở / phones on the hall's network open:");
    for (const address of lan) console.log(`    ${address}`);
    console.log(
      "  (Mở màn hình hội trường bằng địa chỉ này để mã QR dẫn đúng / open the hall screen at it too, so its QR code",
    );
    console.log("   points phones there.)");
  }
}
