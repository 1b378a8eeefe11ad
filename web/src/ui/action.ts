/** One write a form makes: busy while it runs, its error kept for the form to show (never swallowed). */
import { createSignal } from "solid-js";

export function createAction() {
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run, setError };
}
