/**
 * The search bot's strength (issue 18, item 1): one search bot at its default budget against six
 * baselines, seat-rotated through the seven powers, takes at least one centre more by 1903 than
 * the baselines do on average. (The full measure — 140 games to 1920 — is in docs/bots.md,
 * "Strength".)
 */
import { describe, expect, it } from "vitest";
import { botOrders } from "../../shared/src/bots/tactics";
import { centreCounts, initialPosition, resolvePhase } from "../../shared/src/game/phases";
import { getMap } from "../../shared/src/map";
import { createRng } from "../../shared/src/random";

describe("the search bot's strength", () => {
  it("takes more centres than the baselines: one search bot against six, seat-rotated, seven games to 1903", () => {
    const map = getMap("classic")!;
    let searchCentres = 0;
    let baselineCentres = 0;
    for (let g = 0; g < map.powers.length; g++) {
      const hero = map.powers[g]!.id;
      const rng = createRng(`strength-${g}`);
      let position = initialPosition(map);
      while (position.year <= 1903) {
        const orders = map.powers.flatMap((p) =>
          botOrders(p.id === hero ? "search" : "baseline", map, position, p.id, rng),
        );
        position = resolvePhase(map, position, orders).next;
      }
      for (const [power, n] of centreCounts(map, position))
        if (power === hero) searchCentres += n;
        else baselineCentres += n;
    }
    const searchMean = searchCentres / map.powers.length;
    const baselineMean = baselineCentres / (map.powers.length * (map.powers.length - 1));
    expect(searchMean).toBeGreaterThan(baselineMean + 1);
  });
});
