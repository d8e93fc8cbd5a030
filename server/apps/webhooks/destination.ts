// Where a webhook may be sent. http(s) only, no user:password@, a sane length. In production the
// destination must also be on the public internet: a school admin must not be able to make the
// server call itself, the cloud's metadata service or the private network (SSRF). That is
// checked when the address is saved (names like "localhost" and private IP literals) and again
// when connecting (every address the name resolves to), so a name that later resolves to a
// private address is refused too. Outside production private addresses are allowed, for local
// receivers in development and tests.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2002::", 16],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv6");

/** Loopback, private, link-local (metadata), carrier-grade NAT, multicast, reserved; IPv4-mapped IPv6 by its IPv4. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

export const BAD_WEBHOOK_URL = "Use the full address the app gave you for webhooks, starting with https:// (or http://).";
export const PRIVATE_WEBHOOK_URL = "That address is on a private network. Webhooks go only to addresses on the internet.";

/** The URL to send to, or why not (a message for the admin). */
export function checkWebhookUrl(raw: string, options: { allowPrivateNetworks: boolean }): { url: URL } | { error: string } {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: BAD_WEBHOOK_URL };
  }
  if (text.length > 2000 || (url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || !url.hostname) return { error: BAD_WEBHOOK_URL };
  if (!options.allowPrivateNetworks) {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const singleLabel = isIP(host) === 0 && !host.includes(".");
    if (LOCAL_NAMES.test(host) || singleLabel || (isIP(host) !== 0 && isPrivateAddress(host))) return { error: PRIVATE_WEBHOOK_URL };
  }
  return { url };
}

/** A dns.lookup for the HTTP client that refuses names resolving to a private address. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused || addresses.length === 0) return callback(Object.assign(new Error(`${hostname} resolves to a private address (${refused?.address ?? "none"}): not sent`), { code: "EPRIVATE" }), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
