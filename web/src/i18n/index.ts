/**
 * Vietnamese first, English second. The chosen language lives in a signal (so every `t()` call in JSX
 * re-renders on a switch) and in localStorage (so it is remembered). Messages are defined per area with
 * `defineMessages`, so a lazy page carries its own strings and the member's room view stays small.
 */
import { createSignal } from "solid-js";

export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];
export const LANG_STORAGE_KEY = "chibo.lang";

export type Params = Record<string, string | number>;
/** A message is a template with `{name}` holes, or a function for plurals and the like. */
export type Message = string | ((p: Params) => string);

function storedLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    if (v === "vi" || v === "en") return v;
  } catch {
    // Storage can be disabled (private mode, policies): the default is fine.
  }
  return "vi";
}

const [lang, setLangSignal] = createSignal<Lang>(storedLang());

export { lang };

export function setLang(next: Lang): void {
  setLangSignal(next);
  try {
    localStorage.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // Not remembered, still switched.
  }
  if (typeof document !== "undefined") document.documentElement.lang = next;
}

export function format(message: Message, params: Params = {}): string {
  if (typeof message === "function") return message(params);
  return message.replace(/\{(\w+)\}/g, (hole, name: string) => (name in params ? String(params[name]) : hole));
}

/**
 * Typed translator for one area: `en` must have exactly the keys of `vi` (the compiler checks both ways),
 * and `t("key")` only accepts those keys.
 */
export function defineMessages<const V extends Record<string, Message>>(vi: V, en: { [K in keyof V]: Message }) {
  return (key: keyof V & string, params?: Params): string => format((lang() === "vi" ? vi : en)[key], params);
}

/**
 * Server messages come as "Tiếng Việt / English". Show the half for the current language; a message
 * without the separator is shown whole.
 */
export function pickLang(bilingual: string): string {
  const at = bilingual.indexOf(" / ");
  if (at < 0) return bilingual;
  return lang() === "vi" ? bilingual.slice(0, at) : bilingual.slice(at + 3);
}
