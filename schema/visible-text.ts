/**
 * Text a person must be able to see: names, topics, titles, reasons. JavaScript's trim() keeps zero-width spaces,
 * joiners, the BOM, soft hyphens and word joiners, so a "name" of those alone passed `.trim().min(1)` and showed as
 * nothing in every list and in the minutes. Such text is refused; the characters inside a real name are kept.
 */
import { z } from "zod";

/** Characters that take no space on screen (besides what trim() removes). */
const INVISIBLE =
  /[\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/gu;

export const hasVisibleText = (s: string) => s.replace(INVISIBLE, "").length > 0;

/** A trimmed string of at most `max` characters with at least one visible character. */
export const visibleText = (max: number, message: string) =>
  z.string().trim().max(max).refine(hasVisibleText, { message });
