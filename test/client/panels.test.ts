/**
 * The client panels' pure helpers: conversation keys and unread counting for the press, the
 * reputation/prestige series rebuilt from the editions, the network of commitments, the clause
 * builder's clauses against the shared `clauseSchema`, and the replay of past positions.
 */
import { describe, expect, it } from "vitest";
import {
  BUILDER_KINDS,
  clauseProblem,
  defaultClause,
  nextSeason,
  parseSeasonValue,
  proposalParties,
  seasonsFrom,
  seasonValue,
} from "../../client/src/panels/clause-builder";
import { positionsBefore, startPosition } from "../../client/src/panels/history-logic";
import {
  COMMUNIQUES_KEY,
  conversationKey,
  conversationOf,
  conversations,
  isPressItem,
  markRead,
  mergeItems,
  participantsOf,
  unreadCounts,
  type PressItem,
} from "../../client/src/panels/press-logic";
import { networkEdges, seriesRange, standingSeries } from "../../client/src/panels/standing";
import { randomOrders } from "../../shared/src/game/random-play";
import { getMap } from "../../shared/src/map/registry";
import { applyAction } from "../../shared/src/match/actions";
import { resolveMatchPhase } from "../../shared/src/match/resolve";
import { DEFAULT_SETTINGS, newMatch } from "../../shared/src/match/setup";
import type { MatchState } from "../../shared/src/match/types";
import type { Edition } from "../../shared/src/newspaper/types";
import { createRng } from "../../shared/src/random";
import { clauseSchema } from "../../shared/src/trust/clauses";
import { PRESETS } from "../../shared/src/trust/presets";
import type { Clause, Commitment, PhaseRef } from "../../shared/src/trust/types";

const map = getMap("classic")!;
const preset = PRESETS["default"]!;
const S1901: PhaseRef = { year: 1901, season: "spring", phase: "movement" };

let clock = 1000;
function msg(from: string, to: string[], text = "hi", id = `p${clock}`): PressItem {
  return { id, kind: "message", from, to, text, at: S1901, sentAt: clock++ };
}
function communique(from: string, text = "peace"): PressItem {
  return { id: `p${clock}`, kind: "communique", from, to: [], text, at: S1901, sentAt: clock++ };
}

describe("conversation keys", () => {
  it("are the sorted set of participants, whatever the order or repeats", () => {
    expect(conversationKey(["FRA", "ENG"])).toBe("ENG+FRA");
    expect(conversationKey(["ENG", "FRA", "ENG"])).toBe("ENG+FRA");
    expect(conversationKey(["TUR", "AUS", "RUS"])).toBe("AUS+RUS+TUR");
    expect(participantsOf("AUS+RUS+TUR")).toEqual(["AUS", "RUS", "TUR"]);
    expect(participantsOf(COMMUNIQUES_KEY)).toEqual([]);
  });

  it("put a message and its reply in one conversation, a group in another", () => {
    const a = msg("ENG", ["FRA"]);
    const b = msg("FRA", ["ENG"]);
    const g = msg("ENG", ["GER", "FRA"]);
    expect(conversationOf(a)).toBe(conversationOf(b));
    expect(conversationOf(g)).toBe("ENG+FRA+GER");
    expect(conversationOf(communique("ENG"))).toBe(COMMUNIQUES_KEY);
  });

  it("group the messages, most recently active first, leaving communiqués out", () => {
    const items = [msg("ENG", ["FRA"]), msg("ENG", ["GER", "FRA"]), communique("RUS"), msg("FRA", ["ENG"])];
    const list = conversations(items);
    expect(list.map((c) => c.key)).toEqual(["ENG+FRA", "ENG+FRA+GER"]);
    expect(list[0]!.items).toHaveLength(2);
    expect(list[0]!.participants).toEqual(["ENG", "FRA"]);
  });
});

describe("unread counting", () => {
  const items = [
    msg("FRA", ["ENG"]),
    msg("ENG", ["FRA"]),
    msg("FRA", ["ENG"]),
    msg("GER", ["ENG", "RUS"]),
    communique("TUR"),
    communique("ENG"),
  ];

  it("counts items by others per conversation, never one's own", () => {
    expect(unreadCounts(items, "ENG", {})).toEqual({ "ENG+FRA": 2, "ENG+GER+RUS": 1, [COMMUNIQUES_KEY]: 1 });
  });

  it("drops a conversation once read, and counts only what came after", () => {
    let marks = markRead({}, items, "ENG", "ENG+FRA");
    expect(unreadCounts(items, "ENG", marks)["ENG+FRA"]).toBeUndefined();
    const more = [...items, msg("FRA", ["ENG"]), msg("ENG", ["FRA"])];
    expect(unreadCounts(more, "ENG", marks)["ENG+FRA"]).toBe(1);
    marks = markRead(marks, more, "ENG", "ENG+FRA");
    expect(unreadCounts(more, "ENG", marks)).toEqual({ "ENG+GER+RUS": 1, [COMMUNIQUES_KEY]: 1 });
  });

  it("keeps the same marks object when nothing new was read", () => {
    const marks = markRead({}, items, "ENG", "ENG+FRA");
    expect(markRead(marks, items, "ENG", "ENG+FRA")).toBe(marks);
  });

  it("counts every communiqué as unread for a spectator", () => {
    expect(unreadCounts(items, null, {})[COMMUNIQUES_KEY]).toBe(2);
  });
});

describe("press items", () => {
  it("merge by id, oldest first", () => {
    const a = msg("ENG", ["FRA"]);
    const b = msg("FRA", ["ENG"]);
    const merged = mergeItems([b], [a, b]);
    expect(merged.map((i) => i.id)).toEqual([a.id, b.id]);
  });

  it("are recognised only in the server's shape", () => {
    expect(isPressItem(msg("ENG", ["FRA"]))).toBe(true);
    expect(isPressItem({ id: "x", kind: "shout", from: "ENG", to: [], text: "", at: S1901, sentAt: 1 })).toBe(
      false,
    );
    expect(isPressItem(null)).toBe(false);
    expect(isPressItem({ ...msg("ENG", ["FRA"]), to: [1] })).toBe(false);
  });
});

/** An edition with the given standing events. */
function edition(number: number, events: Edition["articles"][number]["event"][]): Edition {
  return {
    number,
    phase: { year: 1901, season: number % 2 === 1 ? "spring" : "fall", phase: "movement" },
    articles: events.map((event) => ({ event, headline: "" })),
  };
}

describe("standing series", () => {
  const powers = ["ENG", "FRA", "GER"];

  it("starts at the preset's values and carries values over editions that do not mention a power", () => {
    const editions = [
      edition(1, [{ type: "reputation", power: "ENG", delta: -15, value: 35, reason: "surprise-defection" }]),
      edition(2, [{ type: "prestige", power: "FRA", delta: -5, value: 45, reason: "surprise-victim" }]),
    ];
    const series = standingSeries(powers, preset, editions);
    expect(series).toHaveLength(3);
    expect(series[0]).toMatchObject({ edition: 0, phase: null, reputation: { ENG: 50, FRA: 50, GER: 50 } });
    expect(series[1]!.reputation).toEqual({ ENG: 35, FRA: 50, GER: 50 });
    expect(series[1]!.prestige).toEqual({ ENG: 50, FRA: 50, GER: 50 });
    expect(series[2]!.reputation.ENG).toBe(35);
    expect(series[2]!.prestige).toEqual({ ENG: 50, FRA: 45, GER: 50 });
  });

  it("takes the last value an edition prints, and orders editions by number", () => {
    const editions = [
      edition(2, [
        { type: "reputation", power: "GER", delta: 2, value: 42, reason: "year-without-defection" },
      ]),
      edition(1, [
        { type: "reputation", power: "GER", delta: -5, value: 45, reason: "announced-defection" },
        { type: "reputation", power: "GER", delta: -5, value: 40, reason: "leak" },
      ]),
    ];
    const series = standingSeries(powers, preset, editions);
    expect(series.map((p) => p.reputation.GER)).toEqual([50, 40, 42]);
    expect(series.map((p) => p.edition)).toEqual([0, 1, 2]);
  });

  it("ends at the match's reputation and prestige after real phases", () => {
    let state: MatchState = newMatch(map, DEFAULT_SETTINGS);
    const pact = applyAction(map, state, "ENG", {
      type: "propose",
      parties: ["FRA"],
      clauses: [{ kind: "alliance", powers: ["ENG", "FRA"] }],
      until: null,
      visibility: "public",
    });
    if (!pact.ok) throw new Error(pact.error.code);
    const signed = applyAction(map, pact.value, "FRA", { type: "accept", commitmentId: "c1" });
    if (!signed.ok) throw new Error(signed.error.code);
    state = signed.value;
    const rng = createRng("panels-series");
    for (let i = 0; i < 14 && state.result === null; i++) {
      const orders = randomOrders(map, state.position, rng);
      const byPower: Record<string, typeof orders> = {};
      for (const o of orders) (byPower[o.power] ??= []).push(o);
      state = { ...state, orders: byPower };
      state = resolveMatchPhase(map, state, rng);
    }
    const series = standingSeries(state.powers, preset, state.editions);
    const moved = state.editions.some((e) => e.articles.some((a) => a.event.type === "reputation"));
    expect(moved).toBe(true);
    expect(series).toHaveLength(state.editions.length + 1);
    expect(series[series.length - 1]!.reputation).toEqual(state.reputation);
    expect(series[series.length - 1]!.prestige).toEqual(state.prestige);

    // The replay of the history reaches the match's position.
    const before = positionsBefore(map, state.powers, state.history);
    expect(before[0]).toEqual(startPosition(map, state.powers));
    expect(before[0]).toEqual(newMatch(map, DEFAULT_SETTINGS).position);
    const last = state.history[state.history.length - 1]!;
    expect(before).toHaveLength(state.history.length);
    const units = (u: readonly { location: string }[]) => u.map((x) => x.location).sort();
    expect(units(last.resolved.resolution.units)).toEqual(units(state.position.units));
  });

  it("gives a readable range within 0–100", () => {
    const flat = standingSeries(["ENG"], preset, []);
    const [lo, hi] = seriesRange(flat, "reputation");
    expect(lo).toBeLessThanOrEqual(50);
    expect(hi).toBeGreaterThanOrEqual(50);
    expect(hi - lo).toBeGreaterThanOrEqual(20);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(100);
  });
});

function commitment(id: string, parties: string[], over: Partial<Commitment> = {}): Commitment {
  return {
    id,
    proposer: parties[0]!,
    parties,
    clauses: [{ kind: "text", text: "Peace." }],
    until: null,
    visibility: "public",
    status: "active",
    acceptedBy: parties,
    proposedAt: S1901,
    signedAt: S1901,
    endedAt: null,
    exposed: false,
    ...over,
  };
}

describe("network of commitments", () => {
  const list = [
    commitment("c1", ["ENG", "FRA"]),
    commitment("c2", ["ENG", "FRA"], { visibility: "secret" }),
    commitment("c3", ["AUS", "ITA", "TUR"]),
    commitment("c4", ["GER", "RUS"], { status: "proposed", signedAt: null }),
    commitment("c5", ["GER", "RUS"], { status: "broken" }),
    commitment("c6", ["ENG", "GER"], { status: "renounced" }),
  ];

  it("links every pair of the parties of commitments in force, public and secret apart", () => {
    const edges = networkEdges(list, "ENG");
    expect(edges).toContainEqual({ a: "ENG", b: "FRA", publicIds: ["c1"], secretIds: ["c2"] });
    expect(edges.filter((e) => e.publicIds.includes("c3")).map((e) => `${e.a}+${e.b}`)).toEqual([
      "AUS+ITA",
      "AUS+TUR",
      "ITA+TUR",
    ]);
    expect(edges.some((e) => e.a === "GER")).toBe(false);
  });

  it("shows a secret commitment only to its parties", () => {
    const edges = networkEdges(list, "TUR");
    expect(edges.find((e) => e.a === "ENG")).toEqual({
      a: "ENG",
      b: "FRA",
      publicIds: ["c1"],
      secretIds: [],
    });
    expect(networkEdges([list[1]!], null)).toEqual([]);
  });

  it("keeps a commitment with a pending notice until the phase ends", () => {
    const edges = networkEdges(list, "ENG", new Set(["c6"]));
    expect(edges).toContainEqual({ a: "ENG", b: "GER", publicIds: ["c6"], secretIds: [] });
  });
});

describe("clause builder", () => {
  const parties = ["ENG", "FRA"];
  const now = { year: 1901, season: "spring" } as const;

  /** The default clause of a kind with its open fields filled in. */
  function filled(kind: (typeof BUILDER_KINDS)[number]): Clause {
    const c = defaultClause(kind, "ENG", parties, now);
    switch (c.kind) {
      case "demilitarised-zone":
        return { ...c, provinces: ["eng", "bel"] };
      case "support-pledge":
        return { ...c, supporter: "lon", supported: "bre", to: "eng" };
      case "cede":
        return { ...c, province: "bel" };
      default:
        return c;
    }
  }

  it.each(BUILDER_KINDS)("builds a valid %s clause (clauseSchema and the module's rules)", (kind) => {
    const clause = filled(kind);
    expect(clauseSchema.safeParse(clause).success).toBe(true);
    expect(clauseProblem(clause, map, parties)).toBeNull();
  });

  it("names the other party and the proposer in the defaults", () => {
    expect(defaultClause("non-aggression", "ENG", parties, now)).toEqual({
      kind: "non-aggression",
      from: "ENG",
      to: "FRA",
    });
    expect(defaultClause("alliance", "FRA", parties, now)).toEqual({
      kind: "alliance",
      powers: ["FRA", "ENG"],
    });
    expect(defaultClause("demilitarised-zone", "ENG", parties, now)).toMatchObject({
      powers: ["ENG", "FRA"],
    });
  });

  it("dates a support pledge in a movement season", () => {
    const c = defaultClause("support-pledge", "ENG", parties, { year: 1901, season: "winter" });
    expect(c).toMatchObject({ when: { year: 1902, season: "spring" } });
  });

  it("says in plain words what is missing or wrong", () => {
    expect(clauseProblem(defaultClause("demilitarised-zone", "ENG", parties, now), map, parties)).toMatch(
      /at least one province/,
    );
    expect(clauseProblem(defaultClause("support-pledge", "ENG", parties, now), map, parties)).toMatch(
      /supporting unit/,
    );
    expect(clauseProblem(defaultClause("cede", "ENG", parties, now), map, parties)).toMatch(
      /province to cede/,
    );
    expect(clauseProblem({ kind: "non-aggression", from: "ENG", to: "GER" }, map, parties)).toMatch(
      /not a party/,
    );
    expect(clauseProblem({ kind: "non-aggression", from: "ENG", to: "ENG" }, map, parties)).toMatch(/itself/);
    expect(
      clauseProblem({ kind: "no-build", power: "ENG", centers: ["nth"], fleetsOnly: false }, map, parties),
    ).toMatch(/not a supply centre/);
    expect(clauseProblem({ kind: "text", text: "  " }, map, parties)).toMatch(/text/);
    expect(clauseProblem({ kind: "text", text: "We split the Balkans." }, map, parties)).toBeNull();
  });

  it("orders the parties as the match does, the proposer included once", () => {
    expect(proposalParties(["AUS", "ENG", "FRA", "GER"], "FRA", ["GER", "AUS", "FRA"])).toEqual([
      "AUS",
      "FRA",
      "GER",
    ]);
  });

  it("lists seasons from now, with or without winters, and reads them back", () => {
    expect(nextSeason({ year: 1901, season: "winter" })).toEqual({ year: 1902, season: "spring" });
    expect(seasonsFrom({ year: 1901, season: "fall" }, 3).map(seasonValue)).toEqual([
      "1901-fall",
      "1901-winter",
      "1902-spring",
    ]);
    expect(seasonsFrom({ year: 1901, season: "fall" }, 3, true).map(seasonValue)).toEqual([
      "1901-fall",
      "1902-spring",
      "1902-fall",
    ]);
    for (const s of seasonsFrom(now, 9)) expect(parseSeasonValue(seasonValue(s))).toEqual(s);
    expect(parseSeasonValue("")).toBeNull();
    expect(parseSeasonValue("1902-summer")).toBeNull();
  });
});
