/**
 * Which Chromium the browser tests and bench/web.ts drive, so that `npm install` is the whole set-up:
 *   1. `CHROMIUM_PATH`, when set (any Chromium or Chrome binary);
 *   2. Debian's `/usr/bin/chromium`, when installed;
 *   3. the one shipped inside the `@sparticuz/chromium` dev dependency: a brotli-compressed headless-shell
 *      binary in its tarball (no download at install time, which this offline machine could not do).
 * The third is unpacked once into node_modules/.cache, named by the package's version, and reused by every
 * later run; written to a temporary name and renamed, so two processes unpacking at once never launch a
 * half-written file. We unpack it ourselves rather than call the package's `executablePath()`: that one
 * reuses any `/tmp/chromium` whatever version wrote it, and also unpacks fonts and SwiftShader, which we
 * do not use (system fonts through fontconfig, and `--disable-gpu`).
 */
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { type Browser, chromium } from "playwright-core";
import { root } from "./wrangler.ts";

/**
 * Flags for every launch. The network ones matter: without them Chromium keeps trying Google's hosts and
 * this machine's closed network refuses each attempt.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const PACKAGE = "@sparticuz/chromium";

/** The Chromium binary to launch, unpacking the npm one on first use. Throws a message that says what to do. */
export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const packageDir = join(root, "node_modules", PACKAGE);
  const packed = join(packageDir, "bin", "chromium.br");
  if (!existsSync(packed)) {
    throw new Error(
      `No Chromium found: ${PACKAGE} is not installed (run \`npm install\`), ${DEBIAN_CHROMIUM} is absent ` +
        "(`apt-get install chromium` on Debian) and CHROMIUM_PATH is not set (point it at a Chromium binary).",
    );
  }
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as { version: string };
  const binary = join(root, "node_modules", ".cache", `chromium-${version}`, "chromium");
  if (!existsSync(binary)) {
    const started = performance.now();
    await unpack(packed, binary);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Chromium ${version} from ${PACKAGE} unpacked to ${binary} in ${seconds} s (once per install)`);
  }
  return binary;
}

/** A headless Chromium (see chromiumPath) with our flags, and `extraArgs` (e.g. fake media devices). The caller closes it. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs] });
}

async function unpack(packed: string, binary: string): Promise<void> {
  await mkdir(dirname(binary), { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  try {
    await pipeline(
      createReadStream(packed, { highWaterMark: 1 << 22 }),
      createBrotliDecompress({ chunkSize: 1 << 21 }),
      createWriteStream(partial, { mode: 0o755 }),
    );
    await rename(partial, binary);
  } finally {
    await rm(partial, { force: true });
  }
}
