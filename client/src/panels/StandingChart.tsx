/**
 * Reputation and prestige over time: two small line charts (hand-made SVG; ticks and scales from
 * the shared axis helper, shared/src/charts) over the same editions, one line a power in its colour,
 * with axes, grid, end labels and a legend.
 */
import { linearAxis } from "../../../shared/src/charts";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { PhaseRef } from "../../../shared/src/trust/types";
import { EndLabels, endLabels, useFigureWidth } from "./chartParts";
import { powerColor } from "./colors";
import { seriesRange, type StandingPoint } from "./standing";
import { powerName } from "./ui";

const H = 180; // height of one plot, in CSS pixels
const M = { top: 18, right: 60, bottom: 26, left: 34 };

/** "S01", "F01", "W01": a short label for a phase on the time axis (a retreat gets an "r"). */
function shortPhase(p: PhaseRef | null): string {
  if (p === null) return "Start";
  const s = p.season === "spring" ? "S" : p.season === "fall" ? "F" : "W";
  return `${s}${String(p.year).slice(-2)}${p.phase === "retreat" ? "r" : ""}`;
}

/** One plot: a metric's lines for every power. */
function Plot({
  width: W,
  title,
  metric,
  points,
  powers,
  map,
  me,
}: {
  width: number;
  title: string;
  metric: "reputation" | "prestige";
  points: readonly StandingPoint[];
  powers: readonly PowerId[];
  map: GameMap | null;
  me: PowerId | null;
}) {
  const [lo, hi] = seriesRange(points, metric);
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const n = Math.max(1, points.length - 1);
  const x = (i: number) => M.left + (points.length === 1 ? iw / 2 : (i / n) * iw);
  // A tick every 10 points, every 20 when the range is wider than 50 (the range is whole tens).
  const { ticks, toPixel: y } = linearAxis({
    domain: [lo, hi],
    range: [M.top + ih, M.top],
    ticks: Math.ceil((hi - lo) / (hi - lo > 50 ? 20 : 10)),
    nice: false,
  });
  const every = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(iw / 44))));
  const last = points[points.length - 1]!;
  const ends = endLabels(powers, (p) => last[metric][p] ?? 0, y);
  const markers = points.length <= 30;

  return (
    <g>
      <text x={M.left} y={11} className="ch-title">
        {title}
      </text>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={M.left} x2={M.left + iw} y1={y(v)} y2={y(v)} className="ch-grid" />
          <text x={M.left - 6} y={y(v) + 3.5} className="ch-tick" textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + ih} className="ch-axis" />
      <line x1={M.left} x2={M.left + iw} y1={M.top + ih} y2={M.top + ih} className="ch-axis" />
      {points.map((pt, i) =>
        i % every === 0 || i === points.length - 1 ? (
          <text key={i} x={x(i)} y={M.top + ih + 15} className="ch-tick" textAnchor="middle">
            {shortPhase(pt.phase)}
          </text>
        ) : null,
      )}
      {powers.map((p) => {
        const color = powerColor(map, p);
        const d = points.map(
          (pt, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(pt[metric][p] ?? 0).toFixed(1)}`,
        );
        return (
          <g key={p}>
            <path d={d.join(" ")} fill="none" className="ch-halo" strokeWidth={p === me ? 4.5 : 3.5} />
            <path
              d={d.join(" ")}
              fill="none"
              stroke={color}
              strokeWidth={p === me ? 3 : 2}
              strokeLinejoin="round"
              strokeLinecap="round"
            >
              <title>{`${powerName(map, p)}: ${metric} ${last[metric][p] ?? 0}`}</title>
            </path>
            {markers
              ? points.map((pt, i) => (
                  <circle key={i} cx={x(i)} cy={y(pt[metric][p] ?? 0)} r={2.4} fill={color}>
                    <title>{`${powerName(map, p)}, ${shortPhase(pt.phase)}: ${pt[metric][p] ?? 0}`}</title>
                  </circle>
                ))
              : null}
          </g>
        );
      })}
      <EndLabels
        ends={ends}
        x={M.left + iw + 6}
        swatchGap={20}
        map={map}
        titleOf={(e) => `${e.v}: ${e.ps.map((p) => powerName(map, p)).join(", ")}`}
      />
    </g>
  );
}

/** The standing chart (`standing-chart`): reputation above prestige, with a legend. */
export function StandingChart({
  points,
  powers,
  map,
  me,
}: {
  points: readonly StandingPoint[];
  powers: readonly PowerId[];
  map: GameMap | null;
  me: PowerId | null;
}) {
  // Drawn at the figure's own width, so the text keeps its real size in a narrow column.
  const [ref, width] = useFigureWidth<HTMLElement>();
  const common = { width, points, powers, map, me };
  return (
    <figure className="ch-figure" data-testid="standing-chart" ref={ref}>
      <svg
        viewBox={`0 0 ${width} ${H * 2}`}
        width={width}
        height={H * 2}
        role="img"
        aria-label="Reputation and prestige of each power over time"
      >
        <Plot title="Reputation" metric="reputation" {...common} />
        <g transform={`translate(0 ${H})`}>
          <Plot title="Prestige" metric="prestige" {...common} />
        </g>
      </svg>
      <figcaption className="ch-legend">
        {powers.map((p) => (
          <span key={p} className="ch-key">
            <span className="ch-swatch" style={{ background: powerColor(map, p) }} aria-hidden="true" />
            {powerName(map, p)}
          </span>
        ))}
        {points.length <= 1 ? <span className="pn-small">The lines grow with each edition.</span> : null}
      </figcaption>
    </figure>
  );
}
