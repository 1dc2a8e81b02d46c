/**
 * "Download image" (the shown phase as a PNG) and "Download animated replay (GIF)" (every phase),
 * offered by the History tab and the record page. The drawing code (pictures.ts, with the GIF
 * encoder) loads on the first click; the GIF shows its progress while it encodes.
 */
import { useState } from "react";
import type { GameMap } from "../../../shared/src/map/types";
import type { MatchState } from "../../../shared/src/match/types";
import { saveBlob } from "../app/downloads";
import "./replay.css";

/** What PictureButtons draws from. */
export interface PictureButtonsProps {
  readonly map: GameMap;
  readonly G: MatchState;
  readonly index: number; // the phase shown: G.history[index]
  readonly matchID: string;
}

/** Work under way: the PNG, or the GIF with its frames done of all. */
type Busy =
  | { readonly kind: "png" }
  | { readonly kind: "gif"; readonly done: number; readonly total: number };

/** Why a picture failed, in words. */
function failure(what: string, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `The ${what} could not be made: ${why}`;
}

/** The two download buttons, their progress and what they did. */
export function PictureButtons({ map, G, index, matchID }: PictureButtonsProps) {
  const [busy, setBusy] = useState<Busy | null>(null);
  const [status, setStatus] = useState("");

  const downloadPng = async () => {
    setBusy({ kind: "png" });
    setStatus("Drawing the image…");
    try {
      const pictures = await import("./pictures");
      const drawing = await import("./drawing");
      const blob = await drawing.framePng(map, pictures.framePhase(map, G, index, matchID));
      const name = pictures.pictureFileName(matchID, G.history[index]!.phase);
      saveBlob(blob, name);
      setStatus(`Saved ${name}.`);
    } catch (error) {
      setStatus(failure("image", error));
    } finally {
      setBusy(null);
    }
  };

  const downloadGif = async () => {
    try {
      const pictures = await import("./pictures");
      const drawing = await import("./drawing");
      const frames = pictures.replayFrames(map, G, matchID);
      setBusy({ kind: "gif", done: 0, total: frames.length });
      setStatus(`Encoding the replay: 0 of ${frames.length} frames…`);
      const blob = await drawing.framesGif(map, frames, (done, total) => {
        setBusy({ kind: "gif", done, total });
        setStatus(`Encoding the replay: ${done} of ${total} frames…`);
      });
      const name = pictures.replayFileName(matchID);
      saveBlob(blob, name);
      setStatus(`Saved ${name} (${frames.length} frames).`);
    } catch (error) {
      setStatus(failure("animated replay", error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="rp-pictures">
      <button
        type="button"
        className="pn-button"
        data-testid="picture-png"
        disabled={busy !== null}
        onClick={() => void downloadPng()}
      >
        Download image
      </button>
      <button
        type="button"
        className="pn-button"
        data-testid="picture-gif"
        disabled={busy !== null}
        onClick={() => void downloadGif()}
      >
        Download animated replay (GIF)
      </button>
      {busy?.kind === "gif" ? (
        <progress
          className="rp-progress"
          data-testid="picture-progress"
          value={busy.done}
          max={busy.total}
          aria-label="Encoding the animated replay"
        />
      ) : null}
      <span className="pn-small rp-status" role="status" data-testid="picture-status">
        {status}
      </span>
    </div>
  );
}
