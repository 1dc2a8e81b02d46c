/**
 * A whole match played by bots, headless: every seat a bot with a profile, each acting through
 * `applyAction` on what its own `playerView` shows, phases resolved by `resolveMatchPhase`, until a
 * solo, a draw vote or the year limit. Returns a compact record of the match for tournaments.
 *
 * Each phase, the bots take their turns one after another (the first mover rotates by round), then
 * each answers the proposals made after its turn. Pure and seeded: the same options give the same
 * record on every machine.
 */
import { centreCounts, eliminatedPowers } from "../game/phases";
import { phaseKey } from "../game/position";
import { getMap } from "../map/registry";
import type { GameMap, PowerId } from "../map/types";
import { applyAction } from "../match/actions";
import { resolveMatchPhase } from "../match/resolve";
import { newMatch } from "../match/setup";
import type { Action, MatchResult, MatchState, PressMode, ScoringSystem } from "../match/types";
import { playerView } from "../match/view";
import { createRng } from "../random";
import { phaseOf } from "../trust/calendar";
import type { ClauseKind, Commitment, Defection, PhaseRef } from "../trust/types";
import { roundOf } from "./ledger";
import type { BotProfile } from "./personality";
import { botTurn, proposalsAwaiting } from "./turn";

/** A seat of a bot match: a label for the tables (e.g. "copycat/baseline") and the bot's profile. */
export interface BotSeat {
  readonly label: string;
  readonly profile: BotProfile;
}

/** How to play one bot match. */
export interface BotMatchOptions {
  readonly mapId: string;
  /** One seat per power of the map, in the map's power order. */
  readonly seats: readonly BotSeat[];
  readonly seed: string;
  /** The last year played (the match ends after its adjustments at the latest). */
  readonly yearLimit: number;
  readonly preset?: string;
  readonly pressMode?: PressMode;
  readonly miscommunication?: number;
  readonly scoring?: ScoringSystem;
}

/** One power's part in a bot match. */
export interface PowerRecord {
  readonly power: PowerId;
  readonly label: string;
  readonly centres: number; // at the end
  readonly eliminatedIn: number | null; // the year it was eliminated
  readonly reputation: number; // at the end
  readonly prestige: number; // at the end
  readonly score: number;
  readonly signed: number; // commitments it was party to that came into force
  readonly kept: number; // of those, the ones it did not break (honoured, renounced or still in force)
  readonly broken: number; // commitments it broke by a defection
  readonly surpriseDefections: number; // its defections without notice (as detected)
  readonly announcedDefections: number;
  readonly retaliations: number;
  readonly betrayed: number; // defections against it
  /** Centres at the start of each year from the first, then at the end. */
  readonly centresByYear: readonly number[];
  /** Reputation at the start of each year from the first, then at the end. */
  readonly reputationByYear: readonly number[];
}

/** What became of the commitments that came into force with one kind of clause in them. */
export interface ClauseTally {
  readonly signed: number; // commitments with a clause of this kind that came into force
  readonly kept: number; // of those, the ones no defection broke (honoured, renounced or still in force)
  readonly renounced: number; // of those kept, the ones ended by notice
  readonly broken: number; // of those, the ones a defection broke
}

/** A bot match, as a tournament keeps it. */
export interface BotMatchRecord {
  readonly seed: string;
  readonly mapId: string;
  readonly yearLimit: number;
  readonly result: {
    readonly kind: MatchResult["kind"];
    readonly winner: PowerId | null;
    readonly at: PhaseRef;
  };
  readonly survivors: readonly PowerId[];
  readonly phases: number;
  /** Actions the rules refused (a bot bug if not zero; kept to be seen). */
  readonly refused: number;
  readonly powers: readonly PowerRecord[];
  /** The commitments that came into force, by the kinds of clause in them (a commitment counts once per kind). */
  readonly clauses?: Readonly<Partial<Record<ClauseKind, ClauseTally>>>;
}

/** The commitments that came into force, tallied by the kinds of clause they hold. */
export function clauseTallies(
  commitments: readonly Commitment[],
  defections: readonly Defection[],
): Partial<Record<ClauseKind, ClauseTally>> {
  const brokenIds = new Set(defections.flatMap((d) => d.acts.map((a) => a.commitmentId)));
  const tallies: Partial<
    Record<ClauseKind, { signed: number; kept: number; renounced: number; broken: number }>
  > = {};
  for (const c of commitments) {
    if (c.signedAt === null) continue;
    const broken = brokenIds.has(c.id) || c.status === "broken";
    for (const kind of new Set(c.clauses.map((cl) => cl.kind))) {
      const t = (tallies[kind] ??= { signed: 0, kept: 0, renounced: 0, broken: 0 });
      t.signed++;
      if (broken) t.broken++;
      else {
        t.kept++;
        if (c.status === "renounced") t.renounced++;
      }
    }
  }
  return tallies;
}

/**
 * The order in which the powers still in a match take their turns this phase: map order, the
 * first mover moving one seat on each round, so no power always acts first.
 */
export function turnOrder(map: GameMap, state: MatchState): PowerId[] {
  const { powers, position } = state;
  const out = new Set(eliminatedPowers(map, position));
  const shift = roundOf(phaseOf(position)) % powers.length;
  return powers.map((_, i) => powers[(i + shift) % powers.length]!).filter((p) => !out.has(p));
}

/** Phases after which a match is cut short, whatever the year limit (a guard, never reached in play). */
const MAX_PHASES = 2000;

/** A headless match being played: the state and what its record keeps (see `openMatch`). */
export interface MatchTable {
  readonly map: GameMap;
  readonly options: BotMatchOptions;
  state: MatchState;
  readonly seatOf: ReadonlyMap<PowerId, BotSeat>;
  readonly yearly: ReadonlyMap<PowerId, { centres: number[]; reputation: number[] }>;
  readonly eliminatedIn: Map<PowerId, number>;
  refused: number;
  phases: number;
}

/** Sets up a headless match from its options (the map checked against the seats). */
export function openMatch(options: BotMatchOptions): MatchTable {
  const map = getMap(options.mapId);
  if (!map) throw new Error(`unknown map "${options.mapId}"`);
  if (options.seats.length !== map.powers.length)
    throw new Error(
      `the ${map.name} map has ${map.powers.length} powers; ${options.seats.length} seats given`,
    );
  const state: MatchState = newMatch(map, {
    mapId: map.id,
    preset: options.preset ?? "default",
    pressMode: options.pressMode ?? "full",
    yearLimit: options.yearLimit,
    miscommunication: options.miscommunication ?? 0,
    scoring: options.scoring ?? "statesman",
  });
  const powers = state.powers;
  return {
    map,
    options,
    state,
    seatOf: new Map(powers.map((p, i) => [p, options.seats[i]!])),
    yearly: new Map(powers.map((p) => [p, { centres: [], reputation: [] }])),
    eliminatedIn: new Map(),
    refused: 0,
    phases: 0,
  };
}

/** Whether a headless match goes on: no result yet, and under the guard on phases. */
export function matchGoesOn(table: MatchTable): boolean {
  return !table.state.result && table.phases < MAX_PHASES;
}

/** Records the centres and reputation of every power (at the start of each year, and at the end). */
function sampleYear(table: MatchTable): void {
  const counts = centreCounts(table.map, table.state.position);
  for (const p of table.state.powers) {
    table.yearly.get(p)!.centres.push(counts.get(p) ?? 0);
    table.yearly.get(p)!.reputation.push(table.state.reputation[p] ?? 0);
  }
}

/** Before the seats act in a phase: the yearly sample in spring movement. */
export function startPhase(table: MatchTable): void {
  const { position } = table.state;
  if (position.season === "spring" && position.phase === "movement") sampleYear(table);
}

/** Applies a seat's actions through the rules, counting those refused. */
export function applySeatActions(table: MatchTable, power: PowerId, actions: readonly Action[]): void {
  for (const action of actions) {
    const next = applyAction(table.map, table.state, power, action);
    if (next.ok) table.state = next.value;
    else table.refused++;
  }
}

/** Resolves the phase (seeded by the match and the phase) and notes the powers eliminated. */
export function resolvePhase(table: MatchTable): void {
  const { position } = table.state;
  const key = phaseKey(position);
  table.state = resolveMatchPhase(table.map, table.state, createRng(`${table.options.seed}|resolve|${key}`));
  table.phases++;
  for (const p of eliminatedPowers(table.map, table.state.position))
    if (!table.eliminatedIn.has(p)) table.eliminatedIn.set(p, position.year);
}

/** A bot's own seed in a match. */
export function seatSeed(options: BotMatchOptions, power: PowerId): string {
  return `${options.seed}|${power}`;
}

/** Plays one bot match to its end. */
export function playBotMatch(options: BotMatchOptions): BotMatchRecord {
  const table = openMatch(options);
  const { map } = table;
  const act = (power: PowerId, respondOnly: boolean): void => {
    const turn = botTurn({
      map,
      view: playerView(table.state, power),
      power,
      profile: table.seatOf.get(power)!.profile,
      seed: seatSeed(options, power),
      respondOnly,
    });
    applySeatActions(table, power, turn.actions);
  };

  while (matchGoesOn(table)) {
    startPhase(table);
    const order = turnOrder(map, table.state);
    for (const p of order) act(p, false);
    // Then each answers the proposals made after its turn (a bot with none has nothing to do).
    for (const p of order) if (proposalsAwaiting(table.state, p).length > 0) act(p, true);
    resolvePhase(table);
  }
  return closeMatch(table);
}

/** The record of a finished headless match (the last sample taken here). */
export function closeMatch(table: MatchTable): BotMatchRecord {
  sampleYear(table);
  const { map, options, state, seatOf, yearly, eliminatedIn, refused, phases } = table;
  const powers = state.powers;
  const result = state.result ?? {
    kind: "year-limit" as const,
    winner: null,
    survivors: powers.filter((p) => !eliminatedIn.has(p)),
    scores: {},
    at: phaseOf(state.position),
  };
  const counts = centreCounts(map, state.position);
  const defections = state.history.flatMap((h) => h.defections);
  const records: PowerRecord[] = powers.map((p) => {
    const signed = state.commitments.filter((c) => c.signedAt !== null && c.parties.includes(p));
    const mine = defections.filter((d) => d.by === p);
    const brokenIds = new Set(mine.flatMap((d) => d.acts.map((a) => a.commitmentId)));
    const broken = signed.filter((c) => brokenIds.has(c.id)).length;
    return {
      power: p,
      label: seatOf.get(p)!.label,
      centres: counts.get(p) ?? 0,
      eliminatedIn: eliminatedIn.get(p) ?? null,
      reputation: state.reputation[p] ?? 0,
      prestige: state.prestige[p] ?? 0,
      score: result.scores[p] ?? 0,
      signed: signed.length,
      kept: signed.length - broken,
      broken,
      surpriseDefections: mine.filter((d) => d.kind === "surprise").length,
      announcedDefections: mine.filter((d) => d.kind === "announced").length,
      retaliations: mine.filter((d) => d.kind === "retaliation").length,
      betrayed: defections.filter((d) => d.against === p).length,
      centresByYear: yearly.get(p)!.centres,
      reputationByYear: yearly.get(p)!.reputation,
    };
  });
  return {
    seed: options.seed,
    mapId: map.id,
    yearLimit: options.yearLimit,
    result: { kind: result.kind, winner: result.winner, at: result.at },
    survivors: result.survivors,
    phases,
    refused,
    powers: records,
    clauses: clauseTallies(state.commitments, defections),
  };
}
