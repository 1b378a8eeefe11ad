/**
 * Every benchmark writes its figures twice: `bench/results/<name>.json` for machines and
 * `bench/results/<name>.md` (a markdown table) for the README. Both are committed, so a change in
 * performance shows up in review.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

export const resultsDir = join(import.meta.dirname, "..", "results");

/** What the figures were measured on: they mean little without it. */
export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
  };
}

export function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

export async function writeResults(
  name: string,
  json: unknown,
  markdown: string,
): Promise<{ jsonPath: string; mdPath: string }> {
  await mkdir(resultsDir, { recursive: true });
  const jsonPath = join(resultsDir, `${name}.json`);
  const mdPath = join(resultsDir, `${name}.md`);
  await writeFile(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(mdPath, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
  return { jsonPath, mdPath };
}
