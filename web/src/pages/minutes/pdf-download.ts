/** A page's "Download PDF" button state: busy while the PDF module and fonts load and draw; a failure is a toast. */
import { createSignal } from "solid-js";
import { errorText } from "../../ui/errors";
import { showToast } from "../../ui/toast";

export function createPdfDownload() {
  const [making, setMaking] = createSignal(false);
  const download = async (make: () => Promise<void>) => {
    setMaking(true);
    try {
      await make();
    } catch (err) {
      showToast(errorText(err), "error");
    } finally {
      setMaking(false);
    }
  };
  return { making, download };
}
