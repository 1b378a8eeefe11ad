/**
 * How remote people hear and speak at a meeting (issue 13), in words: one home for the planning form, the meeting
 * page, the room and the invitation mail. Pure, runtime-safe on both sides.
 */
export type MediaMode = "hall_only" | "external" | "builtin";

/** An external call's link only if it is https (the API refuses anything else; a client does not rely on it). */
export function safeCallLink(link: string | null | undefined): string | null {
  if (!link) return null;
  try {
    return new URL(link).protocol === "https:" ? link : null;
  } catch {
    return null;
  }
}

/** The call service's host ("meet.example.vn"): what a mail names, so a forwarded mail does not hand out the link. */
export const callHost = (link: string | null | undefined) => {
  const safe = safeCallLink(link);
  return safe ? new URL(safe).host : null;
};

const WORDS = {
  vi: {
    hall_only: "Chỉ tại hội trường",
    external: "Dự trực tuyến qua:",
    builtin: "Âm thanh hình ảnh tích hợp trong chibo",
    call: "cuộc gọi video của chi bộ",
  },
  en: {
    hall_only: "In the hall only",
    external: "Join online via:",
    builtin: "Sound and picture built into chibo",
    call: "the branch's video call",
  },
} as const;

/** "Dự trực tuyến qua: meet.example.vn" — `where` is the link or host to name; without one, the call in words. */
export function howToHear(mode: MediaMode, lang: "vi" | "en", where?: string | null): string {
  const w = WORDS[lang];
  return mode === "external" ? `${w.external} ${where || w.call}` : w[mode];
}

/** "Dự trực tuyến qua:" alone, for a page that puts the link itself after it. */
export const externalLead = (lang: "vi" | "en") => WORDS[lang].external;
