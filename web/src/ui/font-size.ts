/**
 * A- / A+ : the base font size (everything is sized in rem), remembered per person in localStorage so a
 * shared hall laptop shows each person their own size once they log in.
 */
import { createSignal } from "solid-js";

export const FONT_STEPS_PX = [16, 18, 20, 22, 25, 28, 32] as const;
/** 20 px: large by default, for older members. */
export const DEFAULT_FONT_STEP = 2;
const KEY_PREFIX = "chibo.fontStep.";

const [step, setStep] = createSignal(DEFAULT_FONT_STEP);
let personKey = `${KEY_PREFIX}anonymous`;

export const fontStep = step;
export const fontPx = () => FONT_STEPS_PX[step()] ?? FONT_STEPS_PX[DEFAULT_FONT_STEP];

function apply(): void {
  if (typeof document !== "undefined") document.documentElement.style.fontSize = `${fontPx()}px`;
}

function read(key: string): number {
  try {
    const raw = localStorage.getItem(key);
    const n = raw === null ? NaN : Number(raw);
    if (Number.isInteger(n) && n >= 0 && n < FONT_STEPS_PX.length) return n;
  } catch {
    // Storage disabled: default size.
  }
  return DEFAULT_FONT_STEP;
}

function write(): void {
  try {
    localStorage.setItem(personKey, String(step()));
  } catch {
    // Not remembered, still applied.
  }
}

export function bindFontSizeToPerson(personId: string | null): void {
  personKey = `${KEY_PREFIX}${personId ?? "anonymous"}`;
  setStep(read(personKey));
  apply();
}

export function changeFontSize(delta: 1 | -1): void {
  const next = Math.min(FONT_STEPS_PX.length - 1, Math.max(0, step() + delta));
  setStep(next);
  write();
  apply();
}

export const canShrink = () => step() > 0;
export const canGrow = () => step() < FONT_STEPS_PX.length - 1;
