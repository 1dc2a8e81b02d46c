/**
 * The `npm run adjudicate` tool: the pure line function (the documented examples, every error
 * code, garbage and fuzzed input), all single-movement DATC 3.0 cases through the JSON Lines
 * format, and one run of the real process over standard input and output.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getMap } from "../../shared/src/map";
import { formatOrder } from "../../shared/src/orders";
import {
  adjudicateLine,
  adjudicateLineValue,
  LINE_ERROR_CODES,
  MAX_ORDER_LENGTH,
  phaseSeasons,
  resultKeys,
  type LineOutput,
  type PhaseOutput,
} from "../../tools/adjudicate-line";
import { DATC_CASES, toOrder } from "../datc/datc-file";

const classic = getMap("classic")!;

/** Runs a line given as a value and returns its phases, failing the test on an error line. */
function phasesOf(input: unknown): PhaseOutput[] {
  const out = adjudicateLineValue(JSON.stringify(input));
  if ("error" in out) throw new Error(`unexpected error line: ${out.error.code}: ${out.error.message}`);
  return out.phases;
}

/** The error code a line (text) yields, or null when it adjudicates. */
function errorCode(line: string): string | null {
  const out = JSON.parse(adjudicateLine(line)) as LineOutput;
  return "error" in out ? out.error.code : null;
}

/** A valid line with some fields replaced, as text. */
function line(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    variant: "classic",
    season: "spring",
    year: 1901,
    units: [],
    phases: [],
    ...overrides,
  });
}

const EXAMPLE =
  '{"variant":"classic","season":"fall","year":1901,"units":["ENG F lon","FRA A par"],' +
  '"supplyCenters":{"ENG":["lon","edi","lvp"]},"phases":[{"phase":"movement","orders":["ENG F lon - nth",' +
  '"FRA A par S A bur"]},{"phase":"retreat","orders":[]}]}';

describe("adjudicateLine: the documented examples", () => {
  it("adjudicates the contract example", () => {
    const out = JSON.parse(adjudicateLine(EXAMPLE)) as { phases: PhaseOutput[] };
    const [movement, retreat] = out.phases;
    expect(out.phases).toHaveLength(2);
    expect(movement).toMatchObject({
      phase: "movement",
      results: { "ENG F lon - nth": "succeeds", "FRA A par S A bur": "fails" },
      reasons: { "FRA A par S A bur": { code: "no-unit-to-support" } },
      dislodged: [],
      units_after: ["ENG F nth", "FRA A par"],
    });
    expect(retreat).toMatchObject({ phase: "retreat", results: {}, disbanded: [], dislodged: [] });
    expect(retreat!.units_after).toEqual(["ENG F nth", "FRA A par"]);
    // The fall ends after the retreat: France takes Paris; England keeps its centres.
    expect(retreat!.supply_centers.FRA).toEqual(["par"]);
    expect(retreat!.supply_centers.ENG).toEqual(["edi", "lon", "lvp"]);
    expect(movement!.supply_centers.FRA).toEqual([]);
  });

  it("adjudicates fall movement, retreat and adjustment with builds", () => {
    const [movement, retreat, adjustment] = phasesOf({
      variant: "classic",
      season: "fall",
      year: 1901,
      units: ["FRA A gas", "FRA A bur", "FRA A pic", "GER A bel"],
      supplyCenters: { FRA: ["bre", "mar", "par"], GER: ["ber", "kie", "mun"] },
      phases: [
        {
          phase: "movement",
          orders: ["FRA A gas - spa", "FRA A bur - bel", "FRA A pic S A bur - bel", "GER A bel H"],
        },
        { phase: "retreat", orders: ["GER A bel R hol"] },
        {
          phase: "adjustment",
          orders: [
            "FRA build A par",
            "FRA build F bre",
            "FRA build A mar",
            "GER build A ber",
            "GER build F kie",
            "GER waive",
            "GER build A xyz",
          ],
        },
      ],
    });
    expect(movement!.dislodged).toEqual(["GER A bel"]);
    expect(movement!.units_after).toEqual(["FRA A spa", "FRA A bel", "FRA A pic"]);
    expect(retreat!.results).toEqual({ "GER A bel R hol": "succeeds" });
    expect(retreat!.units_after).toContain("GER A hol");
    expect(retreat!.supply_centers.FRA).toEqual(["bel", "bre", "mar", "par", "spa"]);
    expect(retreat!.supply_centers.GER).toEqual(["ber", "hol", "kie", "mun"]);
    expect(adjustment!.results).toEqual({
      "FRA build A par": "succeeds",
      "FRA build F bre": "succeeds",
      "FRA build A mar": "fails",
      "GER build A ber": "succeeds",
      "GER build F kie": "succeeds",
      "GER waive": "succeeds",
      "GER build A xyz": "invalid",
    });
    expect(adjustment!.reasons).toEqual({
      "FRA build A mar": { code: "too-many-orders", message: "FRA has no more builds" },
      "GER build A xyz": { code: "unknown-province", message: '"xyz" is not a province on this map' },
    });
    expect(adjustment!.built).toEqual(["FRA A par", "FRA F bre", "GER A ber", "GER F kie"]);
    expect(adjustment!.removed).toEqual([]);
    expect(adjustment!.units_after).toHaveLength(8);
  });

  it("disbands dislodged units that get no retreat phase, and captures centres after fall", () => {
    const [movement, next] = phasesOf({
      variant: "classic",
      season: "fall",
      year: 1901,
      units: ["FRA A bur", "FRA A pic", "GER A bel"],
      supplyCenters: { GER: ["bel"] },
      phases: [
        { phase: "movement", orders: ["FRA A bur - bel", "FRA A pic S A bur - bel"] },
        { phase: "movement", orders: [] },
      ],
    });
    expect(movement!.dislodged).toEqual(["GER A bel"]);
    expect(movement!.supply_centers.FRA).toEqual(["bel"]); // the fall ends: no retreat phase follows
    expect(next!.units_after).toEqual(["FRA A bel", "FRA A pic"]);
  });

  it("leaves centres alone after a last fall movement that dislodged a unit (its retreat is pending)", () => {
    const [movement] = phasesOf({
      variant: "classic",
      season: "fall",
      year: 1901,
      units: ["FRA A bur", "FRA A pic", "GER A bel"],
      supplyCenters: { GER: ["bel"] },
      phases: [{ phase: "movement", orders: ["FRA A bur - bel", "FRA A pic S A bur - bel"] }],
    });
    expect(movement!.supply_centers.GER).toEqual(["bel"]);
  });

  it("does not capture centres in spring, and uses the map's starting ownership by default", () => {
    const [movement, fall] = phasesOf({
      variant: "classic",
      season: "spring",
      year: 1901,
      units: ["ENG A yor"],
      phases: [
        { phase: "movement", orders: ["ENG A yor - lon"] },
        { phase: "movement", orders: ["ENG A lon - wal"] },
      ],
    });
    expect(movement!.supply_centers.ENG).toEqual(["edi", "lon", "lvp"]);
    expect(movement!.supply_centers.RUS).toEqual(["mos", "sev", "stp", "war"]);
    expect(fall!.units_after).toEqual(["ENG A wal"]);
  });

  it("fails retreat orders when nobody was dislodged", () => {
    const [, retreat] = phasesOf({
      variant: "classic",
      season: "spring",
      year: 1901,
      units: ["ENG F lon"],
      phases: [
        { phase: "movement", orders: [] },
        { phase: "retreat", orders: ["ENG F lon R nth"] },
      ],
    });
    expect(retreat!.results).toEqual({ "ENG F lon R nth": "fails" });
    expect(retreat!.reasons!["ENG F lon R nth"]!.code).toBe("not-dislodged");
  });

  it("removes units by order and by civil disorder in winter", () => {
    const [adjustment] = phasesOf({
      variant: "classic",
      season: "winter",
      year: 1901,
      units: ["ENG F lon", "ENG F edi", "ENG A lvp"],
      supplyCenters: { ENG: ["lon"] },
      phases: [{ phase: "adjustment", orders: ["ENG remove F edi"] }],
    });
    expect(adjustment!.results).toEqual({ "ENG remove F edi": "succeeds" });
    // Liverpool is farther than London from England's one centre, so it goes by civil disorder.
    expect(adjustment!.removed).toEqual(["ENG F edi", "ENG A lvp"]);
    expect(adjustment!.units_after).toEqual(["ENG F lon"]);
  });

  it("marks orders it cannot understand, or of the wrong phase, invalid with a reason", () => {
    const long = `ENG F lon - nth ${"x".repeat(MAX_ORDER_LENGTH)}`;
    const [movement] = phasesOf({
      variant: "classic",
      season: "spring",
      year: 1901,
      units: ["ENG F lon"],
      phases: [{ phase: "movement", orders: ["F lon - nth", "ENG build F lon", "ENG F lon flies", long] }],
    });
    expect(movement!.results).toEqual({
      "F lon - nth": "invalid",
      "ENG build F lon": "invalid",
      "ENG F lon flies": "invalid",
      [long]: "invalid",
    });
    expect(movement!.reasons!["F lon - nth"]!.code).toBe("missing-power");
    expect(movement!.reasons!["ENG build F lon"]!.code).toBe("wrong-phase");
    expect(movement!.reasons![long]!.code).toBe("order-too-long");
    expect(movement!.units_after).toEqual(["ENG F lon"]);
  });

  it("takes a unit type the order leaves out from the board, in retreats from the dislodged units", () => {
    const [movement, retreat] = phasesOf({
      variant: "classic",
      season: "spring",
      year: 1901,
      units: ["GER A bel", "FRA A bur", "FRA A pic"],
      phases: [
        { phase: "movement", orders: ["FRA bur - bel", "FRA pic S bur - bel"] },
        { phase: "retreat", orders: ["GER bel - hol"] },
      ],
    });
    expect(movement!.dislodged).toEqual(["GER A bel"]);
    expect(retreat!.results).toEqual({ "GER bel - hol": "succeeds" });
  });

  it("keys repeated order texts with #2, #3", () => {
    expect(resultKeys(["a", "b", "a", "a#2", "a"])).toEqual(["a", "b", "a#3", "a#2", "a#4"]);
    const [movement] = phasesOf({
      variant: "classic",
      season: "spring",
      year: 1901,
      units: ["ENG F lon"],
      phases: [{ phase: "movement", orders: ["ENG F lon - nth", "ENG F lon - nth"] }],
    });
    expect(movement!.results).toEqual({ "ENG F lon - nth": "succeeds", "ENG F lon - nth#2": "fails" });
    expect(movement!.reasons!["ENG F lon - nth#2"]!.code).toBe("duplicate-order");
  });

  it("keeps an order text named __proto__ as an ordinary key", () => {
    const out = adjudicateLine(line({ phases: [{ phase: "movement", orders: ["__proto__"] }] }));
    expect(out).toContain('"results":{"__proto__":"invalid"}');
  });

  it("works on the other shipped map", () => {
    const amber = getMap("amber")!;
    const units = amber.start.units.map((u) => `${u.power} ${u.type} ${u.location}`);
    const [movement] = phasesOf({
      variant: "amber",
      season: "spring",
      year: amber.start.year,
      units,
      phases: [{ phase: "movement", orders: [] }],
    });
    expect(movement!.units_after).toEqual(units);
  });
});

describe("adjudicateLine: the calendar", () => {
  it("dates the phases of a line", () => {
    const seasons = (start: "spring" | "fall" | "winter", kinds: string) =>
      phaseSeasons(start, kinds.split(" ") as ("movement" | "retreat" | "adjustment")[]);
    expect(seasons("spring", "movement retreat movement retreat adjustment movement")).toEqual({
      ok: true,
      value: ["spring", "spring", "fall", "fall", "winter", "spring"],
    });
    expect(seasons("fall", "adjustment")).toEqual({ ok: true, value: ["winter"] });
    expect(seasons("fall", "movement movement")).toEqual({ ok: true, value: ["fall", "spring"] });
    expect(seasons("fall", "retreat")).toEqual({ ok: true, value: ["fall"] });
    for (const [start, kinds] of [
      ["spring", "adjustment"],
      ["winter", "movement"],
      ["spring", "movement adjustment"],
      ["fall", "movement retreat retreat"],
      ["winter", "adjustment adjustment"],
      ["winter", "adjustment retreat"],
    ] as const) {
      expect(seasons(start, kinds).ok, `${start}: ${kinds}`).toBe(false);
    }
  });
});

describe("adjudicateLine: error lines", () => {
  const cases: [code: keyof typeof LINE_ERROR_CODES, text: string][] = [
    ["empty-line", ""],
    ["empty-line", "   \t"],
    ["bad-json", "hello"],
    ["bad-json", '{"variant":'],
    ["bad-input", "[1,2]"],
    ["bad-input", "42"],
    ["bad-input", "null"],
    ["bad-input", '"classic"'],
    ["bad-input", "{}"],
    ["bad-input", line({ season: "summer" })],
    ["bad-input", line({ year: 1901.5 })],
    ["bad-input", line({ year: "1901" })],
    ["bad-input", line({ units: "ENG F lon" })],
    ["bad-input", line({ units: [1] })],
    ["bad-input", line({ phases: [{ phase: "build", orders: [] }] })],
    ["bad-input", line({ phases: [{ phase: "movement" }] })],
    ["bad-input", line({ supplyCenters: { ENG: "lon" } })],
    ["bad-input", line({ extra: true })],
    ["unknown-variant", line({ variant: "standard" })],
    ["bad-unit", line({ units: ["F lon"] })],
    ["bad-unit", line({ units: ["XYZ F lon"] })],
    ["bad-unit", line({ units: ["ENG F xyz"] })],
    ["bad-unit", line({ units: ["ENG A nth"] })],
    ["bad-unit", line({ units: ["GER F mun"] })],
    ["bad-unit", line({ units: ["RUS F stp"] })],
    ["bad-unit", line({ units: ["FRA A spa/nc"] })],
    ["units-collide", line({ units: ["RUS F stp/nc", "RUS A stp"] })],
    ["bad-supply-centers", line({ supplyCenters: { XYZ: ["lon"] } })],
    ["bad-supply-centers", line({ supplyCenters: { ENG: ["xyz"] } })],
    ["bad-supply-centers", line({ supplyCenters: { ENG: ["wal"] } })],
    ["bad-supply-centers", line({ supplyCenters: { ENG: ["lon"], FRA: ["lon"] } })],
    ["bad-supply-centers", line({ supplyCenters: { ENG: ["lon", "lon"] } })],
    [
      "bad-supply-centers",
      '{"variant":"classic","season":"spring","year":1901,"units":[],"phases":[],"supplyCenters":{"__proto__":["lon"]}}',
    ],
    ["bad-phase-sequence", line({ phases: [{ phase: "adjustment", orders: [] }] })],
  ];
  for (const [code, text] of cases) {
    it(`${code}: ${text.slice(0, 90)}`, () => {
      expect(errorCode(text)).toBe(code);
    });
  }

  it("names the field in a schema error", () => {
    const out = JSON.parse(adjudicateLine(line({ phases: [{ phase: "movement", orders: [3] }] }))) as {
      error: { message: string };
    };
    expect(out.error.message).toContain("phases[0].orders[0]");
  });

  it("lists the known variants, and tells how to write a split-coast fleet", () => {
    expect(adjudicateLine(line({ variant: "standard" }))).toContain("classic, amber");
    expect(adjudicateLine(line({ units: ["RUS F stp"] }))).toContain('\\"stp/nc\\" or \\"stp/sc\\"');
  });

  it("documents every code in docs/adjudicate.md", () => {
    const doc = readFileSync(new URL("../../docs/adjudicate.md", import.meta.url), "utf8");
    for (const code of Object.keys(LINE_ERROR_CODES)) expect(doc).toContain(`\`${code}\``);
  });

  it("keeps messages short for huge input", () => {
    const huge = "x".repeat(2_000_000);
    for (const text of [huge, line({ variant: huge }), line({ units: [huge] }), `{"a":"${huge}`]) {
      const out = adjudicateLine(text);
      expect(out.length).toBeLessThan(1000);
      expect((JSON.parse(out) as LineOutput as { error: unknown }).error).toBeDefined();
    }
  });
});

describe("adjudicateLine: never throws, always one JSON line", () => {
  const oneLine = (text: string): void => {
    const out = adjudicateLine(text);
    expect(out).not.toContain("\n");
    const value = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(value).length === 1 && ("phases" in value || "error" in value)).toBe(true);
  };

  it("on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), oneLine), { numRuns: 500 });
  });

  it("on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => oneLine(JSON.stringify(v))),
      { numRuns: 500 },
    );
  });

  it("on well-shaped lines with random units and orders", () => {
    const places = classic.locations.map((l) => l.id);
    const unit = fc
      .tuple(
        fc.constantFrom(...classic.powers.map((p) => p.id), "XYZ"),
        fc.constantFrom("A", "F"),
        fc.constantFrom(...places),
      )
      .map((parts) => parts.join(" "));
    const order = fc.oneof(
      fc
        .tuple(
          unit,
          fc.constantFrom("-", "S", "C", "H", "R", "D"),
          fc.constantFrom(...places),
          fc.constantFrom("", " - lon", " via convoy"),
        )
        .map(([u, verb, to, tail]) => `${u} ${verb} ${to}${tail}`),
      unit.map((u) => `${u.split(" ")[0]} build ${u.split(" ").slice(1).join(" ")}`),
      fc.string({ maxLength: 30 }),
    );
    const input = fc.record({
      variant: fc.constantFrom("classic", "classic", "amber"),
      season: fc.constantFrom("spring", "fall", "winter"),
      year: fc.integer({ min: 1901, max: 1910 }),
      units: fc.uniqueArray(unit, { maxLength: 12, selector: (u) => u.split(" ")[2]!.split("/")[0] }),
      phases: fc.array(
        fc.record({
          phase: fc.constantFrom("movement", "retreat", "adjustment"),
          orders: fc.array(order, { maxLength: 8 }),
        }),
        { maxLength: 4 },
      ),
    });
    let adjudicated = 0;
    fc.assert(
      fc.property(input, (v) => {
        const text = JSON.stringify(v);
        oneLine(text);
        if (errorCode(text) === null) adjudicated++;
      }),
      { numRuns: 400 },
    );
    expect(adjudicated).toBeGreaterThan(0);
  });
});

describe("DATC 3.0 through the line format", () => {
  const single = DATC_CASES.filter(
    (c) => c.phases.length === 1 && c.phases[0]!.phase === "movement" && c.expected.machine.movement,
  );

  it("covers every single-movement case", () => {
    expect(single).toHaveLength(137);
  });

  for (const c of single) {
    it(c.id, () => {
      // 6.A.6: the file's setup also puts a German fleet in London; the DATC text has only England's.
      const setup =
        c.id === "6.A.6"
          ? c.setup.units.filter((u) => !(u.power === "GER" && u.location === "lon"))
          : c.setup.units;
      const orders = c.phases[0]!.orders.map((o) =>
        formatOrder(toOrder(o, "movement", setup), { withPower: true }),
      );
      const [movement] = phasesOf({
        variant: "classic",
        season: "spring",
        year: 1901,
        units: setup.map((u) => `${u.power} ${u.type} ${u.location}`),
        phases: [{ phase: "movement", orders }],
      });
      expect(Object.values(movement!.results), "no order misread").not.toContain("invalid");
      const expected = c.expected.machine.movement!;
      if (expected.dislodged) expect([...movement!.dislodged].sort()).toEqual([...expected.dislodged].sort());
      if (expected.units_after)
        expect([...movement!.units_after].sort()).toEqual([...expected.units_after].sort());
    });
  }
});

describe("DATC 3.0 movement and retreat cases through the line format", () => {
  const twoPhase = DATC_CASES.filter(
    (c) => c.phases.map((p) => p.phase).join(" ") === "movement retreat" && c.expected.machine.retreat,
  );

  it("covers the movement-and-retreat cases", () => {
    expect(twoPhase.length).toBeGreaterThanOrEqual(8);
  });

  for (const c of twoPhase) {
    it(c.id, () => {
      const texts = c.phases.map((p) =>
        p.orders.map((o) => formatOrder(toOrder(o, p.phase, c.setup.units), { withPower: true })),
      );
      const [movement, retreat] = phasesOf({
        variant: "classic",
        season: "spring",
        year: 1901,
        units: c.setup.units.map((u) => `${u.power} ${u.type} ${u.location}`),
        phases: [
          { phase: "movement", orders: texts[0] },
          { phase: "retreat", orders: texts[1] },
        ],
      });
      const expected = c.expected.machine;
      if (expected.movement?.dislodged)
        expect([...movement!.dislodged].sort()).toEqual([...expected.movement.dislodged].sort());
      for (const [place, owner] of Object.entries(expected.retreat!.units_after_mila ?? {})) {
        const there = retreat!.units_after.filter((u) => u.endsWith(` ${place}`));
        expect(there, place).toEqual(owner === null ? [] : [`${owner} ${place}`]);
      }
    });
  }
});

describe("the adjudicate command", () => {
  it("answers three lines (valid, garbage, valid) in order over stdin and stdout", async () => {
    const child = spawn("node_modules/.bin/tsx", ["tools/adjudicate.ts"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.stdin.end(`${EXAMPLE}\nnot json at all\n${line({ units: ["ENG F lon"] })}\n`);
    expect(await exited, stderr).toBe(0);
    const lines = stdout.split("\n");
    expect(lines.pop()).toBe(""); // every line ends with a newline
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(adjudicateLine(EXAMPLE));
    expect(JSON.parse(lines[1]!)).toMatchObject({ error: { code: "bad-json" } });
    expect(JSON.parse(lines[2]!)).toEqual({ phases: [] });
  });
});
