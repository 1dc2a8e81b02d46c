/**
 * The game screen as a view of a match handle and a press handle, wherever they come from: the
 * server (`GameScreen`, with `useMatch` and `usePress`) or this browser (the offline match, with
 * `useLocalMatch`). A bar with the phase and a status slot (the deadline and the connection online;
 * the bots' progress offline); the board on the left (on top, on a phone); and tabs on the right
 * (below): Orders, Press, Commitments, Newspaper, History. Clicking the board feeds the orders
 * controller, which offers only legal orders; the selected unit's choices show under the board
 * whatever tab is open (ChoiceBar), and the ready bar under every tab (ReadyBar); on a phone both
 * sit in a dock pinned to the bottom of the screen. The whole screen fits the window from 360 px
 * up: the board scales to the room left, the side panel scrolls inside itself. Under the powers
 * (under the tabs on a phone), the host's and the seat's tools and the secret draw vote. A toast
 * announces each new edition of the paper. Once the game is over, the end screen (result, scores,
 * standing over time, ways on) stands in for the board and the tabs until it is folded away.
 */
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from "react";
import { ChoiceBar } from "./ChoiceBar";
import { awaitingAnswer, commitmentsBadge, noticesReceived, tabTitle } from "./attention";
import { DrawVotePanel } from "./DrawVotePanel";
import { EndScreen, type EndTab } from "./EndScreen";
import { OrdersPanel } from "./OrdersPanel";
import { powerColor } from "../map/colors";
import { geometryOf } from "../map/layout";
import { BoardText } from "../map/BoardText";
import { MapView } from "../map/MapView";
import { CommitmentsPanel } from "../panels/CommitmentsPanel";
import { HistoryPanel } from "../panels/HistoryPanel";
import { NewspaperPanel } from "../panels/NewspaperPanel";
import { PressPanel } from "../panels/PressPanel";
import type { MatchHandle } from "./useMatch";
import type { PressState } from "./usePress";
import { PowersStrip } from "./PowersStrip";
import { ReadyBar } from "./ReadyBar";
import { useNarrow } from "./useNarrow";
import { useOrdering } from "./useOrdering";
import { useTabTitle } from "./useTabTitle";

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

/** What the game view shows. */
export interface GameViewProps {
  readonly match: MatchHandle;
  readonly press: PressState;
  /** No seat: the match is watched (no Orders or Press tab). */
  readonly spectator: boolean;
  /** The right side of the bar: deadline and connection online, the bots' progress offline. */
  readonly status: ReactNode;
  /** Who plays each seat (by seat index), shown under the power's name; null or missing: nothing. */
  readonly seatNames?: readonly (string | null)[];
  /** What the board area says while there is no state yet. */
  readonly loading: string;
  /** Online, for the match's host: the table controls (invite, seats to bots), under the powers. */
  readonly host?: ReactNode;
  /** Online, for a seat: the seat's own tools (continue on another device, notifications). */
  readonly seatTools?: ReactNode;
  /** Offline: "play again" starts a new match with the same setup; answers why it could not, or null. */
  readonly onPlayAgain?: () => string | null;
}

/** The screen of one match, for a seat or a spectator. */
export function GameView({
  match,
  press,
  spectator,
  status,
  seatNames,
  loading,
  host,
  seatTools,
  onPlayAgain,
}: GameViewProps) {
  const ordering = useOrdering(match);
  const [tab, setTab] = useState<TabId>(spectator ? "newspaper" : "orders");
  const [endOpen, setEndOpen] = useState(true);
  const toast = useEditionToast(match);
  const { G, map, power } = match;

  const phase = G?.position;
  const phaseLabel =
    phase === undefined ? "Loading…" : `${cap(phase.season)} ${phase.year} — ${PHASE_WORDS[phase.phase]}`;
  const tabs = TABS.filter((t) => !spectator || !t.seatOnly);
  const unread = unreadCount(press);
  const pledges = commitmentsBadge(G, power);
  useTabTitle(
    tabTitle({
      unread,
      proposals: G === null ? 0 : awaitingAnswer(G.commitments, power).length,
      notices: G === null ? 0 : noticesReceived(G.notices, G.commitments, power).length,
      yourMove: !spectator && ordering.mustAct && !ordering.ready,
    }),
  );

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = tabs.findIndex((t) => t.id === tab);
    const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length]!;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  const myPower = power === null ? null : (map?.power.get(power) ?? null);
  const over = G !== null && G.result !== null && map !== null;
  const narrow = useNarrow();
  // The host's and the seat's tools, and the draw vote: above the board on a wide screen (in a
  // band that scrolls when tall); on a phone under the tabs, so the board and the tabs come first.
  const extras = (host !== undefined || seatTools !== undefined || !spectator) && (
    <div className="game-extras">
      {host}
      {seatTools}
      {!spectator && <DrawVotePanel match={match} />}
    </div>
  );
  // The selected unit's choices and the ready bar: beside the board on a wide screen, in a dock
  // pinned to the bottom of a phone's screen.
  const choiceBar = !spectator && (
    <ChoiceBar match={match} ordering={ordering} besideOrders={!narrow && tab === "orders"} />
  );
  const readyBar = !spectator && !over && <ReadyBar ordering={ordering} connected={match.connected} />;
  // On a phone, choosing brings the board to the top of the screen, clear of the dock's choices.
  const choosing = narrow && !spectator && ordering.selection !== null;
  useEffect(() => {
    if (choosing) document.getElementById("board")?.scrollIntoView({ block: "start" });
  }, [choosing]);
  const board = map === null ? null : geometryOf(map);
  const boardStyle =
    board === null ? undefined : ({ "--board-aspect": board.width / board.height } as CSSProperties);

  /** A way on from the end screen: fold it and show that tab. */
  const showTab = (t: EndTab) => {
    setEndOpen(false);
    setTab(t);
    window.requestAnimationFrame(() => {
      const button = document.getElementById(`tab-${t}`);
      button?.focus();
      button?.scrollIntoView({ block: "nearest" });
    });
  };

  return (
    <div className={`game${choosing ? " choosing" : ""}`}>
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
          {spectator && <span className="you">Spectating</span>}
        </div>
        <div className="game-bar-status">{status}</div>
      </div>
      {G !== null && map !== null && <PowersStrip match={match} seatNames={seatNames ?? []} />}
      {!narrow && extras}
      {over && (
        <EndScreen
          match={match}
          open={endOpen}
          onOpen={setEndOpen}
          onTab={showTab}
          onPlayAgain={onPlayAgain}
        />
      )}
      <div className="game-main" hidden={over && endOpen}>
        <div className="board-column">
          <div className="board-stack">
            <section id="board" className="board" aria-label="Board" data-testid="board" style={boardStyle}>
              {G !== null && map !== null ? (
                <MapView
                  map={map}
                  position={G.position}
                  orders={ordering.shown}
                  selected={ordering.selectedProvince}
                  targets={ordering.targets}
                  onProvince={ordering.onProvince}
                  onCancel={() => ordering.selectUnit(null)}
                  power={power}
                  label={`${map.name}, ${phaseLabel}`}
                />
              ) : (
                <div className="board-loading">{loading}</div>
              )}
            </section>
            {!narrow && choiceBar}
          </div>
          {G !== null && map !== null && (
            <BoardText map={map} position={G.position} orders={ordering.shown} power={power} />
          )}
        </div>
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
                {t.id === "commitments" && pledges > 0 && (
                  <span
                    className="badge"
                    data-testid="commitments-badge"
                    aria-label={`${pledges} waiting for you`}
                  >
                    {pledges}
                  </span>
                )}
                {t.id === "orders" && ordering.mustAct && !ordering.ready && (
                  <span className="badge dot" aria-label="to do" />
                )}
              </button>
            ))}
          </div>
          {narrow && extras}
          <div
            className="tab-panel"
            id="tab-panel"
            role="tabpanel"
            aria-labelledby={`tab-${tab}`}
            tabIndex={0} // it scrolls: reachable by keyboard (the tab pattern's own advice)
          >
            {tab === "orders" ? (
              <OrdersPanel match={match} ordering={ordering} />
            ) : (
              <PanelSlot tab={tab} match={match} press={press} />
            )}
          </div>
          {!narrow && readyBar}
        </aside>
      </div>
      {narrow && !spectator && !over && ordering.mustAct && (
        <div className="dock">
          {choiceBar}
          {readyBar}
        </div>
      )}
      {toast !== null && !(over && endOpen) && (
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
    setToast(edition?.articles[0]?.headline ?? "A quiet phase; nothing to report.");
  }, [count, editions]); // a new list with the same count toasts nothing (count <= seen)
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

/** "spring" → "Spring". */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
