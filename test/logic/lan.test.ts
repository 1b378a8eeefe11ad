/**
 * `HOST=0.0.0.0 npm start` (scripts/lib/lan.ts): the addresses printed for phones are this machine's LAN IPv4 ones,
 * and the origins phones send from them pass the Worker's own origin check (server/config.ts), so login from a phone
 * is not refused as cross-site.
 */
import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { devVar, lanUrls, servesNetwork, withOrigins } from "../../scripts/lib/lan.ts";
import { configOf, originAllowed } from "../../server/config.ts";

const iface = (address: string, family: "IPv4" | "IPv6", internal = false) =>
  ({ address, family, internal, netmask: "", mac: "", cidr: null }) as NetworkInterfaceInfo;

// A laptop in a hall: loopback, Wi-Fi with IPv4 and IPv6, a wired port, and a docker bridge listed twice.
const machine = {
  lo: [iface("127.0.0.1", "IPv4", true), iface("::1", "IPv6", true)],
  wlan0: [iface("192.168.1.23", "IPv4"), iface("fe80::1", "IPv6")],
  eth0: [iface("10.0.0.5", "IPv4")],
  docker0: [iface("172.17.0.1", "IPv4"), iface("172.17.0.1", "IPv4")],
  down: undefined,
};

describe("serving the hall's network", () => {
  it("serves the network only for a host beyond loopback", () => {
    expect(servesNetwork(undefined)).toBe(false);
    expect(servesNetwork("")).toBe(false);
    expect(servesNetwork("localhost")).toBe(false);
    expect(servesNetwork("127.0.0.1")).toBe(false);
    expect(servesNetwork("::1")).toBe(false);
    expect(servesNetwork("0.0.0.0")).toBe(true);
    expect(servesNetwork("192.168.1.23")).toBe(true);
  });

  it("lists http://<ip>:<port> for every non-internal IPv4 address, once each, and no loopback or IPv6", () => {
    expect(lanUrls(machine, 8787)).toEqual([
      "http://192.168.1.23:8787",
      "http://10.0.0.5:8787",
      "http://172.17.0.1:8787",
    ]);
    expect(lanUrls({ lo: machine.lo }, 8787)).toEqual([]);
  });

  it("lists only the bound address when HOST names one", () => {
    expect(lanUrls(machine, 9000, "10.0.0.5")).toEqual(["http://10.0.0.5:9000"]);
  });

  it("adds the LAN origins to ALLOWED_ORIGINS already set in .dev.vars, keeping what was there", () => {
    const text = '# local\nSESSION_SECRET=abc\nALLOWED_ORIGINS="https://a.example, https://b.example"\n';
    expect(devVar(text, "ALLOWED_ORIGINS")).toBe("https://a.example, https://b.example");
    expect(devVar(text, "MISSING")).toBeUndefined();
    expect(withOrigins(devVar(text, "ALLOWED_ORIGINS"), ["http://192.168.1.23:8787", "https://a.example"])).toBe(
      "https://a.example,https://b.example,http://192.168.1.23:8787",
    );
    expect(withOrigins(undefined, ["http://10.0.0.5:8787"])).toBe("http://10.0.0.5:8787");
  });

  it("makes the Worker accept a phone's Origin even when wrangler hands it the request as localhost", () => {
    const urls = lanUrls(machine, 8787);
    const env = { SESSION_SECRET: "s".repeat(64), ALLOWED_ORIGINS: withOrigins("", urls) } as never;
    const config = configOf(env);
    expect(originAllowed(config, "http://192.168.1.23:8787", "http://localhost:8787/api/auth/login")).toBe(true);
    expect(originAllowed(config, "http://192.168.1.99:8787", "http://localhost:8787/api/auth/login")).toBe(false);
    // Without the LAN origins listed, the same phone is refused.
    const bare = configOf({ SESSION_SECRET: "s".repeat(64) } as never);
    expect(originAllowed(bare, "http://192.168.1.23:8787", "http://localhost:8787/api/auth/login")).toBe(false);
  });
});
