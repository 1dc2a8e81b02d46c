/**
 * The orders tab's warnings before a breach (client/src/game/warnings.ts, issue 12 item 4): a drafted
 * order that would break one of the player's commitments names the partner and the clause, judged
 * by the rules' own `breachesOf`; kept orders and commitments not in force warn of nothing; the
 * offer to give notice names each broken commitment once and knows when notice was given.
 */
import { describe, expect, it } from "vitest";
import type { Position } from "../../shared/src/game/position";
import { parseOrder } from "../../shared/src/orders/notation";
import type { Order } from "../../shared/src/orders/types";
import { noticeOffers, orderWarnings, type WarningView } from "../../client/src/game/warnings";
import { boardPosition, commitment, map } from "../trust/support";

const position: Position = boardPosition({ units: ["GER A mun", "GER F kie", "FRA A par", "FRA A bur"] });
const NA = commitment("c1", ["FRA", "GER"], [{ kind: "non-aggression", from: "GER", to: "FRA" }]);
const DMZ = commitment(
  "c2",
  ["GER", "ENG"],
  [{ kind: "demilitarised-zone", powers: ["GER", "ENG"], provinces: ["hol"] }],
);

const orders = (...texts: string[]): Order[] =>
  texts.map((t) => {
    const parsed = parseOrder(t, { map, power: "GER", phase: "movement", units: position.units });
    if (!parsed.ok) throw new Error(`${t}: ${parsed.error.message}`);
    return parsed.value;
  });

const view = (extra: Partial<WarningView> = {}): WarningView => ({
  position,
  commitments: [NA, DMZ],
  notices: [],
  ...extra,
});

describe("warnings before breaking one's word", () => {
  it("names the partner and the clause of a non-aggression a move on a French unit breaks", () => {
    const w = orderWarnings(map, view(), "GER", orders("A mun - bur", "F kie H"));
    expect(w).toHaveLength(2);
    expect(w[1]).toEqual([]);
    expect(w[0]!.map((x) => x.text)).toEqual([
      "Breaks your commitment with France: non-aggression (Germany will not attack France)",
    ]);
    expect(w[0]![0]).toMatchObject({ commitmentId: "c1", partners: ["FRA"], noticeGiven: false });
  });

  it("names a demilitarised zone, with another partner", () => {
    const w = orderWarnings(map, view(), "GER", orders("A mun H", "F kie - hol"));
    expect(w[0]).toEqual([]);
    expect(w[1]!.map((x) => x.text)).toEqual([
      "Breaks your commitment with England: demilitarised zone (Germany and England keep Holland demilitarised)",
    ]);
  });

  it("names a hostile act against an ally bound by free text only", () => {
    const friends = commitment("c3", ["FRA", "GER"], [{ kind: "text", text: "we are friends" }]);
    const w = orderWarnings(map, view({ commitments: [friends] }), "GER", orders("A mun - bur"));
    expect(w[0]!.map((x) => x.text)).toEqual([
      "Breaks your commitment with France: hostile act against an ally (A mun - bur: against an ally in Burgundy)",
    ]);
  });

  it("warns of nothing for orders that keep faith, or commitments not in force", () => {
    expect(orderWarnings(map, view(), "GER", orders("A mun - ruh", "F kie - den"))).toEqual([[], []]);
    const proposed = { ...NA, status: "proposed" as const };
    expect(orderWarnings(map, view({ commitments: [proposed] }), "GER", orders("A mun - bur"))).toEqual([[]]);
    expect(orderWarnings(map, view(), "FRA", [])).toEqual([]);
  });

  it("offers notice once per broken commitment, and knows when it was given", () => {
    const w = orderWarnings(map, view(), "GER", orders("A mun - bur", "F kie - hol"));
    expect(noticeOffers(map, w).map((o) => [o.commitmentId, o.label, o.noticeGiven])).toEqual([
      ["c1", "Give notice to France instead", false],
      ["c2", "Give notice to England instead", false],
    ]);
    const at = { year: 1901, season: "spring", phase: "movement" } as const;
    const given = orderWarnings(
      map,
      view({ notices: [{ commitmentId: "c1", by: "GER", at }] }),
      "GER",
      orders("A mun - bur"),
    );
    expect(given[0]![0]!.noticeGiven).toBe(true);
    expect(noticeOffers(map, given)[0]!.noticeGiven).toBe(true);
  });
});
