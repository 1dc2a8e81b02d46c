/**
 * Which origins may call the server, and the address people on the same network reach it by.
 *
 * Allowed: the configured origins (`http://localhost:PORT`, `http://127.0.0.1:PORT`, PUBLIC_URL's,
 * ORIGINS), and a page of this server itself reached by an IP address — the Origin is
 * `http://<the Host it asked>` and that host is an IP literal (a class opening
 * `http://192.168.1.20:8000` on a laptop started with plain `npm start`). Names other than
 * localhost are not trusted this way: a name can be rebound to this address by a foreign page (DNS
 * rebinding), an IP literal cannot.
 */
import { isIP } from "node:net";
import os from "node:os";

/** The hostname of a Host header (`192.168.1.20:8000` → `192.168.1.20`, `[::1]:8000` → `::1`). */
function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1]!;
  return host.replace(/:\d+$/, "");
}

/** Whether a request's Origin is allowed, given the Host it was sent to. */
export function originAllowed(origin: string, host: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  if (host === undefined || host === "") return false;
  const name = hostnameOf(host);
  return (isIP(name) !== 0 || name === "localhost") && origin === `http://${host}`;
}

/** This machine's address on its local network (the first non-internal IPv4), or null. */
export function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return null;
}

/**
 * The origin to put in links for other people's devices (a class's join link): PUBLIC_URL's; else
 * the request's own, unless that is this machine's loopback (`localhost`), which no other device
 * reaches — then the machine's network address, when it has one.
 */
export function shareOrigin(publicUrl: string | undefined, requestOrigin: string, host: string): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const name = hostnameOf(host);
  const loopback = name === "localhost" || name === "::1" || name.startsWith("127.");
  const lan = loopback ? lanAddress() : null;
  const port = /:(\d+)$/.exec(host.replace(/^\[[^\]]*\]/, ""))?.[1];
  return lan === null ? requestOrigin : `http://${lan}${port === undefined ? "" : `:${port}`}`;
}
