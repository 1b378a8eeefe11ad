import type { ApiError } from "./api-error";

/** A unique-index race lost between our check and the write is still the client's conflict, not a 500. */
export async function unlessUnique<T>(write: Promise<T>, onUnique: () => ApiError): Promise<T> {
  try {
    return await write;
  } catch (err) {
    const text = `${String(err)} ${String(err instanceof Error ? err.cause : "")}`;
    if (text.includes("UNIQUE constraint failed")) throw onUnique();
    throw err;
  }
}
