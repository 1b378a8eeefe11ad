/**
 * The room's state as the Server holds it. It lives in the object's SQLite (party/store.ts), never only in
 * fields: after hibernation or eviction the object starts again and reads it back; the field only caches it.
 * It changes only through `commit`, which stores the new state, the request ids and the D1 outbox in one
 * transaction before anyone is told (the runtime's output gate holds the acks until it is on disk).
 */
import { pruneTracks, type TrackRec } from "./logic/media-tracks";
import type { Applied, RoomState } from "./logic/state";
import { RoomStore } from "./store";

export class RoomData {
  #store: RoomStore | undefined;
  #state: RoomState | null | undefined;

  constructor(private readonly storage: DurableObjectStorage) {}

  /**
   * Told after every stored change, whoever made it (a frame, the alarm, an RPC): the WebRTC relay's `rtc/stop` and
   * the track list's broadcast. `removed`: SFU tracks this commit took off the list (a speaker's floor ended…).
   */
  afterCommit: ((prev: RoomState, next: RoomState, removed: TrackRec[]) => void) | undefined;

  get store(): RoomStore {
    this.#store ??= new RoomStore(this.storage.sql);
    return this.#store;
  }

  /** The state (cached in memory until the next eviction); null before the first connection loaded it. */
  get state(): RoomState | null {
    if (this.#state === undefined) this.#state = this.store.load();
    return this.#state;
  }

  /** The first state, loaded from D1. */
  init(state: RoomState): void {
    this.store.save(null, state);
    this.#state = state;
  }

  /**
   * Stores the new state, the request ids and the D1 outbox in one transaction; the acks wait for it. Whoever the
   * change tells to stop sending loses their SFU tracks in the same commit (party/logic/media-tracks.ts).
   */
  commit(prev: RoomState, result: Pick<Applied, "state" | "outbox">, seenKeys: string[] = []): void {
    if (result.state === prev && result.outbox.length === 0) {
      this.store.markSeen(seenKeys);
      return;
    }
    const { state, removed } = pruneTracks(prev, result.state);
    this.storage.transactionSync(() => {
      this.store.save(prev, state);
      this.store.markSeen(seenKeys);
      this.store.enqueue(result.outbox);
    });
    this.#state = state;
    this.afterCommit?.(prev, state, removed);
  }
}
