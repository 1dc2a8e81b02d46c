/**
 * The alliance network phase by phase: the newspaper's network graph for the phase a slider names,
 * with a Play button that steps through the match, and the ties of that phase in words.
 */
import { useEffect, useState } from "react";
import type { GameMap } from "../../../shared/src/map/types";
import type { MatchDebrief } from "../../../shared/src/wire/debrief";
import { NetworkGraph } from "../panels/NetworkGraph";
import { namesOf, networkEdges, phaseWords } from "./debriefData";

/** How long Play shows each phase, in ms. */
const STEP_MS = 900;

/** The network with its slider and Play button (`debrief-network`). */
export function DebriefNetwork({ debrief, map }: { debrief: MatchDebrief; map: GameMap }) {
  const last = Math.max(0, debrief.standings.length - 1);
  const [index, setIndex] = useState(last);
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      setIndex((i) => {
        if (i >= last) {
          setPlaying(false);
          return i;
        }
        return i + 1;
      });
    }, STEP_MS);
    return () => window.clearInterval(timer);
  }, [playing, last]);
  const standing = debrief.standings[index];
  if (standing === undefined) return null;
  const play = () => {
    if (index >= last) setIndex(0);
    setPlaying(!playing);
  };
  return (
    <div className="db-network" data-testid="debrief-network">
      <div className="db-network-controls">
        <button type="button" className="button" onClick={play} data-testid="debrief-network-play">
          {playing ? "Pause" : "Play"}
        </button>
        <label className="db-slider">
          <span>
            After <strong data-testid="debrief-network-phase">{phaseWords(standing.phase)}</strong>
          </span>
          <input
            type="range"
            min={0}
            max={last}
            value={index}
            onChange={(e) => {
              setPlaying(false);
              setIndex(Number(e.target.value));
            }}
            aria-valuetext={phaseWords(standing.phase)}
            data-testid="debrief-network-slider"
          />
        </label>
      </div>
      <NetworkGraph powers={debrief.powers} edges={networkEdges(debrief, standing)} map={map} me={null} />
      <p className="db-small" aria-live="polite" data-testid="debrief-network-ties">
        {standing.ties.length === 0
          ? "No commitments in force."
          : standing.ties
              .map(
                (t) =>
                  `${namesOf(map, t.powers)}: ${t.commitments.length} in force${t.alliance ? " (alliance)" : ""}`,
              )
              .join("; ")}
      </p>
    </div>
  );
}
