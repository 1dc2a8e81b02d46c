/**
 * `/local` and `/local/play`: a match against bots, played entirely in this browser (no server).
 * `/local` lists the matches kept in this browser (resume, delete after a confirmation), says
 * when the app is ready to work offline (OfflineReady.tsx), and sets a new one up — the map, the
 * power you play, the bots' personality (for all, or one per power), how they fight, the rules
 * preset, the press and an optional last year; a new match joins the list, never replacing one.
 * `/local/play` plays the current one on the same game screen as online matches, and once it is
 * over, "play again" (after a confirmation) starts another match with the same setup, keeping the
 * finished one in the list.
 */
import { useMemo, useState, type SubmitEvent } from "react";
import { getMap } from "../../../shared/src/map/registry";
import type { PowerId } from "../../../shared/src/map/types";
import type { Tactics } from "../../../shared/src/bots/tactics";
import { PERSONALITIES, PERSONALITY_INFO, type Personality } from "../../../shared/src/bots/personality";
import type { PressMode } from "../../../shared/src/match/types";
import { BotTacticsField, FormError, parseYearLimit, PresetField, YearLimitField } from "../app/fields";
import { Link, navigate } from "../app/router";
import { Help, PersonalityNotes } from "../guide/Help";
import { cap, GameView } from "../game/GameView";
import {
  createLocalMatch,
  DEFAULT_PERSONALITY,
  replaySetup,
  type LocalMatch,
  type SaveStorage,
} from "./engine";
import {
  currentLocalId,
  deleteLocalMatch,
  listLocalMatches,
  setCurrentLocal,
  startLocalMatch,
  type KeptList,
} from "./store";
import { OfflineReady } from "./OfflineReady";
import { useLocalMatch, type LocalGame } from "./useLocalMatch";
import "./local.css";

const MAPS = [
  { id: "classic", label: "Classic (Europe, 7 powers)" },
  { id: "amber", label: "Amber Sea (5 powers)" },
] as const;

const PHASE_WORDS = { movement: "movement", retreat: "retreats", adjustment: "adjustments" } as const;

function storage(): SaveStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Why a match cannot be kept when there is no storage at all. */
const NOT_KEPT = "This browser does not let the page keep data (storage is off), so a match cannot be kept.";

/** A fresh random seed (works outside secure contexts too). */
function newSeed(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The page: the setup (`play` false) or the match in progress (`play` true). */
export function LocalPage({ play }: { play: boolean }) {
  const [kept, setKept] = useState<KeptList>(() => {
    const s = storage();
    return s === null ? { matches: [], skipped: [] } : listLocalMatches(s);
  });
  const [saved, setSaved] = useState<LocalMatch | null>(() => {
    const s = storage();
    const id = s === null ? null : currentLocalId(s);
    return kept.matches.find((k) => k.match.id === id)?.match ?? null;
  });
  if (!play)
    return (
      <LocalSetup
        kept={kept}
        onDelete={(id) => {
          const s = storage();
          if (s === null) return NOT_KEPT;
          const done = deleteLocalMatch(s, id);
          if (!done.ok) return done.error.message;
          setKept(listLocalMatches(s));
          if (saved?.id === id) setSaved(null);
          return null;
        }}
      />
    );
  if (saved === null)
    return (
      <div className="page narrow">
        <div className="card">
          <h1>No offline match in progress</h1>
          <p>
            <Link to="/local">Set one up</Link> — it takes a few seconds.
          </p>
        </div>
      </div>
    );
  return <LocalGameScreen key={saved.id} initial={saved} onPlayAgain={setSaved} />;
}

/** One line about a kept match: map, power, bots, phase. */
function describe(m: LocalMatch): string {
  const map = getMap(m.state.settings.mapId);
  const p = m.state.position;
  const power = map?.power.get(m.human)?.name ?? m.human;
  const when = m.state.result !== null ? "finished" : `${cap(p.season)} ${p.year}, ${PHASE_WORDS[p.phase]}`;
  const kinds = [...new Set(Object.values(m.bots))].map((b) => PERSONALITY_INFO[b].name.toLowerCase());
  const bots = kinds.length === 1 ? `${kinds[0]} bots` : "mixed bots";
  const press = { full: "", public: " · public press only", none: " · no press" }[m.state.settings.pressMode];
  return `${map?.name ?? m.state.settings.mapId} · you play ${power} against ${bots}${press} · ${when}`;
}

/** When a match was last played, in this browser's words. */
function playedWhen(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The kept matches: each with Resume and Delete (which asks first); and what could not be read. */
function KeptMatches({ kept, onDelete }: { kept: KeptList; onDelete: (id: string) => string | null }) {
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (kept.matches.length === 0 && kept.skipped.length === 0) return null;
  const resume = (id: string) => {
    const s = storage();
    const done = s === null ? null : setCurrentLocal(s, id);
    if (done === null || !done.ok) {
      setError(done === null ? NOT_KEPT : done.error.message);
      return;
    }
    navigate("/local/play");
  };
  return (
    <div className="card local-resume" data-testid="local-saved">
      <p className="kicker">Your offline matches</p>
      {kept.skipped.map((note) => (
        <p key={note} className="banner" role="status" data-testid="local-skipped">
          {note}
        </p>
      ))}
      <ul className="local-list">
        {kept.matches.map(({ match, playedAt }) => (
          <li key={match.id} className="local-kept" data-testid={`local-match-${match.id}`}>
            <p className="local-resume-line">{describe(match)}</p>
            <p className="muted small">Last played {playedWhen(playedAt)}</p>
            <div className="actions">
              <button
                type="button"
                className="button primary"
                data-testid={`local-resume-${match.id}`}
                onClick={() => resume(match.id)}
              >
                Resume
              </button>
              {asking === match.id ? (
                <>
                  <span className="muted small">Delete this match for good?</span>
                  <button
                    type="button"
                    className="button"
                    data-testid={`local-delete-confirm-${match.id}`}
                    onClick={() => {
                      setAsking(null);
                      setError(onDelete(match.id));
                    }}
                  >
                    Delete
                  </button>
                  <button type="button" className="button" onClick={() => setAsking(null)}>
                    Keep it
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="button"
                  data-testid={`local-delete-${match.id}`}
                  onClick={() => setAsking(match.id)}
                >
                  Delete
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <FormError error={error} />
    </div>
  );
}

/** The kept matches, then the setup form of a new one. */
function LocalSetup({ kept, onDelete }: { kept: KeptList; onDelete: (id: string) => string | null }) {
  const last = kept.matches[0]?.match;
  const [mapId, setMapId] = useState<string>(last?.state.settings.mapId ?? "classic");
  const map = getMap(mapId);
  const powers = useMemo(() => map?.powers.map((p) => p.id) ?? [], [map]);
  const [human, setHuman] = useState<PowerId>(last?.human ?? "ENG");
  const me = powers.includes(human) ? human : (powers[0] ?? human);
  const [all, setAll] = useState<Personality>(DEFAULT_PERSONALITY);
  const [perSeat, setPerSeat] = useState<Partial<Record<PowerId, Personality>>>({});
  const [yearLimit, setYearLimit] = useState("");
  const [tactics, setTactics] = useState<Tactics>("baseline");
  const [preset, setPreset] = useState("default");
  const [pressMode, setPressMode] = useState<PressMode>("full");
  const [error, setError] = useState<string | null>(null);
  const firstYear = map?.start.year ?? 1901;

  const start = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const limit = parseYearLimit(yearLimit, firstYear);
    if (!limit.ok) {
      setError(limit.message);
      return;
    }
    const bots = Object.fromEntries(powers.filter((p) => p !== me).map((p) => [p, perSeat[p] ?? all]));
    const created = createLocalMatch(
      { mapId, human: me, bots, yearLimit: limit.year, seed: newSeed(), tactics, preset, pressMode },
      Date.now(),
    );
    if (!created.ok) {
      setError(cap(created.error.message) + ".");
      return;
    }
    const s = storage();
    const kept = s === null ? null : startLocalMatch(s, created.value, Date.now());
    if (kept === null || !kept.ok) {
      setError(kept === null ? NOT_KEPT : kept.error.message);
      return;
    }
    navigate("/local/play");
  };

  const info = PERSONALITY_INFO[all];
  return (
    <div className="page narrow local-setup">
      <KeptMatches kept={kept} onDelete={onDelete} />
      <form className="card" onSubmit={start} noValidate>
        <p className="kicker">Offline · no server needed</p>
        <h1>Play against bots</h1>
        <p className="muted">
          The whole game runs in this browser: the rules, the bots and the newspaper. It keeps working without
          a connection, and the match is saved on this device after every move.
        </p>
        <OfflineReady />
        <div className="grid-2">
          <label className="field">
            <span>Map</span>
            <select
              data-testid="local-map"
              value={mapId}
              onChange={(e) => {
                setMapId(e.target.value);
                setPerSeat({});
              }}
            >
              {MAPS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>You play</span>
            <select data-testid="local-power" value={me} onChange={(e) => setHuman(e.target.value)}>
              {powers.map((p) => (
                <option key={p} value={p}>
                  {map?.power.get(p)?.name ?? p}
                </option>
              ))}
            </select>
          </label>
          <label className="field span-2">
            <span>The bots</span>
            <select
              data-testid="local-bots"
              value={all}
              onChange={(e) => {
                setAll(e.target.value as Personality);
                setPerSeat({});
              }}
            >
              {PERSONALITIES.map((p) => (
                <option key={p} value={p}>
                  {PERSONALITY_INFO[p].name}
                </option>
              ))}
            </select>
            <span className="local-hint">{info.description}</span>
          </label>
          <Help topic="personality" label="What is a bot personality?" className="help-wide" />
        </div>
        <details className="local-per-seat">
          <summary data-testid="local-per-seat">A different bot for each power</summary>
          <ol>
            {powers
              .filter((p) => p !== me)
              .map((p) => (
                <li key={p} className="seat-row">
                  <span className="seat-power">{map?.power.get(p)?.name ?? p}</span>
                  <select
                    data-testid={`local-bot-${p}`}
                    aria-label={`${map?.power.get(p)?.name ?? p}: bot personality`}
                    value={perSeat[p] ?? all}
                    title={PERSONALITY_INFO[perSeat[p] ?? all].description}
                    onChange={(e) => setPerSeat({ ...perSeat, [p]: e.target.value as Personality })}
                  >
                    {PERSONALITIES.map((q) => (
                      <option key={q} value={q}>
                        {PERSONALITY_INFO[q].name}
                      </option>
                    ))}
                  </select>
                </li>
              ))}
          </ol>
          <PersonalityNotes
            testId="local-bot-notes"
            chosen={powers.filter((p) => p !== me).map((p) => perSeat[p] ?? all)}
          />
        </details>
        <div className="grid-2">
          <BotTacticsField testId="local-tactics" value={tactics} onChange={setTactics} />
          <label className="field">
            <span>Press</span>
            <select
              data-testid="local-press"
              value={pressMode}
              onChange={(e) => setPressMode(e.target.value as PressMode)}
            >
              <option value="full">Full — private and public</option>
              <option value="public">Public statements only</option>
              <option value="none">None (gunboat)</option>
            </select>
          </label>
          <PresetField testId="local-preset" value={preset} onChange={setPreset} />
        </div>
        <YearLimitField
          testId="local-year-limit"
          value={yearLimit}
          onChange={setYearLimit}
          firstYear={firstYear}
          className="field local-year"
        />
        <FormError error={error} />
        <div className="actions">
          <button type="submit" className="button primary" data-testid="local-start">
            Start the match
          </button>
          {kept.matches.length > 0 && (
            <span className="muted small">A new match; the ones above are kept.</span>
          )}
        </div>
      </form>
    </div>
  );
}

/**
 * Play again: a new match with the finished one's setup, kept beside it (the finished one stays in
 * the list); then `onStarted`. Answers why it could not, or null.
 */
function playAgainLocal(finished: LocalMatch, onStarted: (next: LocalMatch) => void): string | null {
  const created = createLocalMatch(replaySetup(finished, newSeed()), Date.now());
  if (!created.ok) return cap(created.error.message) + ".";
  const s = storage();
  if (s === null) return NOT_KEPT;
  const kept = startLocalMatch(s, created.value, Date.now());
  if (!kept.ok) return kept.error.message;
  onStarted(created.value);
  return null;
}

/** The match in progress on the shared game screen; `onPlayAgain` gets the next match once it is saved. */
function LocalGameScreen({
  initial,
  onPlayAgain,
}: {
  initial: LocalMatch;
  onPlayAgain: (next: LocalMatch) => void;
}) {
  const game = useLocalMatch(initial);
  const { local, match, press } = game;
  const seatNames = local.state.powers.map((p) =>
    p === local.human ? "you" : `${PERSONALITY_INFO[local.bots[p] ?? DEFAULT_PERSONALITY].name} bot`,
  );
  return (
    <GameView
      match={match}
      press={press}
      spectator={false}
      seatNames={seatNames}
      loading="Setting up the board…"
      status={<LocalStatus game={game} />}
      onPlayAgain={() => playAgainLocal(local, onPlayAgain)}
    />
  );
}

/** What the table is doing: the bots thinking, a phase resolving, or waiting for you. */
function LocalStatus({ game }: { game: LocalGame }) {
  const { local, step, unsaved } = game;
  const waiting = step === null && local.state.result === null;
  const text =
    local.state.result !== null
      ? "Game over"
      : step?.kind === "turn" || step?.kind === "reply"
        ? "Bots are thinking…"
        : step?.kind === "resolve"
          ? "Resolving…"
          : "Your move";
  return (
    <>
      {unsaved && (
        <span className="connection down" role="alert">
          Not saved: storage is full or off
        </span>
      )}
      <span
        className={`connection local-status ${waiting ? "waiting" : "busy"}`}
        data-testid="local-status"
        role="status"
        title="This match runs in your browser; nothing is sent to a server."
      >
        <span className="dot" aria-hidden />
        Offline · {text}
      </span>
      <Link to="/local" className="connection local-menu" data-testid="local-menu">
        Menu
      </Link>
    </>
  );
}
