/**
 * The board as text (client/src/map/boardText.ts): units by power in full words, centre owners with
 * the neutral ones, dislodged units with their retreats, and the seat's own orders in the orders
 * tab's words (another power's orders are not listed; a spectator sees none).
 */
import { describe, expect, it } from "vitest";
import { boardText, orderSentence } from "../../client/src/map/boardText";
import { initialPosition } from "../../shared/src/game/phases";
import type { Position } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import type { Order } from "../../shared/src/orders/types";

const classic = getMap("classic")!;
const start = initialPosition(classic);

describe("boardText at the start of a classic game", () => {
  const text = boardText(classic, start, [], "AUS");

  it("lists every power's units in full words, sorted by place", () => {
    expect(text.units.map((r) => r.label)).toEqual(classic.powers.map((p) => p.name));
    expect(text.units[0]).toEqual({
      power: "AUS",
      label: "Austria",
      text: "army in Budapest, army in Vienna, fleet in Trieste",
    });
    const russia = text.units.find((r) => r.power === "RUS");
    expect(russia?.text).toBe(
      "army in Moscow, army in Warsaw, fleet in Sevastopol, fleet in St Petersburg (south coast)",
    );
  });

  it("lists the centres by owner, then the neutral ones", () => {
    expect(text.centres[0]).toEqual({
      power: "AUS",
      label: "Austria, 3 centres",
      text: "Budapest, Trieste, Vienna",
    });
    const neutral = text.centres.at(-1);
    expect(neutral?.power).toBeNull();
    expect(neutral?.label).toBe("Neutral, 12 centres");
    expect(neutral?.text.split(", ")).toContain("Belgium");
  });

  it("has no orders before any is given", () => {
    expect(text.orders).toEqual([]);
  });
});

describe("boardText orders", () => {
  const orders: Order[] = [
    { kind: "move", power: "AUS", unit: { type: "A", location: "vie" }, to: "gal", viaConvoy: false },
    { kind: "hold", power: "AUS", unit: { type: "F", location: "tri" } },
    { kind: "move", power: "ITA", unit: { type: "A", location: "ven" }, to: "tyr", viaConvoy: false },
  ];

  it("lists the seat's own orders in plain words, and only those", () => {
    expect(boardText(classic, start, orders, "AUS").orders).toEqual([
      "Army Vienna moves to Galicia",
      "Fleet Trieste holds",
    ]);
  });

  it("lists no orders for a spectator", () => {
    expect(boardText(classic, start, orders, null).orders).toEqual([]);
  });

  it("words an adjustment order whole", () => {
    expect(
      orderSentence(classic, { kind: "build", power: "AUS", unit: { type: "A", location: "vie" } }),
    ).toBe("Build an army in Vienna");
  });
});

describe("boardText after a change of hands", () => {
  it("marks dislodged units with their retreats, and counts a power with nothing left", () => {
    const position: Position = {
      ...start,
      phase: "retreat",
      units: start.units.filter((u) => u.power !== "AUS"),
      dislodged: [
        {
          unit: { power: "AUS", type: "A", location: "vie" },
          attackerFrom: "boh",
          byConvoy: false,
          retreats: ["gal", "bud"],
        },
      ],
      supplyCenters: { vie: "ITA" },
    };
    const text = boardText(classic, position, [], "AUS");
    expect(text.units[0]?.text).toBe("dislodged army in Vienna (may retreat to Galicia or Budapest)");
    expect(text.centres[0]).toEqual({ power: "AUS", label: "Austria, 0 centres", text: "none" });
    expect(text.centres.find((r) => r.power === "ITA")?.text).toBe("Vienna");
    expect(text.units.find((r) => r.power === "ENG")?.text).toMatch(/^army in Liverpool/);
  });
});
