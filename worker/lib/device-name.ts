/**
 * A passkey's default name, from the User-Agent of the browser that made it: "Android · Chrome", "iPhone · Safari",
 * "Windows · Edge". Only a label the holder can recognise and rename, never used to decide anything, so a few
 * patterns do (a full user-agent parser would add tens of KB to the Worker for this one label). Order matters:
 * Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux".
 */
const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/CrOS/, "ChromeOS"],
  [/Windows/, "Windows"],
  [/Macintosh|Mac OS X/, "Mac"],
  [/Linux/, "Linux"],
];

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/coc_coc_browser\//, "Cốc Cốc"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const first = (list: [RegExp, string][], ua: string) => list.find(([pattern]) => pattern.test(ua))?.[1];

export function deviceName(userAgent: string | undefined): string {
  const ua = userAgent ?? "";
  const parts = [first(SYSTEMS, ua), first(BROWSERS, ua)].filter(Boolean);
  return parts.length ? parts.join(" · ") : "Passkey";
}
