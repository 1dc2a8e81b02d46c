/**
 * Every power's supply centres at the start of each year and at the end of a match: a small line
 * chart (hand-made SVG; ticks and scales from the shared axis helper, shared/src/charts) drawn like
 * the newspaper's standing chart, whose margins it shares so the two line up one above the other.
 */
import { linearAxis } from "../../../shared/src/charts";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { powerColor } from "../map/colors";
import { EndLabels, endLabels, useFigureWidth } from "../panels/chartParts";
import { mostCentres, type CentrePoint } from "./endScreen";

const CH = 170; // the centre chart's height, in CSS pixels
const CM = { top: 18, right: 60, bottom: 26, left: 34 }; // as the standing chart below, so the axes line up

/** Every power's centres at the start of each year and at the end, one line a power. */
export function CentreChart({
  points: series,
  powers,
  map,
  me,
}: {
  points: readonly CentrePoint[];
  powers: readonly PowerId[];
  map: GameMap;
  me: PowerId | null;
}) {
  const [ref, width] = useFigureWidth<HTMLElement>();
  const iw = width - CM.left - CM.right;
  const ih = CH - CM.top - CM.bottom;
  const { ticks, toPixel: y } = linearAxis({
    domain: [0, mostCentres(series)],
    range: [CM.top + ih, CM.top],
    ticks: 4,
  });
  const n = Math.max(1, series.length - 1);
  const x = (i: number) => CM.left + (series.length === 1 ? iw / 2 : (i / n) * iw);
  const every = Math.max(1, Math.ceil(series.length / Math.max(2, Math.floor(iw / 44))));
  const first = series[0];
  const last = series[series.length - 1];
  const ends = endLabels(powers, (p) => last?.centres[p] ?? 0, y);
  const summary = powers
    .map((p) => `${map.power.get(p)?.name ?? p} ${first?.centres[p] ?? 0} to ${last?.centres[p] ?? 0}`)
    .join(", ");
  return (
    <figure className="ch-figure end-centres" data-testid="end-centres-chart" ref={ref}>
      <svg
        viewBox={`0 0 ${width} ${CH}`}
        width={width}
        height={CH}
        role="img"
        aria-label={`Supply centres of each power by year, from the start to the end: ${summary}`}
      >
        <text x={CM.left} y={11} className="ch-title">
          Centres
        </text>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={CM.left} x2={CM.left + iw} y1={y(v)} y2={y(v)} className="ch-grid" />
            <text x={CM.left - 6} y={y(v) + 3.5} className="ch-tick" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        <line x1={CM.left} x2={CM.left} y1={CM.top} y2={CM.top + ih} className="ch-axis" />
        <line x1={CM.left} x2={CM.left + iw} y1={CM.top + ih} y2={CM.top + ih} className="ch-axis" />
        {series.map((pt, i) =>
          i % every === 0 || i === series.length - 1 ? (
            <text key={pt.label} x={x(i)} y={CM.top + ih + 15} className="ch-tick" textAnchor="middle">
              {pt.label}
            </text>
          ) : null,
        )}
        {powers.map((p) => {
          const color = powerColor(map, p);
          const d = series
            .map((pt, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(pt.centres[p] ?? 0).toFixed(1)}`)
            .join(" ");
          return (
            <g key={p}>
              <path d={d} fill="none" className="ch-halo" strokeWidth={p === me ? 4.5 : 3.5} />
              <path d={d} fill="none" stroke={color} strokeWidth={p === me ? 3 : 2} strokeLinejoin="round" />
              {series.map((pt, i) => (
                <circle key={pt.label} cx={x(i)} cy={y(pt.centres[p] ?? 0)} r={2.6} fill={color}>
                  <title>{`${map.power.get(p)?.name ?? p}, ${pt.label}: ${pt.centres[p] ?? 0} centres`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        <EndLabels ends={ends} x={CM.left + iw + 6} swatchGap={16} map={map} />
      </svg>
    </figure>
  );
}
