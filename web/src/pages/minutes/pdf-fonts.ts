/**
 * What every PDF made in the browser needs around pdf-lib: the Vietnamese Noto Sans subsets (fonts/, built as
 * assets by Vite and fetched only when someone asks for a PDF) and saving the bytes through a download link.
 * The minutes (minutes-pdf.ts) and the invitation slips (../slips/slips-pdf.ts) share them.
 */

export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export async function loadPdfFonts(): Promise<PdfFonts> {
  const [{ default: regularUrl }, { default: boldUrl }] = await Promise.all([
    import("./fonts/NotoSans-Regular-vi.ttf?url"),
    import("./fonts/NotoSans-Bold-vi.ttf?url"),
  ]);
  const [regular, bold] = await Promise.all(
    [regularUrl, boldUrl].map(async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`font ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    }),
  );
  return { regular: regular!, bold: bold! };
}

/** Saves the PDF under `fileName` through a blob: link (which the CSP leaves alone). */
export function savePdf(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], { type: "application/pdf" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
