/**
 * Deterministic Vietnamese names for seeds: the same seed number always gives the same people, so the
 * demo is stable across machines and a re-run produces the same rows. Surnames roughly follow their real
 * frequency (Nguyễn is about four in ten).
 */

/** mulberry32: a tiny seeded PRNG; plenty for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** A shuffled copy (Fisher–Yates), every order equally likely. */
export function shuffled<T>(r: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const SURNAMES: [string, number][] = [
  ["Nguyễn", 38],
  ["Trần", 11],
  ["Lê", 9],
  ["Phạm", 7],
  ["Hoàng", 5],
  ["Huỳnh", 4],
  ["Phan", 4],
  ["Vũ", 4],
  ["Võ", 3],
  ["Đặng", 2],
  ["Bùi", 2],
  ["Đỗ", 2],
  ["Hồ", 2],
  ["Ngô", 2],
  ["Dương", 1],
  ["Lý", 1],
  ["Đinh", 1],
  ["Trương", 1],
  ["Lương", 1],
  ["Mai", 1],
];
const SURNAME_TOTAL = SURNAMES.reduce((s, [, w]) => s + w, 0);

const MALE_MIDDLE = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Đình", "Xuân", "Ngọc"];
const FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh", "Minh", "Hồng", "Thùy", "Diệu"];
const MALE_GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Đạt",
  "Hải",
  "Hiếu",
  "Hòa",
  "Hùng",
  "Huy",
  "Khánh",
  "Khoa",
  "Kiên",
  "Lâm",
  "Long",
  "Lộc",
  "Minh",
  "Nam",
  "Nghĩa",
  "Phong",
  "Phúc",
  "Quang",
  "Quân",
  "Sơn",
  "Tài",
  "Tâm",
  "Thắng",
  "Thành",
  "Thịnh",
  "Toàn",
  "Trung",
  "Tuấn",
  "Tùng",
  "Việt",
  "Vinh",
  "Hưng",
  "Đông",
  "Thái",
];
const FEMALE_GIVEN = [
  "Anh",
  "Châu",
  "Dung",
  "Giang",
  "Hà",
  "Hạnh",
  "Hằng",
  "Hiền",
  "Hoa",
  "Hồng",
  "Hương",
  "Huyền",
  "Lan",
  "Liên",
  "Linh",
  "Loan",
  "Mai",
  "Nga",
  "Ngân",
  "Nhung",
  "Oanh",
  "Phương",
  "Quyên",
  "Thảo",
  "Thủy",
  "Trang",
  "Tuyết",
  "Vân",
  "Xuân",
  "Yến",
  "Hạnh",
  "Nhàn",
];

export function surname(r: () => number): string {
  let x = r() * SURNAME_TOTAL;
  for (const [name, w] of SURNAMES) {
    x -= w;
    if (x < 0) return name;
  }
  return "Nguyễn";
}

/** A full name; `unique` (when given) keeps the set of names already used and retries until a new one. */
export function vietnameseName(r: () => number, unique?: Set<string>): { name: string; female: boolean } {
  for (let attempt = 0; ; attempt++) {
    const female = r() < 0.45;
    const name = `${surname(r)} ${pick(r, female ? FEMALE_MIDDLE : MALE_MIDDLE)} ${pick(r, female ? FEMALE_GIVEN : MALE_GIVEN)}`;
    if (!unique?.has(name) || attempt > 20) {
      unique?.add(name);
      return { name, female };
    }
  }
}
