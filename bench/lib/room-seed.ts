/**
 * The live-room benches' data (bench/room.ts, bench/rooms.ts): one tenant, branches of official members (the first
 * the secretary and chair, the second the minutes-taker), a planned meeting with an agenda per branch, and the room
 * tickets of its members. Every id is derived from the branch's key, so a bench names a meeting without a lookup.
 */
import { SqlWriter } from "../../scripts/lib/sql.ts";
import { roomTicketKey, signToken } from "../../server/signed-token.ts";

export const ROOM_SECRET = "bench-secret-0123456789abcdef";
export const AGENDA_ITEMS = 8;

export const meetingId = (key: string | number) => `mtg-bench-${key}`;
export const personId = (key: string | number, i: number) => `p-bench-${key}-${i}`;
export const itemId = (key: string | number, k: number) => `ai-bench-${key}-${k}`;

export interface BenchBranch {
  /** Names the branch, its meeting, items and people (bench/room.ts: the size; bench/rooms.ts: a room number). */
  key: string | number;
  members: number;
}

/** A tenant with one branch per entry, each with `members` official members and a planned meeting. */
export function branchesSeed(tenant: string, branches: BenchBranch[]): string {
  const w = new SqlWriter();
  w.insert("tenants", { id: tenant, name: "Đảng ủy phường (benchmark)" });
  const committee = `org-bench-committee-${tenant}`;
  w.insert("organizations", {
    id: committee,
    tenant_id: tenant,
    parent_id: null,
    kind: "grassroots_committee",
    name: "Đảng bộ phường (benchmark)",
    branch_type: null,
  });
  for (const { key, members } of branches) {
    const branch = `org-bench-${key}`;
    w.insert("organizations", {
      id: branch,
      tenant_id: tenant,
      parent_id: committee,
      kind: "branch",
      name: `Chi bộ ${key} (${members} đảng viên)`,
      branch_type: "residential",
    });
    for (let i = 0; i < members; i++) {
      w.insert("people", {
        id: personId(key, i),
        email: `r${key}-${i}@bench.test`,
        full_name: `Đảng viên Số ${i + 1}`,
        search_name: `dang vien so ${i + 1}`,
      });
      w.insert("memberships", {
        id: `m-bench-${key}-${i}`,
        tenant_id: tenant,
        organization_id: branch,
        person_id: personId(key, i),
        status: "official",
        branch_role: i === 0 ? "secretary" : i === 1 ? "committee" : "member",
      });
    }
    w.insert("meetings", {
      id: meetingId(key),
      tenant_id: tenant,
      organization_id: branch,
      kind: "regular",
      topic: `Sinh hoạt thường kỳ (chi bộ ${key}, ${members} đảng viên)`,
      scheduled_at: new Date().toISOString(),
      place: "Hội trường",
      format: "hybrid",
      status: "planned",
      chair_person_id: personId(key, 0),
      minutes_taker_person_id: personId(key, 1),
    });
    for (let k = 0; k < AGENDA_ITEMS; k++) {
      w.insert("agenda_items", {
        id: itemId(key, k),
        tenant_id: tenant,
        meeting_id: meetingId(key),
        position: k + 1,
        title: `Nội dung ${k + 1}`,
        presenter_person_id: personId(key, 0),
        minutes_budget: 15,
      });
    }
  }
  return w.toSql();
}

/** A room ticket signed the way server/room-ticket.ts signs it (same code, same purpose tag). */
async function ticket(tenant: string, key: string | number, i: number): Promise<string> {
  // Signed before the fill: 2,000 members on a loaded machine take longer to connect than a real ticket's 120 s.
  const exp = Math.floor(Date.now() / 1000) + 900;
  const role = i === 0 ? "chair" : i === 1 ? "minutes_taker" : "official";
  return signToken(
    { pid: personId(key, i), tid: tenant, mid: meetingId(key), role, name: `Đảng viên Số ${i + 1}`, exp },
    roomTicketKey(ROOM_SECRET),
  );
}

/** The socket URL of each member of the branch `key` (member 0 the chair), on the dev server at `serverUrl`. */
export function roomUrls(serverUrl: string, tenant: string, key: string | number, members: number): Promise<string[]> {
  const base = serverUrl.replace(/^http/, "ws");
  return Promise.all(
    Array.from(
      { length: members },
      async (_, i) =>
        `${base}/parties/meeting-room/${meetingId(key)}?ticket=${encodeURIComponent(await ticket(tenant, key, i))}`,
    ),
  );
}
