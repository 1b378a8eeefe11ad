/**
 * 32 random hex digits from `crypto.getRandomValues`. Not `crypto.randomUUID`: that exists only in a secure context
 * (HTTPS or localhost), and a hall served on its own network (`HOST=0.0.0.0 npm start`) reaches phones over plain
 * http, where the room would otherwise fail to start.
 */
export function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
