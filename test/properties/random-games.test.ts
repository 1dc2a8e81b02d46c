// Property tests: whole games of random legal orders on the shipped maps never throw, go through
// retreat and adjustment phases exactly when needed, never own more centres than the map has,
// and replay deep-equal from their seed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { initialPosition, needsAdjustment, soloWinner } from "../../shared/src/game/phases";
import type { Position } from "../../shared/src/game/position";
import { playRandomGame, type RandomGame } from "../../shared/src/game/random-play";
import { getMap } from "../../shared/src/map/registry";
import type { GameMap, PowerId } from "../../shared/src/map/types";

const LAST_YEAR = 1910;

/** How many centres and units each power has. */
function tally(position: Position): { centres: Map<PowerId, number>; units: Map<PowerId, number> } {
  const centres = new Map<PowerId, number>();
  const units = new Map<PowerId, number>();
  for (const owner of Object.values(position.supplyCenters))
    centres.set(owner, (centres.get(owner) ?? 0) + 1);
  for (const u of position.units) units.set(u.power, (units.get(u.power) ?? 0) + 1);
  return { centres, units };
}

/** Every broken rule of a game record, described. */
function gameProblems(map: GameMap, game: RandomGame): string[] {
  const problems: string[] = [];
  const { positions, phases } = game;
  const centreIds = new Set(map.supplyCenters);
  if (positions.length !== phases.length + 1) problems.push("positions and phases do not line up");
  if (JSON.stringify(positions[0]) !== JSON.stringify(initialPosition(map)))
    problems.push("odd first position");

  positions.forEach((p, i) => {
    const at = `${p.season} ${p.year} ${p.phase}`;
    const owned = Object.entries(p.supplyCenters);
    if (owned.length > map.supplyCenters.length) problems.push(`${at}: ${owned.length} centres owned`);
    for (const [c, owner] of owned) {
      if (!centreIds.has(c)) problems.push(`${at}: ${c} is owned but is no centre`);
      if (!map.power.has(owner)) problems.push(`${at}: ${c} owned by unknown ${owner}`);
    }
    const provinces = p.units.map((u) => map.location.get(u.location)?.province);
    if (new Set(provinces).size !== provinces.length) problems.push(`${at}: two units in one province`);
    if (p.phase === "retreat" ? p.dislodged.length === 0 : p.dislodged.length > 0)
      problems.push(`${at}: ${p.dislodged.length} dislodged units`);
    if (p.phase === "adjustment" && (p.season !== "winter" || !needsAdjustment(map, p)))
      problems.push(`${at}: an adjustment phase nobody needs`);
    if (p.phase !== "adjustment" && p.season === "winter") problems.push(`${at}: winter without adjustments`);

    const phase = phases[i];
    const next = positions[i + 1];
    if (phase === undefined || next === undefined) return;
    if (phase.resolved.phase !== p.phase) problems.push(`${at}: resolved as ${phase.resolved.phase}`);
    if (
      phase.resolved.phase === "movement" &&
      (next.phase === "retreat") !== phase.resolved.resolution.dislodged.length > 0
    )
      problems.push(
        `${at}: retreat phase ${next.phase === "retreat" ? "without" : "missing despite"} dislodgements`,
      );
    if (
      p.phase !== "adjustment" &&
      p.season === "fall" &&
      next.season === "spring" &&
      needsAdjustment(map, next)
    )
      problems.push(`${at}: adjustments were needed but skipped`);
    if (p.phase === "adjustment") {
      const { centres, units } = tally(next);
      for (const [power, n] of units)
        if (n > (centres.get(power) ?? 0)) problems.push(`${at}: ${power} keeps ${n} units after winter`);
    }
  });

  const last = positions[positions.length - 1]!;
  if (game.winner !== soloWinner(map, last)) problems.push(`winner ${game.winner} disagrees with the board`);
  if (game.winner === null && last.year <= LAST_YEAR) problems.push(`stopped early in ${last.year}`);
  positions.slice(0, -1).forEach((p) => {
    if (p.year > LAST_YEAR) problems.push(`played on in ${p.year}`);
    if (soloWinner(map, p) !== null) problems.push(`played on after a solo in ${p.year}`);
  });
  return problems;
}

describe.each(["classic", "amber"])("random games on %s", (mapId) => {
  const map = getMap(mapId)!;
  const maxYears = LAST_YEAR - map.start.year + 1;

  it("keep the rules of phases and centres, up to 1910", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(gameProblems(map, playRandomGame(map, seed, { maxYears }))).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it("replay deep-equal from the same seed, and differ between seeds", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), (seed) => {
        const once = playRandomGame(map, seed, { maxYears: 4 });
        expect(playRandomGame(map, seed, { maxYears: 4 })).toStrictEqual(once);
        expect(JSON.parse(JSON.stringify(once))).toStrictEqual(once);
      }),
      { numRuns: 5 },
    );
    const a = playRandomGame(map, "a", { maxYears: 2 });
    const b = playRandomGame(map, "b", { maxYears: 2 });
    expect(a.phases.map((p) => p.orders)).not.toEqual(b.phases.map((p) => p.orders));
  });

  it("include retreat and adjustment phases over a few seeds", () => {
    const kinds = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      for (const p of playRandomGame(map, seed, { maxYears }).positions) kinds.add(p.phase);
    }
    expect([...kinds].sort()).toEqual(["adjustment", "movement", "retreat"]);
  });
});
