import { z } from "zod";

/** Ids are opaque strings chosen by the server (UUIDs), or by the client for idempotent room actions. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "id: letters, digits, - and _ only");

/** `YYYY-MM-DD` */
export const dateSchema = z.iso.date();
/** ISO-8601 date-time with offset, e.g. `2026-11-25T19:30:00+07:00`; stored in UTC. */
export const dateTimeSchema = z.iso.datetime({ offset: true });
/** `YYYY-MM` */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month: YYYY-MM");
