/**
 * The example in the typed-orders box, made from this seat's own legal orders, so it names the
 * current map's places (the Amber Sea's as much as the classic board's) and units the seat holds.
 */
import { formatOrder } from "../../../shared/src/orders/notation";
import type { LegalOrders } from "../../../shared/src/orders/legal";
import type { Order } from "../../../shared/src/orders/types";

/** At most two orders joined as the box takes them: "e.g. A par - bur; F bre S A par - pic". */
function joined(orders: readonly (Order | undefined)[]): string | null {
  const texts = orders.filter((o): o is Order => o !== undefined).map((o) => formatOrder(o));
  return texts.length === 0 ? null : `e.g. ${texts.slice(0, 2).join("; ")}`;
}

/**
 * An example of typed orders for this phase from `legal` (the seat's legal orders): a move and a
 * support (a retreat and a disband; a build or a removal, and a waive), or a plain line when the
 * seat has nothing to order.
 */
export function orderExample(legal: LegalOrders | null): string {
  const none = "Standard notation, e.g. A (place) - (place)";
  if (legal === null) return none;
  if (legal.phase === "adjustment") {
    const first = legal.builds[0] ?? legal.removals[0];
    const text = joined([first]);
    if (text === null) return none;
    return legal.canWaive ? `${text}; waive` : text;
  }
  const all = legal.units.map((u) => u.orders);
  if (legal.phase === "retreat") {
    const retreat = all.flatMap((os) => os.filter((o) => o.kind === "retreat"))[0];
    const disband = all.flatMap((os) => os.filter((o) => o.kind === "disband"))[0];
    return joined([retreat ?? disband, retreat === undefined ? undefined : disband]) ?? none;
  }
  const move = all.flatMap((os) => os.filter((o) => o.kind === "move" && !o.viaConvoy))[0];
  const mover = move !== undefined && "unit" in move ? move.unit.location : null;
  const support = all.flatMap((os) =>
    os.filter((o) => o.kind === "support" && o.to !== undefined && o.unit.location !== mover),
  )[0];
  const hold = all.flatMap((os) => os.filter((o) => o.kind === "hold"))[0];
  return joined([move ?? hold, support]) ?? none;
}
