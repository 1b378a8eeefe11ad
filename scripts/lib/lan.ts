/**
 * Serving a hall's local network (`HOST=0.0.0.0 npm start`): the addresses phones on the same Wi-Fi should open,
 * and the origins the Worker must then accept. Phones send `Origin: http://<lan-ip>:<port>`. `wrangler dev` passes the
 * Worker the URL the phone opened, so that is already its own origin for the CSRF check and the room's admission
 * (server/config.ts `originAllowed`); listing the LAN origins in ALLOWED_ORIGINS as well keeps login working behind
 * anything that rewrites the host. Pure functions of what `os.networkInterfaces()` reports, so a test can hand them
 * any machine's interfaces.
 */
import type { NetworkInterfaceInfo } from "node:os";

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Whether a listen address reaches beyond this machine (anything but loopback and the default `localhost`). */
export const servesNetwork = (host: string | undefined) =>
  host !== undefined && host !== "" && host !== "localhost" && !/^127\.|^::1$/.test(host);

/**
 * `http://<ip>:<port>` for each non-internal IPv4 address, in the order the system lists them, once each. Bound to
 * one address (`HOST=192.168.1.5`), only that one; bound to every address (`0.0.0.0`), all of them.
 */
export function lanUrls(interfaces: Interfaces, port: number, host = "0.0.0.0"): string[] {
  const ips = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === "IPv4" && !i.internal)
    .map((i) => i.address)
    .filter((ip) => host === "0.0.0.0" || ip === host);
  if (ips.length === 0 && host !== "0.0.0.0") ips.push(host);
  return [...new Set(ips)].map((ip) => `http://${ip}:${port}`);
}

/** An ALLOWED_ORIGINS value with `extra` added to what is already listed (comma-separated, spaces trimmed), once each. */
export function withOrigins(existing: string | undefined, extra: string[]): string {
  const listed = (existing ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return [...new Set([...listed, ...extra])].join(",");
}

/** The value of `NAME=` in a .dev.vars text, if set (quotes around it removed, as wrangler does). */
export function devVar(text: string, name: string): string | undefined {
  const line = text.split(/\r?\n/).find((l) => l.startsWith(`${name}=`));
  return line?.slice(name.length + 1).replace(/^"(.*)"$/, "$1");
}
