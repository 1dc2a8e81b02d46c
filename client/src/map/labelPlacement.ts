/**
 * Where the board's names go, without React: each label takes its full name where that overlaps no
 * label already placed, else its short name, else it is left out (until the player zooms in and
 * the labels, drawn at a fixed size on screen, take less of the map).
 */

const CHAR_WIDTH = 0.6; // a label's width per character, in font sizes (a generous estimate)

/** One name to place: its anchor, its full name and its short one, most important first. */
export interface LabelWish {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly full: string;
  readonly short: string;
}

/** A name as drawn: the text chosen and where. */
export interface PlacedLabel {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

/**
 * The labels to draw at font size `size` (map units): each wish in turn takes its full name if
 * that box overlaps no label already placed, else its short name, else is left out.
 */
export function placeLabels(wishes: readonly LabelWish[], size: number): PlacedLabel[] {
  const boxes: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const placed: PlacedLabel[] = [];
  const pad = size * 0.15;
  for (const w of wishes) {
    for (const text of w.full === w.short ? [w.short] : [w.full, w.short]) {
      const half = (text.length * CHAR_WIDTH * size) / 2 + pad;
      const box = { x0: w.x - half, x1: w.x + half, y0: w.y - size * 0.8 - pad, y1: w.y + size * 0.2 + pad };
      const clash = boxes.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1);
      if (clash) continue;
      boxes.push(box);
      placed.push({ id: w.id, x: w.x, y: w.y, text });
      break;
    }
  }
  return placed;
}
