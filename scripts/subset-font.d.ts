// subset-font ships no types; this is the part of its API that scripts/subset-fonts.ts calls.
declare module "subset-font" {
  interface SubsetOptions {
    targetFormat?: "sfnt" | "truetype" | "woff" | "woff2";
    noHinting?: boolean;
    keepFeatures?: string[];
  }
  export default function subsetFont(font: Uint8Array, text: string, options?: SubsetOptions): Promise<Uint8Array>;
}
