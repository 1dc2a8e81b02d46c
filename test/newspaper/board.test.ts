/**
 * Board news from real adjudications on the classic map: standoffs, dislodgements with and
 * without a retreat, centres taken in fall, an elimination, solo threats, and the fixed order of
 * events.
 */
import { describe, expect, it } from "vitest";
import { initialPosition, resolvePhase, type PhaseStep, type Position } from "../../shared/src/game";
import { getMap, parseUnitString, type PowerId, type ProvinceId, type Unit } from "../../shared/src/map";
import { boardEvents, type NewsEvent } from "../../shared/src/newspaper";
import { parseOrder, type Order } from "../../shared/src/orders";

const map = getMap("classic")!;

const units = (...texts: string[]): Unit[] => texts.map((t) => parseUnitString(t)!);

function orders(position: Position, texts: readonly string[]): Order[] {
  return texts.map((text) => {
    const parsed = parseOrder(text, { map, phase: position.phase });
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    return parsed.value;
  });
}

/** Resolves a phase and returns its board news along with the step. */
function play(position: Position, ...texts: string[]): { events: NewsEvent[]; step: PhaseStep } {
  const step = resolvePhase(map, position, orders(position, texts));
  return { events: boardEvents(map, position, step.next, step.resolved), step };
}

/** A position with the given units and centres, in the given season. */
function board(
  season: "spring" | "fall",
  unitTexts: readonly string[],
  centers: Record<ProvinceId, PowerId>,
): Position {
  return { ...initialPosition(map), season, units: units(...unitTexts), supplyCenters: centers };
}

/** Centres for a power: the named ones. */
const own = (power: PowerId, ...ids: ProvinceId[]): Record<ProvinceId, PowerId> =>
  Object.fromEntries(ids.map((id) => [id, power]));

describe("board events", () => {
  it("reports a standoff in Burgundy between France and Germany", () => {
    const { events } = play(initialPosition(map), "FRA A par - bur", "GER A mun - bur");
    expect(events).toEqual([{ type: "battle", province: "bur", powers: ["FRA", "GER"] }]);
  });

  it("does not call a power bouncing its own units a battle", () => {
    const { events } = play(initialPosition(map), "FRA A par - bur", "FRA A mar - bur");
    expect(events).toEqual([]);
  });

  it("does not report a failed attack on a held province as a standoff", () => {
    const start = board("spring", ["FRA A bur", "GER A mun"], {});
    const { events } = play(start, "GER A mun - bur");
    expect(events).toEqual([]);
  });

  it("reports a dislodgement with somewhere to retreat", () => {
    const start = board("spring", ["FRA A bur", "GER A ruh", "GER A mun"], {});
    const { events, step } = play(start, "GER A ruh - bur", "GER A mun S A ruh - bur");
    expect(step.next.phase).toBe("retreat");
    expect(events).toEqual([
      {
        type: "dislodgement",
        unit: { power: "FRA", type: "A", location: "bur" },
        by: "GER",
        from: "ruh",
        disbanded: false,
      },
    ]);
  });

  it("reports a dislodgement with nowhere to retreat as disbanded", () => {
    const start = board(
      "spring",
      [
        "FRA A bur",
        "FRA A par",
        "FRA A pic",
        "FRA A gas",
        "FRA A mar",
        "ENG A bel",
        "GER A ruh",
        "GER A mun",
      ],
      {},
    );
    const { events } = play(start, "GER A ruh - bur", "GER A mun S A ruh - bur");
    expect(events).toEqual([
      {
        type: "dislodgement",
        unit: { power: "FRA", type: "A", location: "bur" },
        by: "GER",
        from: "ruh",
        disbanded: true,
      },
    ]);
  });

  it("names the attacker of a convoyed dislodgement", () => {
    const start = board("spring", ["ENG A yor", "ENG F nth", "ENG F eng", "FRA A bel", "GER F hol"], {});
    // England convoys York to Belgium with support from the Channel; Holland cannot help.
    const { events } = play(
      start,
      "ENG A yor - bel via convoy",
      "ENG F nth C A yor - bel",
      "ENG F eng S A yor - bel",
    );
    expect(events).toMatchObject([{ type: "dislodgement", by: "ENG", from: "yor", unit: { power: "FRA" } }]);
  });

  it("reports centres taken in fall from a power and from neutrality, in map order", () => {
    const start = board("fall", ["GER F kie", "GER A bur", "FRA A par"], {
      ...own("FRA", "par", "bre", "mar"),
      ...own("GER", "kie", "ber", "mun"),
    });
    const { events, step } = play(start, "GER F kie - hol", "GER A bur - par", "FRA A par - pic");
    expect(step.next.season).toBe("winter");
    const captures = events.filter((e) => e.type === "center-captured");
    expect(captures).toEqual([
      { type: "center-captured", center: "hol", from: null, to: "GER" },
      { type: "center-captured", center: "par", from: "FRA", to: "GER" },
    ]);
  });

  it("reports no captures in spring, when centres do not change hands", () => {
    const { events } = play(initialPosition(map), "GER F kie - hol");
    expect(events).toEqual([]);
  });

  it("reports a capture after the fall retreats, not in the fall movement before them", () => {
    const start = board("fall", ["FRA A bel", "GER A ruh", "GER A hol"], own("FRA", "bel", "par"));
    const movement = play(start, "GER A ruh - bel", "GER A hol S A ruh - bel");
    expect(movement.step.next.phase).toBe("retreat");
    expect(movement.events.map((e) => e.type)).toEqual(["dislodgement"]);
    const retreat = play(movement.step.next, "FRA A bel - pic");
    expect(retreat.events).toContainEqual({ type: "center-captured", center: "bel", from: "FRA", to: "GER" });
  });

  it("reports an elimination when a power's last centre falls and it has no units", () => {
    const start = board("fall", ["RUS A gal"], { ...own("AUS", "vie"), ...own("RUS", "mos") });
    const { events } = play(start, "RUS A gal - vie");
    expect(events).toEqual([
      { type: "center-captured", center: "vie", from: "AUS", to: "RUS" },
      { type: "elimination", power: "AUS" },
    ]);
  });

  it("waits for the retreat phase to eliminate a power whose last unit is dislodged", () => {
    const start = board(
      "spring",
      [
        "ITA A bur",
        "FRA A par",
        "FRA A pic",
        "FRA A gas",
        "FRA A mar",
        "ENG A bel",
        "GER A ruh",
        "GER A mun",
      ],
      {},
    );
    const movement = play(start, "GER A ruh - bur", "GER A mun S A ruh - bur");
    expect(movement.events.map((e) => e.type)).toEqual(["dislodgement"]);
    const retreat = play(movement.step.next, "ITA A bur disband");
    expect(retreat.events).toEqual([{ type: "elimination", power: "ITA" }]);
  });

  it("reports a solo threat after fall for a power three centres short, but not in spring", () => {
    const french = [
      "par",
      "bre",
      "mar",
      "spa",
      "por",
      "bel",
      "hol",
      "lon",
      "lvp",
      "edi",
      "nwy",
      "swe",
      "den",
      "kie",
    ];
    const centers = own("FRA", ...french);
    const fall = board("fall", ["FRA A bur"], centers);
    const { events } = play(fall, "FRA A bur - mun");
    expect(events).toEqual([
      { type: "center-captured", center: "mun", from: null, to: "FRA" },
      { type: "solo-threat", power: "FRA", centers: 15, needed: 18 },
    ]);
    const spring = board("spring", ["FRA A bur"], centers);
    expect(play(spring, "FRA A bur - mun").events).toEqual([]);
  });

  it("does not call a power with a solo a threat, and orders threats by centres", () => {
    const fall = board("fall", [], {
      ...own(
        "ENG",
        "lon",
        "lvp",
        "edi",
        "nwy",
        "swe",
        "den",
        "kie",
        "ber",
        "mun",
        "hol",
        "bel",
        "par",
        "bre",
        "mar",
        "spa",
      ),
      ...own(
        "TUR",
        "ank",
        "con",
        "smy",
        "bul",
        "gre",
        "ser",
        "rum",
        "sev",
        "mos",
        "war",
        "stp",
        "vie",
        "bud",
        "tri",
        "ven",
        "rom",
      ),
    });
    const { events } = play(fall);
    expect(events).toEqual([
      { type: "solo-threat", power: "TUR", centers: 16, needed: 18 },
      { type: "solo-threat", power: "ENG", centers: 15, needed: 18 },
    ]);
  });

  it("puts battles, captures, eliminations and threats in that order", () => {
    const french = [
      "par",
      "bre",
      "mar",
      "spa",
      "por",
      "lon",
      "lvp",
      "edi",
      "nwy",
      "swe",
      "den",
      "kie",
      "ber",
      "hol",
    ];
    const start = board("fall", ["FRA A ruh", "ITA A pie", "AUS A boh"], {
      ...own("FRA", ...french),
      ...own("GER", "mun"),
    });
    const { events } = play(start, "FRA A ruh - mun", "ITA A pie - tyr", "AUS A boh - tyr");
    expect(events).toEqual([
      { type: "battle", province: "tyr", powers: ["AUS", "ITA"] },
      { type: "center-captured", center: "mun", from: "GER", to: "FRA" },
      { type: "elimination", power: "GER" },
      { type: "solo-threat", power: "FRA", centers: 15, needed: 18 },
    ]);
  });

  it("reports nothing for a retreat or adjustment phase without changes", () => {
    const start = board("spring", ["FRA A bur", "GER A ruh", "GER A mun"], {});
    const movement = play(start, "GER A ruh - bur", "GER A mun S A ruh - bur");
    const retreat = play(movement.step.next, "FRA A bur - par");
    expect(retreat.events).toEqual([]);
  });
});
