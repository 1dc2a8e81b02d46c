/**
 * The search bot (tactics `search`): in a movement phase it draws candidate order sets for its own
 * power (baseline draws with variety and coherent mutations: `search/candidates.ts`) and for every
 * power near it (baseline draws; a partner under a commitment in force keeps its word in as many
 * of them as the ledger trusts it), then plays a sampled best response: each own candidate meets
 * the same joint draws of the others' candidates, each joint outcome is valued by a short baseline
 * rollout and a position value (`search/rollout.ts`), and the candidate with the best mean value
 * is played. Retreats and adjustments are the baseline's.
 *
 * The work per decision is fixed by a budget (`SearchBudget`), not by a clock: the same inputs
 * give the same orders on every machine. At the default budget a decision takes well under the
 * 2 s per power per movement phase the game's pace allows (docs/bots.md, "Strength"). Pure.
 */
import type { Position } from "../game/position";
import type { GameMap, PowerId } from "../map/types";
import { legalOrders } from "../orders/legal";
import type { Order } from "../orders/types";
import { createRng, type Rng } from "../random";
import { baselineOrders, neighbourPowers, NO_INTENT, type OrderIntent } from "./baseline";
import { othersCandidates, ownCandidates } from "./search/candidates";
import { outcomeValue } from "./search/rollout";

/** How much work one decision of the search bot may do. */
export interface SearchBudget {
  readonly candidates: number; // own candidate order sets, at most
  readonly replies: number; // candidate order sets drawn for each power near the bot
  readonly samples: number; // joint draws of the others' candidates each own candidate meets
  readonly rollout: number; // movement phases played with the baseline after the decision's, before valuing
}

/** The default budget: about 0.1–0.4 s a decision on one core (see docs/bots.md, "Strength"). */
export const DEFAULT_SEARCH_BUDGET: SearchBudget = { candidates: 16, replies: 4, samples: 8, rollout: 1 };

/** A search decision: the orders played and what the search did to choose them. */
export interface SearchDecision {
  readonly orders: Order[];
  /** Own candidate order sets weighed. */
  readonly candidates: number;
  /** Joint outcomes valued (each a resolution and a rollout): candidates × samples at most. */
  readonly evaluations: number;
  /** The mean value of each candidate, in candidate order (the first is a plain baseline draw). */
  readonly values: readonly number[];
}

/**
 * The search bot's decision in a movement phase (see the module header); in other phases the
 * baseline's orders, with no evaluation.
 */
export function searchDecision(
  map: GameMap,
  position: Position,
  power: PowerId,
  rng: Rng,
  intent: OrderIntent = NO_INTENT,
  budget: SearchBudget = DEFAULT_SEARCH_BUDGET,
): SearchDecision {
  const baseline = (): SearchDecision => ({
    orders: baselineOrders(map, position, power, rng, intent),
    candidates: 0,
    evaluations: 0,
    values: [],
  });
  if (position.phase !== "movement") return baseline();
  const legal = legalOrders(map, position, power);
  if (legal.phase !== "movement" || legal.units.length === 0) return baseline();
  const own = ownCandidates(map, position, power, legal.units, rng, intent, budget.candidates);
  const samples = Math.max(1, budget.samples);
  if (own.length === 1) return { orders: own[0]!, candidates: 1, evaluations: 0, values: [0] };

  const near = neighbourPowers(map, position, power);
  const others = [...near].sort();
  const replies = othersCandidates(map, position, power, others, rng, intent, Math.max(1, budget.replies));
  const draws = Array.from({ length: samples }, () => ({
    orders: others.flatMap((p) => rng.pick(replies.get(p)!)),
    seed: rng.int(2 ** 31),
  }));
  const actors = new Set([power, ...near]);
  let evaluations = 0;
  const values = own.map((candidate) => {
    let total = 0;
    for (const draw of draws) {
      // The same rollout draws for every candidate: differences come from the orders alone.
      const rollout = createRng(draw.seed);
      total += outcomeValue(
        map,
        position,
        power,
        [...candidate, ...draw.orders],
        actors,
        intent,
        budget.rollout,
        rollout,
      );
      evaluations++;
    }
    return total / draws.length;
  });
  let best = 0;
  values.forEach((v, i) => {
    if (v > values[best]!) best = i;
  });
  return { orders: own[best]!, candidates: own.length, evaluations, values };
}

/** The search bot's orders of `power` in `position`'s phase (see `searchDecision`). */
export function searchOrders(
  map: GameMap,
  position: Position,
  power: PowerId,
  rng: Rng,
  intent: OrderIntent = NO_INTENT,
  budget: SearchBudget = DEFAULT_SEARCH_BUDGET,
): Order[] {
  return searchDecision(map, position, power, rng, intent, budget).orders;
}
