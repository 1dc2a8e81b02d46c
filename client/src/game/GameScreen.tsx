/**
 * The game screen: a bar with the phase, the deadline and the connection; the board on the left
 * (on top, on a phone); and tabs on the right (below): Orders, Press, Commitments, Newspaper,
 * History. Clicking the board feeds the orders controller, which offers only legal orders. A toast
 * announces each new edition of the paper. Seats play; spectators (no seat) watch.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { getMatch, type MatchInfo } from "../app/api";
import { Link } from "../app/router";
import { Deadline } from "./Deadline";
import { OrdersPanel } from "./OrdersPanel";
import { powerColor } from "../map/colors";
import { MapView } from "../map/MapView";
import { CommitmentsPanel } from "../panels/CommitmentsPanel";
import { HistoryPanel } from "../panels/HistoryPanel";
import { NewspaperPanel } from "../panels/NewspaperPanel";
import { PressPanel } from "../panels/PressPanel";
import { useMatch, type MatchHandle } from "./useMatch";
import { usePress, type PressState } from "./usePress";
import { useOrdering } from "./useOrdering";

const TABS = [
  { id: "orders", label: "Orders", seatOnly: true },
  { id: "press", label: "Press", seatOnly: true },
  { id: "commitments", label: "Commitments", seatOnly: false },
  { id: "newspaper", label: "Newspaper", seatOnly: false },
  { id: "history", label: "History", seatOnly: false },
] as const;
type TabId = (typeof TABS)[number]["id"];

/** The panels of the other tabs (CONTRACT.md). */
const PANELS = {
  press: PressPanel,
  commitments: CommitmentsPanel,
  newspaper: NewspaperPanel,
  history: HistoryPanel,
} as const;

const PHASE_WORDS = { movement: "Movement", retreat: "Retreats", adjustment: "Adjustments" } as const;

/** The screen of one match, for a seat or (with `seat` null) a spectator. */
export function GameScreen({
  matchID,
  seat,
}: {
  matchID: string;
  seat: { playerID: string; credentials: string } | null;
}) {
  const match = useMatch({
    matchID,
    playerID: seat?.playerID ?? null,
    credentials: seat?.credentials ?? null,
  });
  const press = usePress({
    matchID,
    playerID: seat?.playerID ?? null,
    credentials: seat?.credentials ?? null,
  });
  const ordering = useOrdering(match);
  const [tab, setTab] = useState<TabId>(seat === null ? "newspaper" : "orders");
  const info = useMatchInfo(match);
  const toast = useEditionToast(match);
  const { G, map, power } = match;

  const phase = G?.position;
  const phaseLabel =
    phase === undefined ? "Loading…" : `${cap(phase.season)} ${phase.year} — ${PHASE_WORDS[phase.phase]}`;
  const openSeats = info?.seats.filter((s) => s.kind === "open").length ?? 0;
  const tabs = TABS.filter((t) => seat !== null || !t.seatOnly);
  const unread = unreadCount(press);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = tabs.findIndex((t) => t.id === tab);
    const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length]!;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  if (match.error?.move === "sync")
    return (
      <div className="page narrow">
        <div className="card">
          <h2>This seat could not connect</h2>
          <p>{match.error.message}. The seat may have been given up or taken over.</p>
          <p>
            <Link to={`/watch/${matchID}`}>Watch the match instead</Link>
          </p>
        </div>
      </div>
    );

  const myPower = power === null ? null : (map?.power.get(power) ?? null);

  return (
    <div className="game">
      <div className="game-bar">
        <div className="game-bar-main">
          <h1 className="phase-label" data-testid="phase-label">
            {phaseLabel}
          </h1>
          {myPower !== null && (
            <span className="you">
              {map !== null && (
                <span className="swatch" style={{ background: powerColor(map, myPower.id) }} aria-hidden />
              )}
              <span className="you-text">You play</span> <strong>{myPower.name}</strong>
            </span>
          )}
          {seat === null && <span className="you">Spectating</span>}
        </div>
        <div className="game-bar-status">
          <Deadline
            deadline={info?.deadline ?? null}
            waiting={openSeats > 0 ? `Waiting for ${openSeats} player${openSeats === 1 ? "" : "s"}` : null}
          />
          <span
            className={`connection ${match.connected ? "ok" : "down"}`}
            data-testid="connection-status"
            role="status"
          >
            <span className="dot" aria-hidden />
            {match.connected ? "Connected" : match.reconnecting ? "Reconnecting…" : "Connecting…"}
          </span>
        </div>
      </div>
      {G !== null && map !== null && <PowersStrip match={match} info={info} />}
      {G !== null && G.result !== null && map !== null && (
        <div className="banner banner-info game-over">
          <strong>The game is over.</strong>{" "}
          {G.result.kind === "solo" && G.result.winner !== null
            ? `${map.power.get(G.result.winner)?.name ?? G.result.winner} wins outright.`
            : G.result.kind === "draw"
              ? `A draw between ${G.result.survivors.map((p) => map.power.get(p)?.name ?? p).join(", ")}.`
              : "The year limit was reached."}
        </div>
      )}
      <div className="game-main">
        <section className="board" aria-label="Board">
          {G !== null && map !== null ? (
            <MapView
              map={map}
              position={G.position}
              orders={ordering.shown}
              selected={ordering.selectedProvince}
              targets={ordering.targets}
              onProvince={ordering.onProvince}
              label={`${map.name}, ${phaseLabel}`}
            />
          ) : (
            <div className="board-loading">
              {match.connected ? "Loading the board…" : "Connecting to the match…"}
            </div>
          )}
        </section>
        <aside className="side">
          <div className="tabs" role="tablist" aria-label="Game panels" onKeyDown={onTabKey}>
            {tabs.map((t) => (
              <button
                key={t.id}
                id={`tab-${t.id}`}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                aria-controls="tab-panel"
                tabIndex={tab === t.id ? 0 : -1}
                className={`tab ${tab === t.id ? "active" : ""}`}
                data-testid={`tab-${t.id}`}
                onClick={() => setTab(t.id)}
              >
                {t.label}
                {t.id === "press" && unread > 0 && <span className="badge">{unread}</span>}
                {t.id === "orders" && ordering.mustAct && !ordering.ready && (
                  <span className="badge dot" aria-label="to do" />
                )}
              </button>
            ))}
          </div>
          <div className="tab-panel" id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
            {tab === "orders" ? (
              <OrdersPanel match={match} ordering={ordering} />
            ) : (
              <PanelSlot tab={tab} match={match} press={press} />
            )}
          </div>
        </aside>
      </div>
      {toast !== null && (
        <div className="toast" role="status" aria-live="polite">
          <span className="toast-kicker">New edition:</span> {toast}
          <button type="button" className="link-button" onClick={() => setTab("newspaper")}>
            Read
          </button>
        </div>
      )}
    </div>
  );
}

/** A panel from the panels engineer. */
function PanelSlot({
  tab,
  match,
  press,
}: {
  tab: Exclude<TabId, "orders">;
  match: MatchHandle;
  press: PressState;
}) {
  const Panel = PANELS[tab];
  return <Panel match={match} press={press} />;
}

/** Every power in play: name, player, centres, and whether it is ready. */
function PowersStrip({ match, info }: { match: MatchHandle; info: MatchInfo | null }) {
  const { G, map } = match;
  if (G === null || map === null) return null;
  const centres = new Map<string, number>();
  for (const owner of Object.values(G.position.supplyCenters))
    centres.set(owner, (centres.get(owner) ?? 0) + 1);
  return (
    <ul className="powers-strip" aria-label="Powers">
      {G.powers.map((p, i) => {
        const seat = info?.seats[i];
        const name = seat === undefined ? null : seat.kind === "open" ? "open seat" : seat.name;
        return (
          <li key={p} className={`power-pill ${p === match.power ? "me" : ""}`}>
            <span className="swatch" style={{ background: powerColor(map, p) }} aria-hidden />
            <span className="power-name">{map.power.get(p)?.name ?? p}</span>
            {name !== null && <span className="muted small">{name}</span>}
            <span className="muted small" title="supply centres">
              {centres.get(p) ?? 0} SC
            </span>
            {G.ready[p] === true && (
              <span className="ready-mark" title="ready">
                ✓
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The lobby's view of the match (deadline, seats), fetched again on every new phase. */
function useMatchInfo(match: MatchHandle): MatchInfo | null {
  const [info, setInfo] = useState<MatchInfo | null>(null);
  const p = match.G?.position;
  const key = p === undefined ? "" : `${p.year}-${p.season}-${p.phase}-${match.connected}`;
  const readyCount = match.G === null ? 0 : Object.values(match.G.ready).filter(Boolean).length;
  useEffect(() => {
    let live = true;
    const load = () =>
      getMatch(match.matchID)
        .then((i) => live && setInfo(i))
        .catch(() => undefined);
    void load();
    // The clock starts when the last open seat is taken; look again now and then until it runs.
    const t = window.setInterval(() => void load(), 15_000);
    return () => {
      live = false;
      window.clearInterval(t);
    };
  }, [match.matchID, key, readyCount]);
  return info;
}

/** "New edition: <top headline>" for a few seconds after a phase resolves. */
function useEditionToast(match: MatchHandle): string | null {
  const editions = match.G?.editions ?? null;
  const count = editions?.length ?? null;
  const seen = useRef<number | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  useEffect(() => {
    if (count === null || editions === null) return;
    const before = seen.current;
    seen.current = count;
    if (before === null || count <= before) return;
    const edition = editions[count - 1];
    setToast(edition?.articles[0]?.headline ?? "A quiet season; nothing to report.");
  }, [count]);
  useEffect(() => {
    if (toast === null) return;
    const t = window.setTimeout(() => setToast(null), 8000);
    return () => window.clearTimeout(t);
  }, [toast]);
  return toast;
}

/** The total unread press count. */
function unreadCount(press: PressState): number {
  return Object.values(press.unread).reduce((a, b) => a + b, 0);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
