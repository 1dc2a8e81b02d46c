/**
 * `/class/:classId/projector`: the class on the wall, readable from the back of the room. The
 * board of the focused match (or of each running match in turn, every `ROTATE_MS`, when the
 * teacher chose "each in turn"), its reputation and centres as bars, the latest headline of every
 * match, and the teacher's latest broadcasts. Only public data: the projector's long-poll
 * (`GET /api/classes/:id/projector`, no key) and the match's spectator socket (no seat). It fits
 * the screen without scrolling (1280×720 and up); its one control is a small fullscreen button.
 */
import { useCallback, useEffect, useState, type CSSProperties, type ReactNode } from "react";
import type { GameMap } from "../../../shared/src/map/types";
import { PRESETS } from "../../../shared/src/trust/presets";
import type { ProjectorView } from "../../../shared/src/wire";
import { Deadline } from "../game/Deadline";
import { useMatch } from "../game/useMatch";
import { NEUTRAL, powerColor } from "../map/colors";
import { geometryOf } from "../map/layout";
import { MapView } from "../map/MapView";
import { getProjectorTimed } from "./classApi";
import { matchStateText, newsLine, reputationSpan, ROTATE_MS, shownMatch } from "./dashboard";
import { PowerTag } from "./controls";
import { useLongPoll } from "./useLongPoll";
import "./classroom.css";

/** One match as the projector's data holds it. */
type WallMatch = ProjectorView["matches"][number];

/** The projector page. */
export function Projector(props: { readonly classId: string }): ReactNode {
  const { classId } = props;
  const fetchView = useCallback(
    (after: number | undefined, wait: number | undefined, signal: AbortSignal) =>
      getProjectorTimed(classId, after, wait, signal),
    [classId],
  );
  const poll = useLongPoll<ProjectorView>(classId, true, fetchView);
  const view = poll.view;
  const [tick, setTick] = useState(0);
  const rotating = view?.focus === "rotate";
  useEffect(() => {
    if (!rotating) return;
    const t = window.setInterval(() => setTick((n) => n + 1), ROTATE_MS);
    return () => window.clearInterval(t);
  }, [rotating]);

  const name = view?.name ?? null;
  useEffect(() => {
    document.title = name === null ? "Projector · Entente" : `${name} · Projector · Entente`;
  }, [name]);

  if (poll.fatal !== null)
    return (
      <div className="cls-wall cls-wall-message" data-testid="projector">
        <p>{poll.fatal.code === "unknown-class" ? "There is no such class." : poll.fatal.message}</p>
      </div>
    );
  if (view === null)
    return (
      <div className="cls-wall cls-wall-message" data-testid="projector" role="status">
        <p>{poll.reconnecting ? "Reconnecting to the server…" : "Opening the projector…"}</p>
      </div>
    );

  const shown = shownMatch(view.matches, view.focus, tick);
  return (
    <div className="cls-wall" data-testid="projector">
      <header className="cls-wall-head">
        <h1>{view.name}</h1>
        {shown !== null && (
          <p className="cls-wall-now" data-testid="projector-match">
            <strong>Match {shown.number}</strong> · {matchStateText(shown)}
            {shown.paused && !shown.over && <span className="cls-badge cls-is-paused">PAUSED</span>}
            {!shown.over && !shown.paused && shown.deadline !== null && (
              <Deadline deadline={shown.deadline} waiting={null} offset={poll.offset} />
            )}
          </p>
        )}
        {poll.reconnecting && (
          <span className="cls-reconnecting" role="status">
            Reconnecting…
          </span>
        )}
        <FullscreenButton />
      </header>
      {shown === null ? (
        <WaitingWall view={view} />
      ) : (
        <ShownMatch key={shown.matchId} view={view} shown={shown} />
      )}
    </div>
  );
}

/** Before the matches start: the class is waiting. */
function WaitingWall(props: { readonly view: ProjectorView }): ReactNode {
  return (
    <div className="cls-wall-message">
      <p>
        {props.view.status === "ended"
          ? "This session has ended."
          : "The matches start soon. Join with the code your teacher shows."}
      </p>
    </div>
  );
}

/** The shown match: its board as a spectator sees it (the socket gives the map), its standing, the headlines. */
function ShownMatch(props: { readonly view: ProjectorView; readonly shown: WallMatch }): ReactNode {
  const { view, shown } = props;
  const match = useMatch({ matchID: shown.matchId, playerID: null, credentials: null });
  const board = match.map === null ? null : geometryOf(match.map);
  const aspect =
    board === null ? undefined : ({ "--board-aspect": board.width / board.height } as CSSProperties);
  return (
    <div className="cls-wall-body">
      <section className="cls-wall-board" style={aspect} aria-label={`The board of match ${shown.number}`}>
        {match.G === null || match.map === null ? (
          <div className="cls-wall-loading">
            {match.reconnecting ? "Reconnecting…" : "Loading the board…"}
          </div>
        ) : (
          <MapView map={match.map} position={match.G.position} label={`Match ${shown.number}, the board`} />
        )}
      </section>
      <aside className="cls-wall-side">
        <Standing match={shown} map={match.map} />
        <Headlines matches={view.matches} shown={shown.matchId} firstYear={match.map?.start.year ?? null} />
        {view.broadcasts.length > 0 && (
          <section
            className="cls-wall-broadcasts"
            aria-label="From your teacher"
            data-testid="projector-broadcasts"
          >
            {view.broadcasts.slice(-2).map((b) => (
              <p key={b.id}>{b.text}</p>
            ))}
          </section>
        )}
      </aside>
    </div>
  );
}

/** The shown match's reputation and centres, as bars in each power's colour. */
function Standing(props: { readonly match: WallMatch; readonly map: GameMap | null }): ReactNode {
  const { match, map } = props;
  const span = reputationSpan(match.powers.map((p) => p.reputation));
  const rows = [...match.powers].sort((a, b) => b.reputation - a.reputation || b.centres - a.centres);
  return (
    <section
      className="cls-wall-standing"
      aria-label="Reputation and centres"
      data-testid="projector-standing"
    >
      <h2>
        Standing <span className="cls-wall-preset">{PRESETS[match.preset]?.name ?? match.preset} rules</span>
      </h2>
      <table className="cls-wall-bars">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Power</span>
            </th>
            <th scope="col">Reputation</th>
            <th scope="col" className="cls-wall-centres">
              Centres
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            const width = ((Math.max(span.lo, p.reputation) - span.lo) / (span.hi - span.lo)) * 100;
            return (
              <tr key={p.power} className={p.out ? "out" : ""}>
                <th scope="row">
                  <PowerTag map={map} power={p.power} />
                </th>
                <td className="cls-wall-bar-cell">
                  <span className="cls-wall-bar" aria-hidden>
                    <span style={{ width: `${width}%`, background: swatchOf(map, p.power) }} />
                  </span>
                  <span className="cls-wall-value">{Math.round(p.reputation)}</span>
                </td>
                <td className="cls-wall-centres">{p.centres}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The latest headline of every match, the shown one marked. */
function Headlines(props: {
  readonly matches: readonly WallMatch[];
  readonly shown: string;
  readonly firstYear: number | null; // the class's map's first year, once known
}): ReactNode {
  return (
    <section className="cls-wall-headlines" aria-label="Headlines" data-testid="projector-headlines">
      <h2>Headlines</h2>
      <ol>
        {props.matches.map((m) => (
          <li key={m.matchId} className={m.matchId === props.shown ? "shown" : ""}>
            <span className="cls-wall-match-no">Match {m.number}</span> {newsLine(m, props.firstYear)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A power's colour, as on the board (grey before the map is known). */
function swatchOf(map: GameMap | null, power: string): string {
  return map === null ? NEUTRAL.failed : powerColor(map, power);
}

/** A small fullscreen toggle (the page's one control). */
function FullscreenButton(): ReactNode {
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);
  if (!document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="cls-wall-full"
      data-testid="projector-fullscreen"
      onClick={() => {
        if (document.fullscreenElement === null)
          void document.documentElement.requestFullscreen().catch(() => undefined);
        else void document.exitFullscreen().catch(() => undefined);
      }}
    >
      {full ? "Exit full screen" : "Full screen"}
    </button>
  );
}
