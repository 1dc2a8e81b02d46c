/**
 * Seats that travel (issue 13, item 1), the client's words: why a private device link did not open
 * a seat (client/src/app/deviceLinks.ts), by the lobby's refusal codes — each of them a shared
 * code — and when a link stops working.
 */
import { describe, expect, it } from "vitest";
import { continueRefusal, expiryText } from "../../client/src/app/deviceLinks";
import { ERROR_CODES } from "../../shared/src/wire";

describe("a device link that does not work says why", () => {
  it.each([
    ["unknown-device-link", "This link does not work"],
    ["bad-payload", "This link does not work"],
    ["device-link-used", "This link was used already"],
    ["device-link-expired", "This link has expired"],
    ["unknown-match", "No such match"],
  ] as const)("%s: %s", (code, title) => {
    expect(ERROR_CODES).toContain(code);
    const refusal = continueRefusal(code, "the server's words");
    expect(refusal.title).toBe(title);
    expect(refusal.text).not.toBe("the server's words");
  });

  it("a link without its key, and any other refusal in the server's words", () => {
    expect(continueRefusal("missing-token", "").title).toBe("This link is incomplete");
    expect(
      continueRefusal("rate-limited", "too many continue requests from this address; wait a minute"),
    ).toEqual({
      title: "The seat could not be opened here",
      text: "too many continue requests from this address; wait a minute",
    });
  });

  it("says how long a link works, in the player's time zone", () => {
    const at = new Date(2026, 11, 10, 14, 5).getTime(); // local time: 10 December 2026, 14:05
    const text = expiryText(at, "en-GB");
    expect(text).toMatch(/^Works once, until .+\.$/);
    expect(text).toBe("Works once, until Thursday 10 December at 14:05.");
  });
});
