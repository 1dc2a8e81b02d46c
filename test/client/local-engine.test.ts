/**
 * The offline match's engine (client/src/local/engine.ts), in node: setting a match up, the human's
 * moves mapped from boardgame.io move names to actions (and refused like the server refuses them),
 * the press log of the headless press (messages, communiqués, a leak naming a message), the bots'
 * schedule (one full turn each per phase, a respondOnly turn for a proposal put to them later),
 * resolving when everyone is ready, a whole short match, and saving and loading.
 */
import { describe, expect, it } from "vitest";
import { phaseKey } from "../../shared/src/game/position";
import {
  ACTION_OF_MOVE,
  botOrder,
  createLocalMatch,
  humanAct,
  loadLocalMatch,
  LOCAL_STORAGE_KEY,
  mapOfLocal,
  nextStep,
  pressFor,
  runStep,
  saveLocalMatch,
  settle,
  unanswered,
  type LocalMatch,
  type LocalSetup,
  type SaveStorage,
} from "../../client/src/local/engine";
import { MOVE_NAMES } from "../../shared/src/match/game";
import { getMap } from "../../shared/src/map/registry";
import type { PowerId } from "../../shared/src/map/types";
import { parseOrder } from "../../shared/src/orders/notation";

const NOW = 1_700_000_000_000;

function setup(overrides: Partial<LocalSetup> = {}): LocalMatch {
  const made = createLocalMatch(
    { mapId: "classic", human: "ENG", bots: {}, yearLimit: null, seed: "test-seed", ...overrides },
    NOW,
  );
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

function act(m: LocalMatch, move: string, payload: unknown): LocalMatch {
  const r = humanAct(m, move, payload, NOW);
  if (!r.ok) throw new Error(`${move} refused: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Runs only the bots' full turns of the phase (not the resolution). */
function botsTakeTurns(m: LocalMatch): LocalMatch {
  const map = mapOfLocal(m);
  let current = m;
  for (;;) {
    const step = nextStep(current, map);
    if (step === null || step.kind !== "turn") return current;
    current = runStep(current, map, step, NOW);
  }
}

/** An order in notation, for a power. */
function order(text: string, power: PowerId = "ENG") {
  const parsed = parseOrder(text, { map: getMap("classic")!, power, phase: "movement" });
  if (!parsed.ok) throw new Error(`bad order ${text}`);
  return parsed.value;
}

class MemoryStorage implements SaveStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

describe("setting up a local match", () => {
  it("gives the human a power and every other power a bot", () => {
    const m = setup({ bots: { FRA: "grudger" } });
    expect(m.state.powers).toHaveLength(7);
    expect(m.human).toBe("ENG");
    expect(Object.keys(m.bots).sort()).toEqual(["AUS", "FRA", "GER", "ITA", "RUS", "TUR"]);
    expect(m.bots["FRA"]).toBe("grudger");
    expect(m.bots["GER"]).toBe("copycat");
    expect(m.state.pressSeal).toBeUndefined(); // headless press: messages live in G
    expect(m.id).toBe("local-test-seed");
    expect(phaseKey(m.state.position)).toBe("1901-spring-movement");
  });

  it("takes the amber map and a year limit", () => {
    const amber = getMap("amber")!;
    const m = setup({ mapId: "amber", human: amber.powers[0]!.id, yearLimit: 1902 });
    expect(m.state.powers).toHaveLength(amber.powers.length);
    expect(m.state.settings.mapId).toBe("amber");
    expect(m.state.settings.yearLimit).toBe(1902);
  });

  it("refuses an unknown map, a power not on the map, a bad personality or year", () => {
    const bad = (o: Partial<LocalSetup>) =>
      createLocalMatch({ mapId: "classic", human: "ENG", bots: {}, yearLimit: null, seed: "s", ...o }, NOW);
    expect(bad({ mapId: "mars" })).toMatchObject({ ok: false, error: { code: "bad-map" } });
    expect(bad({ human: "XYZ" })).toMatchObject({ ok: false, error: { code: "bad-power" } });
    expect(bad({ bots: { FRA: "sneaky" as never } })).toMatchObject({
      ok: false,
      error: { code: "bad-personality" },
    });
    expect(bad({ yearLimit: 1800 })).toMatchObject({ ok: false, error: { code: "bad-year-limit" } });
    expect(bad({ tactics: "psychic" as never })).toMatchObject({ ok: false, error: { code: "bad-tactics" } });
  });

  it("keeps how the bots fight (the baseline unless chosen)", () => {
    const setup: LocalSetup = { mapId: "amber", human: "BRY", bots: {}, yearLimit: null, seed: "t" };
    const plain = createLocalMatch(setup, NOW);
    const sharp = createLocalMatch({ ...setup, tactics: "lookahead" }, NOW);
    expect(plain.ok && plain.value.tactics).toBe("baseline");
    expect(sharp.ok && sharp.value.tactics).toBe("lookahead");
  });
});

describe("the human's moves", () => {
  it("maps every boardgame.io move name back to its action type", () => {
    for (const [type, move] of Object.entries(MOVE_NAMES)) expect(ACTION_OF_MOVE[move]).toBe(type);
    expect(Object.keys(ACTION_OF_MOVE).sort()).toEqual(Object.values(MOVE_NAMES).sort());
  });

  it("applies orders and ready for the human's power", () => {
    let m = setup();
    m = act(m, "orders", { orders: [order("F lon - nth")] });
    expect(m.state.orders["ENG"]).toHaveLength(1);
    m = act(m, "ready", { ready: true });
    expect(m.state.ready["ENG"]).toBe(true);
    m = act(m, "drawVote", { vote: true });
    expect(m.state.drawVotes["ENG"]).toBe(true);
  });

  it("refuses as the server does: unknown move, bad payload, illegal order, another power's order", () => {
    const m = setup();
    expect(humanAct(m, "endTurn", {}, NOW)).toMatchObject({ ok: false, error: { code: "unknown-move" } });
    expect(humanAct(m, "ready", { ready: "yes" }, NOW)).toMatchObject({
      ok: false,
      error: { code: "bad-payload", move: "ready" },
    });
    expect(humanAct(m, "orders", { orders: [order("A lvp - mos")] }, NOW)).toMatchObject({
      ok: false,
      error: { code: "illegal-order", move: "orders" },
    });
    expect(humanAct(m, "orders", { orders: [order("A par - bur", "FRA")] }, NOW)).toMatchObject({
      ok: false,
      error: { code: "not-your-order" },
    });
  });

  it("keeps private messages and communiqués in the press log; a leak names a message", () => {
    let m = setup();
    m = act(m, "message", { to: ["FRA"], text: "The Channel is yours if Belgium is mine." });
    m = act(m, "communique", { text: "England seeks no war." });
    expect(m.state.messages).toHaveLength(1);
    const id = m.state.messages[0]!.id;
    expect(m.press.map((i) => [i.id, i.kind, i.from, i.to])).toEqual([
      [id, "message", "ENG", ["FRA"]],
      ["q1", "communique", "ENG", []],
    ]);
    expect(m.press[0]!.sentAt).toBe(NOW);
    // France sees the message; Germany sees only the communiqué.
    expect(pressFor(m, "FRA").map((i) => i.kind)).toEqual(["message", "communique"]);
    expect(pressFor(m, "GER").map((i) => i.kind)).toEqual(["communique"]);
    // England cannot leak its own message; a message to England can be leaked.
    expect(humanAct(m, "leak", { messageId: id }, NOW)).toMatchObject({
      ok: false,
      error: { code: "not-a-recipient" },
    });
    m = botsTakeTurns(m);
    const toMe = m.state.messages.find((x) => x.to.includes("ENG"));
    if (toMe !== undefined) {
      m = act(m, "leak", { messageId: toMe.id });
      expect(m.state.leaks).toEqual([{ by: "ENG", messageId: toMe.id }]);
    }
  });
});

describe("the bots and the table", () => {
  it("lets every bot take one full turn, in an order that rotates by round, then waits for the human", () => {
    const m = setup();
    const map = mapOfLocal(m);
    const order = botOrder(m, map);
    expect(order).not.toContain("ENG");
    expect(order).toHaveLength(6);
    let current = m;
    const full: PowerId[] = [];
    for (;;) {
      const step = nextStep(current, map);
      if (step === null) break;
      expect(step.kind).toBe("turn");
      if (step.kind !== "turn") break;
      // Every full turn comes first; then the answers to proposals made after a bot's turn.
      if (step.respondOnly) expect(full).toEqual(order);
      else full.push(step.power);
      current = runStep(current, map, step, NOW);
    }
    expect(full).toEqual(order);
    // A year later (two rounds) another bot moves first.
    const later = { ...m, state: { ...m.state, position: { ...m.state.position, year: 1902 } } };
    expect(botOrder(later, map)[0]).not.toBe(order[0]);
    expect([...botOrder(later, map)].sort()).toEqual([...order].sort());
    for (const p of order) expect(current.state.ready[p]).toBe(true);
    expect(current.state.ready["ENG"]).toBe(false);
    expect(nextStep(current, map)).toBeNull(); // waiting for England
  });

  it("resolves when the human is ready, and the bots act again in the new phase", () => {
    let m = settle(setup(), NOW);
    m = act(m, "ready", { ready: true });
    const map = mapOfLocal(m);
    expect(nextStep(m, map)).toEqual({ kind: "resolve" });
    m = runStep(m, map, { kind: "resolve" }, NOW);
    expect(phaseKey(m.state.position)).toBe("1901-fall-movement");
    expect(m.state.editions).toHaveLength(1);
    expect(m.turns).toEqual({ phase: "1901-fall-movement", done: [] });
    expect(nextStep(m, map)).toMatchObject({ kind: "turn", respondOnly: false });
    m = settle(m, NOW);
    expect(m.state.ready["ENG"]).toBe(false);
    expect(phaseKey(m.state.position)).toBe("1901-fall-movement");
  });

  it("does not resolve before the bots have taken their turns, even when the human is ready first", () => {
    let m = setup();
    m = act(m, "ready", { ready: true });
    const map = mapOfLocal(m);
    expect(nextStep(m, map)).toMatchObject({ kind: "turn" });
    m = settle(m, NOW);
    expect(phaseKey(m.state.position)).toBe("1901-fall-movement");
  });

  it("answers the human's proposal with a respondOnly turn: a copycat signs a pact of peace", () => {
    let m = settle(setup(), NOW);
    const map = mapOfLocal(m);
    m = act(m, "propose", {
      parties: ["FRA"],
      clauses: [{ kind: "text", text: "We leave the Channel empty." }],
      until: null,
      visibility: "public",
    });
    const pact = m.state.commitments[m.state.commitments.length - 1]!;
    expect(pact).toMatchObject({ proposer: "ENG", status: "proposed" });
    expect(unanswered(m, "FRA")).toEqual([pact.id]);
    expect(nextStep(m, map)).toEqual({ kind: "turn", power: "FRA", respondOnly: true });
    m = runStep(m, map, { kind: "turn", power: "FRA", respondOnly: true }, NOW);
    expect(m.state.commitments.find((c) => c.id === pact.id)?.status).toBe("active");
    expect(unanswered(m, "FRA")).toEqual([]);
    expect(nextStep(m, map)).toBeNull();
  });

  it("answers before its full turn when the proposal comes first", () => {
    let m = setup();
    m = act(m, "propose", {
      parties: ["GER"],
      clauses: [
        { kind: "non-aggression", from: "ENG", to: "GER" },
        { kind: "non-aggression", from: "GER", to: "ENG" },
      ],
      until: null,
      visibility: "secret",
    });
    const id = m.state.commitments[0]!.id;
    m = settle(m, NOW);
    expect(m.state.commitments.find((c) => c.id === id)?.status).toBe("active");
    expect(m.answered).toContain(`GER|${id}`);
    // The bot said so in private.
    expect(pressFor(m, "ENG").some((i) => i.from === "GER" && i.text.startsWith("Agreed"))).toBe(true);
  });

  it("answers a proposal only once, even when the bot turns it down", () => {
    let m = settle(setup({ bots: { FRA: "steady" } }), NOW);
    const map = mapOfLocal(m);
    m = act(m, "propose", {
      parties: ["FRA"],
      clauses: [{ kind: "non-aggression", from: "FRA", to: "ENG" }],
      until: null,
      visibility: "secret",
    });
    m = settle(m, NOW);
    const pact = m.state.commitments[m.state.commitments.length - 1]!;
    expect(pact.status).toBe("rejected");
    expect(nextStep(m, map)).toBeNull();
  });

  it("plays a whole short match to its year limit, the same way from the same seed", () => {
    const play = (): LocalMatch => {
      let m = setup({ yearLimit: 1902, seed: "whole" });
      for (let i = 0; i < 50 && m.state.result === null; i++) {
        m = settle(m, NOW);
        if (m.state.result !== null) break;
        m = act(m, "ready", { ready: true });
      }
      return settle(m, NOW);
    };
    const a = play();
    expect(a.state.result).toMatchObject({ kind: "year-limit" });
    expect(a.state.editions.length).toBeGreaterThanOrEqual(4);
    expect(a.press.length).toBeGreaterThan(0); // the bots talk
    expect(nextStep(a, mapOfLocal(a))).toBeNull();
    expect(humanAct(a, "ready", { ready: true }, NOW)).toMatchObject({
      ok: false,
      error: { code: "game-over" },
    });
    expect(JSON.stringify(play())).toBe(JSON.stringify(a));
  });
});

describe("saving and loading", () => {
  it("round-trips a match through storage", () => {
    const storage = new MemoryStorage();
    expect(loadLocalMatch(storage)).toBeNull();
    let m = settle(setup(), NOW);
    m = act(m, "message", { to: ["GER"], text: "Hello" });
    expect(saveLocalMatch(storage, m)).toBe(true);
    expect(loadLocalMatch(storage)).toEqual(m);
  });

  it("ignores a corrupt or foreign save", () => {
    const storage = new MemoryStorage();
    storage.setItem(LOCAL_STORAGE_KEY, "{not json");
    expect(loadLocalMatch(storage)).toBeNull();
    const m = setup();
    storage.setItem(LOCAL_STORAGE_KEY, JSON.stringify({ ...m, version: 99 }));
    expect(loadLocalMatch(storage)).toBeNull();
    storage.setItem(
      LOCAL_STORAGE_KEY,
      JSON.stringify({ ...m, state: { ...m.state, settings: { ...m.state.settings, mapId: "mars" } } }),
    );
    expect(loadLocalMatch(storage)).toBeNull();
    storage.setItem(LOCAL_STORAGE_KEY, JSON.stringify({ ...m, bots: { FRA: "sneaky" } }));
    expect(loadLocalMatch(storage)).toBeNull();
  });

  it("reports a full storage instead of throwing", () => {
    const full: SaveStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    expect(saveLocalMatch(full, setup())).toBe(false);
  });
});
