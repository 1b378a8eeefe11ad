/**
 * `npm run fonts:subset`: cuts Noto Sans Regular and Bold down to the characters Vietnamese minutes use and
 * writes them as TTF (what pdf-lib embeds) to web/src/pages/minutes/fonts/, where they are committed. The build
 * then ships ~2 × 60 KB instead of the full fonts (2 × 630 KB), and the full-font package is needed only here,
 * to run this again (a devDependency). Subsetting is HarfBuzz's (subset-font, WebAssembly), which keeps
 * composite glyphs and their components, unlike pdf-lib's own subsetter that dropped stacked diacritics.
 * The fonts are under the SIL Open Font License, which travels with them (fonts/OFL.txt).
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import subsetFont from "subset-font";

const root = join(import.meta.dirname, "..");
const source = join(root, "node_modules/@expo-google-fonts/noto-sans");
const target = join(root, "web/src/pages/minutes/fonts");

/** Code point ranges, inclusive. Vietnamese letters are the precomposed ones (Unicode NFC). */
const RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x00ff], // Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý, °, ·, «»
  [0x0100, 0x017f], // Latin Extended-A: Ă ă Đ đ Ĩ ĩ Ũ ũ (and the rest of the block, for names in other languages)
  [0x01a0, 0x01a1], // Ơ ơ
  [0x01af, 0x01b0], // Ư ư
  [0x0300, 0x036f], // combining diacritics, for text that arrives decomposed and is not normalized
  [0x1e00, 0x1eff], // Latin Extended Additional: ạ ả ấ ầ ẩ ẫ ậ … ỹ
  [0x2010, 0x2027], // dashes – —, quotes ‘ ’ “ ”, bullet •, ellipsis …
  [0x2030, 0x2030], // ‰
  [0x2039, 0x203a], // ‹ ›
  [0x20ab, 0x20ac], // ₫ €
  [0x2116, 0x2116], // №
  [0x2212, 0x2212], // minus sign
];

const FACES = [
  { from: "400Regular/NotoSans_400Regular.ttf", to: "NotoSans-Regular-vi.ttf" },
  { from: "700Bold/NotoSans_700Bold.ttf", to: "NotoSans-Bold-vi.ttf" },
];

function text(): string {
  let out = "";
  for (const [from, to] of RANGES) for (let cp = from; cp <= to; cp++) out += String.fromCodePoint(cp);
  return out;
}

for (const face of FACES) {
  const full = await readFile(join(source, face.from));
  // pdf-lib measures with advances only and draws glyph ids, so hinting and OpenType layout tables add bytes and
  // nothing else (fontkit composes a letter typed as letter + marks into the precomposed glyph without them).
  const subset = await subsetFont(full, text(), {
    targetFormat: "truetype",
    noHinting: true,
    keepFeatures: [],
  });
  await writeFile(join(target, face.to), subset);
  console.log(`${face.to}: ${full.byteLength} → ${subset.byteLength} bytes`);
}
