/**
 * Malformed and illegal actions: each row sets up a match, deep-freezes it, tries one action and
 * expects the refusal code from `ACTION_ERROR_CODES` — with the state deep-equal to before (and,
 * being frozen, not mutated). A few rows check that the near-miss twin of a refused action is
 * accepted, so the refusals are for the stated reason.
 */
import { describe, expect, it } from "vitest";
import type { Position } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import type { PowerId } from "../../shared/src/map/types";
import { ACTION_ERROR_CODES, applyAction, type ActionErrorCode } from "../../shared/src/match/actions";
import { resolveMatchPhase } from "../../shared/src/match/resolve";
import { DEFAULT_SETTINGS, newMatch } from "../../shared/src/match/setup";
import type { Action, MatchSettings, MatchState } from "../../shared/src/match/types";
import type { Order } from "../../shared/src/orders/types";
import { createRng } from "../../shared/src/random";
import type { Clause } from "../../shared/src/trust/types";

const map = getMap("classic")!;

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/** A classic match with the given settings, after the given actions (each must be accepted). */
function matchAfter(
  actions: readonly (readonly [PowerId, Action])[] = [],
  settings: Partial<MatchSettings> = {},
): MatchState {
  let state = newMatch(map, { ...DEFAULT_SETTINGS, ...settings });
  for (const [power, action] of actions) {
    const result = applyAction(map, state, power, action);
    if (!result.ok) throw new Error(`setup: ${power} ${action.type} refused: ${result.error.code}`);
    state = result.value;
  }
  return state;
}

const hold = (power: PowerId, type: "A" | "F", location: string): Order => ({
  kind: "hold",
  power,
  unit: { type, location },
});
const na = (from: PowerId, to: PowerId): Clause => ({ kind: "non-aggression", from, to });
const propose = (
  parties: PowerId[],
  clauses: Clause[] = [{ kind: "text", text: "Peace." }],
  visibility: "public" | "secret" = "public",
): Action => ({ type: "propose", parties, clauses, until: null, visibility });
const accept = (commitmentId: string): Action => ({ type: "accept", commitmentId });
const message = (to: PowerId[]): Action => ({ type: "message", to, text: "Hello." });

/** England proposes a public text pact to France (c1). */
const proposed: [PowerId, Action][] = [["ENG", propose(["FRA"])]];
/** …and France accepts it. */
const signed: [PowerId, Action][] = [...proposed, ["FRA", accept("c1")]];

/** A match whose phases resolved until the game ended by a unanimous draw. */
function finished(): MatchState {
  let state = matchAfter();
  for (const p of state.powers) {
    const r = applyAction(map, state, p, { type: "draw-vote", vote: true });
    if (r.ok) state = r.value;
  }
  return resolveMatchPhase(map, state, createRng("draw"));
}

/** A match where Austria has lost every unit and centre. */
function austriaGone(): MatchState {
  const state = matchAfter();
  const position: Position = {
    ...state.position,
    units: state.position.units.filter((u) => u.power !== "AUS"),
    supplyCenters: Object.fromEntries(
      Object.entries(state.position.supplyCenters).filter(([, o]) => o !== "AUS"),
    ),
  };
  return { ...state, position };
}

interface Row {
  readonly name: string;
  readonly state: () => MatchState;
  readonly power: PowerId;
  readonly action: Action;
  readonly code: ActionErrorCode;
}

const ROWS: Row[] = [
  // Orders
  {
    name: "orders for another power's unit",
    state: () => matchAfter(),
    power: "ENG",
    action: { type: "orders", orders: [hold("FRA", "F", "bre")] },
    code: "not-your-order",
  },
  {
    name: "an English order for a French unit",
    state: () => matchAfter(),
    power: "ENG",
    action: { type: "orders", orders: [hold("ENG", "F", "bre")] },
    code: "illegal-order",
  },
  {
    name: "an army marching into the sea",
    state: () => matchAfter(),
    power: "ENG",
    action: {
      type: "orders",
      orders: [
        { kind: "move", power: "ENG", unit: { type: "A", location: "lvp" }, to: "iri", viaConvoy: false },
      ],
    },
    code: "illegal-order",
  },
  {
    name: "a move to a province out of reach",
    state: () => matchAfter(),
    power: "ENG",
    action: {
      type: "orders",
      orders: [
        { kind: "move", power: "ENG", unit: { type: "A", location: "lvp" }, to: "mun", viaConvoy: false },
      ],
    },
    code: "illegal-order",
  },
  {
    name: "a build in a movement phase",
    state: () => matchAfter(),
    power: "ENG",
    action: {
      type: "orders",
      orders: [{ kind: "build", power: "ENG", unit: { type: "F", location: "lon" } }],
    },
    code: "illegal-order",
  },
  {
    name: "too many orders",
    state: () => matchAfter(),
    power: "ENG",
    action: { type: "orders", orders: Array.from({ length: 40 }, () => hold("ENG", "F", "lon")) },
    code: "too-many-orders",
  },
  // Commitments
  {
    name: "accepting an unknown commitment",
    state: () => matchAfter(proposed),
    power: "FRA",
    action: accept("c99"),
    code: "unknown-commitment",
  },
  {
    name: "accepting a secret proposal one is no party to",
    state: () => matchAfter([["ENG", propose(["FRA"], undefined, "secret")]]),
    power: "GER",
    action: accept("c1"),
    code: "unknown-commitment",
  },
  {
    name: "accepting a public proposal one is no party to",
    state: () => matchAfter(proposed),
    power: "GER",
    action: accept("c1"),
    code: "not-a-party",
  },
  {
    name: "accepting twice",
    state: () =>
      matchAfter([
        ["ENG", propose(["FRA", "GER"])],
        ["FRA", accept("c1")],
      ]),
    power: "FRA",
    action: accept("c1"),
    code: "already-accepted",
  },
  {
    name: "the proposer accepting its own proposal",
    state: () => matchAfter(proposed),
    power: "ENG",
    action: accept("c1"),
    code: "already-accepted",
  },
  {
    name: "accepting a commitment already in force",
    state: () => matchAfter(signed),
    power: "FRA",
    action: accept("c1"),
    code: "not-proposed",
  },
  {
    name: "accepting a rejected proposal",
    state: () => matchAfter([...proposed, ["FRA", { type: "reject", commitmentId: "c1" }]]),
    power: "FRA",
    action: accept("c1"),
    code: "not-proposed",
  },
  {
    name: "a non-proposer withdrawing",
    state: () => matchAfter(proposed),
    power: "FRA",
    action: { type: "withdraw", commitmentId: "c1" },
    code: "not-the-proposer",
  },
  {
    name: "the proposer rejecting its own proposal",
    state: () => matchAfter(proposed),
    power: "ENG",
    action: { type: "reject", commitmentId: "c1" },
    code: "not-the-proposer",
  },
  {
    name: "notice on a proposal",
    state: () => matchAfter(proposed),
    power: "ENG",
    action: { type: "notice", commitmentId: "c1" },
    code: "not-in-force",
  },
  {
    name: "notice twice",
    state: () => matchAfter([...signed, ["ENG", { type: "notice", commitmentId: "c1" }]]),
    power: "ENG",
    action: { type: "notice", commitmentId: "c1" },
    code: "notice-already-given",
  },
  {
    name: "notice by an outsider",
    state: () => matchAfter(signed),
    power: "GER",
    action: { type: "notice", commitmentId: "c1" },
    code: "not-a-party",
  },
  {
    name: "a proposal to oneself",
    state: () => matchAfter(),
    power: "ENG",
    action: propose(["ENG"]),
    code: "bad-parties",
  },
  {
    name: "a proposal naming a party twice",
    state: () => matchAfter(),
    power: "ENG",
    action: propose(["FRA", "FRA"]),
    code: "bad-parties",
  },
  {
    name: "a proposal to a power not on the map",
    state: () => matchAfter(),
    power: "ENG",
    action: propose(["XYZ"]),
    code: "bad-parties",
  },
  {
    name: "a clause naming a power outside the commitment",
    state: () => matchAfter(),
    power: "ENG",
    action: propose(["FRA"], [na("ENG", "GER")]),
    code: "bad-clause",
  },
  {
    name: "a demilitarised zone in a province that does not exist",
    state: () => matchAfter(),
    power: "ENG",
    action: propose(["FRA"], [{ kind: "demilitarised-zone", powers: ["ENG"], provinces: ["atlantis"] }]),
    code: "bad-clause",
  },
  {
    name: "a commitment that ended before it began",
    state: () => matchAfter(),
    power: "ENG",
    action: { ...propose(["FRA"]), until: { year: 1900, season: "fall" } } as Action,
    code: "bad-term",
  },
  {
    name: "a third verifiable clause for a 3-centre power",
    state: () =>
      matchAfter([
        ["ENG", propose(["FRA"], [na("ENG", "FRA"), na("FRA", "ENG")])],
        ["FRA", accept("c1")],
      ]),
    power: "ENG",
    action: propose(["GER"], [na("ENG", "GER")]),
    code: "over-capacity",
  },
  // Press
  {
    name: "messaging oneself",
    state: () => matchAfter(),
    power: "ENG",
    action: message(["ENG"]),
    code: "bad-recipients",
  },
  {
    name: "a message to nobody",
    state: () => matchAfter(),
    power: "ENG",
    action: message([]),
    code: "bad-recipients",
  },
  {
    name: "a message naming a recipient twice",
    state: () => matchAfter(),
    power: "ENG",
    action: message(["FRA", "FRA"]),
    code: "bad-recipients",
  },
  {
    name: "leaking someone else's message",
    state: () => matchAfter([["ENG", message(["FRA"])]]),
    power: "GER",
    action: { type: "leak", messageId: "m1" },
    code: "unknown-message",
  },
  {
    name: "leaking one's own message",
    state: () => matchAfter([["ENG", message(["FRA"])]]),
    power: "ENG",
    action: { type: "leak", messageId: "m1" },
    code: "not-a-recipient",
  },
  {
    name: "leaking twice",
    state: () =>
      matchAfter([
        ["ENG", message(["FRA"])],
        ["FRA", { type: "leak", messageId: "m1" }],
      ]),
    power: "FRA",
    action: { type: "leak", messageId: "m1" },
    code: "already-leaked",
  },
  {
    name: "leaking again after the paper printed it",
    state: () => {
      const state = matchAfter([
        ["ENG", message(["FRA"])],
        ["FRA", { type: "leak", messageId: "m1" }],
      ]);
      return resolveMatchPhase(map, state, createRng("leak"));
    },
    power: "FRA",
    action: { type: "leak", messageId: "m1" },
    code: "already-leaked",
  },
  {
    name: "a private message in a public-press match",
    state: () => matchAfter([], { pressMode: "public" }),
    power: "ENG",
    action: message(["FRA"]),
    code: "press-not-allowed",
  },
  {
    name: "a secret proposal in a public-press match",
    state: () => matchAfter([], { pressMode: "public" }),
    power: "ENG",
    action: propose(["FRA"], undefined, "secret"),
    code: "press-not-allowed",
  },
  {
    name: "a communiqué in a no-press match",
    state: () => matchAfter([], { pressMode: "none" }),
    power: "ENG",
    action: { type: "communique", text: "Hello world." },
    code: "press-not-allowed",
  },
  // Who may act
  {
    name: "anything after the game ended",
    state: finished,
    power: "ENG",
    action: { type: "ready", ready: true },
    code: "game-over",
  },
  {
    name: "orders after the game ended",
    state: finished,
    power: "ENG",
    action: { type: "orders", orders: [] },
    code: "game-over",
  },
  {
    name: "a power not in the match",
    state: () => newMatch(map, DEFAULT_SETTINGS, ["ENG", "FRA"]),
    power: "GER",
    action: { type: "ready", ready: true },
    code: "not-in-game",
  },
  {
    name: "an eliminated power messaging",
    state: austriaGone,
    power: "AUS",
    action: message(["ITA"]),
    code: "eliminated",
  },
  {
    name: "an eliminated power voting",
    state: austriaGone,
    power: "AUS",
    action: { type: "draw-vote", vote: true },
    code: "eliminated",
  },
  {
    name: "a proposal to an eliminated power",
    state: austriaGone,
    power: "ITA",
    action: propose(["AUS"]),
    code: "bad-parties",
  },
];

describe("refused actions", () => {
  it("every row uses a listed code", () => {
    for (const row of ROWS) expect(Object.keys(ACTION_ERROR_CODES)).toContain(row.code);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))("%s", (_name, row) => {
    const state = deepFreeze(row.state());
    const before = structuredClone(state);
    const result = applyAction(map, state, row.power, row.action);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(row.code);
      expect(result.error.message.length).toBeGreaterThan(0);
    }
    expect(state).toEqual(before);
  });
});

describe("the accepted twins of refused actions", () => {
  const twins: [string, () => MatchState, PowerId, Action][] = [
    ["England's own hold", () => matchAfter(), "ENG", { type: "orders", orders: [hold("ENG", "F", "lon")] }],
    ["a party accepting", () => matchAfter(proposed), "FRA", accept("c1")],
    ["the proposer withdrawing", () => matchAfter(proposed), "ENG", { type: "withdraw", commitmentId: "c1" }],
    [
      "notice on a commitment in force",
      () => matchAfter(signed),
      "ENG",
      { type: "notice", commitmentId: "c1" },
    ],
    [
      "a recipient leaking",
      () => matchAfter([["ENG", message(["FRA"])]]),
      "FRA",
      { type: "leak", messageId: "m1" },
    ],
    [
      "a free-text pact beyond capacity",
      () =>
        matchAfter([
          ["ENG", propose(["FRA"], [na("ENG", "FRA"), na("FRA", "ENG")])],
          ["FRA", accept("c1")],
        ]),
      "ENG",
      propose(["GER"]),
    ],
    ["a surviving power voting", austriaGone, "ITA", { type: "draw-vote", vote: true }],
  ];
  it.each(twins)("%s", (_name, make, power, action) => {
    const state = deepFreeze(make());
    const result = applyAction(map, state, power, action);
    expect(result.ok).toBe(true);
  });
});
