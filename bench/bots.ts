/**
 * `npm run bench:bots`: plays full seven-power classic games with bots for every power, every phase
 * (adjustments too), to the 1920 limit or a solo, on one thread, and prints the median, p90 and
 * mean seconds per game and who won. Two kinds of game:
 * - board only (`tactics`): the orders of each tactics, adjudicated, nothing else;
 * - whole matches (`match`): `playBotMatch` — the trust layer, the newspaper, each bot's turn on its
 *   own player view, with steady (no diplomacy) and with a table of seven personalities.
 * `npm run bench:bots -- 21` plays 21 games (default 11); `--no-lookahead` skips the (slower)
 * look-ahead line, which plays fewer games.
 *
 * The search bot at its default budget (`search` lines): games with one search seat (rotating
 * through the powers) against six baselines, and one game of seven search bots; each search
 * decision of a movement phase is timed — CPU time of this thread (`process.cpuUsage`) and wall
 * time — against the game's pace of 2 s per power per movement phase, and each whole game too.
 * `--search-games <n>` sets the one-search games (default 7, one per power); `--no-search` skips.
 */
import { botOrders, type Tactics } from "../shared/src/bots/tactics";
import { centreCounts, initialPosition, resolvePhase, soloWinner } from "../shared/src/game/phases";
import { getMap } from "../shared/src/map/registry";
import type { PowerId } from "../shared/src/map/types";
import { createRng } from "../shared/src/random";
import { botProfile, playBotMatch, type Personality } from "../shared/src/bots";
import { DEFAULT_SEARCH_BUDGET } from "../shared/src/bots/search";

const LAST_YEAR = 1920;
const map = getMap("classic")!;

/** One game's outcome. */
interface GameRun {
  readonly seconds: number;
  readonly winner: PowerId | null;
  readonly leader: PowerId;
}

/** Plays one game with `tactics` for every power. */
function playGame(tactics: Tactics, seed: string): GameRun {
  const started = performance.now();
  const rng = createRng(seed);
  let position = initialPosition(map);
  let winner: PowerId | null = null;
  while (position.year <= LAST_YEAR && winner === null) {
    const orders = map.powers.flatMap((p) => botOrders(tactics, map, position, p.id, rng));
    position = resolvePhase(map, position, orders).next;
    winner = soloWinner(map, position);
  }
  const counts = [...centreCounts(map, position)].sort((a, b) => b[1] - a[1]);
  return { seconds: (performance.now() - started) / 1000, winner, leader: counts[0]![0] };
}

/** The q-quantile of sorted numbers (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Plays `games` games and prints one summary line. */
function report(tactics: Tactics, games: number): void {
  const runs = Array.from({ length: games }, (_, i) => playGame(tactics, `bench-${tactics}-${i}`));
  const secs = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const mean = secs.reduce((a, b) => a + b, 0) / secs.length;
  const solos = runs.filter((r) => r.winner !== null);
  const tally = (xs: readonly (PowerId | null)[]): string => {
    const m = new Map<string, number>();
    for (const x of xs) if (x !== null) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m].map(([p, n]) => `${p}×${n}`).join(" ") || "-";
  };
  console.log(
    `${tactics.padEnd(9)} games=${games} median=${quantile(secs, 0.5).toFixed(3)}s p90=${quantile(secs, 0.9).toFixed(3)}s ` +
      `mean=${mean.toFixed(3)}s solos=${solos.length} winners: ${tally(solos.map((r) => r.winner))} ` +
      `leaders: ${tally(runs.map((r) => r.leader))}`,
  );
}

/** Plays `games` whole bot matches with the given personalities (cycled over the seats) and prints a line. */
function reportMatches(name: string, personalities: readonly Personality[], games: number): void {
  const secs: number[] = [];
  const kinds = new Map<string, number>();
  for (let i = 0; i < games; i++) {
    const started = performance.now();
    const record = playBotMatch({
      mapId: "classic",
      seats: map.powers.map((_, s) => {
        const personality = personalities[s % personalities.length]!;
        return { label: personality, profile: botProfile(personality) };
      }),
      seed: `bench-match-${name}-${i}`,
      yearLimit: LAST_YEAR,
    });
    secs.push((performance.now() - started) / 1000);
    kinds.set(record.result.kind, (kinds.get(record.result.kind) ?? 0) + 1);
  }
  secs.sort((a, b) => a - b);
  const mean = secs.reduce((a, b) => a + b, 0) / secs.length;
  console.log(
    `match/${name.padEnd(9)} games=${games} median=${quantile(secs, 0.5).toFixed(3)}s p90=${quantile(secs, 0.9).toFixed(3)}s ` +
      `mean=${mean.toFixed(3)}s ends: ${[...kinds].map(([k, n]) => `${k}×${n}`).join(" ")}`,
  );
}

/** CPU milliseconds this process has used (one thread: the bench's). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Plays one game with `searchers` search seats from `first` on (the rest baseline), timing each search decision. */
function playSearchGame(
  seed: string,
  first: number,
  searchers: number,
): { decisionsCpu: number[]; decisionsWall: number[]; cpu: number; wall: number; centres: number } {
  const rng = createRng(seed);
  const seats = new Set(map.powers.filter((_, i) => (i - first + 7) % 7 < searchers).map((p) => p.id));
  const decisionsCpu: number[] = [];
  const decisionsWall: number[] = [];
  const cpu0 = cpuMs();
  const wall0 = performance.now();
  let position = initialPosition(map);
  while (position.year <= LAST_YEAR && soloWinner(map, position) === null) {
    const orders = map.powers.flatMap((p) => {
      if (!seats.has(p.id)) return botOrders("baseline", map, position, p.id, rng);
      const c = cpuMs();
      const w = performance.now();
      const out = botOrders("search", map, position, p.id, rng);
      if (position.phase === "movement") {
        decisionsCpu.push(cpuMs() - c);
        decisionsWall.push(performance.now() - w);
      }
      return out;
    });
    position = resolvePhase(map, position, orders).next;
  }
  const counts = centreCounts(map, position);
  const centres = [...seats].reduce((a, p) => a + (counts.get(p) ?? 0), 0) / seats.size;
  return { decisionsCpu, decisionsWall, cpu: cpuMs() - cpu0, wall: performance.now() - wall0, centres };
}

/** Plays `games` games with `searchers` search bots (seats rotating) and prints the time per decision and per game. */
function reportSearch(searchers: number, games: number): void {
  const runs = Array.from({ length: games }, (_, g) =>
    playSearchGame(`bench-search-${searchers}-${g}`, g % 7, searchers),
  );
  const ms = (xs: number[]): string => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `median=${quantile(sorted, 0.5).toFixed(0)}ms p90=${quantile(sorted, 0.9).toFixed(0)}ms max=${sorted[sorted.length - 1]!.toFixed(0)}ms`;
  };
  const cpu = runs.flatMap((r) => r.decisionsCpu);
  const wall = runs.flatMap((r) => r.decisionsWall);
  const over = cpu.filter((x) => x > 2000).length;
  const gameCpu = runs.map((r) => r.cpu / 1000).sort((a, b) => a - b);
  const gameWall = runs.map((r) => r.wall / 1000).sort((a, b) => a - b);
  const b = DEFAULT_SEARCH_BUDGET;
  console.log(
    `search×${searchers} budget=${b.candidates}/${b.replies}/${b.samples}/${b.rollout} games=${games} decisions=${cpu.length} ` +
      `cpu per decision ${ms(cpu)} (over 2 s: ${over}) · wall per decision ${ms(wall)} · ` +
      `per game cpu median=${quantile(gameCpu, 0.5).toFixed(1)}s max=${gameCpu[gameCpu.length - 1]!.toFixed(1)}s ` +
      `wall median=${quantile(gameWall, 0.5).toFixed(1)}s · search centres mean=${(runs.reduce((a, r) => a + r.centres, 0) / games).toFixed(2)}`,
  );
}

const args = process.argv.slice(2);
const searchGamesAt = args.indexOf("--search-games");
const games = Number(args.find((a, i) => /^\d+$/.test(a) && i !== searchGamesAt + 1) ?? 11);
report("baseline", games);
reportMatches("steady", ["steady"], games);
reportMatches(
  "mixed",
  ["copycat", "grudger", "detective", "always-cooperate", "always-cheat", "backstabber", "honest-rival"],
  games,
);
if (!args.includes("--no-lookahead")) report("lookahead", Math.max(1, Math.ceil(games / 4)));
if (!args.includes("--no-search")) {
  reportSearch(1, searchGamesAt >= 0 ? Number(args[searchGamesAt + 1]) : 7);
  reportSearch(7, 1);
}
