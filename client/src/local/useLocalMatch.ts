/**
 * The offline match as the game screen sees it: the same `MatchHandle` as `useMatch` (the human's
 * `playerView`, `act` with the boardgame.io move names, refusals as `error`) and the same
 * `PressState` as `usePress` (built from the match's press log; a message is a `message` action,
 * a leak a `leak` action naming it), both over a `LocalMatch` kept in memory and saved in
 * localStorage after every change. Nothing goes over the network.
 *
 * The bots and the table run one step at a time (`nextStep`/`runStep`) on a timer, so the page
 * stays responsive; each change of the match schedules the next step, and a move of the human
 * in between just postpones it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { MoveName } from "../../../shared/src/match/game";
import { playerView } from "../../../shared/src/match/view";
import type { PressError } from "../panels/press-logic";
import { useReadMarks } from "../game/readMarks";
import type { MatchError, MatchHandle } from "../game/useMatch";
import type { PressState } from "../game/usePress";
import {
  humanAct,
  mapOfLocal,
  nextStep,
  pressFor,
  runStep,
  type LocalMatch,
  type LocalStep,
  type SaveStorage,
} from "./engine";
import { keepLocalMatch } from "./store";

/** How long the table waits before each bot turn, and before resolving a phase (ms). */
export const BOT_DELAY_MS = 40;
export const RESOLVE_DELAY_MS = 250;

/** Options of `useLocalMatch`. */
export interface LocalMatchOptions {
  readonly storage?: SaveStorage | null; // default: localStorage; null: do not save
  readonly botDelayMs?: number;
  readonly resolveDelayMs?: number;
}

/** What the offline game screen gets. */
export interface LocalGame {
  readonly local: LocalMatch;
  readonly match: MatchHandle;
  readonly press: PressState;
  /** What the table does next (null: it waits for the human, or the game is over). */
  readonly step: LocalStep | null;
  /** The last save failed (storage full or off): a reload would lose the latest moves. */
  readonly unsaved: boolean;
}

function defaultStorage(): SaveStorage | null {
  try {
    // No localStorage outside a browser (the tests run in node); reading it may throw when off.
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    return null;
  }
}

/** Plays a local match from `initial` (key the component by match id to switch matches). */
export function useLocalMatch(initial: LocalMatch, options: LocalMatchOptions = {}): LocalGame {
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const botDelay = options.botDelayMs ?? BOT_DELAY_MS;
  const resolveDelay = options.resolveDelayMs ?? RESOLVE_DELAY_MS;
  const [local, setLocal] = useState(initial);
  const latest = useRef(initial);
  const [error, setError] = useState<MatchError | null>(null);
  const [pressError, setPressError] = useState<PressError | null>(null);
  const [unsaved, setUnsaved] = useState(false);
  const map = useMemo(() => mapOfLocal(initial), [initial]);

  const commit = useCallback((next: LocalMatch) => {
    latest.current = next;
    setLocal(next);
  }, []);

  // Every change is saved, so a reload loses nothing.
  useEffect(() => {
    if (storage !== null) setUnsaved(!keepLocalMatch(storage, local, Date.now()).ok);
  }, [local, storage]);

  // The bots' turns and the resolution, one step per tick.
  const step = useMemo(() => nextStep(local, map), [local, map]);
  useEffect(() => {
    if (step === null) return;
    const timer = window.setTimeout(
      () => {
        const current = latest.current;
        const now = nextStep(current, map);
        if (now !== null) commit(runStep(current, map, now, Date.now()));
      },
      step.kind === "resolve" ? resolveDelay : botDelay,
    );
    return () => window.clearTimeout(timer);
  }, [step, map, commit, botDelay, resolveDelay]);

  /** One move of the human; the refusal, if any, as the server would word it. */
  const perform = useCallback(
    (move: MoveName, payload: unknown): { ok: true } | { ok: false; error: PressError } => {
      const result = humanAct(latest.current, move, payload, Date.now());
      if (!result.ok) return { ok: false, error: { code: result.error.code, message: result.error.message } };
      commit(result.value);
      return { ok: true };
    },
    [commit],
  );

  const act = useCallback(
    (move: MoveName, payload: unknown) => {
      const result = perform(move, payload);
      setError(result.ok ? null : { ...result.error, move });
    },
    [perform],
  );
  const clearError = useCallback(() => setError(null), []);

  const G = useMemo(() => playerView(local.state, local.human), [local.state, local.human]);
  const playerID = String(local.state.powers.indexOf(local.human));
  const match: MatchHandle = {
    G,
    ctx: null,
    power: local.human,
    map,
    playerID,
    matchID: local.id,
    connected: true,
    reconnecting: false,
    error,
    offline: true,
    act,
    clearError,
  };

  const press = useLocalPress(local, playerID, perform, pressError, setPressError);
  return { local, match, press, step, unsaved };
}

/** The press of the human, from the match's press log, with read marks kept like online. */
function useLocalPress(
  local: LocalMatch,
  playerID: string,
  perform: (move: MoveName, payload: unknown) => { ok: true } | { ok: false; error: PressError },
  error: PressError | null,
  setError: (e: PressError | null) => void,
): PressState {
  const me = local.human;
  const log = local.press;
  const items = useMemo(() => pressFor({ press: log }, me), [log, me]);
  const { unread, markRead } = useReadMarks(local.id, playerID, items, me);

  const run = useCallback(
    (move: MoveName, payload: unknown): Promise<boolean> => {
      const result = perform(move, payload);
      setError(result.ok ? null : result.error);
      return Promise.resolve(result.ok);
    },
    [perform, setError],
  );
  const send = useCallback(
    (to: readonly string[], text: string) => run("message", { to: [...to], text }),
    [run],
  );
  const communique = useCallback((text: string) => run("communique", { text }), [run]);
  const leak = useCallback((messageId: string) => run("leak", { messageId }), [run]);
  const clearError = useCallback(() => setError(null), [setError]);

  return {
    items,
    unread,
    power: me,
    connected: true,
    offline: true,
    error,
    send,
    communique,
    leak,
    markRead,
    clearError,
  };
}
