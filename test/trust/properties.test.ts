/**
 * Property tests of the trust layer: whole matches on the classic and amber maps where the powers
 * take random actions every phase — proposals of random catalogue clauses among random powers,
 * accepts, rejects, withdrawals, notices, messages, leaks, communiqués, draw votes — and give
 * random legal orders (`randomOrders`). Every state is deep-frozen, so any mutation of an old state
 * throws. Checked: reputation and prestige stay within 0–100; with a perfect paper every detected
 * defection is printed as it was; a secret commitment is never named in the paper unless a
 * reported breach exposed it; a refused action changes nothing; the same seed replays deep-equal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomOrders } from "../../shared/src/game/random-play";
import { provinceOf } from "../../shared/src/map/locations";
import { getMap } from "../../shared/src/map/registry";
import type { GameMap, PowerId, ProvinceId } from "../../shared/src/map/types";
import { applyAction } from "../../shared/src/match/actions";
import { resolveMatchPhase } from "../../shared/src/match/resolve";
import { DEFAULT_SETTINGS, newMatch } from "../../shared/src/match/setup";
import type { Action, MatchState } from "../../shared/src/match/types";
import type { NewsEvent } from "../../shared/src/newspaper/types";
import type { Order } from "../../shared/src/orders/types";
import { createRng, type Rng } from "../../shared/src/random";
import type { Clause, SeasonRef } from "../../shared/src/trust/types";

/** Freezes an object and everything in it, skipping parts already frozen (shared with older states). */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/** A few distinct items of a list, in random order. */
function some<T>(rng: Rng, xs: readonly T[], most: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  const n = 1 + rng.int(Math.min(most, pool.length));
  while (out.length < n && pool.length > 0) out.push(pool.splice(rng.int(pool.length), 1)[0]!);
  return out;
}

/** Where a power's units stand (provinces). */
function unitProvinces(map: GameMap, state: MatchState, power: PowerId): ProvinceId[] {
  return state.position.units.filter((u) => u.power === power).map((u) => provinceOf(map, u.location));
}

/** A season near the current one: this one, the next, or a year on. */
function nearSeason(rng: Rng, state: MatchState, movementOnly: boolean): SeasonRef {
  const { year, season } = state.position;
  const options: SeasonRef[] = [
    { year, season: season === "winter" ? "fall" : season },
    { year, season: "fall" },
    { year: year + 1, season: "spring" },
    { year: year + 1, season: movementOnly ? "fall" : "winter" },
  ];
  return rng.pick(options);
}

/** A random clause of a random catalogue kind among the parties (usually, not always, valid). */
function randomClause(rng: Rng, map: GameMap, state: MatchState, parties: readonly PowerId[]): Clause {
  const [a, b] = some(rng, parties, 2).concat(parties);
  const from = a!;
  const to = b !== from && b !== undefined ? b : (parties.find((p) => p !== from) ?? from);
  const provinces = [...map.province.keys()];
  switch (rng.int(7)) {
    case 0:
      return { kind: "text", text: rng.pick(["We split the Balkans.", "No fleets north.", "Trust me."]) };
    case 1:
      return { kind: "non-aggression", from, to };
    case 2:
      return {
        kind: "demilitarised-zone",
        powers: some(rng, parties, 2),
        provinces: some(rng, provinces, 2),
      };
    case 3: {
      const supporter = unitProvinces(map, state, from);
      const supported = unitProvinces(map, state, to);
      return {
        kind: "support-pledge",
        power: from,
        beneficiary: to,
        supporter: supporter.length > 0 ? rng.pick(supporter) : rng.pick(provinces),
        supported: supported.length > 0 ? rng.pick(supported) : rng.pick(provinces),
        to: rng.next() < 0.5 ? null : rng.pick(provinces),
        when: nearSeason(rng, state, true),
      };
    }
    case 4:
      return {
        kind: "no-build",
        power: from,
        centers: rng.next() < 0.5 ? [] : some(rng, map.power.get(from)?.homeCenters ?? [], 2),
        fleetsOnly: rng.next() < 0.5,
      };
    case 5: {
      const held = unitProvinces(map, state, from);
      return {
        kind: "cede",
        power: from,
        to,
        province: held.length > 0 ? rng.pick(held) : rng.pick(provinces),
        by: nearSeason(rng, state, false),
      };
    }
    default:
      return { kind: "alliance", powers: [from, to] };
  }
}

/** A random action by a random power, mostly one that fits the state. */
function randomAction(rng: Rng, map: GameMap, state: MatchState): [PowerId, Action] {
  // Half the time, a party that has not yet accepted a waiting proposal answers it.
  const waiting = state.commitments.flatMap((c) =>
    c.status === "proposed"
      ? c.parties.filter((p) => !c.acceptedBy.includes(p)).map((p) => [p, c.id] as const)
      : [],
  );
  if (waiting.length > 0 && rng.next() < 0.5) {
    const [party, id] = rng.pick(waiting);
    return [party, { type: rng.next() < 0.85 ? "accept" : "reject", commitmentId: id }];
  }
  const power = rng.pick(state.powers);
  return [power, actionOf(rng, map, state, power)];
}

/** A random action for a given power. */
function actionOf(rng: Rng, map: GameMap, state: MatchState, power: PowerId): Action {
  const others = state.powers.filter((p) => p !== power);
  const mine = state.commitments.filter((c) => c.parties.includes(power));
  const anyId = (ids: readonly string[]): string =>
    ids.length > 0 && rng.next() < 0.9 ? rng.pick(ids) : "c999";
  const r = rng.next();
  if (r < 0.3) {
    const parties = some(rng, others, rng.next() < 0.8 ? 1 : 2);
    const all = [power, ...parties];
    const clauses = Array.from({ length: 1 + rng.int(2) }, () => randomClause(rng, map, state, all));
    return {
      type: "propose",
      parties,
      clauses,
      until: rng.next() < 0.4 ? null : nearSeason(rng, state, false),
      visibility: rng.next() < 0.4 ? "secret" : "public",
    };
  }
  if (r < 0.55) {
    const waiting = mine.filter((c) => c.status === "proposed" && !c.acceptedBy.includes(power));
    return { type: "accept", commitmentId: anyId(waiting.map((c) => c.id)) };
  }
  if (r < 0.6) return { type: "reject", commitmentId: anyId(mine.map((c) => c.id)) };
  if (r < 0.65) return { type: "withdraw", commitmentId: anyId(mine.map((c) => c.id)) };
  if (r < 0.75) {
    const active = mine.filter((c) => c.status === "active");
    return { type: "notice", commitmentId: anyId(active.map((c) => c.id)) };
  }
  if (r < 0.85) return { type: "message", to: some(rng, others, 2), text: "Shall we?" };
  if (r < 0.92) {
    const received = state.messages.filter((m) => m.to.includes(power)).map((m) => m.id);
    return { type: "leak", messageId: received.length > 0 ? rng.pick(received) : "m999" };
  }
  if (r < 0.97) return { type: "communique", text: `${power} speaks.` };
  return { type: "draw-vote", vote: rng.next() < 0.5 };
}

/** What a played game reports to its checks. */
interface Observer {
  afterResolve?(state: MatchState): void;
  onRefusal?(before: string, after: string, action: Action): void;
}

/** Plays a match of random actions and orders for `years` years (or until it ends). */
function playMatch(
  mapId: string,
  seed: number,
  options: { years: number; miscommunication: number; pressMode?: "full" | "public" | "none" },
  observer: Observer = {},
): MatchState {
  const map = getMap(mapId)!;
  const rng = createRng(`trust/${seed}`);
  let state = deepFreeze(
    newMatch(map, {
      ...DEFAULT_SETTINGS,
      mapId,
      miscommunication: options.miscommunication,
      pressMode: options.pressMode ?? "full",
    }),
  );
  const lastYear = map.start.year + options.years - 1;
  let phase = 0;
  while (state.result === null && state.position.year <= lastYear) {
    const actions = rng.int(12);
    for (let i = 0; i < actions; i++) {
      const [power, action] = randomAction(rng, map, state);
      const snapshot = observer.onRefusal ? JSON.stringify(state) : "";
      const result = applyAction(map, state, power, action);
      if (result.ok) state = deepFreeze(result.value);
      else observer.onRefusal?.(snapshot, JSON.stringify(state), action);
    }
    const byPower = new Map<PowerId, Order[]>();
    for (const order of randomOrders(map, state.position, rng)) {
      byPower.set(order.power, [...(byPower.get(order.power) ?? []), order]);
    }
    for (const [power, orders] of byPower) {
      if (rng.next() < 0.1) continue; // sometimes a power forgets its orders
      const result = applyAction(map, state, power, { type: "orders", orders });
      expect(result.ok, `${power}'s random legal orders`).toBe(true);
      if (result.ok) state = deepFreeze(result.value);
    }
    state = deepFreeze(resolveMatchPhase(map, state, createRng(`trust/${seed}/${phase++}`)));
    observer.afterResolve?.(state);
  }
  return state;
}

/** Every commitment id an event names, in any field (acts included). */
function commitmentIdsIn(event: NewsEvent): string[] {
  const ids: string[] = [];
  JSON.stringify(event, (key, value: unknown) => {
    if (key === "commitmentId" && typeof value === "string") ids.push(value);
    return value;
  });
  return ids;
}

const seeds = fc.integer({ min: 0, max: 1_000_000 });
const maps = fc.constantFrom("classic", "amber");
const RUNS = 60;

describe("trust layer properties in random matches", () => {
  it("reputation and prestige stay within 0–100", () => {
    fc.assert(
      fc.property(seeds, maps, fc.double({ min: 0, max: 1, noNaN: true }), (seed, mapId, p) => {
        playMatch(
          mapId,
          seed,
          { years: 4, miscommunication: p },
          {
            afterResolve: (s) => {
              for (const power of s.powers) {
                for (const value of [s.reputation[power], s.prestige[power]]) {
                  expect(value).toBeGreaterThanOrEqual(0);
                  expect(value).toBeLessThanOrEqual(100);
                }
              }
            },
          },
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("with a perfect paper every detected defection is printed as it happened", () => {
    let printed = 0;
    fc.assert(
      fc.property(seeds, maps, (seed, mapId) => {
        playMatch(
          mapId,
          seed,
          { years: 4, miscommunication: 0 },
          {
            afterResolve: (s) => {
              const detected = s.history.at(-1)!.defections.map((d) => `${d.by}>${d.against}:${d.kind}`);
              const inPaper = s.editions
                .at(-1)!
                .articles.flatMap((a) =>
                  a.event.type === "defection" ? [`${a.event.by}>${a.event.against}:${a.event.kind}`] : [],
                );
              expect(inPaper.sort()).toEqual(detected.sort());
              printed += detected.length;
            },
          },
        );
      }),
      { numRuns: RUNS },
    );
    // The games do produce defections, so the property is not vacuous.
    expect(printed).toBeGreaterThan(0);
  });

  it("a secret commitment is named in the paper only once a reported breach exposed it", () => {
    let secrets = 0;
    let exposures = 0;
    fc.assert(
      fc.property(seeds, maps, fc.constantFrom(0, 0.3), (seed, mapId, p) => {
        const final = playMatch(mapId, seed, { years: 3, miscommunication: p });
        const events = final.editions.flatMap((e) => e.articles.map((a) => a.event));
        const exposedInPaper = new Set(
          events.flatMap((e) => (e.type === "secret-exposed" ? [e.commitmentId] : [])),
        );
        const named = new Set(events.flatMap(commitmentIdsIn));
        for (const c of final.commitments) {
          if (c.visibility !== "secret") continue;
          secrets++;
          if (named.has(c.id)) {
            expect(c.exposed, `${c.id} is named in the paper`).toBe(true);
            expect(exposedInPaper.has(c.id), `${c.id} has a secret-exposed event`).toBe(true);
          }
          if (c.exposed) {
            exposures++;
            expect(exposedInPaper.has(c.id)).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(secrets).toBeGreaterThan(0);
    expect(exposures).toBeGreaterThan(0);
  });

  it("a refused action leaves the state deep-equal to before", () => {
    let refusals = 0;
    fc.assert(
      fc.property(
        seeds,
        maps,
        fc.constantFrom("full", "public", "none" as const),
        (seed, mapId, pressMode) => {
          playMatch(
            mapId,
            seed,
            { years: 1, miscommunication: 0, pressMode },
            {
              onRefusal: (before, after) => {
                refusals++;
                expect(after).toBe(before);
              },
            },
          );
        },
      ),
      { numRuns: RUNS },
    );
    expect(refusals).toBeGreaterThan(0);
  });

  it("the same seed and actions replay to a deep-equal match", () => {
    fc.assert(
      fc.property(seeds, maps, fc.constantFrom(0, 0.5), (seed, mapId, p) => {
        const a = playMatch(mapId, seed, { years: 2, miscommunication: p });
        const b = playMatch(mapId, seed, { years: 2, miscommunication: p });
        expect(b).toEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 6 },
    );
  });
});
