/**
 * `/m/:matchID`: plays the match when this browser holds a seat in it; otherwise shows the match
 * (map, seats, phase) with a form to take a seat, and then plays.
 */
import { FormError, NAME_MISSING, NameField, nameFixed } from "./fields";
import { lazy, Suspense, useEffect, useRef, useState, type SubmitEvent } from "react";
import { getMap } from "../../../shared/src/map/registry";
import { ApiError, getMatch, joinMatch, type MatchInfo } from "./api";
import { pausedText } from "./Paused";
import { Link } from "./router";
import { saveSeat, seatFor, type StoredSeat } from "./seats";

const GameScreen = lazy(() => import("../game/GameScreen").then((m) => ({ default: m.GameScreen })));
const NAME_KEY = "entente.name";

/** Loading the game screen's code. */
export function GameLoading() {
  return <div className="page narrow muted">Opening the match…</div>;
}

/** The play-or-join page. */
export function MatchPage({ matchID }: { matchID: string }) {
  const [seat, setSeat] = useState<StoredSeat | null>(() => seatFor(matchID)); // the route keys this page by match
  if (seat !== null)
    return (
      <Suspense fallback={<GameLoading />}>
        <GameScreen key={`${matchID}:${seat.playerID}`} matchID={matchID} seat={seat} />
      </Suspense>
    );
  return <JoinView matchID={matchID} onJoined={setSeat} />;
}

/**
 * `/watch/:matchID`: the match without a seat. The lobby is asked first whether the match exists,
 * so a made-up id says so instead of connecting for ever.
 */
export function WatchPage({ matchID }: { matchID: string }) {
  const [known, setKnown] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    setKnown(null);
    getMatch(matchID)
      .then(() => live && setKnown(true))
      // Only the lobby's own "no such match" stops here; anything else (a network blip) lets the screen try.
      .catch((e: unknown) => live && setKnown(!(e instanceof ApiError && e.code === "unknown-match")));
    return () => {
      live = false;
    };
  }, [matchID]);
  if (known === null) return <GameLoading />;
  if (!known)
    return (
      <div className="page narrow">
        <div className="card" data-testid="no-such-match">
          <h1>No such match</h1>
          <p>
            There is no match “{matchID}” on this server. The link may be mistyped, or the match was removed.
          </p>
          <p>
            <Link to="/">Go to the start page</Link>
          </p>
        </div>
      </div>
    );
  return (
    <Suspense fallback={<GameLoading />}>
      <GameScreen key={matchID} matchID={matchID} seat={null} />
    </Suspense>
  );
}

/** The match as a stranger sees it, with the join form. */
function JoinView({ matchID, onJoined }: { matchID: string; onJoined: (seat: StoredSeat) => void }) {
  const [info, setInfo] = useState<MatchInfo | null>(null);
  const [loadError, setLoadError] = useState<{ code: string; message: string } | null>(null);
  const [name, setName] = useState(() => window.localStorage.getItem(NAME_KEY) ?? "");
  const [choice, setChoice] = useState<string>("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    getMatch(matchID)
      .then((i) => live && setInfo(i))
      .catch(
        (e: unknown) =>
          live &&
          setLoadError(
            e instanceof ApiError
              ? { code: e.code, message: e.message }
              : { code: "unknown", message: "Could not load the match." },
          ),
      );
    return () => {
      live = false;
    };
  }, [matchID]);

  if (loadError !== null)
    return (
      <div className="page narrow">
        <div className="card">
          <h1>
            {loadError.code === "network"
              ? "You are offline"
              : loadError.code === "unknown-match"
                ? "Match not found"
                : "Could not open the match"}
          </h1>
          <p>{loadError.message}</p>
          <p>
            <Link to="/">Start a new match</Link>
          </p>
        </div>
      </div>
    );
  if (info === null) return <div className="page narrow muted">Loading the match…</div>;

  const map = getMap(info.map);
  const free = info.seats.filter((s) => s.kind === "open" && !s.reserved);
  const over = info.gameover !== null;

  const submit = async (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const who = name.trim();
    if (who === "") {
      setError(NAME_MISSING);
      nameInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await joinMatch(matchID, who, choice === "" ? undefined : Number(choice));
      window.localStorage.setItem(NAME_KEY, who);
      const seat = { matchID, ...answer, name: who };
      saveSeat(seat);
      onJoined(seat);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Something went wrong; please try again.");
    } finally {
      setBusy(false);
    }
  };

  const phase = info.phase;
  return (
    <div className="page narrow">
      <div className="card">
        <p className="kicker">You are invited to a match</p>
        <h1>
          {map?.name ?? info.map} · {info.players} players
        </h1>
        <p className="muted">
          {cap(phase.season)} {phase.year}, {phase.phase} · press: {info.settings.pressMode} · rules:{" "}
          {info.settings.preset}
          {info.settings.yearLimit !== null ? ` · ends after ${info.settings.yearLimit}` : ""}
          {info.timing !== null ? ` · ${info.timing.movement} min a move` : ""}
        </p>
        <ul className="seat-list">
          {info.seats.map((s) => (
            <li key={s.playerID}>
              <span className="seat-power">{map?.power.get(s.power)?.name ?? s.power}</span>
              <span className={s.kind === "open" ? "muted" : ""}>
                {s.kind === "open" ? (s.reserved ? "held for its player" : "open") : (s.name ?? "—")}
              </span>
              {s.connected && <span className="chip chip-saved">online</span>}
            </li>
          ))}
        </ul>
        {info.paused && !over && (
          <p className="banner banner-info" data-testid="paused">
            {pausedText(info.idlePhases)}. It runs again when one of its players comes back.
          </p>
        )}
        {over ? (
          <p className="banner banner-info">This match has ended.</p>
        ) : free.length === 0 ? (
          <p className="banner banner-info">Every seat is taken.</p>
        ) : (
          <form className="join" onSubmit={(e) => void submit(e)} noValidate>
            <div className="grid-2">
              <NameField
                testId="join-name"
                value={name}
                onChange={(v) => {
                  setName(v);
                  if (nameFixed(error, v)) setError(null);
                }}
                placeholder="e.g. Bob"
                errorId={error === NAME_MISSING ? "join-error" : undefined}
                inputRef={nameInput}
              />
              <label className="field">
                <span>Seat</span>
                <select value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="join-seat">
                  <option value="">Any free seat</option>
                  {free.map((s) => (
                    <option key={s.playerID} value={s.playerID}>
                      {map?.power.get(s.power)?.name ?? s.power}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <FormError error={error} id="join-error" />
            <div className="actions">
              <button type="submit" className="button primary" data-testid="join-submit" disabled={busy}>
                {busy ? "Joining…" : "Take a seat"}
              </button>
              <Link to={`/watch/${matchID}`} className="button ghost">
                Just watch
              </Link>
            </div>
          </form>
        )}
        {(over || free.length === 0) && (
          <p>
            <Link to={`/watch/${matchID}`}>Watch the match</Link>
          </p>
        )}
      </div>
    </div>
  );
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
