/**
 * The words on an invitation slip, apart from the PDF code so the members screen can show a code the same way
 * without loading pdf-lib. Vietnamese first, English second, on paper as on screen: a slip is read by the member
 * at home, whatever language the secretary's screen was in.
 */
import { isInstant, vnWallTime } from "../../../../schema/calendar";

/** "ABCDE-FGHJK": a 10-letter code read off paper in two halves (the redeem API ignores the dash). */
export function groupCode(code: string): string {
  const plain = code.replace(/[\s-]/g, "").toUpperCase();
  return plain.length > 5 ? `${plain.slice(0, 5)}-${plain.slice(5)}` : plain;
}

/** The address to type, as short as it can be written: the scheme only when it is not https. */
export function invitePageAddress(origin: string): string {
  return `${origin.replace(/^https:\/\//, "").replace(/\/$/, "")}/invite`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** When the code stops working, on Vietnam's clock: "Dùng được đến 22:45 ngày 20/12/2026" and its English. */
export function expiryLines(expiresAt: string): { vi: string; en: string } {
  if (!isInstant(expiresAt)) return { vi: "", en: "" };
  const t = vnWallTime(expiresAt);
  const time = `${pad(t.hour)}:${pad(t.minute)}`;
  const day = `${pad(t.day)}/${pad(t.month)}/${t.year}`;
  return { vi: `Dùng được đến ${time} ngày ${day}`, en: `Valid until ${time}, ${day} (Vietnam time)` };
}

/** How to use the slip, in two languages. */
export function slipInstructions(origin: string): { vi: string; en: string } {
  const address = invitePageAddress(origin);
  return {
    vi: `Mở camera, quét mã QR, hoặc vào ${address} và nhập mã.`,
    en: `Open the camera and scan the QR code, or go to ${address} and type the code.`,
  };
}

/** "phieu-moi-dang-uy-phuong-hoa-an.pdf": no diacritics or spaces, so every phone and printer keeps the name. */
export function slipsFileName(committee: string): string {
  const slug = committee
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `phieu-moi-${slug || "dang-vien"}.pdf`;
}
