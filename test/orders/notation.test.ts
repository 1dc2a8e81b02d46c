// Order notation: every written form parses to its order, errors carry stable codes and families,
// and formatting then parsing gives back the same order for any well-formed order on the map.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getMap } from "../../shared/src/map/registry";
import type { GameMap, LocationId, PowerId, Unit, UnitType } from "../../shared/src/map/types";
import {
  formatOrder,
  NOTATION_ERROR_CODES,
  parseOrder,
  type NotationErrorCode,
  type ParseContext,
} from "../../shared/src/orders/notation";
import { PHASE_KINDS, type Order, type UnitRef } from "../../shared/src/orders/types";

const map: GameMap = getMap("classic")!;

const A = (location: LocationId): UnitRef => ({ type: "A", location });
const F = (location: LocationId): UnitRef => ({ type: "F", location });

type Extra = Omit<ParseContext, "map">;

describe("formatOrder", () => {
  const cases: readonly [Order, string, string][] = [
    [
      { kind: "move", power: "FRA", unit: A("par"), to: "bur", viaConvoy: false },
      "A par - bur",
      "FRA A par - bur",
    ],
    [
      { kind: "move", power: "ENG", unit: A("lon"), to: "bel", viaConvoy: true },
      "A lon - bel via convoy",
      "ENG A lon - bel via convoy",
    ],
    [
      { kind: "convoy", power: "ENG", unit: F("nth"), target: A("lon"), to: "nwy" },
      "F nth C A lon - nwy",
      "ENG F nth C A lon - nwy",
    ],
    [
      { kind: "support", power: "GER", unit: A("mun"), target: A("par"), to: "bur" },
      "A mun S A par - bur",
      "GER A mun S A par - bur",
    ],
    [
      { kind: "support", power: "GER", unit: A("mun"), target: A("ber") },
      "A mun S A ber",
      "GER A mun S A ber",
    ],
    [{ kind: "hold", power: "FRA", unit: A("par") }, "A par H", "FRA A par H"],
    [{ kind: "retreat", power: "AUS", unit: F("tri"), to: "alb" }, "F tri R alb", "AUS F tri R alb"],
    [{ kind: "disband", power: "AUS", unit: F("tri") }, "F tri D", "AUS F tri D"],
    [{ kind: "build", power: "RUS", unit: F("stp/nc") }, "build F stp/nc", "RUS build F stp/nc"],
    [{ kind: "build", power: "FRA", unit: A("par") }, "build A par", "FRA build A par"],
    [{ kind: "remove", power: "FRA", unit: A("pic") }, "remove A pic", "FRA remove A pic"],
    [{ kind: "remove", power: "RUS", unit: A("war") }, "remove A war", "RUS remove A war"],
    [{ kind: "waive", power: "GER" }, "waive", "GER waive"],
    [
      { kind: "move", power: "ENG", unit: F("lon"), to: "nth", viaConvoy: false },
      "F lon - nth",
      "ENG F lon - nth",
    ],
  ];
  it.each(cases)("%j → %s", (order, plain, powered) => {
    expect(formatOrder(order)).toBe(plain);
    expect(formatOrder(order, { withPower: false })).toBe(plain);
    expect(formatOrder(order, { withPower: true })).toBe(powered);
  });
});

describe("parseOrder: notation forms", () => {
  const mv = (power: PowerId, unit: UnitRef, to: LocationId, viaConvoy = false): Order => ({
    kind: "move",
    power,
    unit,
    to,
    viaConvoy,
  });
  const cases: readonly [string, Extra, Order][] = [
    // power prefixes
    ["ENG F lon - nth", {}, mv("ENG", F("lon"), "nth")],
    ["England: F lon - nth", {}, mv("ENG", F("lon"), "nth")],
    ["english f lon - nth", {}, mv("ENG", F("lon"), "nth")],
    ["ENG: F eng - nth", {}, mv("ENG", F("eng"), "nth")],
    ["ENG F eng - nth", { power: "ENG" }, mv("ENG", F("eng"), "nth")],
    ["F lon - nth", { power: "ENG" }, mv("ENG", F("lon"), "nth")],
    ["  eng   f   LON   -   NTH  ", {}, mv("ENG", F("lon"), "nth")],
    // moves and their verbs
    ["A par - bur", { power: "FRA" }, mv("FRA", A("par"), "bur")],
    ["A par-bur", { power: "FRA" }, mv("FRA", A("par"), "bur")],
    ["A par -> bur", { power: "FRA" }, mv("FRA", A("par"), "bur")],
    ["A par to bur", { power: "FRA" }, mv("FRA", A("par"), "bur")],
    ["Army Paris moves to Burgundy", { power: "FRA" }, mv("FRA", A("par"), "bur")],
    ["A par m bur", { power: "FRA" }, mv("FRA", A("par"), "bur")],
    ["A par moves bur", { power: "FRA" }, mv("FRA", A("par"), "bur")],
    ["A Livonia - St Petersburg", { power: "RUS" }, mv("RUS", A("lvn"), "stp")],
    ["A lvn - St. Petersburg", { power: "RUS" }, mv("RUS", A("lvn"), "stp")],
    ["A lvn - st.petersburg", { power: "RUS" }, mv("RUS", A("lvn"), "stp")],
    ["F Mid-Atlantic Ocean - Spain(nc)", { power: "FRA" }, mv("FRA", F("mao"), "spa/nc")],
    ["F Mid Atlantic Ocean - Spain (nc)", { power: "FRA" }, mv("FRA", F("mao"), "spa/nc")],
    ["F mid - spa", { power: "FRA" }, mv("FRA", F("mao"), "spa")],
    ["fleet gulf of lyon - spa/sc", { power: "FRA" }, mv("FRA", F("lyo"), "spa/sc")],
    ["F Gulf of Lyons - spa (south coast)", { power: "FRA" }, mv("FRA", F("lyo"), "spa/sc")],
    ["F Heligoland Bight - hol", { power: "GER" }, mv("GER", F("hel"), "hol")],
    // coasts
    ["F bot - stp/sc", { power: "RUS" }, mv("RUS", F("bot"), "stp/sc")],
    ["F bot - stp sc", { power: "RUS" }, mv("RUS", F("bot"), "stp/sc")],
    ["F bot - stp(sc)", { power: "RUS" }, mv("RUS", F("bot"), "stp/sc")],
    ["F bar - St Petersburg (north coast)", { power: "RUS" }, mv("RUS", F("bar"), "stp/nc")],
    ["F bar - St Petersburg north coast", { power: "RUS" }, mv("RUS", F("bar"), "stp/nc")],
    ["F bar - stp/north coast", { power: "RUS" }, mv("RUS", F("bar"), "stp/nc")],
    ["F bar - stp (n.c.)", { power: "RUS" }, mv("RUS", F("bar"), "stp/nc")],
    ["F bul east coast - con", { power: "TUR" }, mv("TUR", F("bul/ec"), "con")],
    ["F bul/ec - bla", { power: "TUR" }, mv("TUR", F("bul/ec"), "bla")],
    ["F bla - bul (east coast)", { power: "TUR" }, mv("TUR", F("bla"), "bul/ec")],
    ["F mao - spa", { power: "FRA" }, mv("FRA", F("mao"), "spa")],
    ["A spa/nc - por", { power: "FRA" }, mv("FRA", A("spa"), "por")],
    ["A gas - spa/nc", { power: "FRA" }, mv("FRA", A("gas"), "spa")],
    ["F eas - aeg", { power: "TUR" }, mv("TUR", F("eas"), "aeg")],
    // convoy routes
    ["A lon - bel via convoy", { power: "ENG" }, mv("ENG", A("lon"), "bel", true)],
    ["A lon - bel via", { power: "ENG" }, mv("ENG", A("lon"), "bel", true)],
    ["A lon - bel by convoy", { power: "ENG" }, mv("ENG", A("lon"), "bel", true)],
    ["A lon - bel (via convoy)", { power: "ENG" }, mv("ENG", A("lon"), "bel", true)],
    ["lon - bel via convoy", { power: "ENG" }, mv("ENG", A("lon"), "bel", true)],
    // holds
    ["A par H", { power: "FRA" }, { kind: "hold", power: "FRA", unit: A("par") }],
    ["A par holds", { power: "FRA" }, { kind: "hold", power: "FRA", unit: A("par") }],
    ["A par hold", { power: "FRA" }, { kind: "hold", power: "FRA", unit: A("par") }],
    ["A par", { power: "FRA" }, { kind: "hold", power: "FRA", unit: A("par") }],
    ["F Gulf of Bothnia", { power: "RUS" }, { kind: "hold", power: "RUS", unit: F("bot") }],
    ["F stp/sc H", { power: "RUS" }, { kind: "hold", power: "RUS", unit: F("stp/sc") }],
    // supports
    [
      "A mun S A par - bur",
      { power: "GER" },
      { kind: "support", power: "GER", unit: A("mun"), target: A("par"), to: "bur" },
    ],
    [
      "A mun supports A par to bur",
      { power: "GER" },
      { kind: "support", power: "GER", unit: A("mun"), target: A("par"), to: "bur" },
    ],
    [
      "A Munich support Army Paris moves to Burgundy",
      { power: "GER" },
      { kind: "support", power: "GER", unit: A("mun"), target: A("par"), to: "bur" },
    ],
    ["A mun S A ber", { power: "GER" }, { kind: "support", power: "GER", unit: A("mun"), target: A("ber") }],
    [
      "A mun S A ber H",
      { power: "GER" },
      { kind: "support", power: "GER", unit: A("mun"), target: A("ber") },
    ],
    [
      "F gas S F mao - spa/nc",
      { power: "FRA" },
      { kind: "support", power: "FRA", unit: F("gas"), target: F("mao"), to: "spa/nc" },
    ],
    [
      "A bur S A gas - spa/nc",
      { power: "FRA" },
      { kind: "support", power: "FRA", unit: A("bur"), target: A("gas"), to: "spa" },
    ],
    // convoys
    [
      "F nth C A lon - nwy",
      { power: "ENG" },
      { kind: "convoy", power: "ENG", unit: F("nth"), target: A("lon"), to: "nwy" },
    ],
    [
      "F North Sea convoys A London to Norway",
      { power: "ENG" },
      { kind: "convoy", power: "ENG", unit: F("nth"), target: A("lon"), to: "nwy" },
    ],
    [
      "F English Channel C A London - Belgium",
      { power: "ENG" },
      { kind: "convoy", power: "ENG", unit: F("eng"), target: A("lon"), to: "bel" },
    ],
    [
      "F nth convoy lon - nwy",
      { power: "ENG" },
      { kind: "convoy", power: "ENG", unit: F("nth"), target: A("lon"), to: "nwy" },
    ],
    [
      "nth C A lon - nwy",
      { power: "ENG" },
      { kind: "convoy", power: "ENG", unit: F("nth"), target: A("lon"), to: "nwy" },
    ],
    // retreats and disbands
    ["F tri R alb", { power: "AUS" }, { kind: "retreat", power: "AUS", unit: F("tri"), to: "alb" }],
    ["F tri retreats alb", { power: "AUS" }, { kind: "retreat", power: "AUS", unit: F("tri"), to: "alb" }],
    ["F tri retreat to alb", { power: "AUS" }, { kind: "retreat", power: "AUS", unit: F("tri"), to: "alb" }],
    [
      "F tri - alb",
      { power: "AUS", phase: "retreat" },
      { kind: "retreat", power: "AUS", unit: F("tri"), to: "alb" },
    ],
    ["F tri D", { power: "AUS" }, { kind: "disband", power: "AUS", unit: F("tri") }],
    ["F tri disband", { power: "AUS" }, { kind: "disband", power: "AUS", unit: F("tri") }],
    ["F tri disbands", { power: "AUS", phase: "retreat" }, { kind: "disband", power: "AUS", unit: F("tri") }],
    ["disband F tri", { power: "AUS" }, { kind: "disband", power: "AUS", unit: F("tri") }],
    // adjustments
    ["build F stp/nc", { power: "RUS" }, { kind: "build", power: "RUS", unit: F("stp/nc") }],
    ["RUS build F stp/nc", {}, { kind: "build", power: "RUS", unit: F("stp/nc") }],
    ["B F stp/nc", { power: "RUS" }, { kind: "build", power: "RUS", unit: F("stp/nc") }],
    ["F stp/nc B", { power: "RUS" }, { kind: "build", power: "RUS", unit: F("stp/nc") }],
    ["F stp/nc build", { power: "RUS" }, { kind: "build", power: "RUS", unit: F("stp/nc") }],
    ["F stp nc b", { power: "RUS", phase: "adjustment" }, { kind: "build", power: "RUS", unit: F("stp/nc") }],
    ["build A par", { power: "FRA" }, { kind: "build", power: "FRA", unit: A("par") }],
    ["builds army Paris", { power: "FRA" }, { kind: "build", power: "FRA", unit: A("par") }],
    ["remove A war", { power: "RUS" }, { kind: "remove", power: "RUS", unit: A("war") }],
    ["A war remove", { power: "RUS" }, { kind: "remove", power: "RUS", unit: A("war") }],
    ["FRA remove A pic", {}, { kind: "remove", power: "FRA", unit: A("pic") }],
    [
      "disband A war",
      { power: "RUS", phase: "adjustment" },
      { kind: "remove", power: "RUS", unit: A("war") },
    ],
    ["A war D", { power: "RUS", phase: "adjustment" }, { kind: "remove", power: "RUS", unit: A("war") }],
    ["waive", { power: "GER" }, { kind: "waive", power: "GER" }],
    ["GER waive", {}, { kind: "waive", power: "GER" }],
    ["Germany waives", { phase: "adjustment" }, { kind: "waive", power: "GER" }],
    // unit types from the board
    [
      "par - bur",
      { power: "FRA", units: [{ power: "FRA", type: "A", location: "par" }] },
      mv("FRA", A("par"), "bur"),
    ],
    [
      "stp - bot",
      { power: "RUS", units: [{ power: "RUS", type: "F", location: "stp/sc" }] },
      mv("RUS", F("stp/sc"), "bot"),
    ],
    [
      "mun S par - bur",
      {
        power: "GER",
        units: [
          { power: "GER", type: "A", location: "mun" },
          { power: "FRA", type: "A", location: "par" },
        ],
      },
      { kind: "support", power: "GER", unit: A("mun"), target: A("par"), to: "bur" },
    ],
    [
      "A lon H",
      { power: "ENG", units: [{ power: "ENG", type: "F", location: "lon" }] },
      { kind: "hold", power: "ENG", unit: A("lon") },
    ],
  ];
  it.each(cases)("%s %j", (text, extra, expected) => {
    const parsed = parseOrder(text, { map, ...extra });
    expect(parsed).toEqual({ ok: true, value: expected });
  });
});

describe("parseOrder: errors", () => {
  const cases: readonly [string, Extra, NotationErrorCode, RegExp?][] = [
    ["", { power: "ENG" }, "empty"],
    ["   ", { power: "ENG" }, "empty"],
    ["A xyz - bur", { power: "FRA" }, "unknown-province", /"xyz" is not a province on this map/],
    ["A par - Xyz", { power: "FRA" }, "unknown-province", /"Xyz" is not a province on this map/],
    ["A lon - New York", { power: "ENG" }, "unknown-province", /"New York"/],
    ["xyz - bur", { power: "FRA" }, "unknown-province", /"xyz"/],
    ["A par/nc H", { power: "FRA" }, "unknown-coast", /Paris/],
    ["F stp/ec - bot", { power: "RUS" }, "unknown-coast", /St Petersburg/],
    ["F mao - spa (xx)", { power: "FRA" }, "unknown-coast"],
    ["F mao - spa east coast", { power: "FRA" }, "unknown-coast"],
    ["XYZ: A par H", {}, "unknown-power", /"XYZ" is not a power/],
    ["Narnia F lon - nth", {}, "unknown-power"],
    ["A par H", { power: "XYZ" }, "unknown-power"],
    ["A par H", {}, "missing-power"],
    ["waive", {}, "missing-power"],
    ["FRA A par H", { power: "ENG" }, "power-mismatch"],
    ["England: F lon - nth", { power: "FRA" }, "power-mismatch"],
    ["par - bur", { power: "FRA" }, "missing-unit-type"],
    ["mun S par - bur", { power: "GER" }, "missing-unit-type"],
    ["A mun S par - bur", { power: "GER" }, "missing-unit-type"],
    [
      "par - bur",
      { power: "FRA", units: [{ power: "GER", type: "A", location: "mun" }] },
      "missing-unit-type",
    ],
    [
      "build par",
      { power: "FRA", units: [{ power: "FRA", type: "A", location: "par" }] },
      "missing-unit-type",
    ],
    ["A par bur", { power: "FRA" }, "unexpected-words", /"bur"/],
    ["A par - bur now", { power: "FRA" }, "unexpected-words"],
    ["waive everything", { power: "FRA" }, "unexpected-words"],
    ["hello world", { power: "FRA" }, "not-an-order"],
    ["A par -", { power: "FRA" }, "not-an-order"],
    ["F nth C A lon", { power: "ENG" }, "not-an-order"],
    ["England", {}, "not-an-order"],
    ["build A par", { power: "FRA", phase: "movement" }, "wrong-phase"],
    ["A par - bur", { power: "FRA", phase: "adjustment" }, "wrong-phase"],
    ["A par H", { power: "FRA", phase: "retreat" }, "wrong-phase"],
    ["F tri R alb", { power: "AUS", phase: "movement" }, "wrong-phase"],
    ["F tri D", { power: "AUS", phase: "movement" }, "wrong-phase"],
    ["waive", { power: "GER", phase: "retreat" }, "wrong-phase"],
    ["A mun S A ber", { power: "GER", phase: "retreat" }, "wrong-phase"],
    ["A lon - bel via convoy", { power: "ENG", phase: "retreat" }, "wrong-phase"],
    ["F lon - bel via convoy", { power: "ENG" }, "via-convoy-fleet"],
    [
      "lon - bel via convoy",
      { power: "ENG", units: [{ power: "ENG", type: "F", location: "lon" }] },
      "via-convoy-fleet",
    ],
  ];
  it.each(cases)("%s %j → %s", (text, extra, code, message) => {
    const parsed = parseOrder(text, { map, ...extra });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.family).toBe(NOTATION_ERROR_CODES[code].family);
    expect(parsed.error.message.length).toBeGreaterThan(0);
    if (message) expect(parsed.error.message).toMatch(message);
  });

  it("puts illegal only the phase and convoy errors", () => {
    const illegal = Object.entries(NOTATION_ERROR_CODES)
      .filter(([, v]) => v.family === "illegal")
      .map(([k]) => k);
    expect(illegal.sort()).toEqual(["via-convoy-fleet", "wrong-phase"]);
  });

  it("uses kebab-case codes", () => {
    for (const code of Object.keys(NOTATION_ERROR_CODES)) expect(code).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });

  it("reports an invalid order before an illegal one", () => {
    const parsed = parseOrder("build par", { map, power: "FRA", phase: "movement" });
    expect(!parsed.ok && parsed.error.code).toBe("missing-unit-type");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const powers = map.powers.map((p) => p.id);
const armyLocations = map.locations.filter((l) => l.army).map((l) => l.id);
const fleetLocations = map.locations.filter((l) => l.fleet).map((l) => l.id);

const locationFor = (type: UnitType): fc.Arbitrary<LocationId> =>
  fc.constantFrom(...(type === "A" ? armyLocations : fleetLocations));
const unitOf = (type: UnitType): fc.Arbitrary<UnitRef> =>
  locationFor(type).map((location) => ({ type, location }));
const anyUnit: fc.Arbitrary<UnitRef> = fc.oneof(unitOf("A"), unitOf("F"));
const powerArb = fc.constantFrom(...powers);

/** Any well-formed order on the classic map: locations fit the unit types. */
const orderArb: fc.Arbitrary<Order> = fc.oneof(
  fc.record({ kind: fc.constant("hold" as const), power: powerArb, unit: anyUnit }),
  anyUnit.chain((unit) =>
    fc.record({
      kind: fc.constant("move" as const),
      power: powerArb,
      unit: fc.constant(unit),
      to: locationFor(unit.type),
      viaConvoy: unit.type === "A" ? fc.boolean() : fc.constant(false),
    }),
  ),
  fc
    .tuple(powerArb, anyUnit, anyUnit, fc.boolean())
    .chain(([power, unit, target, withTo]) =>
      withTo
        ? locationFor(target.type).map((to): Order => ({ kind: "support", power, unit, target, to }))
        : fc.constant<Order>({ kind: "support", power, unit, target }),
    ),
  fc.record({
    kind: fc.constant("convoy" as const),
    power: powerArb,
    unit: unitOf("F"),
    target: unitOf("A"),
    to: locationFor("A"),
  }),
  anyUnit.chain((unit) =>
    fc.record({
      kind: fc.constant("retreat" as const),
      power: powerArb,
      unit: fc.constant(unit),
      to: locationFor(unit.type),
    }),
  ),
  fc.record({ kind: fc.constant("disband" as const), power: powerArb, unit: anyUnit }),
  fc.record({ kind: fc.constant("build" as const), power: powerArb, unit: anyUnit }),
  fc.record({ kind: fc.constant("remove" as const), power: powerArb, unit: anyUnit }),
  fc.record({ kind: fc.constant("waive" as const), power: powerArb }),
);

const phaseOf = (order: Order): (typeof PHASE_KINDS)[number] =>
  ["retreat", "disband"].includes(order.kind)
    ? "retreat"
    : ["build", "remove", "waive"].includes(order.kind)
      ? "adjustment"
      : "movement";

describe("parseOrder ∘ formatOrder", () => {
  it("gives back the order when the power is written", () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        expect(parseOrder(formatOrder(order, { withPower: true }), { map })).toEqual({
          ok: true,
          value: order,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("gives back the order when the power comes from the context", () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        expect(parseOrder(formatOrder(order), { map, power: order.power })).toEqual({
          ok: true,
          value: order,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("gives back the order in its own phase", () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        const phase = phaseOf(order);
        expect(parseOrder(formatOrder(order, { withPower: true }), { map, phase })).toEqual({
          ok: true,
          value: order,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("is tolerant of case and spacing", () => {
    fc.assert(
      fc.property(orderArb, fc.boolean(), (order, upper) => {
        const text = formatOrder(order, { withPower: true }).split(" ").join("   ");
        const written = upper ? text.toUpperCase() : text.toLowerCase();
        expect(parseOrder(`  ${written} `, { map })).toEqual({ ok: true, value: order });
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseOrder never throws", () => {
  const words = [
    ...map.provinces.flatMap((p) => [p.id, p.name, ...p.aliases]),
    ...map.powers.flatMap((p) => [p.id, p.name, p.adjective, `${p.name}:`]),
    ...["-", "->", "to", "moves", "m", "S", "supports", "C", "convoys", "H", "holds", "R", "retreats", "D"],
    ...["disband", "build", "B", "remove", "waive", "via", "by", "convoy", "A", "F", "army", "fleet"],
    ...["/", "(", ")", "nc", "sc", "ec", "north", "coast", ":", "(nc)", "/sc", "", ".", "+", "xyz"],
  ];
  const units: readonly Unit[] = map.start.units;
  const contextArb = fc.record(
    {
      power: fc.oneof(fc.constantFrom(...powers), fc.string()),
      phase: fc.constantFrom(...PHASE_KINDS),
      units: fc.constant(units),
    },
    { requiredKeys: [] },
  );
  const check = (text: string, extra: Extra): void => {
    const parsed = parseOrder(text, { map, ...extra });
    if (!parsed.ok) {
      expect(Object.keys(NOTATION_ERROR_CODES)).toContain(parsed.error.code);
      expect(parsed.error.family).toBe(NOTATION_ERROR_CODES[parsed.error.code as NotationErrorCode].family);
    }
  };

  it("on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), contextArb, check), {
      numRuns: 2000,
    });
    fc.assert(fc.property(fc.string(), contextArb, check), { numRuns: 2000 });
  });

  it("on sequences of real words", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { maxLength: 10 }),
        fc.constantFrom(" ", "", "  "),
        contextArb,
        (tokens, sep, extra) => check(tokens.join(sep), extra),
      ),
      { numRuns: 5000 },
    );
  });
});
