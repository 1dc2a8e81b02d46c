/**
 * The History panel: step through the resolved phases — the board as it stood before the phase
 * with that phase's orders and results drawn on it, the orders and results listed by power, the
 * defections found, and the edition that reported the phase; the phase or the whole match as a
 * picture to download (PictureButtons). `History` is also the record page's (client/src/replay/).
 */
import { useEffect, useMemo, useState, type ComponentType } from "react";
import type { OrderResult } from "../../../shared/src/adjudicator/types";
import type { Position } from "../../../shared/src/game/position";
import type { GameMap, PowerId, ProvinceId } from "../../../shared/src/map/types";
import type { MatchState, PhaseRecord } from "../../../shared/src/match/types";
import { formatPhase } from "../../../shared/src/newspaper/headlines";
import type { Order } from "../../../shared/src/orders/types";
import { samePhase } from "../../../shared/src/trust/calendar";
import { orderName, unitName } from "../../../shared/src/trust/clauses/facts";
import { PictureButtons } from "../replay/PictureButtons";
import { FrontPage } from "./FrontPage";
import { positionsBefore, resultsOf } from "./history-logic";
import type { PanelProps } from "./types";
import { PowerChip, powerName } from "./ui";
import "./panels.css";

/** The props of the board (CONTRACT.md). */
interface MapViewProps {
  readonly map: GameMap;
  readonly position: Position;
  readonly orders?: readonly Order[];
  readonly results?: readonly OrderResult[];
  readonly selected?: ProvinceId | null;
  readonly targets?: readonly ProvinceId[];
  readonly onProvince?: (id: ProvinceId) => void;
  readonly label?: string;
}

// The board is another engineer's file; picked up at build time when it exists.
const boards = import.meta.glob<{ MapView?: ComponentType<MapViewProps> }>("../map/MapView.tsx", {
  eager: true,
});
const MapView: ComponentType<MapViewProps> | null = Object.values(boards)[0]?.MapView ?? null;

/** The History panel (CONTRACT.md: history-prev, history-next, history-phase). */
export function HistoryPanel({ match }: PanelProps) {
  const { G, map, power } = match;
  if (G === null || map === null)
    return <section className="pn-panel pn-empty">Loading the history…</section>;
  if (G.history.length === 0)
    return (
      <section className="pn-panel">
        <h2 className="pn-title">History</h2>
        <p className="pn-note">No phase has been resolved yet. Each resolved phase appears here.</p>
      </section>
    );
  return <History G={G} map={map} me={power} matchID={match.matchID} />;
}

/** What `History` steps through: a match's resolved phases (`G.history`). */
export interface HistoryProps {
  readonly G: MatchState;
  readonly map: GameMap;
  readonly me: PowerId | null; // the seat's power, marked "you" (null: a spectator or a record)
  readonly matchID: string; // names the pictures downloaded
}

/** Steps through `G.history` (at least one phase): the board, the orders by power, the paper. */
export function History({ G, map, me, matchID }: HistoryProps) {
  const count = G.history.length;
  // null follows the latest phase; a number pins one.
  const [pinned, setPinned] = useState<number | null>(null);
  const index = Math.min(pinned ?? count - 1, count - 1);
  const positions = useMemo(() => positionsBefore(map, G.powers, G.history), [map, G.powers, G.history]);
  const record = G.history[index]!;
  const position = positions[index]!;
  const edition = G.editions.find((e) => samePhase(e.phase, record.phase)) ?? null;
  const orders = useMemo(() => G.powers.flatMap((p) => record.orders[p] ?? []), [G.powers, record]);
  const results = resultsOf(record);
  const go = (i: number) => setPinned(i >= count - 1 ? null : Math.max(0, i));
  const [big, setBig] = useState(false);

  // Arrow keys step through the phases (outside form fields); Escape closes the enlarged board.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
      if (e.key === "ArrowLeft" && index > 0) go(index - 1);
      if (e.key === "ArrowRight" && index < count - 1) go(index + 1);
      if (e.key === "Escape") setBig(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const board = (className: string) => (
    <div className={className}>
      {MapView ? (
        <MapView
          map={map}
          position={position}
          orders={orders}
          results={results}
          label={`The board before ${formatPhase(record.phase)}, with its orders`}
        />
      ) : (
        <p className="pn-note">The board is not available in this build.</p>
      )}
    </div>
  );

  return (
    <section className="pn-panel pn-history">
      <header className="hs-controls">
        <button
          type="button"
          className="pn-button"
          data-testid="history-prev"
          disabled={index === 0}
          onClick={() => go(index - 1)}
          aria-label="Previous phase"
        >
          ← Previous
        </button>
        <div className="hs-phase">
          <h2 className="pn-title" data-testid="history-phase">
            {formatPhase(record.phase)}
          </h2>
          <span className="pn-small">
            phase {index + 1} of {count}
            {pinned === null ? " · latest" : ""}
          </span>
        </div>
        <button
          type="button"
          className="pn-button"
          data-testid="history-next"
          disabled={index >= count - 1}
          onClick={() => go(index + 1)}
          aria-label="Next phase"
        >
          Next →
        </button>
        <div className="hs-jump">
          <label className="pn-field pn-inline">
            <span className="pn-label">Jump to</span>
            <select data-testid="history-select" value={index} onChange={(e) => go(Number(e.target.value))}>
              {G.history.map((r, i) => (
                <option key={i} value={i}>
                  {formatPhase(r.phase)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="pn-link"
            data-testid="history-enlarge"
            onClick={() => setBig(true)}
          >
            Enlarge the board
          </button>
        </div>
        <PictureButtons map={map} G={G} index={index} matchID={matchID} />
      </header>

      <div className="hs-grid">
        {board("hs-board")}
        <OrdersList G={G} map={map} me={me} record={record} results={results} position={position} />
      </div>

      <section className="hs-edition">
        <h3 className="pn-subtitle">The paper that reported it</h3>
        <FrontPage edition={edition} map={map} testIds={false} />
      </section>

      {big ? (
        <div className="pn-overlay" onClick={() => setBig(false)}>
          <div
            className="hs-big"
            role="dialog"
            aria-modal="true"
            aria-label={`The board in ${formatPhase(record.phase)}`}
            onClick={(e) => e.stopPropagation()}
          >
            <div className="hs-big-bar">
              <button
                type="button"
                className="pn-button"
                disabled={index === 0}
                onClick={() => go(index - 1)}
              >
                ← Previous
              </button>
              <strong className="hs-big-title">{formatPhase(record.phase)}</strong>
              <button
                type="button"
                className="pn-button"
                disabled={index >= count - 1}
                onClick={() => go(index + 1)}
              >
                Next →
              </button>
              <button type="button" className="pn-button hs-close" onClick={() => setBig(false)}>
                Close
              </button>
            </div>
            {board("hs-big-board")}
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** What an outcome looks like. */
const OUTCOME: Readonly<Record<OrderResult["outcome"], { mark: string; label: string }>> = {
  succeeds: { mark: "✓", label: "succeeded" },
  fails: { mark: "✗", label: "failed" },
  invalid: { mark: "⚠", label: "invalid — the unit held" },
};

/** The orders and results of a phase, by power; then dislodgements and defections. */
function OrdersList({
  G,
  map,
  me,
  record,
  results,
  position,
}: {
  G: MatchState;
  map: GameMap;
  me: PowerId | null;
  record: PhaseRecord;
  results: readonly OrderResult[];
  position: Position; // the board the orders were given on
}) {
  const dislodged = record.resolved.phase === "movement" ? record.resolved.resolution.dislodged : [];
  const removed = record.resolved.phase === "adjustment" ? record.resolved.resolution.removed : [];
  const disbanded = record.resolved.phase === "retreat" ? record.resolved.resolution.disbanded : [];
  return (
    <div className="hs-orders">
      <h3 className="pn-subtitle">Orders and results</h3>
      {G.powers.map((p) => {
        const mine = results.filter((r) => r.order.power === p);
        if (mine.length === 0) {
          // In a movement phase a power with units but no orders held everywhere.
          const held = record.resolved.phase === "movement" && position.units.some((u) => u.power === p);
          return held ? (
            <section key={p} className="hs-power">
              <h4>
                <PowerChip map={map} power={p} you={p === me} />
              </h4>
              <p className="pn-small">No orders: every unit held.</p>
            </section>
          ) : null;
        }
        return (
          <section key={p} className="hs-power">
            <h4>
              <PowerChip map={map} power={p} you={p === me} />
            </h4>
            <ul>
              {mine.map((r, i) => (
                <li
                  key={i}
                  className={`hs-order hs-${r.outcome}`}
                  title={r.reason?.message ?? OUTCOME[r.outcome].label}
                >
                  <span className="hs-mark" aria-label={OUTCOME[r.outcome].label}>
                    {OUTCOME[r.outcome].mark}
                  </span>
                  {orderName(map, r.order)}
                  {r.reason ? <span className="pn-small"> — {r.reason.message}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {results.length === 0 ? <p className="pn-small">No orders were given.</p> : null}
      {dislodged.length + removed.length + disbanded.length > 0 ? (
        <section className="hs-power">
          <h4>Losses</h4>
          <ul>
            {dislodged.map((d, i) => (
              <li key={`d${i}`}>
                {powerName(map, d.unit.power)}’s {unitName(map, d.unit)} dislodged
                {d.retreats.length === 0 ? " (no retreat)" : ""}
              </li>
            ))}
            {disbanded.map((u, i) => (
              <li key={`x${i}`}>
                {powerName(map, u.power)}’s {unitName(map, u)} disbanded
              </li>
            ))}
            {removed.map((u, i) => (
              <li key={`r${i}`}>
                {powerName(map, u.power)}’s {unitName(map, u)} removed
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {record.defections.length > 0 ? (
        <section className="hs-power hs-defections">
          <h4>Defections</h4>
          <ul>
            {record.defections.map((d, i) => (
              <li key={i}>
                <strong>
                  {powerName(map, d.by)} against {powerName(map, d.against)}
                </strong>{" "}
                ({d.kind}): {d.acts.map((a) => a.description).join("; ")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
