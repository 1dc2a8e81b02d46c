/**
 * Pictures of a match (issue 15, item 5): one phase as a PNG — the board before it with its orders
 * and results drawn, under a title line (match, phase) — and a whole match as an animated GIF, a
 * frame per resolved phase and a last, longer frame of the final board.
 *
 * This is the pure part (no DOM, tested in node): the frames, their titles, sizes and file names,
 * the board's SVG document made from MapView's static markup with the board's own stylesheet
 * (`MAP_CSS`) inlined, and counting a GIF's frames. The drawing on a canvas, the PNG and the
 * GIF's encoding (gifenc) are in drawing.ts (a browser).
 */
import type { OrderResult } from "../../../shared/src/adjudicator/types";
import { phaseKey, type Position } from "../../../shared/src/game/position";
import type { GameMap } from "../../../shared/src/map/types";
import type { MatchState } from "../../../shared/src/match/types";
import { formatPhase } from "../../../shared/src/newspaper/headlines";
import type { Order } from "../../../shared/src/orders/types";
import type { PhaseRef } from "../../../shared/src/trust/types";
import { resultWords } from "../game/endScreen";
import { geometryOf } from "../map/layout";
import { MAP_CSS } from "../map/styles";
import { positionsBefore, resultsOf } from "../panels/history-logic";

/** How long a phase's frame stays in the GIF. */
export const FRAME_MS = 1200;
/** How long the last frame (the final board) stays. */
export const LAST_FRAME_MS = 4000;
/** The PNG's width in pixels. */
export const PNG_WIDTH = 1200;
/** The GIF's widest frame (smaller than the PNG: quicker to encode, lighter to share). */
export const GIF_MAX_WIDTH = 960;
/** The title band above the board, in pixels. */
export const TITLE_HEIGHT = 56;

/** One picture: a board with orders and results, and its title line. */
export interface Frame {
  readonly title: string; // the phase, e.g. "Spring 1901, Movement", or "Final board"
  readonly caption: string; // the match, e.g. "Entente · match 0Ba0gLIDLjTk"
  readonly position: Position; // the board drawn
  readonly orders: readonly Order[]; // the orders drawn on it
  readonly results: readonly OrderResult[]; // their results (failed ones grey with a cross)
  readonly delayMs: number; // how long it stays in an animation
}

/** A match id safe in a file name. */
function fileSafe(matchID: string): string {
  return matchID.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 64) || "match";
}

/** The PNG's file name: `entente-<matchId>-1901-spring-movement.png`. */
export function pictureFileName(matchID: string, phase: PhaseRef): string {
  return `entente-${fileSafe(matchID)}-${phaseKey(phase)}.png`;
}

/** The GIF's file name: `entente-<matchId>.gif`. */
export function replayFileName(matchID: string): string {
  return `entente-${fileSafe(matchID)}.gif`;
}

/** The caption naming the match. */
function captionOf(matchID: string): string {
  return `Entente · match ${matchID}`;
}

/** The frame of history phase `index`: the board before it, with its orders and results. */
function phaseFrame(G: MatchState, positions: readonly Position[], index: number, matchID: string): Frame {
  const record = G.history[index]!;
  return {
    title: formatPhase(record.phase),
    caption: captionOf(matchID),
    position: positions[index]!,
    orders: G.powers.flatMap((p) => record.orders[p] ?? []),
    results: resultsOf(record),
    delayMs: FRAME_MS,
  };
}

/** The picture of one resolved phase (`G.history[index]`). */
export function framePhase(map: GameMap, G: MatchState, index: number, matchID: string): Frame {
  return phaseFrame(G, positionsBefore(map, G.powers, G.history), index, matchID);
}

/** The last frame's title: the result of a finished match, else the board as it stands. */
function finalTitle(map: GameMap, G: MatchState): string {
  if (G.result === null) return `The board in ${formatPhase(G.position)}`;
  return `Final board · ${resultWords(G.result, G.settings.yearLimit ?? null, (p) => map.power.get(p)?.name ?? p).title}`;
}

/** Every frame of a match's animation: each resolved phase in order, then the board at the end. */
export function replayFrames(map: GameMap, G: MatchState, matchID: string): Frame[] {
  const positions = positionsBefore(map, G.powers, G.history);
  const phases = G.history.map((_, i) => phaseFrame(G, positions, i, matchID));
  const last: Frame = {
    title: finalTitle(map, G),
    caption: captionOf(matchID),
    position: G.position,
    orders: [],
    results: [],
    delayMs: LAST_FRAME_MS,
  };
  return [...phases, last];
}

/** A picture's size in pixels for a width: the title band, then the board at the map's proportions. */
export function pictureSize(map: GameMap, width: number): { width: number; height: number; board: number } {
  const g = geometryOf(map);
  const w = Math.round(width);
  const board = Math.round((w * g.height) / g.width);
  return { width: w, height: TITLE_HEIGHT + board, board };
}

/**
 * The board's static markup (MapView rendered to a string: its wrapper, its stylesheet and its
 * SVG) as a standalone SVG document at the full view, `width` pixels wide, with the board's
 * stylesheet inside it (an SVG drawn as an image sees no page CSS).
 */
export function svgDocument(markup: string, map: GameMap, width: number): string {
  const start = markup.indexOf("<svg");
  const end = markup.lastIndexOf("</svg>");
  if (start < 0 || end < 0) throw new Error("the board drew no SVG");
  const g = geometryOf(map);
  const { board } = pictureSize(map, width);
  const svg = markup.slice(start, end + "</svg>".length);
  const open = svg.indexOf(">") + 1;
  const tag = svg
    .slice(0, open)
    .replace(/\sviewBox="[^"]*"/, "")
    .replace(/\sstyle="[^"]*"/, "")
    .replace(
      /^<svg/,
      `<svg width="${Math.round(width)}" height="${board}" viewBox="0 0 ${g.width} ${g.height}"`,
    );
  // The screen's sizing (width: 100%) would leave the image without a size of its own.
  const fixed = `svg.mv-svg { width: ${Math.round(width)}px; height: ${board}px; border-radius: 0; }`;
  const style = `<style><![CDATA[${MAP_CSS}\n${fixed}]]></style>`;
  return `${tag}${style}${svg.slice(open)}`;
}

// ---------------------------------------------------------------------------------------------
// Reading a GIF back

/** The number of images in a GIF's bytes (its image descriptors), or null when it is no GIF. */
export function gifFrameCount(bytes: Uint8Array): number | null {
  const text = String.fromCharCode(...bytes.slice(0, 6));
  if (text !== "GIF89a" && text !== "GIF87a") return null;
  let at = 13;
  const globalTable = bytes[10]! & 0x80 ? 3 * 2 ** ((bytes[10]! & 0x07) + 1) : 0;
  at += globalTable;
  const skipSubBlocks = () => {
    while (at < bytes.length && bytes[at]! !== 0) at += bytes[at]! + 1;
    at += 1;
  };
  let frames = 0;
  while (at < bytes.length) {
    const block = bytes[at]!;
    if (block === 0x3b) return frames; // the trailer
    if (block === 0x21) {
      at += 2; // introducer and label
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames += 1;
      const packed = bytes[at + 9]!;
      at += 10 + (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
      at += 1; // the LZW minimum code size
      skipSubBlocks();
    } else return null;
  }
  return null; // no trailer: cut short
}
