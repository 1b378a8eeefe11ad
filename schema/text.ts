/**
 * Folds Vietnamese text for search: "Nguyễn Văn Đức" → "nguyen van duc". NFD splits the tone and vowel
 * marks off as combining characters; đ/Đ has no decomposition and is mapped by hand.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
