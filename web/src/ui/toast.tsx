/** Short confirmations and errors that don't belong to one form ("Đã lưu"), read out by screen readers. */
import { createSignal, For } from "solid-js";
import { t } from "../i18n/common";

export type ToastKind = "ok" | "error" | "info";
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

export function showToast(text: string, kind: ToastKind = "ok", ms = 5000): void {
  const id = nextId++;
  setToasts((list) => [...list.slice(-3), { id, kind, text }]);
  if (ms > 0) setTimeout(() => dismissToast(id), ms);
}

export function dismissToast(id: number): void {
  setToasts((list) => list.filter((x) => x.id !== id));
}

export function Toaster() {
  return (
    <div class="toaster" role="status" aria-live="polite" aria-label={t("notifications")}>
      <For each={toasts()}>
        {(toast) => (
          <div class={`toast toast-${toast.kind}`}>
            <span>{toast.text}</span>
            <button type="button" class="btn-icon" aria-label={t("dismiss")} onClick={() => dismissToast(toast.id)}>
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
