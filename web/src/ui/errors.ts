/** How an error reads to a person: the server's own message in the current language, else the code's text. */
import { ApiFailure } from "../api/http";
import { pickLang } from "../i18n";
import { t } from "../i18n/common";

export function errorText(err: unknown): string {
  if (err instanceof ApiFailure) {
    if (err.code === "network") return t("err_network");
    // The server writes "Việt / English" for errors a person can act on; generic ones fall back to the code.
    if (err.message && !err.message.startsWith("HTTP ") && !err.message.startsWith("No route"))
      return pickLang(err.message);
    return t(`err_${err.code}`);
  }
  if (err instanceof Error && err.name === "AbortError") return "";
  return t("err_internal");
}

/** Field-level problems from a 400, keyed by the first segment of the issue path ("email", "rows.3.name"). */
export function issuesByField(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiFailure)) return out;
  for (const issue of err.issues) {
    const key = issue.path || "_";
    out[key] ??= pickLang(issue.message);
  }
  return out;
}
