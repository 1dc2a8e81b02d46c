/**
 * The board's pieces: unit glyphs (an army is a rounded square marked "A", a fleet a hull marked
 * "F", both in the power's colour with a dark outline and a white tag with the power's initial at the
 * top left, so the owner is not told by colour alone), badges, and the order layer that draws
 * moves, supports, convoys, holds, retreats, builds and removals. Failed orders are drawn grey with
 * an ✕.
 */
import type { ReactNode } from "react";
import type { OrderResult } from "../../../shared/src/adjudicator/types";
import type { Dislodgement } from "../../../shared/src/game/position";
import { provinceOf } from "../../../shared/src/map/locations";
import type { GameMap, LocationId, UnitType } from "../../../shared/src/map/types";
import type { Order } from "../../../shared/src/orders/types";
import { arrowShape, polylinePath } from "./arrows";
import { NEUTRAL, inkOn, powerColor } from "./colors";
import { powerInitial } from "./initials";
import type { BoardGeometry } from "./layout";
import type { Point } from "./voronoi";

/** Where a dislodged unit is drawn, relative to its province's unit. */
export const DISLODGED_OFFSET: Point = { x: 17, y: 13 };

/** A unit glyph centred on (x, y). */
export function UnitGlyph(props: {
  type: UnitType;
  color: string;
  x: number;
  y: number;
  ghost?: boolean;
  /** The owning power's initial (initials.ts), on a tag at the top left. */
  mark?: string;
  testId?: string;
  title?: string;
  onClick?: () => void;
}): ReactNode {
  const { type, color, x, y, ghost, mark, testId, title, onClick } = props;
  const ink = inkOn(color);
  return (
    <g
      className="mv-unit"
      transform={`translate(${x} ${y})`}
      data-testid={testId}
      opacity={ghost ? 0.75 : 1}
      onClick={onClick}
    >
      {title ? <title>{title}</title> : null}
      {type === "A" ? (
        <rect
          x={-10}
          y={-10}
          width={20}
          height={20}
          rx={5}
          fill={color}
          stroke={NEUTRAL.ink}
          strokeWidth={1.6}
          strokeDasharray={ghost ? "3 2" : undefined}
        />
      ) : (
        <path
          d="M-14,-4 L14,-4 L9,9 L-9,9 Z M-3,-4 L-3,-13 L8,-4 Z"
          fill={color}
          stroke={NEUTRAL.ink}
          strokeWidth={1.6}
          strokeLinejoin="round"
          strokeDasharray={ghost ? "3 2" : undefined}
        />
      )}
      <text className="mv-unit-letter" x={0} y={type === "A" ? 4.5 : 6.5} fill={ink}>
        {type}
      </text>
      {mark !== undefined && mark !== "" ? <PowerTag mark={mark} x={-12} y={-11} /> : null}
    </g>
  );
}

/** A power's initial on a small white tag with a dark outline (black on white: 21:1 whatever the power's colour). */
export function PowerTag(props: { mark: string; x: number; y: number }): ReactNode {
  const { mark, x, y } = props;
  const w = 12 + (mark.length - 1) * 6.5;
  return (
    <g className="mv-tag" transform={`translate(${x} ${y})`} aria-hidden="true">
      <rect
        x={-w / 2}
        y={-6.5}
        width={w}
        height={13}
        rx={6.5}
        fill="#FFFFFF"
        stroke={NEUTRAL.ink}
        strokeWidth={1.2}
      />
      <text y={3.6} fill="#000000">
        {mark}
      </text>
    </g>
  );
}

/** A round badge with a symbol ("+" for a build, "✕" for a removal or a failure). */
export function Badge(props: { x: number; y: number; symbol: "+" | "✕"; color: string }): ReactNode {
  const { x, y, symbol, color } = props;
  return (
    <g className="mv-badge" transform={`translate(${x} ${y})`}>
      <circle r={7.5} fill={color} stroke="#FFFFFF" strokeWidth={1.5} />
      <text y={symbol === "+" ? 4.5 : 3.8} fill="#FFFFFF">
        {symbol}
      </text>
    </g>
  );
}

/** A stable key for an order, to match it with its result. */
export function orderKey(order: Order): string {
  if (order.kind === "waive") return `waive ${order.power}`;
  const parts: string[] = [order.kind, order.power, order.unit.location];
  if ("target" in order) parts.push(order.target.location);
  if ("to" in order) parts.push(order.to);
  return parts.join(" ");
}

/** Which orders failed, by `orderKey`, from a list of results. */
export function failedKeys(results: readonly OrderResult[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const r of results ?? []) if (r.outcome !== "succeeds") out.add(orderKey(r.order));
  return out;
}

/** A stroke with a dark casing underneath, so light colours read on any ground. */
function Cased(props: {
  d: string;
  color: string;
  width: number;
  dash?: string | undefined;
  failed: boolean;
}): ReactNode {
  const { d, color, width, dash, failed } = props;
  return (
    <>
      <path
        d={d}
        fill="none"
        stroke={failed ? "#FFFFFF" : NEUTRAL.ink}
        strokeWidth={width + 2.2}
        strokeDasharray={dash}
        strokeLinecap="round"
        opacity={0.9}
      />
      <path
        d={d}
        fill="none"
        stroke={color}
        strokeWidth={width}
        strokeDasharray={dash}
        strokeLinecap="round"
      />
    </>
  );
}

/** The ✕ that marks a failed order. */
/** An arrowhead in the order's colour, outlined white when the order failed. */
function ArrowHead(props: { points: string; color: string; failed: boolean; width: number }): ReactNode {
  return (
    <polygon
      points={props.points}
      fill={props.color}
      stroke={props.failed ? "#FFFFFF" : NEUTRAL.ink}
      strokeWidth={props.width}
    />
  );
}

function FailMark({ at }: { at: Point }): ReactNode {
  return <Badge x={at.x} y={at.y} symbol="✕" color={NEUTRAL.danger} />;
}

/**
 * Draws a list of orders (and, when results are given, which of them failed). `part` "lines" draws
 * arrows and rings (under the units); "marks" draws badges, failure marks and builds (over them).
 */
export function OrdersLayer(props: {
  map: GameMap;
  geometry: BoardGeometry;
  orders: readonly Order[];
  failed: ReadonlySet<string>;
  dislodged: readonly Dislodgement[];
  part: "lines" | "marks";
}): ReactNode {
  const { map, geometry, orders, failed, dislodged, part } = props;
  const at = (loc: LocationId) => geometry.point(loc);
  const dislodgedAt = (loc: LocationId): Point | null => {
    const province = provinceOf(map, loc);
    const d = dislodged.find((x) => provinceOf(map, x.unit.location) === province);
    if (!d) return null;
    const p = geometry.point(d.unit.location);
    return { x: p.x + DISLODGED_OFFSET.x, y: p.y + DISLODGED_OFFSET.y };
  };
  const shapes: ReactNode[] = [];
  const marks: ReactNode[] = [];
  orders.forEach((order, i) => {
    const key = `${i}-${orderKey(order)}`;
    const isFailed = failed.has(orderKey(order));
    const color = isFailed ? NEUTRAL.failed : powerColor(map, order.power);
    switch (order.kind) {
      case "move":
      case "retreat": {
        const from =
          order.kind === "retreat"
            ? (dislodgedAt(order.unit.location) ?? at(order.unit.location))
            : at(order.unit.location);
        const a = arrowShape(from, at(order.to), { startGap: 13, endGap: 13 });
        shapes.push(
          <g key={key} className="mv-order" data-order={order.kind}>
            <Cased
              d={a.d}
              color={color}
              width={3.2}
              dash={order.kind === "move" && order.viaConvoy ? "9 4" : undefined}
              failed={isFailed}
            />
            <ArrowHead points={a.head} color={color} failed={isFailed} width={1.1} />
          </g>,
        );
        if (isFailed) marks.push(<FailMark key={key} at={a.mid} />);
        break;
      }
      case "support": {
        const from = at(order.unit.location);
        if (order.to === undefined) {
          const target = at(order.target.location);
          const a = arrowShape(from, target, { startGap: 12, endGap: 17, bend: 0.08, headSize: 0 });
          shapes.push(
            <g key={key} className="mv-order" data-order="support-hold">
              <Cased d={a.d} color={color} width={2.2} dash="6 4" failed={isFailed} />
              <circle
                cx={target.x}
                cy={target.y}
                r={17}
                fill="none"
                stroke={NEUTRAL.ink}
                strokeWidth={4}
                opacity={0.9}
              />
              <circle
                cx={target.x}
                cy={target.y}
                r={17}
                fill="none"
                stroke={color}
                strokeWidth={2.2}
                strokeDasharray="6 4"
              />
            </g>,
          );
          if (isFailed) marks.push(<FailMark key={key} at={a.mid} />);
        } else {
          // Dashed to the supported move's destination, bending the other way from the move itself.
          const a = arrowShape(from, at(order.to), { startGap: 12, endGap: 15, bend: -0.1, headSize: 7 });
          shapes.push(
            <g key={key} className="mv-order" data-order="support-move">
              <Cased d={a.d} color={color} width={2.2} dash="6 4" failed={isFailed} />
              <ArrowHead points={a.head} color={color} failed={isFailed} width={1} />
            </g>,
          );
          if (isFailed) marks.push(<FailMark key={key} at={a.mid} />);
        }
        break;
      }
      case "convoy": {
        const army = at(order.target.location);
        const fleet = at(order.unit.location);
        const dest = at(order.to);
        const d = polylinePath([army, fleet, dest]);
        shapes.push(
          <g key={key} className="mv-order" data-order="convoy">
            <Cased d={d} color={color} width={2.4} dash="1.5 5" failed={isFailed} />
            <circle
              cx={fleet.x}
              cy={fleet.y}
              r={18}
              fill="none"
              stroke={color}
              strokeWidth={2}
              strokeDasharray="1.5 4"
            />
          </g>,
        );
        if (isFailed) marks.push(<FailMark key={key} at={{ x: fleet.x + 14, y: fleet.y - 14 }} />);
        break;
      }
      case "hold": {
        const p = at(order.unit.location);
        shapes.push(
          <g key={key} className="mv-order" data-order="hold">
            <rect
              x={p.x - 16}
              y={p.y - 16}
              width={32}
              height={32}
              rx={9}
              fill="none"
              stroke={NEUTRAL.ink}
              strokeWidth={4.4}
              opacity={0.9}
            />
            <rect
              x={p.x - 16}
              y={p.y - 16}
              width={32}
              height={32}
              rx={9}
              fill="none"
              stroke={color}
              strokeWidth={2.2}
            />
          </g>,
        );
        if (isFailed) marks.push(<FailMark key={key} at={{ x: p.x + 15, y: p.y - 15 }} />);
        break;
      }
      case "disband": {
        const p = dislodgedAt(order.unit.location) ?? at(order.unit.location);
        marks.push(<Badge key={key} x={p.x + 11} y={p.y - 11} symbol="✕" color={NEUTRAL.danger} />);
        break;
      }
      case "remove": {
        const p = at(order.unit.location);
        marks.push(<Badge key={key} x={p.x + 12} y={p.y - 12} symbol="✕" color={NEUTRAL.danger} />);
        break;
      }
      case "build": {
        const p = at(order.unit.location);
        marks.push(
          <g key={key} className="mv-order" data-order="build">
            <UnitGlyph
              type={order.unit.type}
              color={powerColor(map, order.power)}
              mark={powerInitial(map, order.power)}
              x={p.x}
              y={p.y}
              ghost
            />
            <Badge x={p.x + 12} y={p.y - 12} symbol="+" color={isFailed ? NEUTRAL.failed : "#00734D"} />
          </g>,
        );
        break;
      }
      case "waive":
        break;
    }
  });
  return (
    <g className="mv-orders" aria-hidden="true">
      {part === "lines" ? shapes : marks}
    </g>
  );
}
