/**
 * The SFU routes against recorded Cloudflare Realtime shapes (test/fixtures/realtime): a fake `fetch` answers from
 * them and records what the worker sent; the app runs in-process with Realtime's secrets set (or not) in its env.
 */
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { app } from "../../worker/app";
import sessionResponse from "../fixtures/realtime/sessions-new.response.json";
import closeResponse from "../fixtures/realtime/tracks-close.response.json";
import localResponse from "../fixtures/realtime/tracks-new-local.response.json";
import remoteResponse from "../fixtures/realtime/tracks-new-remote.response.json";
import turnResponse from "../fixtures/realtime/turn-ice-servers.response.json";

export const SECRETS = {
  REALTIME_APP_ID: "app-0123",
  REALTIME_APP_TOKEN: "app-secret-never-in-a-browser",
  TURN_KEY_ID: "turn-key-0123",
  TURN_KEY_TOKEN: "turn-secret-never-in-a-browser",
};

export interface Sent {
  method: string;
  url: string;
  auth: string | null;
  body: unknown;
}

/** Answers each Realtime endpoint with its recorded shape; `override` replaces one answer by path suffix. */
export function fakeRealtime(override: Record<string, () => Response> = {}) {
  const sent: Sent[] = [];
  let sessions = 0;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    sent.push({ method: init?.method ?? "GET", url, auth: new Headers(init?.headers).get("authorization"), body });
    for (const [suffix, answer] of Object.entries(override)) if (url.endsWith(suffix)) return answer();
    // The recorded id first, then ids of the same form: each session its own, as at Cloudflare.
    if (url.endsWith("/sessions/new")) {
      const n = sessions++;
      const sessionId =
        n === 0
          ? sessionResponse.sessionId
          : `${sessionResponse.sessionId.slice(0, -4)}${n.toString(16).padStart(4, "0")}`;
      return Response.json({ ...sessionResponse, sessionId }, { status: 201 });
    }
    if (url.endsWith("/tracks/new"))
      return Response.json(
        (body as { tracks: { location: string }[] }).tracks[0]?.location === "local" ? localResponse : remoteResponse,
      );
    if (url.endsWith("/renegotiate")) return Response.json({});
    if (url.endsWith("/tracks/close")) return Response.json(closeResponse);
    if (url.endsWith("/credentials/generate-ice-servers")) return Response.json(turnResponse, { status: 201 });
    return new Response("not recorded", { status: 599 });
  });
  return { sent, restore: () => spy.mockRestore() };
}

/** One request to the in-process app, with extra env (the secrets) when given. */
export async function call<T = unknown>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  extraEnv: Record<string, string> = {},
) {
  const res = await app.request(
    `http://chibo.test${path}`,
    {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    { ...env, ...extraEnv },
  );
  return { status: res.status, json: (await res.json()) as T };
}
