/**
 * A branch of 12 members (the secretary who chairs, a minutes-taker, 2 exempt, 1 probationary), a visiting
 * leader invited as a guest, and a planned meeting with three agenda items, written straight into D1.
 */
import { env } from "cloudflare:workers";
import { agendaItems, meetingGuests, meetings } from "../../schema/db/tables";
import type { RoomRole } from "../../schema/room/ticket";
import { issueRoomTicket } from "../../server/room-ticket";
import { createPerson, createTenant, dbOf, type PersonSpec } from "../support/fixtures";
import { joinRoom } from "../support/room-client";

export const MEMBER_NAMES = {
  chair: "Nguyễn Văn Bí Thư",
  taker: "Trần Thị Thư Ký",
  exempt1: "Lê Văn Miễn Một",
  exempt2: "Phạm Thị Miễn Hai",
  probationary: "Hoàng Văn Dự Bị",
  m1: "Đỗ Thị Một",
  m2: "Vũ Văn Hai",
  m3: "Bùi Thị Ba",
  m4: "Đặng Văn Bốn",
  m5: "Ngô Thị Năm",
  m6: "Dương Văn Sáu",
  m7: "Lý Thị Bảy",
} as const;
export type Who = keyof typeof MEMBER_NAMES | "leader";

export async function createMeeting(options: { status?: "planned" | "live" | "closed" } = {}) {
  const specs: PersonSpec[] = [
    { name: MEMBER_NAMES.chair, branchRole: "secretary" },
    { name: MEMBER_NAMES.taker, branchRole: "committee" },
    { name: MEMBER_NAMES.exempt1, exempt: true },
    { name: MEMBER_NAMES.exempt2, exempt: true },
    { name: MEMBER_NAMES.probationary, status: "probationary" },
    { name: MEMBER_NAMES.m1 },
    { name: MEMBER_NAMES.m2 },
    { name: MEMBER_NAMES.m3 },
    { name: MEMBER_NAMES.m4 },
    { name: MEMBER_NAMES.m5 },
    { name: MEMBER_NAMES.m6 },
    { name: MEMBER_NAMES.m7 },
  ];
  const tenant = await createTenant(specs);
  const leader = await createPerson("Trịnh Văn Lãnh Đạo", true, [tenant.shard]);
  const db = () => dbOf(tenant.tenantId);
  const meetingId = `mtg-${crypto.randomUUID().slice(0, 8)}`;
  const person = (k: keyof typeof MEMBER_NAMES) => tenant.people[MEMBER_NAMES[k]]!;
  await db()
    .insert(meetings)
    .values({
      id: meetingId,
      tenantId: tenant.tenantId,
      organizationId: tenant.branchId,
      kind: "regular",
      topic: "Sinh hoạt chi bộ tháng 11/2026",
      scheduledAt: "2026-11-22T12:00:00.000Z",
      place: "Nhà văn hóa khu phố 1",
      status: options.status ?? "planned",
      chairPersonId: person("chair").id,
      minutesTakerPersonId: person("taker").id,
    });
  const items = [
    { id: `${meetingId}-a1`, title: "Kiểm điểm kết quả tháng trước", position: 1, minutesBudget: 20 },
    { id: `${meetingId}-a2`, title: "Thảo luận nghị quyết tháng", position: 2, minutesBudget: 40 },
    { id: `${meetingId}-a3`, title: "Biểu quyết và phân công", position: 3, minutesBudget: 15 },
  ];
  await db()
    .insert(agendaItems)
    .values(items.map((i) => ({ ...i, tenantId: tenant.tenantId, meetingId })));
  await db()
    .insert(meetingGuests)
    .values({ tenantId: tenant.tenantId, meetingId, personId: leader.id, title: "Ủy viên Ban chấp hành tỉnh" });

  const idOf = (who: Who) => (who === "leader" ? leader.id : person(who).id);
  const nameOf = (who: Who) => (who === "leader" ? leader.name : MEMBER_NAMES[who]);
  const roleOf = (who: Who): RoomRole =>
    who === "leader"
      ? "leader"
      : who === "chair"
        ? "chair"
        : who === "taker"
          ? "minutes_taker"
          : who === "probationary"
            ? "probationary"
            : "official";
  const ticket = async (who: Who, overrides: Partial<{ mid: string; tid: string; role: RoomRole }> = {}) =>
    (
      await issueRoomTicket(env, {
        pid: idOf(who),
        tid: tenant.tenantId,
        mid: meetingId,
        role: roleOf(who),
        name: nameOf(who),
        ...overrides,
      })
    ).ticket;
  /** Opens the room only (reading the agenda): not attending. */
  const open = async (who: Who) => joinRoom(meetingId, await ticket(who));
  /**
   * Opens the room and taps "Tham dự / Join" (a member; a visiting leader has no tap): present at once when the
   * meeting is live, from the start when it is planned.
   */
  const join = async (who: Who) => {
    const client = await open(who);
    if (who !== "leader") await client.ok({ type: "presence/join" });
    return client;
  };
  return { ...tenant, leader, meetingId, items, idOf, nameOf, ticket, open, join };
}
export type MeetingFixture = Awaited<ReturnType<typeof createMeeting>>;

export const PRESENT_OFFICIALS = ["chair", "taker", "m1", "m2", "m3", "m4", "m5", "m6"] as const;

/** Joins the given people (default: the chair, the minutes-taker and m1–m6) and starts the meeting. */
export async function liveMeeting(who: readonly Who[] = PRESENT_OFFICIALS) {
  const f = await createMeeting();
  const clients = {} as Record<Who, Awaited<ReturnType<typeof f.join>>>;
  for (const w of who) clients[w] = await f.join(w);
  const chair = clients.chair;
  if (!chair) throw new Error("liveMeeting needs the chair");
  await chair.ok({ type: "meeting/start" });
  return { f, c: clients, chair };
}

/** Connects `count` committee observers (`obs-0`, `obs-1`…), who watch without a seat: a room grows past a mark. */
export async function connectObservers(f: MeetingFixture, count: number) {
  const observers = [];
  for (let i = 0; i < count; i++) {
    const { ticket } = await issueRoomTicket(env, {
      pid: `obs-${i}`,
      tid: f.tenantId,
      mid: f.meetingId,
      role: "observer",
      name: `Quan sát ${i}`,
    });
    observers.push(await joinRoom(f.meetingId, ticket));
  }
  return observers;
}

/**
 * A live meeting with committee observers connected: the first is the watcher, and more join until the room has
 * `sockets` open sockets (past COALESCE_FROM for a large room).
 */
export async function watchedMeeting(sockets = 0) {
  const meeting = await liveMeeting();
  const watchers = await connectObservers(meeting.f, Math.max(1, sockets - PRESENT_OFFICIALS.length));
  return { ...meeting, watcher: watchers[0]! };
}
