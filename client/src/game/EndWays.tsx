/**
 * The ways on from the end of a match: play again — the lobby's play again for a seat this browser
 * holds, the next match (or a new one) for a spectator, a new offline match with the same setup
 * after a confirmation — the history, and the newspaper's archive.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError, getMatch, playAgain } from "../app/api";
import { Link, navigate } from "../app/router";
import { loadSeats, saveSeat } from "../app/seats";
import { playAgainFor, type PlayAgain } from "./endScreen";
import type { MatchHandle } from "./useMatch";

/** The tabs the ways on lead to. */
export type EndTab = "history" | "newspaper";

/** Play again, the history, the archive. */
export function WaysOn({
  match,
  onTab,
  onPlayAgain,
}: {
  match: MatchHandle;
  onTab: (tab: EndTab) => void;
  onPlayAgain: (() => string | null) | undefined;
}) {
  const again = usePlayAgain(match, onPlayAgain !== undefined);
  return (
    <nav className="end-section end-ways" aria-labelledby="end-ways-title">
      <h3 id="end-ways-title">Ways on</h3>
      <div className="end-ways-buttons">
        <PlayAgainControl again={again} matchID={match.matchID} onPlayAgain={onPlayAgain} />
        <button type="button" className="button" data-testid="end-history" onClick={() => onTab("history")}>
          Replay the history
        </button>
        <button type="button" className="button" data-testid="end-archive" onClick={() => onTab("newspaper")}>
          Read the archive
        </button>
      </div>
    </nav>
  );
}

/** What play again does for this screen: the seat this browser holds, or what a spectator can do. */
function usePlayAgain(match: MatchHandle, offline: boolean): PlayAgain {
  const seat = useMemo(() => {
    if (offline || match.playerID === null) return null;
    const held = loadSeats().filter((s) => s.matchID === match.matchID && s.playerID === match.playerID);
    return held[held.length - 1] ?? null;
  }, [offline, match.matchID, match.playerID]);
  const [nextMatchID, setNext] = useState<string | null>(null);
  const ask = !offline && seat === null;
  useEffect(() => {
    if (!ask) return;
    let live = true;
    getMatch(match.matchID)
      .then((info) => live && setNext(info.nextMatchID))
      .catch(() => undefined); // no next match known: a new one is offered
    return () => {
      live = false;
    };
  }, [ask, match.matchID]);
  return playAgainFor({ offline, seat, nextMatchID });
}

/** The play-again button of each kind, with its confirmation offline and its refusal online. */
function PlayAgainControl({
  again,
  matchID,
  onPlayAgain,
}: {
  again: PlayAgain;
  matchID: string;
  onPlayAgain: (() => string | null) | undefined;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirm.current?.focus();
  }, [confirming]);

  switch (again.kind) {
    case "next":
      return (
        <Link to={`/m/${again.matchID}`} className="button primary" data-testid="end-play-again">
          Join the next match
        </Link>
      );
    case "new":
      return (
        <Link to="/" className="button primary" data-testid="end-play-again">
          Start a new match
        </Link>
      );
    case "seat": {
      const go = async () => {
        setBusy(true);
        setError(null);
        try {
          const grant = await playAgain(matchID, again);
          const name =
            loadSeats().find((s) => s.matchID === matchID && s.playerID === again.playerID)?.name ?? "";
          saveSeat({ ...grant, name });
          navigate(`/m/${grant.matchID}`);
        } catch (e) {
          setError(e instanceof ApiError ? e.message : "Could not start the next match; please try again.");
          setBusy(false);
        }
      };
      return (
        <>
          <button
            type="button"
            className="button primary"
            data-testid="end-play-again"
            disabled={busy}
            onClick={() => void go()}
          >
            {busy ? "Starting…" : "Play again"}
          </button>
          {error !== null && (
            <p className="end-error" role="alert">
              {error}
            </p>
          )}
        </>
      );
    }
    case "offline":
      if (!confirming)
        return (
          <button
            type="button"
            className="button primary"
            data-testid="end-play-again"
            onClick={() => setConfirming(true)}
          >
            Play again
          </button>
        );
      return (
        <div className="end-confirm" role="group" aria-labelledby="end-confirm-text">
          <p id="end-confirm-text">
            A new match with the same map, power, bots and year limit. This browser keeps one offline match,
            so this finished one will no longer be kept.
          </p>
          <div className="end-ways-buttons">
            <button
              type="button"
              className="button primary"
              ref={confirm}
              data-testid="end-play-again-confirm"
              onClick={() => setError(onPlayAgain?.() ?? null)}
            >
              Start the new match
            </button>
            <button type="button" className="button ghost" onClick={() => setConfirming(false)}>
              Keep this one
            </button>
          </div>
          {error !== null && (
            <p className="end-error" role="alert">
              {error}
            </p>
          )}
        </div>
      );
  }
}
