/**
 * The address a request or socket comes from, for the per-address limits (sockets, joins, creates,
 * after-match reads). It is the peer's address, unless the peer is a proxy the operator named in
 * `TRUSTED_PROXIES` (behind HAProxy: docs/deploy.md): then it is the address that proxy saw, the
 * last entry of `X-Forwarded-For` (the one it added itself; entries before it came from the client
 * and prove nothing). A client that is not a trusted proxy cannot choose its address by sending the
 * header; a trusted proxy's header that does not end in an address is ignored.
 */
import type { IncomingMessage } from "node:http";
import net from "node:net";

/** The form an address is compared and counted in: an IPv4 address mapped into IPv6 as IPv4. */
export function plainAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return (mapped ? mapped[1]! : trimmed).toLowerCase();
}

/**
 * The client's address: the peer's, or — the peer being a trusted proxy — the last address of
 * `X-Forwarded-For` (all its lines read as one list).
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trusted: ReadonlySet<string>,
): string {
  const from = plainAddress(peer ?? "");
  if (!trusted.has(from) || forwardedFor === undefined) return from;
  const entries = (typeof forwardedFor === "string" ? [forwardedFor] : forwardedFor).flatMap((line) =>
    line.split(","),
  );
  const last = plainAddress(entries.at(-1) ?? "");
  return net.isIP(last) === 0 ? from : last;
}

/** Reads `TRUSTED_PROXIES` (comma-separated addresses); the first entry that is not one, as an error. */
export function trustedProxies(
  setting: string | undefined,
): { ok: true; value: Set<string> } | { ok: false; error: string } {
  const value = new Set<string>();
  for (const entry of (setting ?? "").split(",").map((e) => e.trim())) {
    if (entry === "") continue;
    if (net.isIP(plainAddress(entry)) === 0)
      return { ok: false, error: `TRUSTED_PROXIES: "${entry}" is not an IP address` };
    value.add(plainAddress(entry));
  }
  return { ok: true, value };
}

/**
 * The key an address's limits are kept under: an IPv4 address as it is; an IPv6 address by its
 * first 64 bits (one household or host gets a whole /64, so each of its addresses must not get a
 * fresh bucket).
 */
export function addressKey(ip: string): string {
  if (net.isIP(ip) !== 6 || ip.toLowerCase().startsWith("::ffff:")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = ip.includes("::") ? (tail === "" ? [] : tail.split(":")) : [];
  const groups = ip.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** The client's address of an HTTP request or a socket's handshake request. */
export function requestAddress(request: IncomingMessage, trusted: ReadonlySet<string>): string {
  return clientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trusted);
}
