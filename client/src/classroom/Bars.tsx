/**
 * A horizontal bar chart for the class debrief: one row per match (or preset), each bar made of
 * named segments stacked left to right, on a round axis (shared/src/charts). The figures are also
 * in the page's table, and the chart carries its own words for a screen reader (`summary`).
 */
import type { ReactNode } from "react";
import { linearAxis } from "../../../shared/src/charts";
import { useFigureWidth } from "../panels/chartParts";

/** A part of a bar. */
export interface BarSegment {
  readonly name: string; // e.g. "surprise"
  readonly value: number;
  readonly tone: string; // a CSS class for its colour, e.g. "bar-surprise"
}

/** One bar. */
export interface BarRow {
  readonly label: string; // e.g. "Match 1"
  readonly segments: readonly BarSegment[];
  readonly note: string; // written at the bar's end, e.g. "3" or "75%"
}

const ROW = 34; // px per row
const LABEL = 120; // px for the row labels
const NOTE = 56; // px after the longest bar for its note
const TOP = 6;
const AXIS = 24; // px for the axis under the bars

/** The chart. `max` fixes the axis's top (e.g. 1 for shares); else the longest bar sets it. */
export function Bars(props: {
  readonly title: string;
  readonly rows: readonly BarRow[];
  readonly summary: string; // the chart in words
  readonly max?: number;
  readonly format?: (value: number) => string; // tick labels
  readonly testId?: string;
}): ReactNode {
  const [ref, width] = useFigureWidth<HTMLDivElement>();
  const longest = Math.max(0, ...props.rows.map((r) => r.segments.reduce((a, s) => a + s.value, 0)));
  const axis = linearAxis({
    domain: [0, props.max ?? Math.max(1, longest)],
    range: [LABEL, Math.max(LABEL + 60, width - NOTE)],
    ticks: 4,
  });
  const height = TOP + props.rows.length * ROW + AXIS;
  const format = props.format ?? String;
  const legend = [...new Map(props.rows.flatMap((r) => r.segments).map((s) => [s.name, s.tone])).entries()];
  return (
    <figure className="bars" data-testid={props.testId}>
      <figcaption className="bars-title">{props.title}</figcaption>
      {legend.length > 1 && (
        <ul className="bars-legend" aria-hidden="true">
          {legend.map(([name, tone]) => (
            <li key={name}>
              <span className={`bars-swatch ${tone}`} /> {name}
            </li>
          ))}
        </ul>
      )}
      <div ref={ref} className="bars-frame">
        <svg width={width} height={height} role="img" aria-label={`${props.title}. ${props.summary}`}>
          {axis.ticks.map((t) => (
            <g key={t}>
              <line
                x1={axis.toPixel(t)}
                x2={axis.toPixel(t)}
                y1={TOP}
                y2={height - AXIS}
                className="bars-grid"
              />
              <text x={axis.toPixel(t)} y={height - 6} className="bars-tick">
                {format(t)}
              </text>
            </g>
          ))}
          {props.rows.map((row, i) => {
            const y = TOP + i * ROW;
            let from = 0;
            return (
              <g key={row.label}>
                <text x={LABEL - 10} y={y + ROW / 2 + 5} className="bars-label">
                  {row.label}
                </text>
                {row.segments.map((s) => {
                  const x = axis.toPixel(from);
                  from += s.value;
                  const w = axis.toPixel(from) - x;
                  return w <= 0 ? null : (
                    <rect key={s.name} x={x} y={y + 5} width={w} height={ROW - 10} className={s.tone}>
                      <title>{`${row.label}: ${s.name} ${s.value}`}</title>
                    </rect>
                  );
                })}
                <text x={axis.toPixel(from) + 6} y={y + ROW / 2 + 5} className="bars-note">
                  {row.note}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
