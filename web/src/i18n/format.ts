/** Dates and numbers as people in Vietnam read them; meetings are held on Vietnam time. */
import { isInstant, VN_TIME_ZONE, vnLocal, vnLocalToUtc } from "../../../schema/calendar";
import { lang } from "./index";

function locale(): string {
  return lang() === "vi" ? "vi-VN" : "en-GB";
}

export function formatDate(iso: string): string {
  const d = new Date(iso.length === 10 ? vnLocalToUtc(iso) : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    timeZone: VN_TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(d);
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    timeZone: VN_TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { timeZone: VN_TIME_ZONE, hour: "2-digit", minute: "2-digit" }).format(d);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** `YYYY-MM-DDTHH:mm` in Vietnam time, for <input type="datetime-local">. */
export function toLocalInput(iso: string): string {
  return isInstant(iso) ? vnLocal(iso) : "";
}

/** Back from <input type="datetime-local"> (read as Vietnam time) to a UTC ISO instant. */
export function fromLocalInput(value: string): string {
  return vnLocalToUtc(value);
}
