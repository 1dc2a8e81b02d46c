/**
 * The board's colours. Power colours are the Okabe–Ito palette (safe for the common forms of colour
 * blindness) minus its black, assigned to a map's powers in the map's power order; units also carry
 * their type's letter, the power's initial (initials.ts) and a dark outline, and owned centres
 * the initial, so colour is never the only cue. Land tints are the power colours
 * mixed with paper white so labels stay readable.
 */
import type { GameMap, PowerId } from "../../../shared/src/map/types";

/** Seven colour-blind-safe power colours (Okabe–Ito), in the order a map's powers take them. */
export const POWER_COLORS: readonly string[] = [
  "#D55E00", // vermillion
  "#0072B2", // blue
  "#56B4E9", // sky blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#F0E442", // yellow
];

/** Colours of everything that belongs to no power. */
export const NEUTRAL = {
  sea: "#C9DCE6",
  seaLine: "#8FB3C7",
  coast: "#EFE6CF", // unowned coastal land
  inland: "#DCCDAA", // unowned inland
  impassable: "#B9B5AC",
  border: "#7A6F5A",
  coastline: "#4F6F80",
  ink: "#1F2328",
  centre: "#FFFFFF", // an unowned supply centre's dot
  failed: "#8C8C8C",
  danger: "#C0001A", // dislodged, removals
  highlight: "#1F2328",
} as const;

/** The colour of a power on a map (by its index among the map's powers); grey for an unknown power. */
export function powerColor(map: GameMap, power: PowerId): string {
  const index = map.powers.findIndex((p) => p.id === power);
  return index < 0 ? NEUTRAL.failed : POWER_COLORS[index % POWER_COLORS.length]!;
}

/** `color` mixed with white: `amount` 0 is white, 1 is the colour itself. */
export function tint(color: string, amount: number): string {
  const n = Number.parseInt(color.slice(1), 16);
  const mix = (c: number) => Math.round(255 + (c - 255) * amount);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1).toUpperCase()}`;
}

/** The relative luminance of a `#RRGGBB` colour (WCAG 2). */
export function luminance(color: string): number {
  const n = Number.parseInt(color.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two `#RRGGBB` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Black or white, whichever contrasts more with `color` (for the letters on units and centres):
 * always at least 4.5:1, since the two ratios cross above it.
 */
export function inkOn(color: string): string {
  return contrastRatio(color, "#000000") >= contrastRatio(color, "#FFFFFF") ? "#000000" : "#FFFFFF";
}
