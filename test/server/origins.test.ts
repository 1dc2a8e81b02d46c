/**
 * Who may call the server from a browser (server/src/origins.ts): the configured origins, and a
 * page of this server reached by an IP address (a class on a laptop started with plain
 * `npm start`) — never a foreign page, and never a name that could be rebound to this address.
 */
import { describe, expect, it } from "vitest";
import { lanAddress, originAllowed, shareOrigin } from "../../server/src/origins";

const ALLOWED = ["http://localhost:8000", "http://127.0.0.1:8000"];

describe("originAllowed", () => {
  it.each([
    ["http://localhost:8000", "localhost:8000", true],
    ["http://192.168.1.20:8000", "192.168.1.20:8000", true], // the laptop's own page on the school network
    ["http://[fe80::1]:8000", "[fe80::1]:8000", true],
    ["http://evil.example", "192.168.1.20:8000", false], // a foreign page
    ["http://evil.example:8000", "evil.example:8000", false], // a rebound name
    ["https://192.168.1.20:8000", "192.168.1.20:8000", false], // another scheme is another origin
    ["http://192.168.1.20:8001", "192.168.1.20:8000", false],
    ["http://192.168.1.20:8000", undefined, false],
    ["null", "192.168.1.20:8000", false],
  ])("%s to host %s → %s", (origin, host, want) => {
    expect(originAllowed(origin, host, ALLOWED)).toBe(want);
  });
});

describe("shareOrigin", () => {
  it("uses PUBLIC_URL first, a request's own origin when others can reach it", () => {
    expect(shareOrigin("https://class.example/x", "http://localhost:8000", "localhost:8000")).toBe(
      "https://class.example",
    );
    expect(shareOrigin(undefined, "http://192.168.1.20:8000", "192.168.1.20:8000")).toBe(
      "http://192.168.1.20:8000",
    );
  });

  it("swaps loopback for this machine's network address (or keeps it when there is none)", () => {
    const lan = lanAddress();
    const want = lan === null ? "http://localhost:8000" : `http://${lan}:8000`;
    expect(shareOrigin(undefined, "http://localhost:8000", "localhost:8000")).toBe(want);
    expect(shareOrigin(undefined, "http://127.0.0.1:8000", "127.0.0.1:8000")).toBe(
      lan === null ? "http://127.0.0.1:8000" : want,
    );
  });
});
