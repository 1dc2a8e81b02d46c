/**
 * Small inline-SVG charts for the tournament report: horizontal bars with whiskers, grouped
 * horizontal bars, and lines over the years. No script, no network: plain SVG text, every label
 * escaped. Ticks and value → pixel mappings come from the axis helper the client's charts use
 * too (shared/src/charts). Pure.
 */
import { linearAxis } from "../../shared/src/charts";

/** Text made safe for HTML and SVG, in elements and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Colours for bots and measures (colour-blind friendly, after Tableau 10). */
export const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
  "#1f77b4",
  "#17becf",
] as const;

/** The colour of the i-th series. */
export function colourOf(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** A tick's text: whole numbers plain, others with as few decimals as the step needs. */
function tickText(t: number): string {
  return Number.isInteger(t) ? String(t) : String(Number(t.toFixed(2)));
}

/** A number with at most two decimals, for tooltips and value labels. */
function short(x: number): string {
  return String(Number(x.toFixed(2)));
}

const WIDTH = 960;
const LEFT = 200; // room for the bots' labels
const RIGHT = 60;
const FONT = `font-family="system-ui, sans-serif" font-size="13"`;

/** A legend in one row: a swatch and a name per entry. */
function legend(entries: readonly { name: string; colour: string }[], x: number, y: number): string {
  let at = x;
  return entries
    .map((e) => {
      const item =
        `<rect x="${at}" y="${y - 10}" width="12" height="12" rx="2" fill="${e.colour}"/>` +
        `<text x="${at + 17}" y="${y}" fill="#333">${escapeHtml(e.name)}</text>`;
      at += 32 + e.name.length * 7.2;
      return item;
    })
    .join("");
}

/** The vertical grid and its value labels of a horizontal chart. */
function verticalGrid(
  ticks: readonly number[],
  scale: (v: number) => number,
  top: number,
  bottom: number,
  format: (t: number) => string = tickText,
): string {
  return ticks
    .map(
      (t) =>
        `<line x1="${scale(t)}" y1="${top}" x2="${scale(t)}" y2="${bottom}" stroke="#e3e3e3"/>` +
        `<text x="${scale(t)}" y="${bottom + 16}" text-anchor="middle" fill="#666">${escapeHtml(format(t))}</text>`,
    )
    .join("");
}

/** One bar of a horizontal bar chart. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Half-width of a whisker around the value, if any. */
  readonly error?: number | null;
  readonly colour: string;
}

/** Horizontal bars, one per bot, with optional whiskers and a dashed reference line. */
export function barChart(options: {
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly axis: string;
  readonly reference?: { readonly value: number; readonly label: string };
}): string {
  const row = 34;
  const top = 16;
  const plotBottom = top + options.bars.length * row;
  const height = plotBottom + 44;
  const high = Math.max(
    0,
    ...options.bars.map((b) => b.value + (b.error ?? 0)),
    options.reference ? options.reference.value : 0,
  );
  const { ticks, toPixel: scale } = linearAxis({ domain: [0, high], range: [LEFT, WIDTH - RIGHT] });
  const bars = options.bars
    .map((b, i) => {
      const y = top + i * row + 6;
      const h = row - 12;
      const whisker =
        b.error === undefined || b.error === null
          ? ""
          : (() => {
              const lo = scale(Math.max(0, b.value - b.error));
              const hi = scale(b.value + b.error);
              const mid = y + h / 2;
              return (
                `<line x1="${lo}" y1="${mid}" x2="${hi}" y2="${mid}" stroke="#222" stroke-width="1.5"/>` +
                `<line x1="${lo}" y1="${mid - 6}" x2="${lo}" y2="${mid + 6}" stroke="#222" stroke-width="1.5"/>` +
                `<line x1="${hi}" y1="${mid - 6}" x2="${hi}" y2="${mid + 6}" stroke="#222" stroke-width="1.5"/>`
              );
            })();
      const tip = `${b.label}: ${short(b.value)}${b.error ? ` ± ${short(b.error)}` : ""}`;
      const end = scale(b.value + (b.error ?? 0));
      return (
        `<g><title>${escapeHtml(tip)}</title>` +
        `<text x="${LEFT - 10}" y="${y + h / 2 + 4}" text-anchor="end" fill="#222">${escapeHtml(b.label)}</text>` +
        `<rect x="${LEFT}" y="${y}" width="${Math.max(0, scale(b.value) - LEFT)}" height="${h}" rx="3" fill="${b.colour}"/>` +
        whisker +
        `<text x="${end + 8}" y="${y + h / 2 + 4}" fill="#444">${b.value.toFixed(2)}</text></g>`
      );
    })
    .join("");
  const reference = options.reference
    ? `<line x1="${scale(options.reference.value)}" y1="${top - 6}" x2="${scale(options.reference.value)}" y2="${plotBottom}" stroke="#c0392b" stroke-dasharray="5 4" stroke-width="1.5"/>` +
      `<text x="${scale(options.reference.value) + 4}" y="${top - 4}" fill="#c0392b" font-size="11">${escapeHtml(options.reference.label)}</text>`
    : "";
  return svg(
    options.title,
    height,
    verticalGrid(ticks, scale, top, plotBottom) +
      bars +
      reference +
      `<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${height - 6}" text-anchor="middle" fill="#444">${escapeHtml(options.axis)}</text>`,
  );
}

/** Grouped horizontal bars: one group per bot, one bar per measure. */
export function groupedBarChart(options: {
  readonly title: string;
  readonly groups: readonly string[];
  readonly measures: readonly { readonly name: string; readonly colour: string }[];
  /** values[group][measure] */
  readonly values: readonly (readonly number[])[];
  readonly axis: string;
  readonly format?: (v: number) => string;
  /** The axis ticks' text (default: the number). */
  readonly axisFormat?: (v: number) => string;
}): string {
  const format = options.format ?? short;
  const bar = 13;
  const gap = 14;
  const group = options.measures.length * bar + gap;
  const top = 34;
  const plotBottom = top + options.groups.length * group;
  const height = plotBottom + 44;
  const high = Math.max(0, ...options.values.flat());
  const { ticks, toPixel: scale } = linearAxis({ domain: [0, high], range: [LEFT, WIDTH - RIGHT] });
  const body = options.groups
    .map((name, g) => {
      const y0 = top + g * group + gap / 2;
      const bars = options.measures
        .map((m, k) => {
          const v = options.values[g]?.[k] ?? 0;
          const y = y0 + k * bar;
          return (
            `<g><title>${escapeHtml(`${name} — ${m.name}: ${format(v)}`)}</title>` +
            `<rect x="${LEFT}" y="${y}" width="${Math.max(0, scale(v) - LEFT)}" height="${bar - 2}" fill="${m.colour}"/>` +
            `<text x="${scale(v) + 5}" y="${y + bar - 3}" fill="#555" font-size="10">${escapeHtml(format(v))}</text></g>`
          );
        })
        .join("");
      return (
        `<text x="${LEFT - 10}" y="${y0 + (options.measures.length * bar) / 2 + 4}" text-anchor="end" fill="#222">${escapeHtml(name)}</text>` +
        bars
      );
    })
    .join("");
  return svg(
    options.title,
    height,
    legend(
      options.measures.map((m) => ({ name: m.name, colour: m.colour })),
      LEFT,
      16,
    ) +
      verticalGrid(ticks, scale, top, plotBottom, options.axisFormat) +
      body +
      `<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${height - 6}" text-anchor="middle" fill="#444">${escapeHtml(options.axis)}</text>`,
  );
}

/** One line of a line chart. */
export interface Series {
  readonly name: string;
  readonly colour: string;
  readonly values: readonly number[];
}

/** Lines over evenly spaced points (years), with a legend. */
export function lineChart(options: {
  readonly title: string;
  readonly xLabels: readonly string[];
  readonly series: readonly Series[];
  readonly axis: string;
  readonly reference?: { readonly value: number; readonly label: string };
}): string {
  const left = 60;
  const right = 24;
  const top = 20;
  const plotHeight = 300;
  const legendRows = Math.ceil(options.series.length / 4);
  const plotBottom = top + plotHeight;
  const height = plotBottom + 40 + legendRows * 20;
  const values = options.series.flatMap((s) => s.values);
  const ref = options.reference?.value;
  const lowData = Math.min(...values, ref ?? Number.POSITIVE_INFINITY);
  const highData = Math.max(...values, ref ?? Number.NEGATIVE_INFINITY);
  const { ticks, toPixel: y } = linearAxis({ domain: [lowData, highData], range: [plotBottom, top] });
  const n = Math.max(2, options.xLabels.length);
  const x = (i: number): number => left + (i / (n - 1)) * (WIDTH - left - right);
  const every = Math.max(1, Math.ceil(options.xLabels.length / 12));
  const grid =
    ticks
      .map(
        (t) =>
          `<line x1="${left}" y1="${y(t)}" x2="${WIDTH - right}" y2="${y(t)}" stroke="#e3e3e3"/>` +
          `<text x="${left - 8}" y="${y(t) + 4}" text-anchor="end" fill="#666">${tickText(t)}</text>`,
      )
      .join("") +
    options.xLabels
      .map((label, i) =>
        i % every === 0 || i === options.xLabels.length - 1
          ? `<text x="${x(i)}" y="${plotBottom + 18}" text-anchor="middle" fill="#666">${escapeHtml(label)}</text>`
          : "",
      )
      .join("");
  const reference =
    ref === undefined
      ? ""
      : `<line x1="${left}" y1="${y(ref)}" x2="${WIDTH - right}" y2="${y(ref)}" stroke="#c0392b" stroke-dasharray="5 4"/>` +
        `<text x="${WIDTH - right}" y="${y(ref) - 5}" text-anchor="end" fill="#c0392b" font-size="11">${escapeHtml(options.reference?.label ?? "")}</text>`;
  const lines = options.series
    .map((s) => {
      const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
      const dots = s.values
        .map(
          (v, i) =>
            `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${s.colour}"><title>${escapeHtml(
              `${s.name}, ${options.xLabels[i] ?? ""}: ${short(v)}`,
            )}</title></circle>`,
        )
        .join("");
      return `<g><polyline points="${points}" fill="none" stroke="${s.colour}" stroke-width="2.2" stroke-linejoin="round"/>${dots}</g>`;
    })
    .join("");
  const legendItems = options.series
    .map((s, i) => {
      const lx = left + (i % 4) * 220;
      const ly = plotBottom + 44 + Math.floor(i / 4) * 20;
      return (
        `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 18}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="3"/>` +
        `<text x="${lx + 24}" y="${ly}" fill="#333">${escapeHtml(s.name)}</text>`
      );
    })
    .join("");
  return svg(
    options.title,
    height,
    grid +
      reference +
      lines +
      legendItems +
      `<text transform="translate(14 ${top + plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="#444">${escapeHtml(options.axis)}</text>`,
  );
}

/** An SVG element of the charts' width, scaling to its container. */
function svg(title: string, height: number, body: string): string {
  return (
    `<svg viewBox="0 0 ${WIDTH} ${Math.ceil(height)}" width="100%" role="img" aria-label="${escapeHtml(title)}" ` +
    `${FONT}>${body}</svg>`
  );
}
