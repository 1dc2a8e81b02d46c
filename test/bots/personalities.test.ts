/**
 * Diplomatic personalities behave as named. Three layers:
 * - the stance rules, table-driven (`partnerIntent` on hand-made partner facts);
 * - stories on the classic board: a scripted Italy signs with a bot Austria and stabs it, and the
 *   bot's turns (through `botTurn`, acting on its own `playerView`) show what it does next;
 * - whole bot matches (`playBotMatch`): honesty as a setting, the honest rival never surprises,
 *   always-cooperate never breaks its word, and no bot action is ever refused.
 */
import { describe, expect, it } from "vitest";
import {
  PERSONALITIES,
  botProfile,
  botTurn,
  partnerIntent,
  playBotMatch,
  roundOf,
  trustLedger,
  type BotProfile,
  type BotSeat,
  type PartnerFacts,
  type Personality,
} from "../../shared/src/bots";
import { getMap } from "../../shared/src/map/registry";
import type { GameMap, PowerId } from "../../shared/src/map/types";
import { applyAction } from "../../shared/src/match/actions";
import { resolveMatchPhase } from "../../shared/src/match/resolve";
import { DEFAULT_SETTINGS, newMatch } from "../../shared/src/match/setup";
import type { Action, MatchState } from "../../shared/src/match/types";
import { attackOn, orderFacts } from "../../shared/src/trust/clauses";
import { playerView } from "../../shared/src/match/view";
import { parseOrder } from "../../shared/src/orders/notation";
import type { Order } from "../../shared/src/orders/types";
import { createRng } from "../../shared/src/random";
import { phaseName } from "../../shared/src/trust/calendar";

const classic = getMap("classic")!;

/** Partner facts for round 10 of a match that began at round 0, nothing known. */
function facts(over: Partial<PartnerFacts> = {}): PartnerFacts {
  return {
    round: 10,
    firstRound: 0,
    harmedMe: [],
    harmedByMe: [],
    inForce: false,
    roundsInForce: 0,
    renouncedLastRound: false,
    stabbedBefore: false,
    opening: false,
    ...over,
  };
}

describe("stance rules (partnerIntent)", () => {
  const rng = createRng("table");
  const cases: readonly [string, Personality, Partial<PartnerFacts>, string, boolean][] = [
    // [case, personality, facts, stance, signs]
    ["always-cooperate keeps faith with a stabber", "always-cooperate", { harmedMe: [9] }, "keep", true],
    ["always-cheat signs and attacks", "always-cheat", {}, "attack", true],
    ["steady neither signs nor fights for diplomacy's sake", "steady", { harmedMe: [9] }, "keep", false],
    ["copycat starts in good faith", "copycat", {}, "keep", true],
    ["copycat strikes back at last round's harm", "copycat", { harmedMe: [9] }, "attack", false],
    ["copycat forgives older harm", "copycat", { harmedMe: [8] }, "keep", true],
    ["grudger keeps faith with the innocent", "grudger", {}, "keep", true],
    ["grudger never forgives", "grudger", { harmedMe: [1] }, "attack", false],
    ["copykitten lets one harm pass", "copykitten", { harmedMe: [9] }, "keep", true],
    ["copykitten strikes back after two rounds of harm", "copykitten", { harmedMe: [8, 9] }, "attack", false],
    ["copykitten forgives harm with a gap", "copykitten", { harmedMe: [7, 9] }, "keep", true],
    ["detective opens in good faith", "detective", { round: 0 }, "keep", true],
    ["detective stabs on its second round", "detective", { round: 1 }, "attack", true],
    [
      "detective keeps faith on rounds three and four",
      "detective",
      { round: 3, harmedMe: [2] },
      "keep",
      true,
    ],
    ["detective exploits a partner who never struck back", "detective", { round: 6 }, "attack", true],
    [
      "detective turns copycat after being struck back",
      "detective",
      { round: 6, harmedMe: [2] },
      "keep",
      true,
    ],
    ["detective as copycat answers fresh harm", "detective", { round: 6, harmedMe: [2, 5] }, "attack", false],
    ["simpleton starts in good faith", "simpleton", { round: 0 }, "keep", true],
    ["simpleton: both kept faith → keep", "simpleton", {}, "keep", true],
    [
      "simpleton: harmed while keeping faith → switch to attack",
      "simpleton",
      { harmedMe: [9] },
      "attack",
      false,
    ],
    [
      "simpleton: both attacked → switch to keep",
      "simpleton",
      { harmedMe: [9], harmedByMe: [9] },
      "keep",
      true,
    ],
    ["simpleton: got away with an attack → attack again", "simpleton", { harmedByMe: [9] }, "attack", false],
    ["verifier strikes back once like copycat", "verifier", { harmedMe: [9] }, "attack", false],
    [
      "honest rival keeps a young pact",
      "honest-rival",
      { inForce: true, roundsInForce: 1, opening: true },
      "keep",
      true,
    ],
    [
      "honest rival gives notice when a settled partner lies open",
      "honest-rival",
      { inForce: true, roundsInForce: 2, opening: true },
      "renounce",
      false,
    ],
    [
      "honest rival attacks only after its notice",
      "honest-rival",
      { renouncedLastRound: true },
      "attack",
      false,
    ],
    [
      "honest rival keeps a pact with no opening",
      "honest-rival",
      { inForce: true, roundsInForce: 5 },
      "keep",
      true,
    ],
    [
      "backstabber is a model ally at first",
      "backstabber",
      { inForce: true, roundsInForce: 2, opening: true },
      "keep",
      true,
    ],
    [
      "backstabber stabs once peace is settled",
      "backstabber",
      { inForce: true, roundsInForce: 3, opening: true },
      "attack",
      true,
    ],
    [
      "backstabber does not stab the same partner twice",
      "backstabber",
      { inForce: true, roundsInForce: 3, opening: true, stabbedBefore: true },
      "keep",
      true,
    ],
  ];
  it.each(cases)("%s", (_name, personality, over, stance, sign) => {
    expect(partnerIntent(personality, facts(over), rng)).toEqual({ stance, sign });
  });

  it("random tosses a coin, the same way from the same seed", () => {
    const draws = (seed: string): string[] =>
      Array.from(
        { length: 40 },
        (_, i) => partnerIntent("random", facts({ round: i }), createRng(`${seed}${i}`)).stance,
      );
    expect(draws("s")).toEqual(draws("s"));
    const attacks = draws("s").filter((s) => s === "attack").length;
    expect(attacks).toBeGreaterThan(8);
    expect(attacks).toBeLessThan(32);
  });
});

// ---------------------------------------------------------------------------------------------
// Stories: Italy (scripted) and a bot Austria.

const AUS = "AUS";
const ITA = "ITA";

/** Orders in notation for a power in the current phase. */
function ordersOf(map: GameMap, state: MatchState, power: PowerId, lines: readonly string[]): Order[] {
  return lines.map((line) => {
    const r = parseOrder(line, { map, power, phase: state.position.phase, units: state.position.units });
    if (!r.ok) throw new Error(`${line}: ${r.error.message}`);
    return r.value;
  });
}

/** Applies an action, failing the test when it is refused. */
function must(map: GameMap, state: MatchState, power: PowerId, action: Action): MatchState {
  const r = applyAction(map, state, power, action);
  if (!r.ok) throw new Error(`${power} ${action.type}: ${r.error.message}`);
  return r.value;
}

/** A story: Austria is a bot, Italy and everyone else scripted (everyone else holds). */
class Story {
  state: MatchState;
  readonly turns: ReturnType<typeof botTurn>[] = [];

  constructor(readonly profile: BotProfile) {
    this.state = newMatch(classic, { ...DEFAULT_SETTINGS, yearLimit: 1910 });
  }

  get phase(): string {
    const { year, season, phase } = this.state.position;
    return phaseName({ year, season, phase });
  }

  /** Italy acts; Austria takes its turn, then answers anything new; the phase resolves. */
  play(italy: { actions?: readonly Action[]; orders?: readonly string[] } = {}): ReturnType<typeof botTurn> {
    for (const a of italy.actions ?? []) this.state = must(classic, this.state, ITA, a);
    if (italy.orders)
      this.state = must(classic, this.state, ITA, {
        type: "orders",
        orders: ordersOf(classic, this.state, ITA, italy.orders),
      });
    const turn = this.botActs(false);
    this.botActs(true);
    this.state = resolveMatchPhase(classic, this.state, createRng(`story|${this.phase}`));
    return turn;
  }

  private botActs(respondOnly: boolean): ReturnType<typeof botTurn> {
    const turn = botTurn({
      map: classic,
      view: playerView(this.state, AUS),
      power: AUS,
      profile: this.profile,
      seed: "story",
      respondOnly,
    });
    for (const a of turn.actions) this.state = must(classic, this.state, AUS, a);
    if (!respondOnly) this.turns.push(turn);
    return turn;
  }

  /** Italy proposes an alliance to Austria until the fall of 1903; the commitment's id. */
  allianceProposal(): Action {
    return {
      type: "propose",
      parties: [AUS],
      clauses: [{ kind: "alliance", powers: [AUS, ITA] }],
      until: { year: 1903, season: "fall" },
      visibility: "public",
    };
  }

  /** Whether the bot's orders in a turn attack Italy. */
  attacksItaly(turn: ReturnType<typeof botTurn>, before: MatchState): boolean {
    const orders = turn.actions.flatMap((a) => (a.type === "orders" ? a.orders : []));
    const facts = orderFacts(classic, before.position, {});
    return orders.some((o) => attackOn(facts, o, ITA) !== null);
  }

  /** Whether the bot proposed to Italy in a turn. */
  static proposesToItaly(turn: ReturnType<typeof botTurn>): boolean {
    return turn.actions.some((a) => a.type === "propose" && a.parties.includes(ITA));
  }
}

/** Signs an Italian alliance in spring 1901, then Italy stabs Austria in Trieste in the fall. */
function stabbed(personality: Personality): Story {
  const story = new Story(botProfile(personality));
  const spring = story.play({
    actions: [story.allianceProposal()],
    orders: ["A ven H", "A rom H", "F nap H"],
  });
  expect(spring.actions.some((a) => a.type === "accept")).toBe(true);
  expect(story.state.commitments.find((c) => c.proposer === ITA)?.status).toBe("active");
  expect(story.phase).toBe("Fall 1901 movement");
  story.play({ orders: ["A ven - tri", "A rom - ven", "F nap H"] });
  // The paper prints the stab; Austria's ledger learns it from there.
  const printed = story.state.editions.flatMap((e) => e.articles.map((a) => a.event));
  expect(printed).toContainEqual(
    expect.objectContaining({ type: "defection", by: ITA, against: AUS, kind: "surprise" }),
  );
  expect(trustLedger(playerView(story.state, AUS), AUS)[ITA]!.defectionsAgainstMe).toBe(1);
  while (story.state.position.phase !== "movement") story.play();
  expect(story.phase).toBe("Spring 1902 movement");
  return story;
}

describe("stories: Italy signs with a bot Austria, then stabs it", () => {
  it("a copycat strikes back once, then forgives and offers peace again", () => {
    const story = stabbed("copycat");
    const before = story.state;
    const reprisal = story.play({ orders: [] });
    expect(reprisal.intents[ITA]).toEqual({ stance: "attack", sign: false });
    expect(story.attacksItaly(reprisal, before)).toBe(true);
    expect(reprisal.actions).toContainEqual(
      expect.objectContaining({
        type: "message",
        to: [ITA],
        text: expect.stringMatching(/answer in kind/) as unknown,
      }),
    );
    while (story.state.position.phase !== "movement") story.play();
    // Italy did no harm in the spring: the copycat forgives.
    const beforeFall = story.state;
    const forgiving = story.play({ orders: [] });
    expect(forgiving.intents[ITA]).toEqual({ stance: "keep", sign: true });
    expect(Story.proposesToItaly(forgiving)).toBe(true);
    expect(story.attacksItaly(forgiving, beforeFall)).toBe(false);
  });

  it("a grudger never forgives: it keeps attacking and turns every offer down", () => {
    const story = stabbed("grudger");
    for (let round = 0; round < 4; round++) {
      const offer = round === 1 ? [story.allianceProposal()] : [];
      const turn = story.play({ actions: offer, orders: [] });
      expect(turn.intents[ITA]).toEqual({ stance: "attack", sign: false });
      expect(Story.proposesToItaly(turn)).toBe(false);
      if (round === 1) {
        expect(turn.actions.some((a) => a.type === "reject")).toBe(true);
        expect(turn.actions).toContainEqual(
          expect.objectContaining({ type: "message", text: "You harmed me once. I do not forget." }),
        );
      }
      while (story.state.position.phase !== "movement" && !story.state.result) story.play();
    }
  });

  it("an honest rival gives notice first, keeps the peace that season, and attacks only after", () => {
    const story = new Story(botProfile("honest-rival"));
    story.play({
      actions: [story.allianceProposal()],
      orders: ["A ven - pie", "A rom - apu", "F nap - ion"],
    });
    const seen: { notice: boolean; attack: boolean; phase: string }[] = [];
    while (!story.state.result && story.state.position.year <= 1905) {
      const before = story.state;
      const phase = story.phase;
      const turn = story.play({ orders: [] });
      if (before.position.phase !== "movement") continue;
      seen.push({
        notice: turn.actions.some((a) => a.type === "notice"),
        attack: story.attacksItaly(turn, before),
        phase,
      });
    }
    const noticeAt = seen.findIndex((s) => s.notice);
    expect(noticeAt, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen[noticeAt]!.attack).toBe(false); // it keeps the peace while its notice runs
    expect(seen.slice(0, noticeAt).every((s) => !s.attack)).toBe(true);
    expect(seen[noticeAt + 1]!.attack).toBe(true); // then it acts
    const defections = story.state.history.flatMap((h) => h.defections).filter((d) => d.by === AUS);
    expect(defections).toEqual([]);
  });

  it("a copykitten lets a single stab pass", () => {
    const story = stabbed("copykitten");
    const turn = story.play({ orders: [] });
    expect(turn.intents[ITA]!.stance).toBe("keep");
  });

  it("always-cooperate accepts and never attacks a partner in force", () => {
    const story = new Story(botProfile("always-cooperate"));
    story.play({ actions: [story.allianceProposal()] });
    let checked = 0;
    for (let i = 0; i < 6 && !story.state.result; i++) {
      const before = story.state;
      const turn = story.play();
      const inForce = before.commitments.some((c) => c.status === "active" && c.parties.includes(ITA));
      if (inForce && before.position.phase === "movement") {
        expect(story.attacksItaly(turn, before)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0); // the pact was in force in some movement phase
  });

  it("a verifier signs an alliance but not a promise in words", () => {
    const story = new Story(botProfile("verifier"));
    const words: Action = {
      type: "propose",
      parties: [AUS],
      clauses: [{ kind: "text", text: "Austria stays out of Venice." }],
      until: null,
      visibility: "public",
    };
    const turn = story.play({ actions: [words, story.allianceProposal()] });
    const [textId, allianceId] = story.state.commitments.map((c) => c.id);
    expect(turn.actions).toContainEqual({ type: "reject", commitmentId: textId });
    expect(turn.actions).toContainEqual({ type: "accept", commitmentId: allianceId });
    expect(turn.actions).toContainEqual(
      expect.objectContaining({ type: "message", text: "I sign only what the engine can verify." }),
    );
  });

  it("a steady bot signs nothing and proposes nothing", () => {
    const story = new Story(botProfile("steady"));
    const turn = story.play({ actions: [story.allianceProposal()] });
    expect(turn.actions.some((a) => a.type === "reject")).toBe(true);
    expect(turn.actions.some((a) => a.type === "propose")).toBe(false);
  });

  it("the always-cheat signs and stabs with a lie; with honesty 1 it gives notice instead", () => {
    for (const honesty of [0, 1]) {
      // It accepts Italy's offer and breaks it in the same turn.
      const story = new Story(botProfile("always-cheat", "baseline", honesty));
      const before = story.state;
      const turn = story.play({ actions: [story.allianceProposal()] });
      expect(turn.actions[0]).toMatchObject({ type: "accept" });
      expect(story.attacksItaly(turn, before)).toBe(true);
      const notice = turn.actions.some((a) => a.type === "notice");
      expect(notice).toBe(honesty === 1);
      const printed = story.state.editions.at(-1)!.articles.map((a) => a.event);
      expect(printed).toContainEqual(
        expect.objectContaining({
          type: "defection",
          by: AUS,
          against: ITA,
          kind: honesty === 1 ? "announced" : "surprise",
        }),
      );
      const lie = turn.actions.some(
        (a) => a.type === "message" && a.text === "Nothing has changed between us.",
      );
      expect(lie).toBe(honesty === 0);
    }
  });
});

describe("named cases (bugs found in tournaments)", () => {
  it("a bot that signs after giving its orders gives new ones that keep its word", () => {
    // Austria has already ordered F tri - ven and is ready; then Italy offers an alliance.
    let state = newMatch(classic, { ...DEFAULT_SETTINGS, yearLimit: 1910 });
    state = must(classic, state, AUS, {
      type: "orders",
      orders: ordersOf(classic, state, AUS, ["F tri - ven"]),
    });
    state = must(classic, state, AUS, { type: "ready", ready: true });
    state = must(classic, state, ITA, new Story(botProfile("copycat")).allianceProposal());
    const turn = botTurn({
      map: classic,
      view: playerView(state, AUS),
      power: AUS,
      profile: botProfile("copycat"),
      seed: "late",
      respondOnly: true,
    });
    expect(turn.actions[0]).toMatchObject({ type: "accept" });
    const orders = turn.actions.flatMap((a) => (a.type === "orders" ? a.orders : []));
    expect(orders.length).toBeGreaterThan(0);
    const facts = orderFacts(classic, state.position, {});
    expect(orders.some((o) => attackOn(facts, o, ITA) !== null)).toBe(false);
    expect(turn.actions.at(-1)).toEqual({ type: "ready", ready: true });
  });

  it("a bot with nothing new to sign does not give orders again when it answers", () => {
    let state = newMatch(classic, { ...DEFAULT_SETTINGS, yearLimit: 1910 });
    state = must(classic, state, AUS, { type: "ready", ready: true });
    state = must(classic, state, ITA, new Story(botProfile("grudger")).allianceProposal());
    const turn = botTurn({
      map: classic,
      view: playerView(state, AUS),
      power: AUS,
      profile: botProfile("steady"),
      seed: "late",
      respondOnly: true,
    });
    expect(turn.actions.map((a) => a.type)).toEqual(["reject", "message"]);
  });

  it("the winter adjustments belong to the fall's round", () => {
    expect(roundOf({ year: 1901, season: "winter" })).toBe(roundOf({ year: 1901, season: "fall" }));
    expect(roundOf({ year: 1902, season: "spring" })).toBe(roundOf({ year: 1901, season: "fall" }) + 1);
  });

  it("an honest rival does not take a partner's notice for its own", () => {
    const story = new Story(botProfile("honest-rival"));
    story.play({ actions: [story.allianceProposal()], orders: [] });
    const pact = story.state.commitments.find((c) => c.proposer === ITA)!;
    expect(pact.status).toBe("active");
    story.play({ actions: [{ type: "notice", commitmentId: pact.id }], orders: [] }); // Italy renounces
    expect(story.state.commitments.find((c) => c.id === pact.id)!.status).toBe("renounced");
    while (story.state.position.phase !== "movement") story.play();
    const turn = story.play({ orders: [] });
    expect(turn.intents[ITA]!.stance).toBe("keep");
  });

  it("faithful personalities never break a commitment over seat-rotated matches", () => {
    const cast: Personality[] = [
      "copycat",
      "grudger",
      "verifier",
      "always-cooperate",
      "honest-rival",
      "copykitten",
      "always-cheat",
    ];
    for (let g = 0; g < 7; g++) {
      const rotated = classic.powers.map((_, i) => cast[(i + g) % cast.length]!);
      const record = playBotMatch({
        mapId: "classic",
        seats: rotated.map((p) => ({ label: p, profile: botProfile(p) })),
        seed: `faith${g}`,
        yearLimit: 1910,
      });
      for (const p of record.powers)
        if (p.label !== "always-cheat")
          expect({ who: p.label, broken: p.broken }).toEqual({ who: p.label, broken: 0 });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Whole bot matches.

/** Seats for the classic map from a list of profiles, cycled. */
function seats(profiles: readonly [string, BotProfile][]): BotSeat[] {
  return classic.powers.map((_, i) => {
    const [label, profile] = profiles[i % profiles.length]!;
    return { label, profile };
  });
}

describe("whole bot matches", () => {
  const mixed = seats([
    ["copycat", botProfile("copycat")],
    ["grudger", botProfile("grudger")],
    ["always-cheat", botProfile("always-cheat")],
    ["always-cooperate", botProfile("always-cooperate")],
    ["backstabber", botProfile("backstabber")],
    ["honest-rival", botProfile("honest-rival")],
    ["detective", botProfile("detective")],
  ]);
  const matches = [0, 1, 2, 3].map((i) =>
    playBotMatch({ mapId: "classic", seats: mixed, seed: `mix${i}`, yearLimit: 1908 }),
  );
  const rows = (label: string) => matches.flatMap((m) => m.powers.filter((p) => p.label === label));

  it("no bot action is ever refused by the rules", () => {
    for (const m of matches) expect(m.refused).toBe(0);
  });

  it("always-cooperate and the honest rival never break a commitment; the cheat and the backstabber do", () => {
    for (const r of [...rows("always-cooperate"), ...rows("honest-rival")]) {
      expect(r.broken).toBe(0);
      expect(r.surpriseDefections).toBe(0);
    }
    expect(rows("always-cheat").reduce((n, r) => n + r.broken, 0)).toBeGreaterThan(0);
    expect(rows("detective").reduce((n, r) => n + r.surpriseDefections, 0)).toBeGreaterThan(0);
  });

  it("honesty is a setting: at 1 every break is announced, at 0 none is", () => {
    const cheats = (honesty: number) =>
      [0, 1, 2].flatMap((i) =>
        playBotMatch({
          mapId: "classic",
          seats: seats([
            ["cheat", botProfile("always-cheat", "baseline", honesty)],
            ["coop", botProfile("always-cooperate")],
          ]),
          seed: `honesty${i}`,
          yearLimit: 1904,
        }).powers.filter((p) => p.label === "cheat"),
      );
    const honest = cheats(1);
    const liars = cheats(0);
    expect(honest.reduce((n, r) => n + r.surpriseDefections, 0)).toBe(0);
    expect(honest.reduce((n, r) => n + r.announcedDefections, 0)).toBeGreaterThan(0);
    expect(liars.reduce((n, r) => n + r.announcedDefections, 0)).toBe(0);
    expect(liars.reduce((n, r) => n + r.surpriseDefections, 0)).toBeGreaterThan(0);
  });

  it("every personality plays a whole match without a refused action, the same way from the same seed", () => {
    for (const personality of PERSONALITIES) {
      const options = {
        mapId: "amber",
        seats: getMap("amber")!.powers.map(() => ({ label: personality, profile: botProfile(personality) })),
        seed: personality,
        yearLimit: 1904,
      };
      const a = playBotMatch(options);
      expect(a.refused).toBe(0);
      expect(playBotMatch(options)).toEqual(a);
    }
  });
});
