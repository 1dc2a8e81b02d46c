/**
 * The key an address's rate limits are kept under (server/src/client-address.ts `addressKey`): IPv4
 * as it is, IPv6 by its /64 — so an attacker with a whole /64 of addresses (the usual allocation)
 * gets one bucket for joins, creations and wrong join codes, not one per address.
 */
import { describe, expect, it } from "vitest";
import { addressKey } from "../../server/src/client-address";

describe("addressKey", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["::ffff:10.0.0.1", "::ffff:10.0.0.1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:DB8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("%s → %s", (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});
