/**
 * A finished offline match for the end screen's tests: a local match (client/src/local/engine.ts)
 * played from its setup to the end, the human only saying Ready each phase, the bots playing.
 */
import {
  createLocalMatch,
  humanAct,
  settle,
  type LocalMatch,
  type LocalSetup,
} from "../../client/src/local/engine";

/** Plays `setup` to its end (at most `phases` phases of Ready); throws if it does not end. */
export function finishedLocalMatch(setup: LocalSetup, now: number, phases = 40): LocalMatch {
  const made = createLocalMatch(setup, now);
  if (!made.ok) throw new Error(made.error.message);
  let m = made.value;
  for (let i = 0; i < phases; i++) {
    m = settle(m, now);
    if (m.state.result !== null) return m;
    const ready = humanAct(m, "ready", { ready: true }, now);
    if (!ready.ok) throw new Error(`ready refused: ${ready.error.message}`);
    m = ready.value;
  }
  m = settle(m, now);
  if (m.state.result === null) throw new Error(`the match did not end in ${phases} phases`);
  return m;
}
