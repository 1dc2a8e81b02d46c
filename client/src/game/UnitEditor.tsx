/**
 * The choices for the selected unit (move, hold, support, convoy; retreat or disband), offering
 * only legal orders: the Orders tab shows it under the unit's row, the choice bar under the board.
 * After an order is given, `focusNextUnit` keeps the keyboard where the player is.
 */
import { useRef } from "react";
import type { GameMap, LocationId } from "../../../shared/src/map/types";
import type { Order } from "../../../shared/src/orders/types";
import { describeOrder, orderKey, orderText, placeName, unitName } from "./orderModel";
import type { Ordering } from "./useOrdering";

const MODE_LABELS = { move: "Move", support: "Support", convoy: "Convoy" } as const;

/**
 * After an order for the unit at `from` is given: focus the next unit without an order among the
 * buttons marked `data-unit` in `scope` (on screen), else the ready bar's button, else `scope`'s
 * first unit button — never the page's body.
 */
export function focusNextUnit(scope: HTMLElement | null, from: LocationId): void {
  window.requestAnimationFrame(() => {
    const shown = (el: HTMLElement) => el.getClientRects().length > 0;
    const units = [...(scope?.querySelectorAll<HTMLElement>("[data-unit]") ?? [])].filter(shown);
    const at = units.findIndex((u) => u.dataset.unit === from);
    const after = [...units.slice(at + 1), ...units.slice(0, at + 1)];
    const ready = document.getElementById("ready-bar-button");
    const next =
      after.find((u) => u.dataset.ordered === "false") ??
      (ready !== null && shown(ready) ? ready : null) ??
      after[0] ??
      null;
    next?.focus();
  });
}

/** After a step within the editor (a unit to support picked): focus its first choice. */
function focusFirstChoice(scope: HTMLElement | null): void {
  window.requestAnimationFrame(() => scope?.querySelector<HTMLElement>(".choice")?.focus());
}

/** The choices for the selected unit; `onGiven` runs once an order is given. */
export function UnitEditor({
  map,
  ordering,
  retreat,
  current,
  onGiven,
}: {
  map: GameMap;
  ordering: Ordering;
  retreat: boolean;
  current: Order | null;
  onGiven: (from: LocationId) => void;
}) {
  const { selection, options, legal } = ordering;
  const ref = useRef<HTMLDivElement>(null);
  if (selection?.kind !== "unit" || legal === null || legal.phase === "adjustment") return null;
  const all = legal.units.find((u) => u.unit.location === selection.location)?.orders ?? [];
  const hold = all.find((o) => o.kind === "hold" || o.kind === "disband");
  const key = orderKey(map, hold ?? all[0]!);
  const canSupport = all.some((o) => o.kind === "support");
  const canConvoy = all.some((o) => o.kind === "convoy");
  const give = (order: Order) => {
    ordering.give(order);
    onGiven(selection.location);
  };

  if (selection.choose !== null)
    return (
      <div className="editor" ref={ref}>
        <p className="editor-prompt">Which one?</p>
        <div className="choices">
          {selection.choose.map((o) => (
            <button
              key={orderText(o)}
              type="button"
              className="choice"
              data-testid="choice"
              onClick={() => give(o)}
            >
              {describeOrder(map, o)}
            </button>
          ))}
        </div>
      </div>
    );

  return (
    <div className="editor" ref={ref}>
      {!retreat && (
        <div className="modes" role="group" aria-label="Order type">
          {(["move", "support", "convoy"] as const).map((m) => (
            <button
              key={m}
              type="button"
              className={`mode ${selection.mode === m ? "active" : ""}`}
              aria-pressed={selection.mode === m}
              disabled={(m === "support" && !canSupport) || (m === "convoy" && !canConvoy)}
              onClick={() => ordering.setMode(m)}
            >
              {MODE_LABELS[m]}
            </button>
          ))}
          {hold !== undefined && (
            <button
              type="button"
              className={`mode ${current?.kind === "hold" ? "active" : ""}`}
              onClick={() => give(hold)}
            >
              Hold
            </button>
          )}
        </div>
      )}
      <p className="editor-prompt">{prompt(map, selection, options, retreat)}</p>
      <div className="choices">
        {options.map((o) => {
          const picked = o.kind === "support" || o.kind === "convoy" ? o.target : null;
          const picking = picked !== null && selection.target === null && !retreat;
          const label = picking ? unitName(map, picked) : choiceLabel(map, o);
          return (
            <button
              key={orderText(o) + (picking ? ":pick" : "")}
              type="button"
              className={`choice ${current !== null && orderText(current) === orderText(o) ? "current" : ""}`}
              data-testid="choice"
              onClick={() => {
                if (picking) {
                  ordering.pickTarget(picked.location);
                  focusFirstChoice(ref.current);
                } else give(o);
              }}
            >
              {label}
            </button>
          );
        })}
        {retreat && hold !== undefined && (
          <button type="button" className="choice danger" onClick={() => give(hold)}>
            Disband
          </button>
        )}
      </div>
      <div className="editor-foot">
        {selection.target !== null && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              ordering.pickTarget(null);
              focusFirstChoice(ref.current);
            }}
          >
            ← another unit
          </button>
        )}
        {current !== null && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              ordering.clearKey(key);
              onGiven(selection.location);
            }}
          >
            Clear this order
          </button>
        )}
        <span className="muted small">Tip: click a highlighted province on the map.</span>
      </div>
    </div>
  );
}

/** What the editor asks for. */
function prompt(
  map: GameMap,
  selection: Exclude<Ordering["selection"], null>,
  options: readonly Order[],
  retreat: boolean,
): string {
  if (selection.kind !== "unit") return "";
  if (retreat) return options.length === 0 ? "There is nowhere to retreat to:" : "Retreat to:";
  if (selection.mode === "move") return "Move to:";
  const what = selection.mode === "support" ? "Support" : "Convoy";
  if (selection.target === null) return `${what} which unit?`;
  const first = options[0];
  const target =
    first !== undefined && (first.kind === "support" || first.kind === "convoy") ? first.target : null;
  const who = target === null ? placeName(map, selection.target) : unitName(map, target);
  return selection.mode === "support" ? `Support ${who}:` : `Convoy ${who} to:`;
}

/** A choice button's words. */
function choiceLabel(map: GameMap, order: Order): string {
  switch (order.kind) {
    case "move":
      return `${placeName(map, order.to)}${order.viaConvoy ? " (by convoy)" : ""}`;
    case "retreat":
      return placeName(map, order.to);
    case "support":
      return order.to === undefined ? "to hold" : `into ${placeName(map, order.to)}`;
    case "convoy":
      return placeName(map, order.to);
    default:
      return describeOrder(map, order);
  }
}
