/**
 * A paused match (the server pauses a match with players' seats after phases in which nobody
 * played; docs/api.md): says so — "Paused — nobody has played for N phases" — and, for a player
 * holding a seat in it, offers Resume (`POST /api/matches/:id/resume`). A refusal shows its reason
 * next to the button; a spectator is told that a seated player can resume it.
 */
import { useState } from "react";
import { ApiError, resumeMatch, type MatchInfo } from "./api";

/** The words of a pause. */
export function pausedText(idlePhases: number): string {
  return `Paused — nobody has played for ${idlePhases} phase${idlePhases === 1 ? "" : "s"}`;
}

/** The words of a class match its teacher paused. */
export const TEACHER_PAUSE_TEXT = "Paused by your teacher — moves wait until they resume the match";

/** The notice, with Resume for a seated player. `compact`: one line, for the game bar. */
export function PausedNotice({
  match,
  seat,
  onResumed,
  compact = false,
}: {
  match: Pick<MatchInfo, "matchID" | "idlePhases"> & { readonly teacherHeld?: boolean };
  seat: { readonly playerID: string; readonly credentials: string } | null;
  onResumed: (match: MatchInfo) => void;
  compact?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const resume = async () => {
    if (seat === null) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await resumeMatch(match.matchID, seat);
      onResumed(answer.match);
    } catch (e) {
      setError(
        e instanceof ApiError ? `Could not resume: ${e.message}` : "Could not resume; please try again.",
      );
    } finally {
      setBusy(false);
    }
  };

  if (match.teacherHeld === true)
    return (
      <span className={compact ? "paused compact" : "paused"} data-testid="paused" role="status">
        <span>{TEACHER_PAUSE_TEXT}</span>
      </span>
    );
  return (
    <span className={compact ? "paused compact" : "paused"} data-testid="paused" role="status">
      <span>{pausedText(match.idlePhases)}</span>
      {seat === null ? (
        <span className="muted small">A player in it can resume it.</span>
      ) : (
        <button
          type="button"
          className="button primary small-button"
          data-testid="resume"
          disabled={busy}
          onClick={() => void resume()}
        >
          {busy ? "Resuming…" : "Resume"}
        </button>
      )}
      {error !== null && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
