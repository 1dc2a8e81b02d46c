// Legal orders against the adjudicator. The UI and the bots order only what `legalOrders` offers,
// so (1) every order it offers must be one the adjudicator accepts (no `reason`), and (2) every
// order the adjudicator accepts for a real unit should be offered, up to the notational leniency
// the adjudicator allows on purpose (see `offeredForms`). Checked on DATC 6.G.19, on random boards
// and on positions played from the start, on every shipped map.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjudicateMovement } from "../../shared/src/adjudicator/movement";
import { initialPosition, resolvePhase } from "../../shared/src/game/phases";
import type { Position } from "../../shared/src/game/position";
import { getMap, MAP_IDS } from "../../shared/src/map/registry";
import type { GameMap, LocationId, PowerId, ProvinceId, Unit, UnitType } from "../../shared/src/map/types";
import { legalOrders } from "../../shared/src/orders/legal";
import type { Order, UnitRef } from "../../shared/src/orders/types";
import { createRng } from "../../shared/src/random";

const classic: GameMap = getMap("classic")!;

// ---- Helpers ------------------------------------------------------------------------------------

function unit(text: string): Unit {
  const [power, type, location] = text.split(" ") as [PowerId, UnitType, string];
  return { power, type, location };
}

/** A movement position on `map` with the given units. */
function movementPosition(map: GameMap, units: readonly Unit[]): Position {
  return { ...initialPosition(map), units };
}

/** Every movement order `legalOrders` offers to `power`. */
function offered(map: GameMap, position: Position, power: PowerId): Order[] {
  const result = legalOrders(map, position, power);
  if (result.phase !== "movement") throw new Error(`expected movement, got ${result.phase}`);
  return result.units.flatMap((u) => u.orders);
}

/** The reason the adjudicator gives for ignoring `order` when it is the only order, if any. */
function rejection(map: GameMap, units: readonly Unit[], order: Order): string | undefined {
  return adjudicateMovement(map, units, [order]).results[0]!.reason?.code;
}

/** A stable text key of a movement order, every field included. */
function key(o: Order): string {
  const ref = (r: UnitRef): string => `${r.type} ${r.location}`;
  switch (o.kind) {
    case "hold":
      return `${o.power} ${ref(o.unit)} H`;
    case "move":
      return `${o.power} ${ref(o.unit)} - ${o.to}${o.viaConvoy ? " via convoy" : ""}`;
    case "support":
      return `${o.power} ${ref(o.unit)} S ${ref(o.target)}${o.to === undefined ? "" : ` - ${o.to}`}`;
    case "convoy":
      return `${o.power} ${ref(o.unit)} C ${ref(o.target)} - ${o.to}`;
    default:
      throw new Error(`not a movement order: ${o.kind}`);
  }
}

const flip = (t: UnitType): UnitType => (t === "A" ? "F" : "A");

/** Every way a unit may stand in each province of `map`, by province index. */
function placementsOf(map: GameMap): readonly (readonly { type: UnitType; location: string }[])[] {
  return map.provinces.map((p) =>
    map.locations
      .filter((l) => l.province === p.id)
      .flatMap((l) => [
        ...(l.army ? [{ type: "A" as const, location: l.id }] : []),
        ...(l.fleet ? [{ type: "F" as const, location: l.id }] : []),
      ]),
  );
}

/** Random legal boards: units on distinct provinces, each of a type that can stand there. */
function boardArb(map: GameMap, seaAndShoreOnly: boolean, maxUnits: number): fc.Arbitrary<Unit[]> {
  const placements = placementsOf(map);
  const provinces = map.provinces.filter((p) => !seaAndShoreOnly || p.kind !== "land").map((p) => p.index);
  return fc
    .uniqueArray(
      fc.tuple(fc.constantFrom(...provinces), fc.nat(), fc.constantFrom(...map.powers.map((p) => p.id))),
      { selector: (t) => t[0], maxLength: maxUnits },
    )
    .map((picks) =>
      picks.map(([p, k, power]) => {
        const options = placements[p]!;
        return { power, ...options[k % options.length]! };
      }),
    );
}

/**
 * Plays `phases` phases from the start of `map`, every unit taking a random legal order (builds,
 * removals and retreats too), and returns the units of the last movement position reached.
 */
function playedUnits(map: GameMap, seed: number, phases: number): readonly Unit[] {
  const rng = createRng(seed);
  let position = initialPosition(map);
  let lastMovement = position.units;
  for (let i = 0; i < phases; i++) {
    if (position.phase === "movement") lastMovement = position.units;
    const orders: Order[] = [];
    for (const power of map.powers) {
      const legal = legalOrders(map, position, power.id);
      if (legal.phase === "adjustment") {
        const pool = legal.change > 0 ? [...legal.builds] : [...legal.removals];
        for (let k = 0; k < Math.abs(legal.change) && pool.length > 0; k++) {
          orders.push(pool.splice(rng.int(pool.length), 1)[0]!);
        }
      } else {
        for (const u of legal.units) orders.push(rng.pick(u.orders));
      }
    }
    position = resolvePhase(map, position, orders).next;
  }
  return position.phase === "movement" ? position.units : lastMovement;
}

/** Arbitrary movement positions of `map`: random boards, sea-heavy boards, and played games. */
function positionArb(map: GameMap, maxUnits: number): fc.Arbitrary<readonly Unit[]> {
  return fc.oneof(
    boardArb(map, false, maxUnits),
    boardArb(map, true, maxUnits),
    fc.tuple(fc.nat(), fc.nat(12)).map(([seed, phases]) => playedUnits(map, seed, phases)),
  );
}

// ---- DATC 6.G.19 --------------------------------------------------------------------------------

describe("DATC 6.G.19: a fleet no convoy route needs may not convoy", () => {
  const units = ["FRA A mar", "FRA F wes", "ITA F lyo", "ITA A spa"].map(unit);
  const position = movementPosition(classic, units);
  const wesConvoy: Order = {
    kind: "convoy",
    power: "FRA",
    unit: { type: "F", location: "wes" },
    target: { type: "A", location: "mar" },
    to: "spa",
  };
  const lyoConvoy: Order = { ...wesConvoy, power: "ITA", unit: { type: "F", location: "lyo" } };

  it("does not offer F wes C A mar - spa, which the adjudicator rejects", () => {
    const fra = offered(classic, position, "FRA").map(key);
    expect(fra).not.toContain(key(wesConvoy));
    expect(rejection(classic, units, wesConvoy)).toBe("convoy-not-on-route");
    // wes is still needed beyond lyo: for the shores lyo does not touch.
    expect(fra).toEqual(
      expect.arrayContaining([
        "FRA F wes C A mar - naf",
        "FRA F wes C A mar - tun",
        "FRA A mar - spa via convoy",
      ]),
    );
  });

  it("offers F lyo C A mar - spa to Italy, which the adjudicator accepts", () => {
    expect(offered(classic, position, "ITA").map(key)).toContain(key(lyoConvoy));
    expect(rejection(classic, units, lyoConvoy)).toBeUndefined();
  });
});

// ---- Every offered order is accepted -------------------------------------------------------------

describe.each(MAP_IDS.map((id) => [id, getMap(id)!] as const))(
  "every order legalOrders offers on %s is accepted by the adjudicator",
  (_id, map) => {
    it("alone, on random and played positions", () => {
      fc.assert(
        fc.property(positionArb(map, 34), (units) => {
          const position = movementPosition(map, units);
          for (const power of map.powers) {
            for (const order of offered(map, position, power.id)) {
              const why = rejection(map, units, order);
              if (why !== undefined) expect.fail(`${key(order)} rejected: ${why}`);
            }
          }
        }),
        { numRuns: 150 },
      );
    });

    it("alone, at the start", () => {
      const position = initialPosition(map);
      for (const power of map.powers) {
        for (const order of offered(map, position, power.id)) {
          expect(rejection(map, position.units, order), key(order)).toBeUndefined();
        }
      }
    });
  },
);

// ---- Every accepted order is offered --------------------------------------------------------------

/** What a test needs to know about one board. */
interface Board {
  readonly map: GameMap;
  readonly units: readonly Unit[];
  readonly at: ReadonlyMap<ProvinceId, Unit>; // unit by province
}

const provinceOf = (map: GameMap, location: LocationId): ProvinceId => map.location.get(location)!.province;

function boardOf(map: GameMap, units: readonly Unit[]): Board {
  return { map, units, at: new Map(units.map((u) => [provinceOf(map, u.location), u])) };
}

/** The unit a reference names, with its real type and location. */
function real(b: Board, r: UnitRef): UnitRef {
  const u = b.at.get(provinceOf(b.map, r.location))!;
  return { type: u.type, location: u.location };
}

/** The fleet locations of the province of `to`, when it is a split-coast province named bare. */
function coastsOfBare(map: GameMap, to: LocationId): LocationId[] | null {
  const l = map.location.get(to)!;
  if (l.fleet || l.coast !== null) return null;
  const coasts = map.locations.filter((m) => m.province === l.province && m.coast !== null).map((m) => m.id);
  return coasts.length > 0 ? coasts : null;
}

/** Whether the unit `r` could itself be ordered to move to `to`, by land, sea or convoy. */
function canMove(b: Board, r: UnitRef, to: LocationId): boolean {
  const u = b.at.get(provinceOf(b.map, r.location))!;
  const base = { kind: "move", power: u.power, unit: r, to } as const;
  return [false, true].some((viaConvoy) => rejection(b.map, b.units, { ...base, viaConvoy }) === undefined);
}

/**
 * The forms in which `legalOrders` offers an order the adjudicator accepted alone: at least one of
 * them must be offered. `null` when the order is, on purpose, not offered in any form.
 *
 * The adjudicator's deliberate leniency, normalised here:
 * - the unit type letter of the ordered or the supported/convoyed unit is ignored (the board wins);
 * - an army may name a coast (`A gas - spa/nc`), also in a support of an army's move;
 * - a fleet may name a split-coast province bare when it reaches only one of its coasts;
 * - a support may name a split-coast province bare for a fleet's move (the generator names each
 *   coast the fleet can reach);
 * - (not among the candidates, but normalised too) a unit may be named by another location of its
 *   province (`F spa` for `F spa/nc`), and a convoy may name a coast as the army's destination.
 *
 * Further differences found, which the generator does not offer on purpose:
 * - an army's move to a non-adjacent province written without "via convoy" is accepted when a
 *   route exists (it is a convoyed move, DATC 4.A.3); the generator writes it "via convoy";
 * - a support of a move the supported unit could not make (say `F nth S A yor - nwg`, or
 *   `F wes S F lyo - spa/nc`) is accepted — a support is judged by the supporter's reach only, and
 *   such a support simply never counts. The generator offers supports of possible moves only.
 */
function offeredForms(b: Board, order: Order): Order[] | null {
  const { map } = b;
  switch (order.kind) {
    case "hold":
      return [{ ...order, unit: real(b, order.unit) }];
    case "move": {
      const unitRef = real(b, order.unit);
      if (unitRef.type === "A") {
        const to = provinceOf(map, order.to);
        const adjacent = (map.armyAdjacency.get(unitRef.location) ?? []).includes(to);
        return [{ ...order, unit: unitRef, to, viaConvoy: order.viaConvoy || !adjacent }];
      }
      const coasts = coastsOfBare(map, order.to);
      const reach = map.fleetAdjacency.get(unitRef.location) ?? [];
      const to = coasts ? coasts.filter((c) => reach.includes(c)) : [order.to];
      return to.map((t) => ({ ...order, unit: unitRef, to: t }));
    }
    case "support": {
      const unitRef = real(b, order.unit);
      const target = real(b, order.target);
      if (order.to === undefined) return [{ ...order, unit: unitRef, target }];
      const tos =
        target.type === "A" ? [provinceOf(map, order.to)] : (coastsOfBare(map, order.to) ?? [order.to]);
      const possible = tos.filter((to) => canMove(b, target, to));
      return possible.length === 0 ? null : possible.map((to) => ({ ...order, unit: unitRef, target, to }));
    }
    case "convoy":
      return [
        { ...order, unit: real(b, order.unit), target: real(b, order.target), to: provinceOf(map, order.to) },
      ];
    default:
      throw new Error(`not a movement order: ${order.kind}`);
  }
}

/** Which kinds of candidate orders to try. */
type Kinds = ReadonlySet<Order["kind"]>;
const ALL_KINDS: Kinds = new Set(["hold", "move", "support", "convoy"]);

/**
 * Candidate orders for every unit: hold; a move to every location (armies also via convoy); a
 * support to hold of every other unit and of its move to every location; a convoy of every army to
 * every coastal province. Some wrong unit type letters are mixed in. Only the given kinds.
 */
function candidates(b: Board, kinds: Kinds): Order[] {
  const { map, units } = b;
  const coastal = map.provinces.filter((p) => p.kind === "coast").map((p) => p.id);
  const out: Order[] = [];
  for (const u of units) {
    const power = u.power;
    const ref: UnitRef = { type: u.type, location: u.location };
    const wrong: UnitRef = { type: flip(u.type), location: u.location };
    if (kinds.has("hold")) out.push({ kind: "hold", power, unit: ref }, { kind: "hold", power, unit: wrong });
    for (const l of kinds.has("move") ? map.locations : []) {
      out.push({ kind: "move", power, unit: ref, to: l.id, viaConvoy: false });
      out.push({ kind: "move", power, unit: wrong, to: l.id, viaConvoy: false });
      if (u.type === "A") out.push({ kind: "move", power, unit: ref, to: l.id, viaConvoy: true });
    }
    for (const t of units) {
      if (t === u) continue;
      const target: UnitRef = { type: t.type, location: t.location };
      if (kinds.has("support")) {
        out.push({ kind: "support", power, unit: ref, target });
        out.push({ kind: "support", power, unit: ref, target: { ...target, type: flip(t.type) } });
        for (const l of map.locations) out.push({ kind: "support", power, unit: ref, target, to: l.id });
      }
      if (t.type !== "A" || !kinds.has("convoy")) continue;
      for (const to of coastal) out.push({ kind: "convoy", power, unit: ref, target, to });
    }
  }
  return out;
}

/**
 * Checks one board both ways, for the candidate orders of the given kinds: every candidate the
 * adjudicator accepts is offered in some form (unless not offered on purpose), and every offered
 * order of those kinds is an accepted candidate as written. Returns the accepted counts by kind.
 */
function compare(map: GameMap, units: readonly Unit[], kinds: Kinds = ALL_KINDS): Record<string, number> {
  const b = boardOf(map, units);
  const position = movementPosition(map, units);
  const legal = new Set(
    map.powers
      .flatMap((p) => offered(map, position, p.id))
      .filter((o) => kinds.has(o.kind))
      .map(key),
  );
  const accepted = new Set<string>();
  const counts: Record<string, number> = {};
  for (const order of candidates(b, kinds)) {
    if (rejection(map, units, order) !== undefined) continue;
    accepted.add(key(order));
    counts[order.kind] = (counts[order.kind] ?? 0) + 1;
    const forms = offeredForms(b, order);
    if (forms === null) continue;
    if (!forms.some((f) => legal.has(key(f))))
      expect.fail(`${key(order)} is accepted but not offered (as ${forms.map(key).join(" or ")})`);
  }
  for (const k of legal) if (!accepted.has(k)) expect.fail(`${k} is offered but not accepted`);
  return counts;
}

describe.each(MAP_IDS.map((id) => [id, getMap(id)!] as const))(
  "every order the adjudicator accepts on %s is offered by legalOrders",
  (_id, map) => {
    it("at the start", () => {
      compare(map, initialPosition(map).units);
    });

    it("on a sample of random and played positions", () => {
      fc.assert(
        fc.property(positionArb(map, 24), (units) => {
          compare(map, units);
        }),
        { numRuns: 8 },
      );
    });

    it("for moves and convoys, on many sea-heavy boards", () => {
      const kinds: Kinds = new Set(["move", "convoy"]);
      fc.assert(
        fc.property(boardArb(map, true, 24), (units) => {
          compare(map, units, kinds);
        }),
        { numRuns: 40 },
      );
    });
  },
);

describe("every order the adjudicator accepts on classic is offered, in known convoy positions", () => {
  it.each([
    ["DATC 6.G.19", ["FRA A mar", "FRA F wes", "ITA F lyo", "ITA A spa"]],
    ["the North Sea", ["ENG A lon", "ENG F nth", "FRA F nwg", "GER F hel", "GER A den"]],
    [
      "a crowded Mediterranean",
      [
        "ENG A lon",
        "ENG F eng",
        "FRA F mao",
        "ITA F wes",
        "ITA F lyo",
        "ITA F tys",
        "TUR F ion",
        "ITA A nap",
      ],
    ],
  ])("%s", (_name, texts) => {
    expect(compare(classic, texts.map(unit))["convoy"]).toBeGreaterThan(0);
  });
});
