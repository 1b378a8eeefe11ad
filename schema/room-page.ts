/**
 * The addresses of a meeting's two live pages: `/t/:tenantId/meetings/:meetingId/room` (a member's phone, the
 * chair's console) and `…/hall` (the screen in the meeting hall). One definition for everything that must
 * recognise them: the Worker embeds the room ticket in them (worker/room-page.ts), the client routes them and
 * starts the room early on them (web/src/app.tsx, web/src/room/room-boot.ts, room-early.ts), and the build lists
 * their chunks (web/vite-plugins.ts). wrangler.toml's run_worker_first globs cannot import it;
 * test/build/room-page-routes.test.ts checks them against it.
 *
 * No imports and no zod: the client's entry chunk and the Node build both load it.
 */
export const ROOM_PAGES = ["room", "hall"] as const;
export type RoomPage = (typeof ROOM_PAGES)[number];

/** A live page's path: groups 1 and 2 are the (encoded) tenant and meeting ids, group 3 the page. */
export const ROOM_PAGE_PATTERN = /^\/t\/([^/]+)\/meetings\/([^/]+)\/(room|hall)$/;

export interface RoomPageAddress {
  tenantId: string;
  meetingId: string;
  page: RoomPage;
}

/** The tenant, the meeting (decoded) and the page a path names, or null when it is no live page. */
export function parseRoomPagePath(pathname: string): RoomPageAddress | null {
  const m = ROOM_PAGE_PATTERN.exec(pathname);
  if (!m) return null;
  try {
    return { tenantId: decodeURIComponent(m[1]!), meetingId: decodeURIComponent(m[2]!), page: m[3] as RoomPage };
  } catch {
    // A malformed escape (`%E0%A4%A`) names nothing.
    return null;
  }
}

/** The path of one of a meeting's live pages. */
export const roomPagePath = (tenantId: string, meetingId: string, page: RoomPage = "room"): string =>
  `/t/${encodeURIComponent(tenantId)}/meetings/${encodeURIComponent(meetingId)}/${page}`;

/** The client router's pattern (@solidjs/router) of a live page. */
export const roomPageRoute = (page: RoomPage): string => `/t/:tenantId/meetings/:meetingId/${page}`;
