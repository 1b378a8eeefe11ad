/**
 * What every room screen needs: the connection (data, status, send) and a ticking clock corrected to the
 * server's time, so countdowns agree across phones, the console and the projector.
 */
import { type Accessor, createContext, createSignal, onCleanup, useContext } from "solid-js";
import { pickLang } from "../i18n";
import { showToast } from "../ui/toast";
import type { RoomAction, RoomConnection } from "./room-socket";
import { rt } from "./strings";

export interface RoomContextValue {
  conn: RoomConnection;
  now: Accessor<number>;
}

export const RoomContext = createContext<RoomContextValue>();

export function useRoom(): RoomContextValue {
  const ctx = useContext(RoomContext);
  if (!ctx) throw new Error("useRoom outside RoomContext");
  return ctx;
}

/** A clock on the server's time that ticks once a second while the screen is shown. */
export function createServerClock(offset: Accessor<number>): Accessor<number> {
  const [now, setNow] = createSignal(Date.now() + offset());
  const timer = setInterval(() => setNow(Date.now() + offset()), 1000);
  onCleanup(() => clearInterval(timer));
  return now;
}

/**
 * Sends an action and reports a refusal in a toast (the room's message is bilingual). Returns whether it
 * was recorded. Pending actions show in the connection banner until acked.
 */
export async function act(conn: RoomConnection, action: RoomAction, okText?: string): Promise<boolean> {
  const outcome = await conn.send(action);
  if (outcome.ok) {
    if (okText) showToast(okText, "ok", 2500);
    return true;
  }
  if (outcome.code !== "gone") showToast(`${rt("failed")}: ${pickLang(outcome.message)}`, "error", 8000);
  return false;
}
