/**
 * The Newspaper panel: the front page of the latest edition of The Entente Gazette (or any
 * edition from the archive) — masthead, the phase reported on, headlines most important first,
 * defections in bold — then the standing of every power (table and chart over time) and the
 * network of who is committed to whom.
 */
import { useMemo, useState } from "react";
import { centreCounts } from "../../../shared/src/game/position";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { MatchState } from "../../../shared/src/match/types";
import { formatPhase } from "../../../shared/src/newspaper/headlines";
import { getPreset } from "../../../shared/src/trust/presets";
import { powerColor } from "./colors";
import { FrontPage } from "./FrontPage";
import { NetworkGraph } from "./NetworkGraph";
import { networkEdges, standingSeries } from "./standing";
import { StandingChart } from "./StandingChart";
import { Help } from "../guide/Help";
import type { PanelProps } from "./types";
import { powerName } from "./ui";
import "./panels.css";

/** The Newspaper panel (CONTRACT.md: edition, headline, standing-table, reputation-*, prestige-*, standing-chart, network). */
export function NewspaperPanel({ match }: PanelProps) {
  const { G, map, power } = match;
  if (G === null || map === null) return <section className="pn-panel pn-empty">Loading the paper…</section>;
  return <Newspaper G={G} map={map} me={power} />;
}

function Newspaper({ G, map, me }: { G: MatchState; map: GameMap; me: PowerId | null }) {
  // null follows the latest edition; a number pins an edition from the archive.
  const [pinned, setPinned] = useState<number | null>(null);
  const latest = G.editions[G.editions.length - 1] ?? null;
  const edition = (pinned === null ? null : G.editions.find((e) => e.number === pinned)) ?? latest;
  const preset = getPreset(G.settings.preset) ?? getPreset("default")!;
  const points = useMemo(() => standingSeries(G.powers, preset, G.editions), [G.powers, preset, G.editions]);
  const edges = useMemo(
    () => networkEdges(G.commitments, me, new Set(G.notices.map((n) => n.commitmentId))),
    [G.commitments, G.notices, me],
  );

  return (
    <section className="pn-panel pn-newspaper">
      <div className="np-toolbar">
        <label className="pn-field pn-inline">
          <span className="pn-label">Archive</span>
          <select
            data-testid="edition-select"
            value={pinned ?? ""}
            disabled={G.editions.length === 0}
            onChange={(e) => setPinned(e.target.value === "" ? null : Number(e.target.value))}
          >
            <option value="">Latest edition{latest ? ` (No. ${latest.number})` : ""}</option>
            {[...G.editions].reverse().map((e) => (
              <option key={e.number} value={e.number}>
                No. {e.number} — {formatPhase(e.phase)}
              </option>
            ))}
          </select>
        </label>
        {pinned !== null && latest !== null && pinned !== latest.number ? (
          <button type="button" className="pn-link" onClick={() => setPinned(null)}>
            Back to the latest
          </button>
        ) : null}
      </div>

      <FrontPage edition={edition} map={map} />

      <div className="np-grid">
        <section className="np-box">
          <h3 className="np-box-title">Standing</h3>
          <StandingTable G={G} map={map} me={me} previous={points[points.length - 2] ?? null} />
          <Help topic="standing" label="What are reputation and prestige?" preset={preset} />
        </section>
        <section className="np-box np-chart-box">
          <h3 className="np-box-title">Reputation and prestige over time</h3>
          <StandingChart points={points} powers={G.powers} map={map} me={me} />
        </section>
        <section className="np-box">
          <h3 className="np-box-title">Commitments in force</h3>
          <NetworkGraph powers={G.powers} edges={edges} map={map} me={me} />
        </section>
      </div>
    </section>
  );
}

/** A signed change, or nothing. */
function Delta({ d }: { d: number }) {
  if (d === 0) return null;
  return <span className={d > 0 ? "np-up" : "np-down"}>{d > 0 ? `▲${d}` : `▼${-d}`}</span>;
}

/** The standing table (`standing-table`): centres, reputation and prestige now, with the last change. */
function StandingTable({
  G,
  map,
  me,
  previous,
}: {
  G: MatchState;
  map: GameMap;
  me: PowerId | null;
  previous: {
    reputation: Readonly<Record<PowerId, number>>;
    prestige: Readonly<Record<PowerId, number>>;
  } | null;
}) {
  const counts = centreCounts(map, G.position);
  const centres = (p: PowerId) => counts.get(p) ?? 0;
  return (
    <table className="np-table" data-testid="standing-table">
      <thead>
        <tr>
          <th scope="col">Power</th>
          <th scope="col" className="np-num">
            Centres
          </th>
          <th scope="col" className="np-num" colSpan={2}>
            Reputation
          </th>
          <th scope="col" className="np-num" colSpan={2}>
            Prestige
          </th>
        </tr>
      </thead>
      <tbody>
        {G.powers.map((p) => {
          const rep = G.reputation[p] ?? 0;
          const pre = G.prestige[p] ?? 0;
          return (
            <tr key={p} className={p === me ? "np-me" : undefined}>
              <th scope="row">
                <span className="pn-swatch" style={{ background: powerColor(map, p) }} aria-hidden="true" />
                {powerName(map, p)}
              </th>
              <td className="np-num">{centres(p)}</td>
              <td className="np-num np-strong" data-testid={`reputation-${p}`}>
                {rep}
              </td>
              <td className="np-delta">
                <Delta d={previous ? rep - (previous.reputation[p] ?? rep) : 0} />
              </td>
              <td className="np-num np-strong" data-testid={`prestige-${p}`}>
                {pre}
              </td>
              <td className="np-delta">
                <Delta d={previous ? pre - (previous.prestige[p] ?? pre) : 0} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
