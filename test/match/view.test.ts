/**
 * `playerView`: for every seat and a spectator, the view of a crafted state holds no other seat's
 * pending orders, private messages, secret commitments or proposals, notices, pending leaks or
 * draw votes, and keeps everything public; unreported defections stay with their parties; a
 * property over random action sequences (the real engine, random legal orders, resolved phases)
 * checks the same invariants and that no secret text ever reaches a view that may not see it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomOrders } from "../../shared/src/game";
import { getMap } from "../../shared/src/map";
import type { PowerId } from "../../shared/src/map/types";
import { applyAction } from "../../shared/src/match/actions";
import { resolveMatchPhase } from "../../shared/src/match/resolve";
import { DEFAULT_SETTINGS, newMatch } from "../../shared/src/match/setup";
import type { Action, MatchState } from "../../shared/src/match/types";
import { playerView } from "../../shared/src/match/view";
import { createRng } from "../../shared/src/random";
import type { Commitment, Defection } from "../../shared/src/trust/types";

const map = getMap("classic")!;
const POWERS = map.powers.map((p) => p.id);

/** Applies an action that must succeed. */
function act(state: MatchState, power: PowerId, action: Action): MatchState {
  const r = applyAction(map, state, power, action);
  if (!r.ok) throw new Error(`${power} ${action.type}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/**
 * The test's own rule (docs/rules.md, "Who sees what"), independent of the code under test: a party knows a
 * commitment; others know it once it came into force, if it is public or a breach exposed it.
 */
function mayKnow(c: Commitment, viewer: PowerId | null): boolean {
  if (viewer !== null && c.parties.includes(viewer)) return true;
  const signed = c.status !== "proposed" && c.status !== "rejected" && c.status !== "withdrawn";
  return signed && (c.visibility === "public" || c.exposed);
}

/** The id of the last commitment or message created. */
const lastCommitment = (s: MatchState): string => s.commitments[s.commitments.length - 1]!.id;
const lastMessage = (s: MatchState): string => s.messages[s.messages.length - 1]!.id;

/**
 * A spring 1901 state with one of every secret: everyone's orders, three conversations, a secret
 * pact (ENG–FRA), an open proposal (GER→RUS), a public pact with a pending notice (AUS–ITA), a
 * rejected secret proposal (TUR→RUS), a pending leak (FRA), draw votes and a communiqué.
 */
function craftedState(): MatchState {
  let s = newMatch(map, DEFAULT_SETTINGS);
  for (const p of POWERS) {
    const holds = s.position.units
      .filter((u) => u.power === p)
      .map((u) => ({ kind: "hold" as const, power: p, unit: { type: u.type, location: u.location } }));
    s = act(s, p, { type: "orders", orders: holds });
  }
  s = act(s, "ENG", { type: "message", to: ["FRA"], text: "whisper ENG to FRA" });
  const engMessage = lastMessage(s);
  s = act(s, "GER", { type: "message", to: ["RUS", "AUS"], text: "whisper GER to RUS AUS" });
  s = act(s, "TUR", { type: "message", to: ["ITA"], text: "whisper TUR to ITA" });
  s = act(s, "ENG", {
    type: "propose",
    parties: ["FRA"],
    clauses: [{ kind: "text", text: "pact ENG FRA secret" }],
    until: null,
    visibility: "secret",
  });
  s = act(s, "FRA", { type: "accept", commitmentId: lastCommitment(s) });
  s = act(s, "GER", {
    type: "propose",
    parties: ["RUS"],
    clauses: [{ kind: "text", text: "proposal GER RUS open" }],
    until: null,
    visibility: "public",
  });
  s = act(s, "AUS", {
    type: "propose",
    parties: ["ITA"],
    clauses: [{ kind: "text", text: "pact AUS ITA public" }],
    until: null,
    visibility: "public",
  });
  const publicPact = lastCommitment(s);
  s = act(s, "ITA", { type: "accept", commitmentId: publicPact });
  s = act(s, "ITA", { type: "notice", commitmentId: publicPact });
  s = act(s, "TUR", {
    type: "propose",
    parties: ["RUS"],
    clauses: [{ kind: "text", text: "proposal TUR RUS rejected" }],
    until: null,
    visibility: "secret",
  });
  s = act(s, "RUS", { type: "reject", commitmentId: lastCommitment(s) });
  s = act(s, "FRA", { type: "leak", messageId: engMessage });
  POWERS.forEach((p, i) => {
    s = act(s, p, { type: "draw-vote", vote: i % 2 === 0 });
  });
  s = act(s, "AUS", { type: "communique", text: "Austria speaks openly" });
  s = act(s, "ENG", { type: "ready", ready: true });
  return s;
}

/**
 * Checks that a view holds nothing the viewer may not see, and everything public; returns
 * nothing, failing the test on the first problem.
 */
function expectNoForeignSecrets(full: MatchState, view: MatchState, viewer: PowerId | null): void {
  const me = viewer !== null && full.powers.includes(viewer) ? viewer : null;
  for (const p of full.powers) {
    expect(view.orders[p] ?? [], `${p}'s orders`).toEqual(p === me ? full.orders[p] : []);
  }
  for (const m of view.messages) expect(me !== null && (m.from === me || m.to.includes(me))).toBe(true);
  const myMessages = full.messages.filter((m) => me !== null && (m.from === me || m.to.includes(me)));
  expect(view.messages).toEqual(myMessages);
  const expectedIds = full.commitments.filter((c) => mayKnow(c, me)).map((c) => c.id);
  expect(view.commitments.map((c) => c.id)).toEqual(expectedIds);
  for (const n of view.notices) {
    const c = full.commitments.find((x) => x.id === n.commitmentId)!;
    expect(me !== null && c.parties.includes(me)).toBe(true);
  }
  for (const l of view.leaks) expect(l.by).toBe(me);
  expect(Object.keys(view.drawVotes)).toEqual(me !== null && me in full.drawVotes ? [me] : []);
  // Public parts are untouched.
  expect(view.position).toEqual(full.position);
  expect(view.ready).toEqual(full.ready);
  expect(view.reputation).toEqual(full.reputation);
  expect(view.prestige).toEqual(full.prestige);
  expect(view.editions).toEqual(full.editions);
  expect(view.communiques).toEqual(full.communiques);
  expect(view.result).toEqual(full.result);
  expect(view.history.map((h) => h.orders)).toEqual(full.history.map((h) => h.orders));
  // No text of a private message or unseen commitment appears anywhere in the view.
  const text = JSON.stringify(view);
  for (const m of full.messages) {
    const leaked = full.editions.some((e) =>
      e.articles.some((a) => a.event.type === "leak" && a.event.messageId === m.id),
    );
    if (!myMessages.includes(m) && !leaked) expect(text.includes(m.text), `message ${m.id}`).toBe(false);
  }
}

describe("playerView of a crafted state", () => {
  const full = craftedState();
  const text = (view: MatchState): string => JSON.stringify(view);

  // viewer → the secret texts it must see, and those it must not
  const table: { viewer: PowerId | null; sees: string[]; hidden: string[] }[] = [
    {
      viewer: "ENG",
      sees: ["whisper ENG to FRA", "pact ENG FRA secret"],
      hidden: ["whisper GER", "whisper TUR", "proposal GER RUS", "proposal TUR RUS"],
    },
    {
      viewer: "FRA",
      sees: ["whisper ENG to FRA", "pact ENG FRA secret"],
      hidden: ["whisper GER", "whisper TUR", "proposal GER RUS", "proposal TUR RUS"],
    },
    {
      viewer: "GER",
      sees: ["whisper GER to RUS AUS", "proposal GER RUS open"],
      hidden: ["whisper ENG", "whisper TUR", "pact ENG FRA", "proposal TUR RUS"],
    },
    {
      viewer: "RUS",
      sees: ["whisper GER to RUS AUS", "proposal GER RUS open", "proposal TUR RUS rejected"],
      hidden: ["whisper ENG", "whisper TUR", "pact ENG FRA"],
    },
    {
      viewer: "AUS",
      sees: ["whisper GER to RUS AUS"],
      hidden: ["whisper ENG", "whisper TUR", "pact ENG FRA", "proposal GER RUS", "proposal TUR RUS"],
    },
    {
      viewer: "ITA",
      sees: ["whisper TUR to ITA"],
      hidden: ["whisper ENG", "whisper GER", "pact ENG FRA", "proposal GER RUS", "proposal TUR RUS"],
    },
    {
      viewer: "TUR",
      sees: ["whisper TUR to ITA", "proposal TUR RUS rejected"],
      hidden: ["whisper ENG", "whisper GER", "pact ENG FRA", "proposal GER RUS"],
    },
    {
      viewer: null,
      sees: [],
      hidden: ["whisper", "pact ENG FRA", "proposal GER RUS", "proposal TUR RUS"],
    },
  ];

  it.each(table)("$viewer sees its own secrets and nobody else's", ({ viewer, sees, hidden }) => {
    const view = playerView(full, viewer);
    expectNoForeignSecrets(full, view, viewer);
    for (const s of sees) expect(text(view), s).toContain(s);
    for (const h of hidden) expect(text(view), h).not.toContain(h);
    // Public to all: the public pact, the communiqué, who is ready.
    expect(text(view)).toContain("pact AUS ITA public");
    expect(view.communiques).toEqual([{ by: "AUS", text: "Austria speaks openly" }]);
    expect(view.ready.ENG).toBe(true);
  });

  it.each(table)("$viewer sees only its own orders, draw vote, notices and leaks", ({ viewer }) => {
    const view = playerView(full, viewer);
    for (const p of POWERS) expect(view.orders[p]!.length > 0).toBe(p === viewer);
    expect(view.drawVotes).toEqual(viewer === null ? {} : { [viewer]: full.drawVotes[viewer] });
    const party = viewer === "AUS" || viewer === "ITA";
    expect(view.notices.length).toBe(party ? 1 : 0);
    expect(view.leaks.length).toBe(viewer === "FRA" ? 1 : 0);
  });

  it("treats a power not in the match like a spectator", () => {
    expect(playerView(full, "XYZ")).toEqual(playerView(full, null));
  });

  it("does not change its input", () => {
    const before = JSON.stringify(full);
    for (const v of [...POWERS, null]) playerView(full, v);
    expect(JSON.stringify(full)).toBe(before);
  });

  it("shows outsiders a public commitment with a pending notice as still active", () => {
    const id = full.notices[0]!.commitmentId;
    const renounced: MatchState = {
      ...full,
      commitments: full.commitments.map((c) => (c.id === id ? { ...c, status: "renounced" as const } : c)),
    };
    expect(playerView(renounced, "GER").commitments.find((c) => c.id === id)!.status).toBe("active");
    expect(playerView(renounced, "ITA").commitments.find((c) => c.id === id)!.status).toBe("renounced");
  });

  it("shows an exposed secret commitment to everyone", () => {
    const exposed: MatchState = {
      ...full,
      commitments: full.commitments.map((c) => (c.visibility === "secret" ? { ...c, exposed: true } : c)),
    };
    expect(text(playerView(exposed, null))).toContain("pact ENG FRA secret");
    // A rejected secret proposal stays with its parties, exposed or not.
    expect(text(playerView(exposed, null))).not.toContain("proposal TUR RUS");
  });
});

describe("playerView of the history", () => {
  it("shows a defection the paper did not report only to its two parties", () => {
    let s = craftedState();
    s = resolveMatchPhase(map, s, createRng("view"));
    const record = s.history[0]!;
    const hidden: Defection = { by: "ENG", against: "FRA", kind: "surprise", at: record.phase, acts: [] };
    s = { ...s, history: [{ ...record, defections: [hidden] }] };
    expect(playerView(s, "ENG").history[0]!.defections).toEqual([hidden]);
    expect(playerView(s, "FRA").history[0]!.defections).toEqual([hidden]);
    expect(playerView(s, "GER").history[0]!.defections).toEqual([]);
    expect(playerView(s, null).history[0]!.defections).toEqual([]);
    // Once the paper reports it, everyone may know.
    const edition = s.editions[0]!;
    const reported = {
      ...edition,
      articles: [
        ...edition.articles,
        {
          headline: "x",
          event: {
            type: "defection" as const,
            by: "ENG",
            against: "FRA",
            kind: "surprise" as const,
            acts: [],
          },
        },
      ],
    };
    s = { ...s, editions: [reported] };
    expect(playerView(s, null).history[0]!.defections).toEqual([hidden]);
  });

  it("reveals every adjudicated order to everyone", () => {
    const s = resolveMatchPhase(map, craftedState(), createRng("view"));
    for (const v of [...POWERS, null]) {
      const view = playerView(s, v);
      expect(view.history[0]!.orders).toEqual(s.history[0]!.orders);
      for (const p of POWERS) expect(view.orders[p]).toEqual([]);
    }
  });
});

/** One random step: an action of a power (ids and powers picked by index), or resolving the phase. */
const stepArb = fc.record({
  power: fc.nat(6),
  kind: fc.constantFrom(
    "orders",
    "message",
    "propose",
    "propose",
    "accept",
    "accept",
    "reject",
    "withdraw",
    "notice",
    "leak",
    "communique",
    "draw",
    "resolve",
  ),
  a: fc.nat(1000),
  b: fc.nat(1000),
  secret: fc.boolean(),
});

/** One random step. */
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** Turns a random step into an action, or null for resolving the phase. */
function actionOf(s: MatchState, step: Step, rngSeed: number): Action | null {
  const me = POWERS[step.power]!;
  const other = POWERS[(step.power + 1 + (step.a % 6)) % 7]!;
  // Mostly pick what this power can act on, so that most steps succeed.
  const mine = s.commitments.filter(
    (c) => c.parties.includes(me) && (c.status === "proposed" || c.status === "active"),
  );
  const commitments = mine.length > 0 && step.a % 4 !== 0 ? mine : s.commitments;
  const commitment = commitments[step.b % Math.max(1, commitments.length)];
  const received = s.messages.filter((m) => m.to.includes(me));
  const messages = received.length > 0 && step.a % 4 !== 0 ? received : s.messages;
  const message = messages[step.b % Math.max(1, messages.length)];
  switch (step.kind) {
    case "orders":
      return {
        type: "orders",
        orders: randomOrders(map, s.position, createRng(rngSeed)).filter((o) => o.power === me),
      };
    case "message":
      return { type: "message", to: [other], text: `note-${s.nextId}-${me}-${other}` };
    case "propose":
      return {
        type: "propose",
        parties: [other],
        clauses:
          step.a % 2 === 0
            ? [{ kind: "text", text: `deal-${s.nextId}-${me}-${other}` }]
            : [{ kind: "non-aggression", from: me, to: other }],
        until: null,
        visibility: step.secret ? "secret" : "public",
      };
    case "accept":
    case "reject":
    case "withdraw":
    case "notice":
      return { type: step.kind, commitmentId: commitment?.id ?? "c0" };
    case "leak":
      return { type: "leak", messageId: message?.id ?? "m0" };
    case "communique":
      return { type: "communique", text: `said-${me}` };
    case "draw":
      return { type: "draw-vote", vote: step.secret };
    default:
      return null;
  }
}

describe("playerView over random games", () => {
  it("never shows a seat or a spectator anything it may not see", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.nat(), (steps, seed) => {
        let s = newMatch(map, DEFAULT_SETTINGS);
        const rng = createRng(seed);
        steps.forEach((step, i) => {
          if (s.result !== null) return;
          const action = actionOf(s, step, seed + i);
          if (action === null) {
            s = resolveMatchPhase(map, s, rng);
            return;
          }
          const r = applyAction(map, s, POWERS[step.power]!, action);
          if (r.ok) s = r.value;
        });
        for (const viewer of [...POWERS, null]) {
          const view = playerView(s, viewer);
          expectNoForeignSecrets(s, view, viewer);
          const text = JSON.stringify(view);
          for (const c of s.commitments) {
            const visible = mayKnow(c, viewer);
            for (const clause of c.clauses) {
              if (clause.kind === "text" && !visible) {
                // The paper may have printed a clause when a breach exposed it; then it is public.
                const printed = s.editions.some((e) => JSON.stringify(e).includes(clause.text));
                if (!printed) expect(text.includes(clause.text)).toBe(false);
              }
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
