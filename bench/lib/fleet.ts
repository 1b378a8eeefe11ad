/**
 * Many WebSocket clients in this one Node process (Node's built-in WebSocket), for the room benchmark.
 * Every frame is handed, with its arrival time, to whatever the current phase listens for; the fleet
 * itself only counts error frames, so a phase cannot miss one.
 */
export type FrameHandler = (client: number, frame: Record<string, unknown>, at: number, bytes: number) => void;

export class Fleet {
  readonly sockets: WebSocket[] = [];
  /** Every `error` frame any client received (should stay empty). */
  readonly errors: Record<string, unknown>[] = [];
  #handler: FrameHandler | undefined;
  /** Close events seen (code and reason) after the socket opened: the server dropped a client. */
  readonly closes: string[] = [];
  /** Sees every frame, between phases too (e.g. to check versions). */
  tap: FrameHandler | undefined;
  #onReady: ((client: number, ws: WebSocket) => void) | undefined;

  /**
   * Opens one socket per URL, `concurrency` at a time; resolves when each got a frame that is `ready`
   * (or, with `ready` null, when each is open). `tap` sees every frame from the first.
   */
  static async open(
    urls: string[],
    concurrency: number,
    ready: ((frame: Record<string, unknown>) => boolean) | null,
    tap?: FrameHandler,
    /** Called once per client when it is ready (e.g. to tap Join on its snapshot, as a member does). */
    onReady?: (client: number, ws: WebSocket) => void,
  ): Promise<Fleet> {
    const fleet = new Fleet();
    fleet.tap = tap;
    fleet.#onReady = onReady;
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const i = next++;
        await fleet.#connect(i, urls[i]!, ready);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
    return fleet;
  }

  #connect(i: number, url: string, ready: ((frame: Record<string, unknown>) => boolean) | null) {
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url);
      this.sockets[i] = ws;
      let isReady = false;
      const timer = setTimeout(() => reject(new Error(`client ${i}: no first frame within 20 s`)), 20_000);
      ws.addEventListener("error", () =>
        reject(new Error(`client ${i}: socket error on ${url.replace(/ticket=.*/, "ticket=…")}`)),
      );
      if (!ready) {
        ws.addEventListener("open", () => {
          isReady = true;
          clearTimeout(timer);
          this.#onReady?.(i, ws);
          resolve();
        });
      }
      ws.addEventListener("close", (ev) => this.closes.push(`${ev.code} ${ev.reason}`));
      ws.addEventListener("message", (ev) => {
        const at = performance.now();
        const text = typeof ev.data === "string" ? ev.data : "";
        const frame = parseFrame(text);
        if (frame.type === "error") this.errors.push(frame);
        if (!isReady && ready?.(frame)) {
          isReady = true;
          clearTimeout(timer);
          this.#onReady?.(i, ws);
          resolve();
        }
        this.tap?.(i, frame, at, text.length);
        this.#handler?.(i, frame, at, text.length);
      });
    });
  }

  get size() {
    return this.sockets.length;
  }

  listen(handler: FrameHandler | undefined) {
    this.#handler = handler;
  }

  send(client: number, msg: string | Record<string, unknown>) {
    this.sockets[client]!.send(typeof msg === "string" ? msg : JSON.stringify(msg));
  }

  /**
   * Runs one phase: installs `handler`, calls `start`, and resolves when `done()` returns true (checked
   * after every frame) or rejects after `timeoutMs`.
   */
  phase(
    handler: FrameHandler,
    done: () => boolean,
    start: () => void,
    label: string | (() => string) = "phase",
    timeoutMs = 60_000,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listen(undefined);
        const dropped = this.closes.length
          ? `; ${this.closes.length} sockets closed by the server (${[...new Set(this.closes)].join(", ")})`
          : "";
        reject(new Error(`${typeof label === "string" ? label : label()}: timed out after ${timeoutMs} ms${dropped}`));
      }, timeoutMs);
      this.listen((c, f, at, bytes) => {
        handler(c, f, at, bytes);
        if (done()) {
          clearTimeout(timer);
          this.listen(undefined);
          resolve();
        }
      });
      start();
    });
  }

  /**
   * Calls `start`, then waits until every client got a frame that `isIt`: resolves with each client's
   * arrival time (ms after `start`) and the size of the last such frame.
   */
  async untilAll(isIt: (client: number, frame: Record<string, unknown>) => boolean, start: () => void, label: string) {
    const times = new Array<number>(this.size).fill(-1);
    let count = 0;
    let bytes = 0;
    let t0 = 0;
    await this.phase(
      (c, f, at, size) => {
        if (times[c] !== -1 || !isIt(c, f)) return;
        times[c] = at - t0;
        count++;
        bytes = size;
      },
      () => count === this.size,
      () => {
        t0 = performance.now();
        start();
      },
      () => `${label}: ${count} of ${this.size}`,
    );
    return { times, bytes, last: Math.max(...times), first: Math.min(...times) };
  }

  async close() {
    this.listen(undefined);
    await Promise.all(
      this.sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            ws.addEventListener("close", () => resolve());
            ws.close();
            setTimeout(resolve, 3_000);
          }),
      ),
    );
  }
}

/** Frames from this size on are read by their head only (see `parseFrame`). */
const HEAD_ONLY_FROM = 32_000;

/**
 * A frame as an object. A large frame (a snapshot: 0.1 MB at 500 members, 0.5 MB at 2,000; the attendance event of
 * everyone present at the start) is read by its head and tail only — its `type`, and its `version`, which the room
 * writes second in a snapshot and last in an event — since a member's device parses its own frames while this one
 * process would parse 2,000 of them (~6 s of the load generator's single thread for the snapshots at 2,000,
 * measured): the load generator's cost, not the room's.
 */
function parseFrame(text: string): Record<string, unknown> {
  if (text.length < HEAD_ONLY_FROM) return JSON.parse(text) as Record<string, unknown>;
  const head = /^\{"type":"([^"]+)"(?:,"version":(\d+))?/.exec(text);
  if (!head) return JSON.parse(text) as Record<string, unknown>;
  const version = head[2] ?? /,"version":(\d+)\}$/.exec(text.slice(-40))?.[1];
  return version === undefined ? { type: head[1] } : { type: head[1], version: Number(version) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rank = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** p50 / p99 / max of a list of milliseconds (nearest rank). */
export function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: round1(rank(s, 50)), p99: round1(rank(s, 99)), max: round1(s[s.length - 1] ?? 0), n: s.length };
}

export const median = (xs: number[]) => round1([...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0);
