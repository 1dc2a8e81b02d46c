/**
 * What a debrief or a data export is built from: the state after each resolved phase of a match
 * and the actions the reader may see — made by the server from a match's log
 * (server/src/lobby/timeline.ts) or by anyone from a record file (`sourceOfRecord`, used by the
 * browser's record viewer). Pure.
 */
import type { State } from "boardgame.io";
import type { MatchState } from "../match/types";
import { initialOf, stepActions } from "../match/replay";
import type { MatchRecord, RecordAction } from "../wire/record";

/** The state after one resolved phase. */
export interface PhaseState {
  readonly phase: string; // the phase key that resolved, e.g. "1901-spring-movement"
  readonly G: MatchState; // the state it left, as the reader may see it
}

/** A match as a debrief or an export reads it. */
export interface DebriefSource {
  readonly matchID: string;
  readonly ended: boolean; // the source reaches the match's end
  readonly view: "whole" | "seat"; // seat: a running match's host sees what their seat sees
  readonly start: MatchState; // before the first phase
  readonly phases: readonly PhaseState[]; // after each resolved phase, in order
  readonly last: MatchState; // at the source's end
  readonly actions: readonly RecordAction[]; // in order, each with the phase it was made in
}

/** A record played again: its source, or why it could not be (a refused action, no seed). */
export type RecordSource =
  | { readonly ok: true; readonly source: DebriefSource; readonly states: readonly State<MatchState>[] }
  | { readonly ok: false; readonly phase: string; readonly why: string };

/**
 * Plays a record's actions again through the rules and gives its source, and the whole state
 * after each action (`states[i]` after action i) for a viewer that steps through it. A record
 * without a seed (a running match's) cannot be played again.
 */
export function sourceOfRecord(record: MatchRecord): RecordSource {
  const seed = record.seed;
  if (seed === null)
    return {
      ok: false,
      phase: "the start",
      why: "the record holds no seed (a running match's is given once it ends)",
    };
  const { game, initial } = initialOf({ ...record, seed });
  const phases: PhaseState[] = [];
  const states: State<MatchState>[] = [];
  for (const step of stepActions(game, initial, record.actions)) {
    if (step.after === null) {
      const action = record.actions[step.index]!;
      const why = step.refusal === null ? "" : `: ${step.refusal}`;
      return {
        ok: false,
        phase: step.phase,
        why: `action ${step.index + 1} (${action.move}) was refused${why}`,
      };
    }
    states.push(step.after);
    if (step.checkpoint !== null) phases.push({ phase: step.phase, G: step.after.G });
  }
  const last = states.at(-1)?.G ?? initial.G;
  return {
    ok: true,
    states,
    source: {
      matchID: record.matchID,
      ended: record.complete,
      view: "whole",
      start: initial.G,
      phases,
      last,
      actions: record.actions,
    },
  };
}
