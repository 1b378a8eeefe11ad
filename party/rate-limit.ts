/**
 * Token buckets by key (the room keys them by person: party/dispatch.ts). Kept in memory on purpose: after
 * hibernation or eviction a fresh bucket is harmless, and writing a counter to storage on every frame would cost
 * more than the abuse it stops. A bucket outlives its sockets (a reconnect does not refill it); there is at most
 * one per person who sent a frame since the room woke up.
 */
export class RateLimiter {
  #buckets = new Map<string, { tokens: number; at: number }>();

  /** `capacity` frames at once, refilled at `perSecond`. */
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {}

  take(key: string, now = Date.now()): boolean {
    const b = this.#buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.#buckets.set(key, b);
    return ok;
  }
}
