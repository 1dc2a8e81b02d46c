/** The part of gifenc (no types of its own) that pictures.ts uses. */
declare module "gifenc" {
  /** A colour table: RGB triples. */
  export type Palette = number[][];
  /** Reduces RGBA pixels to at most `maxColors` colours. */
  export function quantize(rgba: Uint8Array | Uint8ClampedArray, maxColors: number): Palette;
  /** Each pixel's index in the palette. */
  export function applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette): Uint8Array;
  /** A GIF stream. */
  export interface GifEncoder {
    writeFrame(
      index: Uint8Array,
      width: number,
      height: number,
      opts?: { palette?: Palette; delay?: number; repeat?: number },
    ): void;
    finish(): void;
    bytes(): Uint8Array<ArrayBuffer>;
  }
  export function GIFEncoder(opts?: { auto?: boolean; initialCapacity?: number }): GifEncoder;
}
