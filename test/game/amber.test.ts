/**
 * The same engine on the original small map, the Amber Sea: convoys to Ember Isle, the two coasts
 * of Harrowgate, and a full year of phases from the start.
 */
import { describe, expect, it } from "vitest";
import { adjudicateMovement } from "../../shared/src/adjudicator";
import { initialPosition, resolvePhase, type Position } from "../../shared/src/game";
import { getMap, parseUnitString, type Unit } from "../../shared/src/map";
import { parseOrder, type Order } from "../../shared/src/orders";

const map = getMap("amber")!;
const units = (...texts: string[]): Unit[] => texts.map((t) => parseUnitString(t)!);
const orders = (...texts: string[]): Order[] =>
  texts.map((t) => {
    const parsed = parseOrder(t, { map, phase: "movement" });
    if (!parsed.ok) throw new Error(`${t}: ${parsed.error.message}`);
    return parsed.value;
  });
const texts = (us: readonly Unit[]): string[] => us.map((u) => `${u.power} ${u.type} ${u.location}`).sort();

describe("the Amber Sea", () => {
  it("convoys an army to Ember Isle across the Amber Sea", () => {
    const r = adjudicateMovement(
      map,
      units("TAL A mer", "TAL F amb"),
      orders("TAL A Merrowdale - Ember Isle", "TAL F Amber Sea C A Merrowdale - Ember Isle"),
    );
    expect(r.results.map((x) => x.outcome)).toEqual(["succeeds", "succeeds"]);
    expect(texts(r.units)).toEqual(["TAL A emb", "TAL F amb"]);
  });

  it("refuses an army move to Ember Isle with no fleet at sea to carry it", () => {
    const r = adjudicateMovement(map, units("TAL A mer"), orders("TAL A mer - emb"));
    expect(r.results[0]).toMatchObject({ outcome: "fails", reason: { code: "no-convoy-route" } });
  });

  it("sends a fleet to the one coast of Harrowgate it can reach", () => {
    const r = adjudicateMovement(map, units("TAL F ise"), orders("TAL F ise - har"));
    expect(texts(r.units)).toEqual(["TAL F har/nc"]);
  });

  it("bounces fleets aiming at different coasts of Harrowgate", () => {
    const r = adjudicateMovement(
      map,
      units("TAL F ise", "SEL F amb"),
      orders("TAL F ise - har/nc", "SEL F amb - har/sc"),
    );
    expect(r.results.map((x) => x.outcome)).toEqual(["fails", "fails"]);
    expect(r.contested).toEqual(["har"]);
  });

  it("plays a year from the start: Harrowgate and Ember Isle change hands in fall", () => {
    let position: Position = initialPosition(map);
    const play = (...t: string[]): void => {
      position = resolvePhase(
        map,
        position,
        t.map((x) => {
          const parsed = parseOrder(x, { map, phase: position.phase });
          if (!parsed.ok) throw new Error(`${x}: ${parsed.error.message}`);
          return parsed.value;
        }),
      ).next;
    };
    play("TAL F ise - har", "TAL A mer - thr", "SEL F lum - sab");
    expect(position).toMatchObject({ season: "fall", phase: "movement" });
    play("TAL F har/nc H", "SEL F sab - emb");
    expect(position).toMatchObject({ season: "winter", phase: "adjustment" });
    expect(position.supplyCenters["har"]).toBe("TAL");
    expect(position.supplyCenters["emb"]).toBe("SEL");
    play("TAL build A mer", "SEL build F lum");
    expect(position).toMatchObject({ year: 1902, season: "spring", phase: "movement" });
    expect(texts(position.units)).toEqual(expect.arrayContaining(["TAL A mer", "SEL F lum", "SEL F emb"]));
  });
});
