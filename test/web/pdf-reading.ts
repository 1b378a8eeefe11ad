/** Reading back a PDF made by pdf-lib with our embedded fonts, for the minutes and slips tests. */
import fontkit from "@cantoo/fontkit";
import { decodePDFRawStream, PDFArray, PDFDict, type PDFDocument, PDFName, PDFRawStream } from "@cantoo/pdf-lib";

/** The fonts embedded in a PDF (FontFile2 streams), decompressed. */
export function embeddedFonts(pdf: PDFDocument): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const file = pdf.context.lookup(obj.get(PDFName.of("FontFile2")));
    if (file instanceof PDFRawStream) out.push(decodePDFRawStream(file).decode());
  }
  return out;
}

/** The content stream operators of one page, as text. */
export function pageOperators(pdf: PDFDocument, index: number): string {
  const contents = pdf.getPage(index).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => pdf.context.lookup(ref)) : [contents];
  return streams
    .map((stream) => {
      if (!(stream instanceof PDFRawStream)) throw new Error("page contents are not a stream");
      return new TextDecoder("latin1").decode(decodePDFRawStream(stream).decode());
    })
    .join("\n");
}

/**
 * The glyph ids every page draws (pdf-lib writes text as `<hex> Tj` of 2-byte glyph ids). A character the font
 * lacks raises nothing in pdf-lib or fontkit: it is silently drawn as glyph 0, .notdef (an empty box).
 */
export function drawnGlyphs(pdf: PDFDocument, pages = pdf.getPages().map((_, i) => i)): number[] {
  const ids: number[] = [];
  for (const index of pages) {
    for (const [, hex] of pageOperators(pdf, index).matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      for (let i = 0; i < hex!.length; i += 4) ids.push(Number.parseInt(hex!.slice(i, i + 4), 16));
    }
  }
  return ids;
}

/** The glyph ids a font lays `text` out with: what a page that shows the text must draw, in order. */
export function glyphsOf(fontBytes: Uint8Array, text: string): number[] {
  const font = fontkit.create(fontBytes);
  if ("fonts" in font) throw new Error("a font collection, not one font");
  return font.layout(text).glyphs.map((g) => g.id);
}

/** Whether `needle` occurs in `haystack` as one unbroken run. */
export function containsRun(haystack: number[], needle: number[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
