/**
 * `npm run demo`: plays one game of random legal orders on a
 * shipped map through the real board engine and prints the supply centres of each power after
 * every fall, so a newcomer sees the engine work. Usage: `npm run demo -- [map] [seed]`.
 */
import { centreCounts, getMap, MAP_IDS, playRandomGame } from "../shared/src";

const [mapId = "classic", seed = "demo"] = process.argv.slice(2);
const map = getMap(mapId);
if (!map) {
  console.error(`Unknown map "${mapId}". Maps: ${MAP_IDS.join(", ")}.`);
  process.exit(2);
}
const game = playRandomGame(map, seed, { maxYears: 10 });
const powers = map.powers.map((p) => p.id);
const pad = (s: string | number, n: number): string => String(s).padStart(n);
console.log(`Entente — board engine demo: ${map.name}, seed "${seed}", random legal orders for every power.`);
console.log("(npm start serves the online game; see README.md.)\n");
console.log(`${"after".padEnd(12)}${powers.map((p) => pad(p, 5)).join("")}`);
// One row per game year: the first position after fall, when centres have changed hands.
game.positions.forEach((position, i) => {
  const before = game.positions[i - 1];
  if (before?.season !== "fall" || position.season === "fall") return;
  const counts = centreCounts(map, position);
  console.log(`${`fall ${before.year}`.padEnd(12)}${powers.map((p) => pad(counts.get(p) ?? 0, 5)).join("")}`);
});
const last = game.positions[game.positions.length - 1]!;
console.log(
  `\n${game.phases.length} phases adjudicated; ${last.units.length} units on the board; ` +
    (game.winner ? `${game.winner} wins with a solo.` : "no solo by the year limit."),
);
console.log("Next: npm test · npm run bench · npm run --silent adjudicate (docs/adjudicate.md)");
