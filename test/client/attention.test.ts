/**
 * Knowing when it is your move (issue 13, item 2) and the orders box's example (item 6): the tab
 * title and the Commitments badge (client/src/game/attention.ts), the server's clock offset under
 * the deadline countdown (client/src/game/serverClock.ts), the name field's limit note and the
 * name error that clears once fixed (client/src/app/fields.tsx), and the typed-orders example made
 * from the seat's own legal orders, on the Amber Sea as on the classic board
 * (client/src/game/orderExample.ts).
 */
import { describe, expect, it } from "vitest";
import { initialPosition } from "../../shared/src/game/phases";
import type { Position } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import { legalOrders } from "../../shared/src/orders/legal";
import type { Commitment, Notice } from "../../shared/src/trust/types";
import { awaitingAnswer, commitmentsBadge, noticesReceived, tabTitle } from "../../client/src/game/attention";
import { orderExample } from "../../client/src/game/orderExample";
import { clockOffset, msLeft } from "../../client/src/game/serverClock";
import { NAME_MAX, NAME_MISSING, nameFixed, nameLimitNote } from "../../client/src/app/names";
import { commitment } from "../trust/support";

const at = { year: 1901, season: "spring", phase: "movement" } as const;
const proposed = (id: string, parties: string[], acceptedBy: string[]): Commitment => ({
  ...commitment(id, parties, [{ kind: "non-aggression", from: parties[0]!, to: parties[1]! }], {
    status: "proposed",
  }),
  acceptedBy,
});

describe("the tab title", () => {
  it("is just Entente when nothing waits", () => {
    expect(tabTitle({ unread: 0, proposals: 0, notices: 0, yourMove: false })).toBe("Entente");
  });
  it("says your move, and counts unread press, proposals and notices", () => {
    expect(tabTitle({ unread: 0, proposals: 0, notices: 0, yourMove: true })).toBe("Your move · Entente");
    expect(tabTitle({ unread: 1, proposals: 1, notices: 0, yourMove: true })).toBe("(2) Your move · Entente");
    expect(tabTitle({ unread: 2, proposals: 0, notices: 1, yourMove: false })).toBe("(3) Entente");
  });
});

describe("the Commitments badge", () => {
  const toGer = proposed("c1", ["FRA", "GER"], ["FRA"]);
  const answered = proposed("c2", ["FRA", "GER"], ["FRA", "GER"]);
  const notMine = proposed("c3", ["FRA", "ENG"], ["FRA"]);
  const active = commitment("c4", ["GER", "RUS"], [{ kind: "non-aggression", from: "GER", to: "RUS" }]);
  const other = commitment("c5", ["FRA", "RUS"], [{ kind: "non-aggression", from: "FRA", to: "RUS" }]);
  const commitments = [toGer, answered, notMine, active, other];
  const notices: Notice[] = [
    { commitmentId: "c4", by: "RUS", at }, // on Germany's commitment, by its partner
    { commitmentId: "c5", by: "RUS", at }, // not Germany's
  ];

  it("counts the proposals that wait for this seat's answer, not its own or others'", () => {
    expect(awaitingAnswer(commitments, "GER").map((c) => c.id)).toEqual(["c1"]);
    expect(awaitingAnswer(commitments, "FRA")).toEqual([]);
    expect(awaitingAnswer(commitments, null)).toEqual([]);
  });
  it("counts the notices others gave on this seat's commitments, not its own", () => {
    expect(noticesReceived(notices, commitments, "GER").map((n) => n.commitmentId)).toEqual(["c4"]);
    expect(noticesReceived(notices, commitments, "RUS")).toEqual([]);
  });
  it("adds them up (0 for a spectator or before the state)", () => {
    expect(commitmentsBadge({ commitments, notices }, "GER")).toBe(2);
    expect(commitmentsBadge({ commitments, notices }, "ENG")).toBe(1);
    expect(commitmentsBadge({ commitments, notices }, null)).toBe(0);
    expect(commitmentsBadge(null, "GER")).toBe(0);
  });
});

describe("the server's clock for the countdown", () => {
  const server = Date.parse("Wed, 02 Dec 2026 12:00:00 GMT");
  it("measures how far the server is ahead, with half the round trip and the middle of the header's second", () => {
    // The browser's clock is five minutes behind; the answer took 200 ms there and back.
    const receivedAt = server - 300_000 + 100;
    const offset = clockOffset({
      serverDate: "Wed, 02 Dec 2026 12:00:00 GMT",
      sentAt: receivedAt - 200,
      receivedAt,
    });
    expect(offset).toBe(300_000 - 100 + 500 + 100);
  });
  it("counts down on the server's time, whatever this browser's clock says", () => {
    const deadline = server + 120_000;
    const offset = -3_600_000; // the browser is an hour ahead
    expect(msLeft(deadline, server + 3_600_000, offset)).toBe(120_000);
  });
  it("has no offset without a readable Date header", () => {
    expect(clockOffset({ serverDate: null, sentAt: 0, receivedAt: 10 })).toBeNull();
    expect(clockOffset({ serverDate: "yesterday-ish", sentAt: 0, receivedAt: 10 })).toBeNull();
  });
});

describe("the name fields", () => {
  it("say nothing for a short name, count near the limit and say so at it", () => {
    expect(nameLimitNote("Ada")).toBeNull();
    expect(nameLimitNote("x".repeat(NAME_MAX - 5))).toBe(`${NAME_MAX - 5}/${NAME_MAX}`);
    expect(nameLimitNote("x".repeat(NAME_MAX))).toContain(`at most ${NAME_MAX} characters`);
  });
  it("clear the missing-name error once a name is typed, and only that error", () => {
    expect(nameFixed(NAME_MISSING, "Ada")).toBe(true);
    expect(nameFixed(NAME_MISSING, "  ")).toBe(false);
    expect(nameFixed("The last year played must be a number.", "Ada")).toBe(false);
    expect(nameFixed(null, "Ada")).toBe(false);
  });
});

describe("the typed-orders example", () => {
  const placesOf = (text: string) =>
    [...text.matchAll(/\b[AF] ([a-z]{3}(?:\/[a-z]{2})?)/g)].map((m) => m[1]!);

  it("names the Amber Sea's own units and places", () => {
    const amber = getMap("amber")!;
    const ex = orderExample(legalOrders(amber, initialPosition(amber), "BRY"));
    expect(ex).toMatch(/^e\.g\. [AF] [a-z]{3}/);
    expect(ex).not.toContain("par");
    const own = new Set(["ska", "vel", "ost"]);
    expect(placesOf(ex).length).toBeGreaterThan(0);
    for (const p of placesOf(ex)) expect(own.has(p)).toBe(true);
  });
  it("names the classic board's for France", () => {
    const classic = getMap("classic")!;
    const ex = orderExample(legalOrders(classic, initialPosition(classic), "FRA"));
    expect(ex).toMatch(/^e\.g\. [AF] (par|mar|bre) - [a-z]{3}/);
    expect(ex).toContain(" S ");
  });
  it("offers a build (and waive) in adjustments", () => {
    const classic = getMap("classic")!;
    const start = initialPosition(classic);
    const position: Position = {
      ...start,
      phase: "adjustment",
      season: "winter",
      units: start.units.filter((u) => u.location !== "par"),
    };
    expect(orderExample(legalOrders(classic, position, "FRA"))).toMatch(/^e\.g\. build A par; waive$/);
  });
  it("says something plain without legal orders", () => {
    expect(orderExample(null)).toContain("Standard notation");
  });
});
