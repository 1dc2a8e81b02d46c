/**
 * The orders tab: the seat's units with the orders the server holds for them ("saved ✓" once the
 * server has echoed them), an inline editor for the selected unit (move, hold, support, convoy;
 * retreat or disband; builds, removals and waives) offering only legal orders, a box that takes
 * orders in standard notation, and the Ready switch. Refusals appear here, as a banner.
 */
import { useId, useRef, useState, type SubmitEvent } from "react";
import { phaseKey } from "../../../shared/src/game/position";
import type { GameMap } from "../../../shared/src/map/types";
import { orderExample } from "./orderExample";
import { describeOrder, orderKey, orderText, unitName } from "./orderModel";
import { UnitEditor, focusNextUnit } from "./UnitEditor";
import type { MatchHandle } from "./useMatch";
import type { Ordering } from "./useOrdering";
import { noticeOffers, type OrderWarning } from "./warnings";

/** The orders tab. */
export function OrdersPanel({ match, ordering }: { match: MatchHandle; ordering: Ordering }) {
  const { G, map, power } = match;
  if (G === null || map === null) return <p className="muted">Loading the board…</p>;
  if (power === null)
    return (
      <div className="panel-body">
        <p className="empty-note">
          You are watching this match. Orders are revealed when each phase resolves.
        </p>
      </div>
    );
  const { legal } = ordering;
  const { error } = match;
  const orderError =
    error !== null && (error.move === undefined || error.move === "orders" || error.move === "ready")
      ? error
      : null;
  if (G.result !== null)
    return (
      <div className="panel-body">
        <p className="empty-note">The game is over; no more orders. The History tab replays every phase.</p>
      </div>
    );

  return (
    <div className="panel-body orders">
      <StatusLine match={match} ordering={ordering} />
      {orderError !== null && (
        <div className="banner banner-error" role="alert" data-testid="error-banner">
          <span>
            <strong>Not accepted.</strong> {sentence(orderError.message)}
          </span>
          <button type="button" className="link-button" onClick={match.clearError} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      {!ordering.mustAct ? (
        <p className="empty-note">
          Nothing to order this phase{legal?.phase === "retreat" ? " — none of your units was dislodged" : ""}
          . You can still talk, propose and sign.
        </p>
      ) : (
        <>
          <BreachNotice match={match} ordering={ordering} />
          <ReadyToggle ordering={ordering} connected={match.connected} />
          {legal?.phase === "adjustment" ? (
            <Adjustments map={map} ordering={ordering} />
          ) : (
            <UnitRows map={map} ordering={ordering} />
          )}
        </>
      )}
      {ordering.mustAct && <NotationBox key={phaseKey(G.position)} match={match} ordering={ordering} />}
    </div>
  );
}

/** What the server has, in one line. */
function StatusLine({ match, ordering }: { match: MatchHandle; ordering: Ordering }) {
  const { legal, saved, sending } = ordering;
  if (!ordering.mustAct) return null;
  if (!match.connected)
    return (
      <p className="status-line warn" role="status">
        {match.reconnecting ? "Reconnecting…" : "Connecting…"}{" "}
        {sending ? "Your change will be sent as soon as the connection is back." : ""}
      </p>
    );
  if (sending)
    return (
      <p className="status-line pending" role="status">
        <span className="spinner" aria-hidden /> Sending your orders…
      </p>
    );
  const needed =
    legal === null ? 0 : legal.phase === "adjustment" ? Math.abs(legal.change) : legal.units.length;
  const count = saved.length;
  if (count === 0)
    return (
      <p className="status-line idle" role="status">
        No orders saved yet.{" "}
        {legal?.phase === "movement"
          ? "Units without orders hold."
          : legal?.phase === "retreat"
            ? "Units without orders disband."
            : "Choose below."}
      </p>
    );
  const noun = legal?.phase === "adjustment" ? "choices" : "units";
  return (
    <p className="status-line saved" role="status" data-testid="orders-saved">
      <span className="check" aria-hidden>
        ✓
      </span>
      <span>
        {match.offline === true ? "Saved" : "Saved on the server"} — {count} of {needed} {noun} ordered
        {count < needed && legal?.phase === "movement" ? "; the rest hold" : ""}
      </span>
    </p>
  );
}

/** The commitments one order would break, beside it. */
function OrderWarnings({ warnings }: { warnings: readonly OrderWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="order-warnings" data-testid="order-warning">
      {warnings.map((w) => (
        <li key={w.text} className="order-warning" title={w.detail}>
          <span aria-hidden>⚠</span> {w.text}
          {w.noticeGiven ? " — notice given" : ""}
        </li>
      ))}
    </ul>
  );
}

/**
 * Beside the Ready switch: the commitments the drafted orders would break, and a one-click notice
 * on each instead (the Commitments panel's `notice` move; the commitment stays in force to the end
 * of the phase, so acting on it now is an announced defection rather than a surprise).
 */
function BreachNotice({ match, ordering }: { match: MatchHandle; ordering: Ordering }) {
  const { map } = match;
  const [sent, setSent] = useState<readonly string[]>([]);
  if (map === null) return null;
  const offers = noticeOffers(map, ordering.warnings);
  if (offers.length === 0) return null;
  const texts = [...new Set(ordering.warnings.flat().map((w) => w.text))];
  const noticeError = match.error?.move === "notice" ? match.error : null;
  return (
    <div className="banner banner-warn breach-notice" role="status" data-testid="breach-warning">
      <p className="breach-title">
        <strong>{texts.length === 1 ? "An order breaks your word." : "Some orders break your word."}</strong>{" "}
        {offers.every((o) => o.noticeGiven)
          ? "You gave notice: the paper reports an announced defection, not a surprise."
          : "Sent as it is, the paper reports a defection; give notice first and it is an announced one, not a surprise."}
      </p>
      <ul className="breach-list">
        {texts.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <div className="breach-actions">
        {offers.map((o) =>
          o.noticeGiven ? (
            <p key={o.commitmentId} className="small" data-testid={`notice-given-${o.commitmentId}`}>
              ✓ Notice given to {o.partnerNames}: acting against them this phase is an announced defection,
              not a surprise; the commitment ends with the phase.
            </p>
          ) : (
            <button
              key={o.commitmentId}
              type="button"
              className="button"
              data-testid={`give-notice-${o.commitmentId}`}
              disabled={sent.includes(o.commitmentId) && noticeError === null}
              onClick={() => {
                setSent((s) => [...s, o.commitmentId]);
                match.act("notice", { commitmentId: o.commitmentId });
              }}
            >
              {o.label}
            </button>
          ),
        )}
      </div>
      {noticeError !== null && (
        <p className="field-error" role="alert">
          Notice not given: {sentence(noticeError.message)}
        </p>
      )}
      {offers.some((o) => !o.noticeGiven) && (
        <p className="muted small">
          Notice renounces the commitment at the end of this phase and cannot be taken back.
        </p>
      )}
    </div>
  );
}

/** The Ready switch. */
function ReadyToggle({ ordering, connected }: { ordering: Ordering; connected: boolean }) {
  const { ready, readySending } = ordering;
  return (
    <div className="ready-row">
      <button
        type="button"
        role="switch"
        aria-checked={ready}
        className={`ready-toggle ${ready ? "on" : "off"}`}
        data-testid="ready-toggle"
        onClick={ordering.toggleReady}
      >
        <span className="ready-knob" aria-hidden />
        <span>{ready ? "Ready" : "Not ready"}</span>
      </button>
      <span className="ready-hint">
        {readySending
          ? connected
            ? "Sending…"
            : "Will be sent on reconnect"
          : ready
            ? "The phase resolves when everyone is ready. Changing an order clears it."
            : "Say you are ready when your orders are final."}
      </span>
    </div>
  );
}

/** Movement and retreat: one row per unit, with the editor under the selected one. */
function UnitRows({ map, ordering }: { map: GameMap; ordering: Ordering }) {
  const { legal, shown, saved, selection } = ordering;
  const list = useRef<HTMLUListElement>(null);
  if (legal === null || legal.phase === "adjustment") return null;
  const retreat = legal.phase === "retreat";
  return (
    <ul className="unit-rows" ref={list}>
      {legal.units.map(({ unit }) => {
        const key = orderKey(map, { kind: "hold", power: unit.power, unit });
        const shownIndex = shown.findIndex((o) => orderKey(map, o) === key);
        const shownOrder = shownIndex < 0 ? undefined : shown[shownIndex];
        const warnings = shownIndex < 0 ? [] : (ordering.warnings[shownIndex] ?? []);
        const savedOrder = saved.find((o) => orderKey(map, o) === key);
        const sending =
          ordering.sending &&
          (shownOrder === undefined
            ? savedOrder !== undefined
            : savedOrder === undefined || orderText(shownOrder) !== orderText(savedOrder));
        const status = sending ? "sending" : savedOrder !== undefined ? "saved" : "none";
        const open = selection?.kind === "unit" && selection.location === unit.location;
        return (
          <li
            key={unit.location}
            className={`order-row ${open ? "open" : ""}`}
            data-testid="order-row"
            data-status={status}
          >
            <button
              type="button"
              className="order-row-head"
              aria-expanded={open}
              data-unit={unit.location}
              data-ordered={shownOrder !== undefined}
              onClick={() => ordering.selectUnit(open ? null : unit.location)}
            >
              <span className="unit-badge" aria-hidden>
                {unit.type}
              </span>
              <span className="order-text">
                <span className="unit-name">{unitName(map, unit)}</span>{" "}
                <span className={shownOrder === undefined ? "muted" : ""}>
                  {shownOrder === undefined
                    ? retreat
                      ? "no order — will disband"
                      : "no order — will hold"
                    : describeOrder(map, shownOrder)}
                </span>
              </span>
              <span className={`chip chip-${status}`}>
                {status === "sending" ? "sending…" : status === "saved" ? "saved ✓" : "not set"}
              </span>
            </button>
            <OrderWarnings warnings={warnings} />
            {open && (
              <UnitEditor
                map={map}
                ordering={ordering}
                retreat={retreat}
                current={shownOrder ?? null}
                onGiven={(from) => focusNextUnit(list.current, from)}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Adjustments: builds or removals, chosen from the legal list. */
function Adjustments({ map, ordering }: { map: GameMap; ordering: Ordering }) {
  const { legal, shown, saved, selection } = ordering;
  if (legal === null || legal.phase !== "adjustment") return null;
  const building = legal.change > 0;
  const due = Math.abs(legal.change);
  const left = due - shown.length;
  const savedTexts = new Set(saved.map(orderText));
  const offered = (building ? legal.builds : legal.removals).filter(
    (o) => !shown.some((s) => orderKey(map, s) === orderKey(map, o)),
  );
  return (
    <div className="adjust">
      <p className="adjust-summary">
        {building
          ? `You may build ${due} unit${due === 1 ? "" : "s"} in your free home centres.`
          : `You must remove ${due} unit${due === 1 ? "" : "s"}. Unchosen removals are made for you.`}
      </p>
      <ul className="unit-rows">
        {shown.map((o, i) => {
          const status = savedTexts.has(orderText(o)) ? "saved" : "sending";
          return (
            <li
              key={`${orderText(o)}-${i}`}
              className="order-row"
              data-testid="order-row"
              data-status={status}
            >
              <div className="order-row-head static">
                <span className="order-text">{describeOrder(map, o)}</span>
                <span className={`chip chip-${status}`}>{status === "saved" ? "saved ✓" : "sending…"}</span>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Undo: ${describeOrder(map, o)}`}
                  onClick={() =>
                    o.kind === "waive" ? ordering.removeWaive() : ordering.clearKey(orderKey(map, o))
                  }
                >
                  ✕
                </button>
              </div>
              <OrderWarnings warnings={ordering.warnings[i] ?? []} />
            </li>
          );
        })}
      </ul>
      {left > 0 && (
        <>
          <p className="editor-prompt">
            {left} left to choose
            {building ? " — click a highlighted home centre, or:" : " — click a unit, or:"}
          </p>
          <div className="choices">
            {(selection?.kind === "build" ? selection.choose : offered).map((o) => (
              <button key={orderText(o)} type="button" className="choice" onClick={() => ordering.give(o)}>
                {describeOrder(map, o)}
              </button>
            ))}
            {building && legal.canWaive && (
              <button
                type="button"
                className="choice"
                onClick={() => ordering.give({ kind: "waive", power: legal.builds[0]?.power ?? "" })}
              >
                Waive a build
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** Orders typed in standard notation, one per line or separated by semicolons. */
function NotationBox({ match, ordering }: { match: MatchHandle; ordering: Ordering }) {
  const { G, map, power } = match;
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const id = useId();
  if (G === null || map === null || power === null) return null;
  const { legal } = ordering;

  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (legal === null) return;
    const typed = ordering.type(text);
    if (typed.given.length === 0 && typed.refused.length === 0) {
      setProblems([`Type an order (${orderExample(legal)}).`]);
      return;
    }
    const refused = typed.refused.map((r) => `“${r.text}”: ${sentence(r.reason)}`);
    const kept = typed.given.length;
    setProblems(
      kept > 0 && refused.length > 0
        ? [`${kept} order${kept === 1 ? "" : "s"} added; not added:`, ...refused]
        : refused,
    );
    // The refused orders stay in the box, to be put right.
    setText(typed.refused.map((r) => r.text).join("; "));
  };

  return (
    <form className="notation" onSubmit={submit}>
      <label htmlFor={id}>Type orders</label>
      <div className="notation-row">
        <input
          id={id}
          data-testid="orders-text"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (problems.length > 0) setProblems([]);
          }}
          placeholder={orderExample(legal)}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-invalid={problems.length > 0}
          aria-describedby={`${id}-help`}
        />
        <button type="submit" className="button" data-testid="orders-text-submit">
          Add
        </button>
      </div>
      <p
        id={`${id}-help`}
        className={problems.length > 0 ? "field-error" : "muted small"}
        role={problems.length > 0 ? "alert" : undefined}
      >
        {problems.length > 0
          ? problems.map((p, i) => (
              <span key={i} className="notation-problem" data-testid="orders-text-problem">
                {p}
              </span>
            ))
          : "Standard notation; several orders may be separated by “;”."}
      </p>
    </form>
  );
}

/** A server message as a sentence: capital first letter, final full stop. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
