/**
 * What the room sends: a frame to one socket, a snapshot, and the events that follow a change, broadcast to
 * every socket with the next version number. In a large room the frequent events are coalesced (see `emit`).
 * Also keeps the count of open sockets per person, which attendance events and the large-room mark read.
 */
import type { Connection } from "partyserver";
import type { ServerMessage } from "../schema/room/messages";
import type { RoomTicketClaims } from "../schema/room/ticket";
import { canSeeNote } from "./logic/leader";
import type { Actor, Change, RoomState } from "./logic/state";
import { type Connected, eventFor } from "./logic/views";
import type { RoomData } from "./room-data";
import { SharedSnapshot, snapshotFrame } from "./snapshot-frame";

/** What a connection carries through hibernation (its socket attachment): who it is, from the ticket. */
export interface ConnState {
  personId: string;
  tenantId: string;
  role: RoomTicketClaims["role"];
  name: string;
  /**
   * When the socket was opened, on the room's clock, made unique per person (party/socket-cap.ts): which of a
   * person's sockets is the oldest, kept with the socket so it survives hibernation.
   */
  openedAt?: number;
}
export type RoomConnection = Connection<ConnState>;

/** The Server's sockets (partyserver's `getConnections` and `broadcast`). */
export interface Sockets {
  getConnections<T>(): Iterable<Connection<T>>;
  broadcast(msg: string): void;
}

/** From this many connections on, frequent events are coalesced and broadcast every COALESCE_MS. */
export const COALESCE_FROM = 50;
export const COALESCE_MS = 250;
/**
 * Attendance frames wait longer in a larger room: one millisecond per open socket, at least COALESCE_MS, at most
 * 2 s. Each such frame goes to every socket, so while a room of 2,000 fills, a frame every 250 ms was 8,000 socket
 * sends a second, most of the fill's cost; with the window growing with the room it stays near 1,000 a second.
 */
export const attendanceWindowMs = (sockets: number) => Math.min(2_000, Math.max(COALESCE_MS, sockets));

export class Fanout {
  /** Coalesced changes waiting for the next window, by piece; their frames are built from the state at send time. */
  #pending = new Map<string, Change>();
  #pendingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Pending attendance alone waits for its own, longer window; whichever timer fires first sends all that waits. */
  #attendanceTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The person ids of the pending attendance change, to merge each next one in place: a window of a room filling
   * takes hundreds of connects and taps, and copying the list for each was quadratic in the window.
   */
  #pendingAttendees = new Set<string>();
  #connectedCache: { counts: Connected; total: number } | undefined;
  #snapshot = new SharedSnapshot();

  constructor(
    private readonly sockets: Sockets,
    private readonly data: RoomData,
    /** The room's clock (MeetingRoom.now). */
    private readonly now: () => number,
  ) {}

  /** A large room: ballots are batched, frequent events coalesced and D1 writes wait for the broadcast. */
  get large(): boolean {
    return this.#connectedCounts().total >= COALESCE_FROM;
  }

  send(connection: RoomConnection, msg: ServerMessage) {
    connection.send(JSON.stringify(msg));
  }

  /** In a large room the shared part is serialised once per version (snapshot-frame.ts), not once per member. */
  sendSnapshot(connection: RoomConnection, actor: Actor) {
    const state = this.data.state;
    if (!state) return;
    const version = this.data.store.version;
    const counts = this.#connectedCounts().counts;
    const build = this.large ? this.#snapshot.frame.bind(this.#snapshot) : snapshotFrame;
    connection.send(build(state, actor, version, counts, this.now()));
  }

  /**
   * Open sockets per person. Counting reads every socket's attachment, so the count is kept in memory and
   * adjusted on connect and close; after a wake-up it is counted once again from the sockets.
   */
  #connectedCounts() {
    if (this.#connectedCache) return this.#connectedCache;
    const counts: Connected = {};
    let total = 0;
    for (const c of this.sockets.getConnections<ConnState>()) {
      const id = c.state?.personId;
      if (id && c.readyState === WebSocket.OPEN) {
        counts[id] = (counts[id] ?? 0) + 1;
        total++;
      }
    }
    this.#connectedCache = { counts, total };
    return this.#connectedCache;
  }

  /** How many sockets are open now (from the kept counts). */
  openCount(): number {
    return this.#connectedCounts().total;
  }

  /** How many sockets this person has open now. */
  connectedOf(personId: string): number {
    return this.#connectedCounts().counts[personId] ?? 0;
  }

  adjustConnected(personId: string, delta: 1 | -1) {
    const cache = this.#connectedCache;
    // Without a cache the next count reads the sockets, the new one included and the closing one not.
    if (!cache) return;
    const before = cache.counts[personId] ?? 0;
    const after = Math.max(0, before + delta);
    cache.counts[personId] = after;
    cache.total += after - before;
  }

  /**
   * Broadcasts the events for these changes; a batch of ballots moves a vote's count with one frame. In a large
   * room the frequent ones — presence/attendance and an open vote's count moving with each ballot — are
   * coalesced: the changes wait, attendance person ids merge, and one frame per piece is built from the state
   * of the moment every COALESCE_MS (so 500 ballots cost a few vote views, not 500). Everything else (an opened
   * vote, agenda, queue, a result…) goes out at once, and drops any pending frame of the same piece so a stale one
   * cannot follow it.
   */
  emit(...changeLists: Change[][]) {
    const state = this.data.state;
    if (!state) return;
    const changes = changeLists.flat();
    if (changes.length === 0) return;
    if (changes.some((c) => c.kind === "notes")) this.#sendNotes(state);
    // Read from the kept counts: `getWebSockets()` would wrap every socket on every message.
    const large = this.large;
    /** Votes this call already broadcast: its frames are all built from the same state. */
    const votesSent = new Set<string>();
    for (const change of changes) {
      const key = changeKey(change);
      const frequent =
        change.kind === "attendance" ||
        (change.kind === "vote" && change.tally === true && state.votes[change.id]?.status === "open");
      if (!large || !frequent) {
        // A batch of ballots in a small room: its count goes out once, at once, not once per ballot (the same
        // frame again under each next version, to every socket).
        if (change.kind === "vote" && frequent && votesSent.has(key)) continue;
        if (change.kind === "vote") votesSent.add(key);
        this.#pending.delete(key);
        this.#broadcastChange(state, change);
        continue;
      }
      const prior = this.#pending.get(key);
      if (prior?.kind === "attendance" && change.kind === "attendance") {
        // The pending change is our own copy (below): person ids join it in place, each once.
        for (const id of change.personIds) {
          if (this.#pendingAttendees.has(id)) continue;
          this.#pendingAttendees.add(id);
          prior.personIds.push(id);
        }
        if (!prior.admittedAt && change.admittedAt) prior.admittedAt = change.admittedAt;
      } else if (change.kind === "attendance") {
        this.#pendingAttendees = new Set(change.personIds);
        this.#pending.set(key, { ...change, personIds: [...this.#pendingAttendees] });
      } else {
        this.#pending.set(key, change);
      }
    }
    if (this.#pending.size === 0) return;
    if (!large) return this.#flushEvents();
    if ([...this.#pending.keys()].some((k) => k !== "attendance"))
      this.#pendingTimer ??= setTimeout(() => this.#flushEvents(), COALESCE_MS);
    else
      this.#attendanceTimer ??= setTimeout(
        () => this.#flushEvents(),
        attendanceWindowMs(this.#connectedCounts().total),
      );
  }

  /** Counting connections reads every socket's attachment: only attendance events need it. */
  #broadcastChange(state: RoomState, change: Change) {
    const body = eventFor(state, change, change.kind === "attendance" ? this.#connectedCounts().counts : {});
    if (!body) return;
    const version = this.data.store.bumpVersion();
    this.sockets.broadcast(JSON.stringify({ ...body, version }));
  }

  #flushEvents() {
    if (this.#pendingTimer !== undefined) clearTimeout(this.#pendingTimer);
    if (this.#attendanceTimer !== undefined) clearTimeout(this.#attendanceTimer);
    this.#pendingTimer = undefined;
    this.#attendanceTimer = undefined;
    const changes = [...this.#pending.values()];
    this.#pending.clear();
    const state = this.data.state;
    if (!state) return;
    for (const change of changes) this.#broadcastChange(state, change);
  }

  /** Notes are private: each connection gets the notes it may see. */
  #sendNotes(state: RoomState) {
    const notes = Object.values(state.notes);
    for (const c of this.sockets.getConnections<ConnState>()) {
      const viewer = c.state;
      if (!viewer) continue;
      const branchRole = state.roster[viewer.personId]?.branchRole;
      const mightSee =
        viewer.role !== "official" && viewer.role !== "probationary"
          ? true
          : branchRole !== undefined && branchRole !== "member";
      if (mightSee) this.send(c, { type: "notes", notes: notes.filter((n) => canSeeNote(state, viewer, n)) });
    }
  }
}

/** Which piece of the room a change is about (a pending frame of the same piece is superseded). */
function changeKey(change: Change): string {
  switch (change.kind) {
    case "vote":
    case "speech":
    case "reserved":
    case "guidance":
      return `${change.kind}:${change.id}`;
    case "evaluation":
      return `evaluation:${change.personId}`;
    default:
      return change.kind;
  }
}
