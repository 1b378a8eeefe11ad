/**
 * A phone on the hall's LAN opens the room over plain http (`HOST=0.0.0.0 npm start`), which is no secure context:
 * there `crypto.randomUUID` does not exist. The room's ids must come from `getRandomValues`, which does.
 */
import { afterEach, describe, expect, it } from "vitest";
import { newActionId } from "../../web/src/room/room-pending";

const own = Object.getOwnPropertyDescriptor(crypto, "randomUUID");
const proto = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(crypto), "randomUUID");
afterEach(() => {
  if (own) Object.defineProperty(crypto, "randomUUID", own);
  else Reflect.deleteProperty(crypto, "randomUUID");
});

describe("room ids on an http page", () => {
  it("makes distinct action ids without crypto.randomUUID", () => {
    expect(proto ?? own).toBeTruthy();
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    const ids = new Set(Array.from({ length: 50 }, () => newActionId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
