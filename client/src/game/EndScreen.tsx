/**
 * The end of a match, on the game screen of a seat or a spectator, online or offline: the result in
 * plain words, every power's final score in a table with how the match's scoring system made it,
 * the standing over time (centres by year; reputation and prestige by edition, the newspaper's own
 * chart), and ways on — play again, the history, the newspaper's archive. It folds away to a
 * one-line bar (which keeps the result, `game-result`) so the board can be seen, and opens again.
 * The data comes from `endScreen.ts`; the centre chart is `CentreChart.tsx`, the ways on `EndWays.tsx`.
 */
import { useEffect, useMemo, useRef } from "react";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { getPreset, PRESETS } from "../../../shared/src/trust/presets";
import { MatchExportButtons } from "../app/exportButtons";
import { powerColor } from "../map/colors";
import { StandingChart } from "../panels/StandingChart";
import { standingSeries } from "../panels/standing";
import { CentreChart } from "./CentreChart";
import { resultText } from "./drawVote";
import { centreSeries, points, resultWords, scoreTable } from "./endScreen";
import { WaysOn, type EndTab } from "./EndWays";
import type { MatchHandle } from "./useMatch";
import "./end-screen.css";

export type { EndTab } from "./EndWays";

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
              {match.offline !== true && <MatchExportButtons matchID={match.matchID} />}
              {match.offline !== true && (
                <p className="end-debrief">
                  <a
                    className="button"
                    href={`/m/${encodeURIComponent(match.matchID)}/debrief`}
                    data-testid="end-debrief"
                  >
                    Debrief
                  </a>{" "}
                  the match: charts, promises kept and broken, betrayals, prompts for discussion.
                </p>
              )}
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
          <caption className="visually-hidden">
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
