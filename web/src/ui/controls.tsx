/** The two controls every screen carries: language and text size. */
import { For } from "solid-js";
import { LANGS, lang, setLang } from "../i18n";
import { t } from "../i18n/common";
import { canGrow, canShrink, changeFontSize } from "./font-size";

export function LangSwitch() {
  return (
    <div class="segmented" role="group" aria-label={t("language")}>
      <For each={LANGS}>
        {(code) => (
          <button
            type="button"
            lang={code}
            aria-pressed={lang() === code}
            title={code === "vi" ? t("langVi") : t("langEn")}
            onClick={() => setLang(code)}
          >
            {code.toUpperCase()}
            <span class="sr-only"> {code === "vi" ? t("langVi") : t("langEn")}</span>
          </button>
        )}
      </For>
    </div>
  );
}

export function FontControls() {
  return (
    <div class="segmented" role="group" aria-label={t("fontSize")}>
      <button
        type="button"
        aria-label={t("fontSmaller")}
        title={t("fontSmaller")}
        disabled={!canShrink()}
        onClick={() => changeFontSize(-1)}
      >
        A−
      </button>
      <button
        type="button"
        aria-label={t("fontLarger")}
        title={t("fontLarger")}
        disabled={!canGrow()}
        onClick={() => changeFontSize(1)}
      >
        A+
      </button>
    </div>
  );
}
