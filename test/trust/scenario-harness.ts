/**
 * A small harness for trust scenarios told as stories: a match on a map under a preset, then a
 * list of steps. Each step applies the powers' actions with `applyAction` (any refusal fails the
 * scenario unless the step expects that refusal's code), gives the orders written in the usual
 * notation, resolves the phase with `resolveMatchPhase`, and checks the new edition of the paper
 * (which events were printed, which were not) and the exact reputation and prestige of the powers
 * the step names. Steps that only try actions (`resolve: false`) leave the phase open.
 */
import { expect } from "vitest";
import type { Position } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import { parseUnitString } from "../../shared/src/map/load";
import type { GameMap, PowerId, ProvinceId } from "../../shared/src/map/types";
import { applyAction } from "../../shared/src/match/actions";
import { resolveMatchPhase } from "../../shared/src/match/resolve";
import { DEFAULT_SETTINGS, newMatch } from "../../shared/src/match/setup";
import type { Action, MatchResult, MatchSettings, MatchState } from "../../shared/src/match/types";
import type { NewsEvent } from "../../shared/src/newspaper/types";
import { parseOrder } from "../../shared/src/orders/notation";
import type { Order } from "../../shared/src/orders/types";
import { createRng } from "../../shared/src/random";
import type { CommitmentStatus, DefectionKind } from "../../shared/src/trust/types";

/** An action the story expects the engine to refuse, with the code it must give. */
export interface Refused {
  readonly refused: string;
  readonly action: Action;
}

/** A defection as the paper prints it: `[by, against, kind]`. */
export type Printed = readonly [PowerId, PowerId, DefectionKind];

/** What must hold after a step. */
export interface StepExpectation {
  /** The phase the step plays, e.g. "fall 1901 movement" (checked before it resolves). */
  readonly at?: string;
  /** Events that must be in the edition (each matched as a partial object). */
  readonly events?: readonly Record<string, unknown>[];
  /** Events that must not be in the edition (each matched as a partial object). */
  readonly absent?: readonly Record<string, unknown>[];
  /** Exactly the defections the edition prints, in any order; omitted: not checked. */
  readonly defections?: readonly Printed[];
  /** Exact reputation of the named powers after the step. */
  readonly reputation?: Readonly<Record<PowerId, number>>;
  /** Exact prestige of the named powers after the step. */
  readonly prestige?: Readonly<Record<PowerId, number>>;
  /** Status of the named commitments after the step. */
  readonly status?: Readonly<Record<string, CommitmentStatus>>;
  /** The result of the game after the step (partial), or null while it goes on. */
  readonly result?: Partial<MatchResult> | null;
}

/** One step of a story: actions, orders, then (by default) the phase resolves. */
export interface Step extends StepExpectation {
  /** Actions by power, applied power by power in the order written. */
  readonly actions?: Readonly<Record<PowerId, readonly (Action | Refused)[]>>;
  /** Orders as notation text, by power. */
  readonly orders?: Readonly<Record<PowerId, readonly string[]>>;
  /** False: only try the actions, do not resolve the phase. */
  readonly resolve?: false;
  /** Extra checks on the state after the step. */
  readonly check?: (state: MatchState) => void;
}

/** A board to start from other than the map's opening. */
export interface StartBoard {
  readonly year?: number;
  readonly season?: "spring" | "fall";
  readonly units: readonly string[]; // "ENG F eng"
  readonly supplyCenters: Readonly<Record<PowerId, readonly ProvinceId[]>>;
}

/** A whole story. */
export interface Scenario {
  readonly name: string;
  readonly story: string;
  readonly map?: string; // default classic
  readonly settings?: Partial<MatchSettings>;
  readonly powers?: readonly PowerId[];
  readonly start?: StartBoard;
  readonly seed?: string;
  /** A known engine bug this story shows (the test is expected to fail until it is fixed). */
  readonly knownBug?: string;
  readonly steps: readonly Step[];
  /** Checks on the final state. */
  readonly finally?: (state: MatchState) => void;
}

/** The phase a state is in, in words: "spring 1901 movement". */
export function phaseText(state: MatchState): string {
  const p = state.position;
  return `${p.season} ${p.year} ${p.phase}`;
}

/** The first state of a scenario's match. */
export function startOf(scenario: Scenario): { map: GameMap; state: MatchState } {
  const map = getMap(scenario.map ?? "classic");
  if (!map) throw new Error(`no map ${scenario.map ?? "classic"}`);
  const settings: MatchSettings = { ...DEFAULT_SETTINGS, mapId: map.id, ...scenario.settings };
  let state = newMatch(map, settings, scenario.powers);
  if (scenario.start) {
    const b = scenario.start;
    const supplyCenters: Record<ProvinceId, PowerId> = {};
    for (const [power, centres] of Object.entries(b.supplyCenters))
      for (const c of centres) supplyCenters[c] = power;
    const position: Position = {
      year: b.year ?? map.start.year,
      season: b.season ?? "spring",
      phase: "movement",
      units: b.units.map((text) => {
        const unit = parseUnitString(text);
        if (!unit) throw new Error(`bad unit "${text}"`);
        return unit;
      }),
      dislodged: [],
      supplyCenters,
    };
    state = { ...state, position };
  }
  return { map, state };
}

/** Reads a power's orders from notation for the current phase and board. */
export function ordersFromText(
  map: GameMap,
  state: MatchState,
  power: PowerId,
  texts: readonly string[],
): Order[] {
  return texts.map((text) => {
    const parsed = parseOrder(text, {
      map,
      power,
      phase: state.position.phase,
      units: state.position.units,
    });
    if (!parsed.ok) throw new Error(`${power} "${text}": ${parsed.error.message}`);
    return parsed.value;
  });
}

function isRefused(entry: Action | Refused): entry is Refused {
  return "refused" in entry;
}

/** Applies one step's actions and orders; throws on an unexpected refusal or acceptance. */
export function applyStep(map: GameMap, state: MatchState, step: Step): MatchState {
  let s = state;
  for (const [power, entries] of Object.entries(step.actions ?? {})) {
    for (const entry of entries) {
      const action = isRefused(entry) ? entry.action : entry;
      const result = applyAction(map, s, power, action);
      if (isRefused(entry)) {
        if (result.ok) throw new Error(`${power} ${action.type}: expected "${entry.refused}", was accepted`);
        expect(result.error.code, `${power} ${action.type}`).toBe(entry.refused);
        continue;
      }
      if (!result.ok)
        throw new Error(`${power} ${action.type} refused: ${result.error.code} (${result.error.message})`);
      s = result.value;
    }
  }
  for (const [power, texts] of Object.entries(step.orders ?? {})) {
    const result = applyAction(map, s, power, {
      type: "orders",
      orders: ordersFromText(map, s, power, texts),
    });
    if (!result.ok)
      throw new Error(`${power} orders refused: ${result.error.code} (${result.error.message})`);
    s = result.value;
  }
  return s;
}

/** The events of a state's latest edition. */
export function latestEvents(state: MatchState): NewsEvent[] {
  return state.editions.at(-1)?.articles.map((a) => a.event) ?? [];
}

/** Checks a step's expectations against the state after it. */
export function checkStep(state: MatchState, step: StepExpectation, label: string): void {
  const events = latestEvents(state);
  if (step.defections) {
    const printed = events.flatMap((e) => (e.type === "defection" ? [`${e.by}>${e.against}:${e.kind}`] : []));
    const wanted = step.defections.map(([by, against, kind]) => `${by}>${against}:${kind}`);
    expect(printed.sort(), `${label}: defections printed`).toEqual([...wanted].sort());
  }
  for (const wanted of step.events ?? []) {
    expect(events, `${label}: an event like ${JSON.stringify(wanted)}`).toContainEqual(
      expect.objectContaining(wanted),
    );
  }
  for (const unwanted of step.absent ?? []) {
    expect(events, `${label}: no event like ${JSON.stringify(unwanted)}`).not.toContainEqual(
      expect.objectContaining(unwanted),
    );
  }
  for (const [power, value] of Object.entries(step.reputation ?? {}))
    expect(state.reputation[power], `${label}: ${power}'s reputation`).toBe(value);
  for (const [power, value] of Object.entries(step.prestige ?? {}))
    expect(state.prestige[power], `${label}: ${power}'s prestige`).toBe(value);
  for (const [id, status] of Object.entries(step.status ?? {}))
    expect(state.commitments.find((c) => c.id === id)?.status, `${label}: ${id}'s status`).toBe(status);
  if (step.result === null) expect(state.result, `${label}: the game goes on`).toBeNull();
  else if (step.result) expect(state.result, `${label}: result`).toMatchObject(step.result);
}

/** Plays a scenario step by step, checking each step; returns the final state. */
export function playScenario(scenario: Scenario): MatchState {
  const { map, state: first } = startOf(scenario);
  let state = first;
  scenario.steps.forEach((step, i) => {
    const label = `${scenario.name}, step ${i + 1} (${phaseText(state)})`;
    if (step.at !== undefined) expect(phaseText(state), `${label}: phase`).toBe(step.at);
    state = applyStep(map, state, step);
    if (step.resolve !== false)
      state = resolveMatchPhase(map, state, createRng(`${scenario.seed ?? scenario.name}/${i}`));
    checkStep(state, step, label);
    step.check?.(state);
  });
  scenario.finally?.(state);
  return state;
}
