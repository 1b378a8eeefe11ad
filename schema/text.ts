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

/**
 * What member search matches, copied onto each membership (`memberships.search_text`, indexed with the
 * tenant) so a search reads one index in name order instead of joining every member's person row: the
 * folded name, a tab (typed queries never hold one), the folded e-mail.
 */
export function memberSearchText(fullName: string, email: string | null | undefined): string {
  return `${foldForSearch(fullName)}\t${foldForSearch(email ?? "")}`;
}
