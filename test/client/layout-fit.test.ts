/**
 * A layout that fits (issue 13, item 5), its pure parts: the board's labels are placed without
 * overlapping (full name, else short name, else left out until the player zooms in), and the ready
 * bar counts the orders given against the orders due in the phase's own words.
 */
import { describe, expect, it } from "vitest";
import { countText, orderCount } from "../../client/src/game/readyCount";
import { placeLabels, type LabelWish } from "../../client/src/map/labelPlacement";
import { legalOrders } from "../../shared/src/orders/legal";
import { initialPosition } from "../../shared/src/game/phases";
import { getMap } from "../../shared/src/map/registry";

const wish = (id: string, x: number, y: number, full: string): LabelWish => ({
  id,
  x,
  y,
  full,
  short: id.charAt(0).toUpperCase() + id.slice(1),
});

describe("placeLabels", () => {
  it("writes every name in full when there is room", () => {
    const placed = placeLabels([wish("lon", 0, 0, "London"), wish("par", 0, 100, "Paris")], 12);
    expect(placed.map((p) => p.text)).toEqual(["London", "Paris"]);
  });

  it("abbreviates a name whose full form would overlap one already placed", () => {
    // "Yorkshire" at 12 units is about 65 wide: it would reach "London" 40 units away; "Yor" does not.
    const placed = placeLabels([wish("lon", 0, 0, "London"), wish("yor", 50, 0, "Yorkshire")], 12);
    expect(placed.map((p) => p.text)).toEqual(["London", "Yor"]);
  });

  it("leaves out a label that would overlap even when short, and keeps the earlier ones", () => {
    const placed = placeLabels([wish("lon", 0, 0, "London"), wish("wal", 5, 2, "Wales")], 30);
    expect(placed.map((p) => p.id)).toEqual(["lon"]);
  });

  it("never places two labels whose boxes overlap, at any size", () => {
    const map = getMap("classic")!;
    const wishes = map.provinces.map((p, i) => wish(p.id, (i % 9) * 40, Math.floor(i / 9) * 30, p.name));
    for (const size of [12, 20, 31]) {
      const placed = placeLabels(wishes, size);
      for (const [i, a] of placed.entries())
        for (const b of placed.slice(i + 1)) {
          const apart =
            Math.abs(a.x - b.x) >= ((a.text.length + b.text.length) * 0.6 * size) / 2 ||
            Math.abs(a.y - b.y) >= size;
          expect(apart, `${a.text} and ${b.text} at ${size}`).toBe(true);
        }
    }
  });
});

describe("the ready bar's count", () => {
  const map = getMap("classic")!;
  const position = initialPosition(map);
  const legal = legalOrders(map, position, "ENG");
  const ordering = (shown: number) => ({
    legal,
    shown: legal.phase === "adjustment" ? [] : legal.units.slice(0, shown).map((u) => u.orders[0]!),
  });

  it("counts the units ordered and says what the others do", () => {
    const count = orderCount(ordering(1));
    expect(count).toEqual({ given: 1, due: 3, noun: "unit", unset: "hold" });
    expect(countText(count!)).toBe("1 of 3 units ordered · 2 will hold");
    expect(countText(orderCount(ordering(3))!)).toBe("3 of 3 units ordered");
  });

  it("counts choices in an adjustment phase, and nothing when there is nothing to order", () => {
    expect(countText({ given: 0, due: 1, noun: "choice", unset: "" })).toBe("0 of 1 choice made");
    expect(orderCount({ legal: null, shown: [] })).toBeNull();
  });
});
