/**
 * What the line charts share (the standing chart, the end screen's centre chart): drawing at the
 * figure's own width, and the end labels — one per value reached, with a swatch per power there,
 * nudged apart so they never overlap.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from "react";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { powerColor } from "./colors";

/** The figure's width in CSS pixels (at least 260), followed as it resizes; 480 before it is measured. */
export function useFigureWidth<E extends HTMLElement>(): [RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(480);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(260, Math.round(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** One end label: a value, the powers ending on it, and where it is drawn. */
export interface EndLabel {
  readonly v: number;
  readonly ps: readonly PowerId[];
  y: number;
}

/** The end labels of a chart: one per value the powers end on, top to bottom, at least 13 px apart. */
export function endLabels(
  powers: readonly PowerId[],
  valueOf: (p: PowerId) => number,
  toPixel: (v: number) => number,
): EndLabel[] {
  const byValue = new Map<number, PowerId[]>();
  for (const p of powers) {
    const v = valueOf(p);
    byValue.set(v, [...(byValue.get(v) ?? []), p]);
  }
  const ends = [...byValue.entries()].map(([v, ps]) => ({ v, ps, y: toPixel(v) })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) ends[i]!.y = Math.max(ends[i]!.y, ends[i - 1]!.y + 13);
  return ends;
}

/** The end labels drawn at `x`, each value with its powers' swatches `swatchGap` px after it. */
export function EndLabels(props: {
  readonly ends: readonly EndLabel[];
  readonly x: number;
  readonly swatchGap: number;
  readonly map: GameMap | null;
  readonly titleOf?: (e: EndLabel) => string;
}) {
  return (
    <>
      {props.ends.map((e) => (
        <g key={e.v}>
          {props.titleOf && <title>{props.titleOf(e)}</title>}
          <text x={props.x} y={e.y + 4} className="ch-end">
            {e.v}
          </text>
          {e.ps.map((p, i) => (
            <rect
              key={p}
              x={props.x + props.swatchGap + (i % 7) * 4}
              y={e.y - 4}
              width={3}
              height={8}
              fill={powerColor(props.map, p)}
              className="ch-end-swatch"
            />
          ))}
        </g>
      ))}
    </>
  );
}
