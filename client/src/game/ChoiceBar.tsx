/**
 * The choice bar: the selected unit's choices (move, support, …; the same editor as the Orders
 * tab), or a build's, shown as soon as a unit is selected whatever tab is open — under the board
 * on a wide screen (but for the Orders tab, `besideOrders`, which shows the editor itself), and on
 * a phone in the dock pinned to the bottom of the screen, above the ready bar, so the choices are
 * never below the fold. Nothing while no unit is selected.
 */
import { useRef, type ReactNode } from "react";
import { describeOrder, orderKey, orderText, unitName } from "./orderModel";
import type { MatchHandle } from "./useMatch";
import type { Ordering } from "./useOrdering";
import { UnitEditor, focusNextUnit } from "./UnitEditor";

/** The bar; `besideOrders`: the Orders tab is open. */
export function ChoiceBar({
  match,
  ordering,
  besideOrders,
}: {
  match: MatchHandle;
  ordering: Ordering;
  besideOrders: boolean;
}): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const { map, G } = match;
  const { legal, selection, shown } = ordering;
  if (map === null || G === null || G.result !== null || legal === null || !ordering.mustAct) return null;
  const className = `choice-bar${besideOrders ? " beside-orders" : ""}`;

  if (legal.phase === "adjustment") {
    if (selection?.kind !== "build") return null;
    return (
      <div className={className} data-testid="choice-bar" role="region" aria-label="Choices">
        <p className="editor-prompt">Which one?</p>
        <div className="choices">
          {selection.choose.map((o) => (
            <button
              key={orderText(o)}
              type="button"
              className="choice"
              data-testid="choice"
              onClick={() => ordering.give(o)}
            >
              {describeOrder(map, o)}
            </button>
          ))}
        </div>
      </div>
    );
  }

  const retreat = legal.phase === "retreat";
  const chosen =
    selection?.kind === "unit" ? legal.units.find((u) => u.unit.location === selection.location) : undefined;
  if (chosen === undefined) return null;

  const current = shown.find(
    (o) => orderKey(map, o) === orderKey(map, { kind: "hold", power: chosen.unit.power, unit: chosen.unit }),
  );
  return (
    <div className={className} data-testid="choice-bar" role="region" aria-label="Choices" ref={ref}>
      <div className="choice-bar-head">
        <strong>{unitName(map, chosen.unit)}</strong>
        {current !== undefined && <span className="muted small">{describeOrder(map, current)}</span>}
        <button
          type="button"
          className="link-button choice-bar-close"
          onClick={() => {
            ordering.selectUnit(null);
            focusNextUnit(ref.current, chosen.unit.location);
          }}
        >
          Done
        </button>
      </div>
      <UnitEditor
        map={map}
        ordering={ordering}
        retreat={retreat}
        current={current ?? null}
        onGiven={(from) => focusNextUnit(ref.current, from)}
      />
    </div>
  );
}
