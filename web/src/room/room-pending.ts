/**
 * The actions this client sent and the room has not yet acknowledged or refused. Each waits for its answer;
 * the list also survives a page reload (sessionStorage), so a hand raised just before a reload still counts.
 */
import { type Accessor, createSignal } from "solid-js";
import { type ClientMessage, clientMessageSchema, type RoomErrorCode } from "../../../schema/room/messages";
import { randomId } from "./random-id";

export type ActionOutcome =
  | { ok: true; duplicate: boolean; entityId?: string }
  | { ok: false; code: RoomErrorCode | "gone"; message: string };

export interface PendingAction {
  id: string;
  msg: ClientMessage;
}

export interface PendingQueue {
  pending: Accessor<PendingAction[]>;
  /** Keeps the action until the room answers it; the promise resolves with that answer. */
  add(msg: ClientMessage): Promise<ActionOutcome>;
  /** The room acknowledged or refused `ref`. */
  settle(ref: string, outcome: ActionOutcome): void;
  /** The connection closed for good: every waiting sender hears "gone" (the stored list stays for a reload). */
  abandon(): void;
}

export const newActionId = randomId;

export function createPendingQueue(storageKey: string): PendingQueue {
  const [pending, setPending] = createSignal<PendingAction[]>(loadPending(storageKey));
  const waiters = new Map<string, (outcome: ActionOutcome) => void>();

  const save = (list: PendingAction[]) => {
    setPending(list);
    try {
      if (list.length) sessionStorage.setItem(storageKey, JSON.stringify(list));
      else sessionStorage.removeItem(storageKey);
    } catch {
      // Storage off: pending actions still survive reconnects, only not a reload.
    }
  };

  return {
    pending,
    add(msg) {
      save([...pending(), { id: msg.id, msg }]);
      return new Promise((resolve) => waiters.set(msg.id, resolve));
    },
    settle(ref, outcome) {
      save(pending().filter((p) => p.id !== ref));
      waiters.get(ref)?.(outcome);
      waiters.delete(ref);
    },
    abandon() {
      for (const resolve of waiters.values()) resolve({ ok: false, code: "gone", message: "closed" });
      waiters.clear();
    },
  };
}

function loadPending(key: string): PendingAction[] {
  try {
    const raw = sessionStorage.getItem(key);
    const list: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(list)) return [];
    const out: PendingAction[] = [];
    for (const item of list) {
      const parsed = clientMessageSchema.safeParse(
        typeof item === "object" && item !== null && "msg" in item ? item.msg : null,
      );
      if (parsed.success) out.push({ id: parsed.data.id, msg: parsed.data });
    }
    return out;
  } catch {
    return [];
  }
}
