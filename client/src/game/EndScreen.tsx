/**
 * The end of a match, on the game screen of a seat or a spectator, online or offline: the result in
 * plain words, every power's final score in a table with how the match's scoring system made it,
 * the standing over time (centres by year; reputation and prestige by edition, the newspaper's own
 * chart), and ways on — play again, the history, the newspaper's archive. It folds away to a
 * one-line bar (which keeps the result, `game-result`) so the board can be seen, and opens again.
 * The data comes from `endScreen.ts`; this file only draws it.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { linearAxis } from "../../../shared/src/charts";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { getPreset, PRESETS } from "../../../shared/src/trust/presets";
import { ApiError, getMatch, playAgain } from "../app/api";
import { Link, navigate } from "../app/router";
import { loadSeats, saveSeat } from "../app/seats";
import { powerColor } from "../map/colors";
import { StandingChart } from "../panels/StandingChart";
import { standingSeries } from "../panels/standing";
import { resultText } from "./drawVote";
import {
  centreSeries,
  mostCentres,
  playAgainFor,
  points,
  resultWords,
  scoreTable,
  type CentrePoint,
  type PlayAgain,
} from "./endScreen";
import type { MatchHandle } from "./useMatch";
import "./end-screen.css";

/** The tabs the ways on lead to. */
export type EndTab = "history" | "newspaper";

/** What the end screen needs. */
export interface EndScreenProps {
  readonly match: MatchHandle;
  readonly open: boolean; // the whole screen, or only its bar
  readonly onOpen: (open: boolean) => void;
  readonly onTab: (tab: EndTab) => void; // History or the archive: close this and show that tab
  /** Offline: starts a new match with the same setup; answers why it could not, or null. */
  readonly onPlayAgain?: (() => string | null) | undefined;
}

/** The end screen; nothing while the match goes on. */
export function EndScreen({ match, open, onOpen, onTab, onPlayAgain }: EndScreenProps) {
  const { G, map } = match;
  const heading = useRef<HTMLHeadingElement>(null);
  const opened = useRef(open);
  useEffect(() => {
    // Opened again by the reader: the focus goes to the result's heading.
    if (open && !opened.current) heading.current?.focus();
    opened.current = open;
  }, [open]);
  if (G === null || map === null || G.result === null) return null;
  const nameOf = (p: PowerId) => map.power.get(p)?.name ?? p;
  const words = resultWords(G.result, G.settings.yearLimit, nameOf);
  return (
    <section className={`end-screen ${open ? "open" : "folded"}`} aria-label="The end of the match">
      <div className="banner banner-info game-over end-bar">
        <p className="end-bar-text">
          <strong>The game is over.</strong>{" "}
          <span data-testid="game-result">{resultText(G.result, nameOf)}</span>
        </p>
        <button
          type="button"
          className="button ghost end-toggle"
          aria-expanded={open}
          aria-controls="end-body"
          data-testid="end-toggle"
          onClick={() => onOpen(!open)}
        >
          {open ? "Look at the board" : "Show the result"}
        </button>
      </div>
      {open && (
        <div className="end-body" id="end-body" data-testid="end-screen">
          <h2 className="end-title" ref={heading} tabIndex={-1} data-testid="end-title">
            {words.title}
          </h2>
          <p className="end-lead">{words.text}</p>
          <div className="end-columns">
            <div className="end-column">
              <Scores match={match} map={map} />
              <WaysOn match={match} onTab={onTab} onPlayAgain={onPlayAgain} />
            </div>
            <OverTime match={match} map={map} />
          </div>
        </div>
      )}
    </section>
  );
}

/** The final scores, best first, with the columns of this match's scoring system. */
function Scores({ match, map }: { match: MatchHandle; map: GameMap }) {
  const G = match.G!;
  const preset = getPreset(G.settings.preset) ?? PRESETS["default"]!;
  const table = useMemo(() => scoreTable(G, map, preset), [G, map, preset]);
  if (table === null) return null;
  return (
    <section className="end-section" aria-labelledby="end-scores-title">
      <h3 id="end-scores-title">Final scores</h3>
      <p className="end-system" data-testid="end-system">
        <strong>{table.name}:</strong> {table.formula}
      </p>
      <p className="end-scroll-hint">Scroll the table sideways to see how each score was counted.</p>
      <div className="end-table-wrap" tabIndex={0} role="region" aria-labelledby="end-scores-title">
        <table className="end-table" data-testid="end-scores">
          <caption className="end-caption">
            Every power's final score, best first, and how it was counted
          </caption>
          <colgroup>
            <col />
            <col />
            <col className="end-score-col" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">
                <abbr title="Place">#</abbr>
              </th>
              <th scope="col">Power</th>
              <th scope="col" className="end-num">
                Score
              </th>
              {table.columns.map((c) => (
                <th scope="col" key={c.id}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr
                key={row.power}
                className={row.power === match.power ? "end-me" : undefined}
                data-testid={`end-row-${row.power}`}
              >
                <td className="end-rank">
                  {row.tied ? "=" : ""}
                  {row.rank}
                </td>
                <th scope="row" className="end-power">
                  <span className="swatch" style={{ background: powerColor(map, row.power) }} aria-hidden />
                  {row.name}
                  {row.power === match.power && <span className="end-you"> (you)</span>}
                </th>
                <td className="end-num end-score" data-testid={`end-score-${row.power}`}>
                  {points(row.score)}
                </td>
                {row.cells.map((cell, i) => (
                  <td key={table.columns[i]?.id ?? i}>
                    {cell.text}
                    {cell.detail !== null && <span className="end-detail">{cell.detail}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!table.agrees && (
        <p className="end-note">
          The breakdown is recomputed from the final board; the scores are the match's own.
        </p>
      )}
    </section>
  );
}

/** Centres by year, then reputation and prestige by edition. */
function OverTime({ match, map }: { match: MatchHandle; map: GameMap }) {
  const G = match.G!;
  const preset = getPreset(G.settings.preset) ?? PRESETS["default"]!;
  const centres = useMemo(() => centreSeries(map, G.powers, G.history, G.position), [map, G]);
  const standing = useMemo(() => standingSeries(G.powers, preset, G.editions), [G, preset]);
  return (
    <section className="end-section" aria-labelledby="end-time-title">
      <h3 id="end-time-title">Standing over time</h3>
      <CentreChart points={centres} powers={G.powers} map={map} me={match.power} />
      <StandingChart points={standing} powers={G.powers} map={map} me={match.power} />
    </section>
  );
}

const CH = 170; // the centre chart's height, in CSS pixels
const CM = { top: 18, right: 60, bottom: 26, left: 34 }; // as the standing chart below, so the axes line up

/** Every power's centres at the start of each year and at the end, one line a power. */
function CentreChart({
  points: series,
  powers,
  map,
  me,
}: {
  points: readonly CentrePoint[];
  powers: readonly PowerId[];
  map: GameMap;
  me: PowerId | null;
}) {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(480);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(260, Math.round(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const iw = width - CM.left - CM.right;
  const ih = CH - CM.top - CM.bottom;
  const { ticks, toPixel: y } = linearAxis({
    domain: [0, mostCentres(series)],
    range: [CM.top + ih, CM.top],
    ticks: 4,
  });
  const n = Math.max(1, series.length - 1);
  const x = (i: number) => CM.left + (series.length === 1 ? iw / 2 : (i / n) * iw);
  const every = Math.max(1, Math.ceil(series.length / Math.max(2, Math.floor(iw / 44))));
  const first = series[0];
  const last = series[series.length - 1];
  // End labels: one per count reached, with a swatch per power there, nudged apart so they never overlap.
  const byCount = new Map<number, PowerId[]>();
  for (const p of powers) {
    const v = last?.centres[p] ?? 0;
    byCount.set(v, [...(byCount.get(v) ?? []), p]);
  }
  const ends = [...byCount.entries()].map(([v, ps]) => ({ v, ps, y: y(v) })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) ends[i]!.y = Math.max(ends[i]!.y, ends[i - 1]!.y + 13);
  const summary = powers
    .map((p) => `${map.power.get(p)?.name ?? p} ${first?.centres[p] ?? 0} to ${last?.centres[p] ?? 0}`)
    .join(", ");
  return (
    <figure className="ch-figure end-centres" data-testid="end-centres-chart" ref={ref}>
      <svg
        viewBox={`0 0 ${width} ${CH}`}
        width={width}
        height={CH}
        role="img"
        aria-label={`Supply centres of each power by year, from the start to the end: ${summary}`}
      >
        <text x={CM.left} y={11} className="ch-title">
          Centres
        </text>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={CM.left} x2={CM.left + iw} y1={y(v)} y2={y(v)} className="ch-grid" />
            <text x={CM.left - 6} y={y(v) + 3.5} className="ch-tick" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        <line x1={CM.left} x2={CM.left} y1={CM.top} y2={CM.top + ih} className="ch-axis" />
        <line x1={CM.left} x2={CM.left + iw} y1={CM.top + ih} y2={CM.top + ih} className="ch-axis" />
        {series.map((pt, i) =>
          i % every === 0 || i === series.length - 1 ? (
            <text key={pt.label} x={x(i)} y={CM.top + ih + 15} className="ch-tick" textAnchor="middle">
              {pt.label}
            </text>
          ) : null,
        )}
        {powers.map((p) => {
          const color = powerColor(map, p);
          const d = series
            .map((pt, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(pt.centres[p] ?? 0).toFixed(1)}`)
            .join(" ");
          return (
            <g key={p}>
              <path d={d} fill="none" className="ch-halo" strokeWidth={p === me ? 4.5 : 3.5} />
              <path d={d} fill="none" stroke={color} strokeWidth={p === me ? 3 : 2} strokeLinejoin="round" />
              {series.map((pt, i) => (
                <circle key={pt.label} cx={x(i)} cy={y(pt.centres[p] ?? 0)} r={2.6} fill={color}>
                  <title>{`${map.power.get(p)?.name ?? p}, ${pt.label}: ${pt.centres[p] ?? 0} centres`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        {ends.map((e) => (
          <g key={e.v}>
            <text x={CM.left + iw + 6} y={e.y + 4} className="ch-end">
              {e.v}
            </text>
            {e.ps.map((p, i) => (
              <rect
                key={p}
                x={CM.left + iw + 22 + (i % 7) * 4}
                y={e.y - 4}
                width={3}
                height={8}
                fill={powerColor(map, p)}
                className="ch-end-swatch"
              />
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Play again, the history, the archive. */
function WaysOn({
  match,
  onTab,
  onPlayAgain,
}: {
  match: MatchHandle;
  onTab: (tab: EndTab) => void;
  onPlayAgain: (() => string | null) | undefined;
}) {
  const again = usePlayAgain(match, onPlayAgain !== undefined);
  return (
    <nav className="end-section end-ways" aria-labelledby="end-ways-title">
      <h3 id="end-ways-title">Ways on</h3>
      <div className="end-ways-buttons">
        <PlayAgainControl again={again} matchID={match.matchID} onPlayAgain={onPlayAgain} />
        <button type="button" className="button" data-testid="end-history" onClick={() => onTab("history")}>
          Replay the history
        </button>
        <button type="button" className="button" data-testid="end-archive" onClick={() => onTab("newspaper")}>
          Read the archive
        </button>
      </div>
    </nav>
  );
}

/** What play again does for this screen: the seat this browser holds, or what a spectator can do. */
function usePlayAgain(match: MatchHandle, offline: boolean): PlayAgain {
  const seat = useMemo(() => {
    if (offline || match.playerID === null) return null;
    const held = loadSeats().filter((s) => s.matchID === match.matchID && s.playerID === match.playerID);
    return held[held.length - 1] ?? null;
  }, [offline, match.matchID, match.playerID]);
  const [nextMatchID, setNext] = useState<string | null>(null);
  const ask = !offline && seat === null;
  useEffect(() => {
    if (!ask) return;
    let live = true;
    getMatch(match.matchID)
      .then((info) => live && setNext(info.nextMatchID))
      .catch(() => undefined); // no next match known: a new one is offered
    return () => {
      live = false;
    };
  }, [ask, match.matchID]);
  return playAgainFor({ offline, seat, nextMatchID });
}

/** The play-again button of each kind, with its confirmation offline and its refusal online. */
function PlayAgainControl({
  again,
  matchID,
  onPlayAgain,
}: {
  again: PlayAgain;
  matchID: string;
  onPlayAgain: (() => string | null) | undefined;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirm.current?.focus();
  }, [confirming]);

  switch (again.kind) {
    case "next":
      return (
        <Link to={`/m/${again.matchID}`} className="button primary" data-testid="end-play-again">
          Join the next match
        </Link>
      );
    case "new":
      return (
        <Link to="/" className="button primary" data-testid="end-play-again">
          Start a new match
        </Link>
      );
    case "seat": {
      const go = async () => {
        setBusy(true);
        setError(null);
        try {
          const grant = await playAgain(matchID, again);
          const name =
            loadSeats().find((s) => s.matchID === matchID && s.playerID === again.playerID)?.name ?? "";
          saveSeat({ ...grant, name });
          navigate(`/m/${grant.matchID}`);
        } catch (e) {
          setError(e instanceof ApiError ? e.message : "Could not start the next match; please try again.");
          setBusy(false);
        }
      };
      return (
        <>
          <button
            type="button"
            className="button primary"
            data-testid="end-play-again"
            disabled={busy}
            onClick={() => void go()}
          >
            {busy ? "Starting…" : "Play again"}
          </button>
          {error !== null && (
            <p className="end-error" role="alert">
              {error}
            </p>
          )}
        </>
      );
    }
    case "offline":
      if (!confirming)
        return (
          <button
            type="button"
            className="button primary"
            data-testid="end-play-again"
            onClick={() => setConfirming(true)}
          >
            Play again
          </button>
        );
      return (
        <div className="end-confirm" role="group" aria-labelledby="end-confirm-text">
          <p id="end-confirm-text">
            A new match with the same map, power, bots and year limit. This browser keeps one offline match,
            so this finished one will no longer be kept.
          </p>
          <div className="end-ways-buttons">
            <button
              type="button"
              className="button primary"
              ref={confirm}
              data-testid="end-play-again-confirm"
              onClick={() => setError(onPlayAgain?.() ?? null)}
            >
              Start the new match
            </button>
            <button type="button" className="button ghost" onClick={() => setConfirming(false)}>
              Keep this one
            </button>
          </div>
          {error !== null && (
            <p className="end-error" role="alert">
              {error}
            </p>
          )}
        </div>
      );
  }
}
