/**
 * Text a person must be able to see: names, topics, titles, reasons. JavaScript's trim() keeps zero-width spaces,
 * joiners, the BOM, soft hyphens and word joiners, so a "name" of those alone passed `.trim().min(1)` and showed as
 * nothing in every list and in the minutes. Such text is refused; the characters inside a real name are kept.
 */
import { z } from "zod";

/** Code point ranges that take no space on screen (besides white space, which `\s` covers). */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180e], // Mongolian variation selectors, vowel separator
  [0x200b, 0x200f], // zero-width space, (non-)joiner, direction marks
  [0x202a, 0x202e], // direction embeddings
  [0x2060, 0x206f], // word joiner, invisible operators
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // byte order mark
  [0xffa0, 0xffa0], // half-width Hangul filler
];

const invisible = (ch: string) => {
  if (/\s/u.test(ch)) return true;
  const cp = ch.codePointAt(0) ?? 0;
  return INVISIBLE_RANGES.some(([from, to]) => cp >= from && cp <= to);
};

export const hasVisibleText = (s: string) => [...s].some((ch) => !invisible(ch));

/** A trimmed string of at most `max` characters with at least one visible character. */
export const visibleText = (max: number, message: string) =>
  z.string().trim().max(max).refine(hasVisibleText, { message });
