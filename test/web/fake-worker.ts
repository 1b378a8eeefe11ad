/**
 * The page tests' stand-in for the worker: a `Me` for a caller of tenant t-1, JSON answers in the shared error
 * envelope, and a `fetch` that answers as a test's routes say and records every request with its status (so a
 * refusal the page should never have provoked fails the test). `useFakeWorker()` restores the real `fetch`, the
 * language and local storage around each test.
 */
import { cleanup } from "@solidjs/testing-library";
import { afterEach, beforeEach } from "vitest";
import type { Me, TenantRole } from "../../schema/api/auth";
import { setLang } from "../../web/src/i18n";

export type BranchRole = Me["tenants"][number]["branchRoles"][number]["branchRole"];

/** A caller of "Đảng ủy phường Hòa An" (t-1): staff by `role`, of branch org-1 by `branchRole`, a guest of m-1. */
export function callerOf(id: string, opts: { role?: TenantRole; branchRole?: BranchRole; guest?: boolean } = {}): Me {
  return {
    person: { id, fullName: id, email: `${id}@chibo.test` },
    tenants: [
      {
        id: "t-1",
        name: "Đảng ủy phường Hòa An",
        kind: "committee",
        parentId: null,
        viaProvince: false,
        provinceRole: null,
        role: opts.role ?? null,
        organizationIds: opts.branchRole ? ["org-1"] : [],
        branchRoles: opts.branchRole ? [{ organizationId: "org-1", branchRole: opts.branchRole }] : [],
        guestMeetingIds: opts.guest ? ["m-1"] : [],
      },
    ],
  };
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
export const refused = () => json(403, { error: { code: "forbidden", message: "Không có quyền / Forbidden" } });
export const missing = (what = "") =>
  json(404, { error: { code: "not_found", message: `Không có / Not found${what ? `: ${what}` : ""}` } });

export interface Seen {
  method: string;
  /** Path and query string. */
  path: string;
  status: number;
}

/** Installs a `fetch` that answers with `answer(method, url)`; returns the requests seen, in order. */
export function fakeWorker(answer: (method: string, url: URL) => Response): Seen[] {
  const seen: Seen[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), "http://localhost");
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    const res = answer(method, url);
    seen.push({ method, path: url.pathname + url.search, status: res.status });
    return res;
  }) as typeof fetch;
  return seen;
}

/** Vietnamese, empty local storage and the real `fetch` back after each test. Call once at a test file's top. */
export function useFakeWorker(): void {
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    setLang("vi");
    localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    globalThis.fetch = realFetch;
  });
}
