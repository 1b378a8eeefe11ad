import { z } from "zod";

/** Ids are opaque strings chosen by the server (UUIDs), or by the client for idempotent room actions. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "id: letters, digits, - and _ only");

/** `YYYY-MM-DD` */
export const dateSchema = z.iso.date();
/** The years a date-time may fall in: meetings, plans and records of party branches, never year 9999. */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;
/**
 * ISO-8601 date-time with offset, e.g. `2026-11-25T19:30:00+07:00`; stored in UTC. Bounded to FIRST_YEAR..LAST_YEAR in
 * UTC, so what is stored is always a plain `YYYY-…Z` (year 9999 at UTC−5 once became `+010000-…`).
 */
export const dateTimeSchema = z.iso.datetime({ offset: true }).refine(
  (v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  },
  { message: `Năm phải từ ${FIRST_YEAR} đến ${LAST_YEAR} / Year must be ${FIRST_YEAR}–${LAST_YEAR}` },
);
/** `YYYY-MM` */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month: YYYY-MM");
