/**
 * Pictures drawn in the browser (issue 15, item 5), from the frames of pictures.ts: the board is
 * the same `MapView` the screen shows, rendered to static SVG markup with the board's stylesheet
 * inlined (`svgDocument`), so the image looks like the screen at the full view whatever the
 * player's pan and zoom; it is drawn on a canvas under the title line, then `canvas.toBlob` makes
 * the PNG and gifenc the GIF, yielding to the page between frames so it never freezes for long.
 */
import { applyPalette, GIFEncoder, quantize, type GifEncoder } from "gifenc";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { GameMap } from "../../../shared/src/map/types";
import { geometryOf } from "../map/layout";
import { MapView } from "../map/MapView";
import {
  GIF_MAX_WIDTH,
  gifFrameCount,
  PNG_WIDTH,
  pictureSize,
  svgDocument,
  TITLE_HEIGHT,
  type Frame,
} from "./pictures";

/** The board of a frame as a standalone SVG document `width` pixels wide. */
export function boardSvg(map: GameMap, frame: Frame, width: number): string {
  const markup = renderToStaticMarkup(
    createElement(MapView, {
      map,
      position: frame.position,
      orders: frame.orders,
      results: frame.results,
      label: frame.title,
    }),
  );
  return svgDocument(markup, map, width);
}

/** The SVG as an image, loaded. */
async function svgImage(svg: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  return img;
}

/** A frame drawn on a canvas `width` pixels wide: the title line, then the board. */
export async function frameCanvas(map: GameMap, frame: Frame, width: number): Promise<HTMLCanvasElement> {
  const size = pictureSize(map, width);
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext("2d");
  if (ctx === null) throw new Error("this browser cannot draw on a canvas");
  ctx.fillStyle = "#FFFFFF";
  ctx.fillRect(0, 0, size.width, size.height);
  const pad = 16;
  ctx.textBaseline = "middle";
  ctx.fillStyle = "#1F2328";
  ctx.font = `700 ${Math.round(TITLE_HEIGHT * 0.4)}px system-ui, -apple-system, "Segoe UI", sans-serif`;
  ctx.textAlign = "left";
  ctx.fillText(frame.title, pad, TITLE_HEIGHT / 2, size.width * 0.62);
  ctx.fillStyle = "#55524B";
  ctx.font = `500 ${Math.round(TITLE_HEIGHT * 0.3)}px system-ui, -apple-system, "Segoe UI", sans-serif`;
  ctx.textAlign = "right";
  ctx.fillText(frame.caption, size.width - pad, TITLE_HEIGHT / 2, size.width * 0.34);
  const img = await svgImage(boardSvg(map, frame, size.width));
  ctx.drawImage(img, 0, TITLE_HEIGHT, size.width, size.board);
  return canvas;
}

/** The PNG of one frame. */
export async function framePng(map: GameMap, frame: Frame): Promise<Blob> {
  const canvas = await frameCanvas(map, frame, PNG_WIDTH);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("the image could not be made"))),
      "image/png",
    ),
  );
}

/** An RGBA picture to encode. */
interface Pixels {
  readonly rgba: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly delayMs: number;
}

/** Adds one picture to a GIF (its own 256-colour table), looping forever. */
function writeGifFrame(gif: GifEncoder, pixels: Pixels): void {
  const palette = quantize(pixels.rgba, 256);
  const index = applyPalette(pixels.rgba, palette);
  gif.writeFrame(index, pixels.width, pixels.height, { palette, delay: pixels.delayMs, repeat: 0 });
}

/** Lets the page breathe (paint, input) between two frames. */
const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The animated GIF of frames, drawn and encoded one at a time with a pause for the page in between.
 * @param onProgress called after each frame with how many are done and how many there are
 */
export async function framesGif(
  map: GameMap,
  frames: readonly Frame[],
  onProgress: (done: number, total: number) => void,
): Promise<Blob> {
  const width = Math.min(GIF_MAX_WIDTH, geometryOf(map).width);
  const gif = GIFEncoder();
  for (const [i, frame] of frames.entries()) {
    const canvas = await frameCanvas(map, frame, width);
    const ctx = canvas.getContext("2d")!;
    const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    writeGifFrame(gif, { rgba, width: canvas.width, height: canvas.height, delayMs: frame.delayMs });
    onProgress(i + 1, frames.length);
    await yieldToPage();
  }
  gif.finish();
  const bytes = gif.bytes();
  if (gifFrameCount(bytes) !== frames.length) throw new Error("the GIF came out without all its frames");
  return new Blob([bytes], { type: "image/gif" });
}
