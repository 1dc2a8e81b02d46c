/**
 * Playing phases through seat clients: each human seat that has something to order sends random
 * legal orders for its own power (the shared random player, seeded) and says it is ready; bot
 * seats are left to the server. Used by the play, restart and secrecy tests.
 */
import {
  createRng,
  getMap,
  mustAct,
  phaseKey as positionPhaseKey,
  randomOrders,
  type MatchState,
  type Order,
  type PowerId,
  type Rng,
} from "../../../shared/src";
import type { SeatClient } from "./clients";

/** A match's phase key, e.g. `1901-spring-movement`. */
export function phaseKey(G: MatchState): string {
  return positionPhaseKey(G.position);
}

/** Random legal orders of one power for the current phase. */
export function ordersFor(G: MatchState, power: PowerId, rng: Rng): Order[] {
  const map = getMap(G.settings.mapId);
  if (map === null) throw new Error(`unknown map ${G.settings.mapId}`);
  return randomOrders(map, G.position, rng).filter((o) => o.power === power);
}

/** Whether the seat's power has anything to order now. */
export function hasToAct(G: MatchState, power: PowerId): boolean {
  const map = getMap(G.settings.mapId)!;
  return G.result === null && mustAct(map, G, power);
}

/** The power a seat client plays. */
export function powerOf(c: SeatClient): PowerId {
  return c.G.powers[Number(c.playerID)]!;
}

/**
 * Every human seat that must act orders (random legal orders) and then says it is ready; waits
 * until the spectator sees the phase resolve (a new phase key, or a result). Returns the key of
 * the phase that was played. Throws if a move is refused or a wait times out.
 */
export async function playPhase(
  seats: readonly (SeatClient | null)[],
  spectator: SeatClient,
  rng: Rng = createRng("play"),
  timeoutMs = 20_000,
): Promise<string> {
  const G = spectator.G;
  const key = phaseKey(G);
  const acting = seats.filter((c): c is SeatClient => c !== null && hasToAct(c.G, powerOf(c)));
  // Draw every seat's orders first, in seat order, so a seed replays the same game.
  const plans = acting.map((c) => ({ c, orders: ordersFor(c.G, powerOf(c), rng) }));
  await Promise.all(
    plans.map(async ({ c, orders }) => {
      const power = powerOf(c);
      const refused = await c.act(
        "orders",
        { orders },
        (s) => JSON.stringify(s.G.orders[power]) === JSON.stringify(orders),
        timeoutMs,
      );
      if (refused) throw new Error(`${power}'s orders refused: ${refused.code} ${refused.message}`);
    }),
  );
  await Promise.all(
    acting.map(async (c) => {
      const power = powerOf(c);
      const refused = await c.act(
        "ready",
        { ready: true },
        (s) => s.G.ready[power] === true || phaseKey(s.G) !== key || s.G.result !== null,
        timeoutMs,
      );
      if (refused) throw new Error(`${power}'s ready refused: ${refused.code} ${refused.message}`);
    }),
  );
  await spectator.waitFor(
    `phase ${key} to resolve`,
    (s) => phaseKey(s.G) !== key || s.G.result !== null,
    timeoutMs,
  );
  return key;
}
