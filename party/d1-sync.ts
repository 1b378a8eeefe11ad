/**
 * When the room's outbox goes to D1, and the one alarm that serves both the speaking clock and the outbox
 * retry. The delivery itself is party/outbox-flush.ts; the ops are queued by `RoomData.commit`.
 */
import { roomDb } from "./d1";
import type { Fanout } from "./fanout";
import { nextFloorDeadline, tick } from "./logic/queue";
import type { Applied, Ctx } from "./logic/state";
import { flushOutbox } from "./outbox-flush";
import type { RoomData } from "./room-data";

/** In a large room, how long a D1 write waits after the broadcast it follows. */
const OUTBOX_DELAY_MS = 300;

export class D1Sync {
  #flushing: Promise<number | null> = Promise.resolve(null);

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Cloudflare.Env,
    private readonly data: RoomData,
    private readonly fanout: Fanout,
    /** The room's clock (MeetingRoom.now). */
    private readonly now: () => number,
  ) {}

  /** After a commit: delivers its outbox ops and sets the alarm for what is now due. */
  after(result: Pick<Applied, "outbox">) {
    if (result.outbox.length && this.fanout.large) {
      // In a large room the frames just broadcast leave first: building and running a D1 batch (a closed
      // vote carries every ballot) shares the isolate with them. The ops wait in the room's storage; the
      // alarm is a backstop should the object be evicted before the timer fires.
      setTimeout(() => void this.#flush(), OUTBOX_DELAY_MS);
      this.ctx.waitUntil(this.#schedule(this.now() + OUTBOX_DELAY_MS + 5_000));
      return;
    }
    if (result.outbox.length) this.ctx.waitUntil(this.#flush());
    this.ctx.waitUntil(this.#schedule());
  }

  /** One flush at a time: a second caller waits for the running one, then flushes what is new. */
  #flush(): Promise<number | null> {
    const run = this.#flushing
      .catch(() => null)
      .then(async () => {
        const state = this.data.state;
        if (!state) return null;
        const retryAt = await flushOutbox(
          this.data.store,
          await roomDb(this.env, state.meeting.tenantId),
          state.meeting.tenantId,
          state.meeting.id,
        );
        if (retryAt !== null) await this.#schedule(retryAt);
        return retryAt;
      });
    this.#flushing = run;
    return run;
  }

  /** One alarm serves the speaking clock and the outbox retry: set it to the earliest of what is due. */
  async #schedule(retryAt?: number): Promise<void> {
    const state = this.data.state;
    if (!state) return;
    const candidates = [nextFloorDeadline(state), retryAt ?? null].filter((t): t is number => t !== null);
    if (candidates.length === 0) return;
    const next = Math.min(...candidates);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next || current < this.now()) await this.ctx.storage.setAlarm(next);
  }

  /** The alarm: ends or flags an overrunning speech (`tick`), retries the outbox. At-least-once: both are idempotent. */
  async alarm(ctx: Ctx): Promise<void> {
    const state = this.data.state;
    if (!state) return;
    const result = tick(state, ctx);
    if (result.ok && result.state !== state) {
      this.data.commit(state, result);
      this.fanout.emit(result.changes);
    }
    const retryAt = await this.#flush();
    const latest = this.data.state;
    const deadline = latest ? nextFloorDeadline(latest) : null;
    const next = [deadline, retryAt].filter((t): t is number => t !== null);
    if (next.length) await this.ctx.storage.setAlarm(Math.min(...next));
  }
}
