/**
 * `/mine`: the matches of the seats this browser holds, with a "your move" badge where one is due,
 * and a paused match's notice with Resume; a seat this browser was signed out of (revoked from
 * another device, or given up) says so, with Forget.
 */
import { useEffect, useState } from "react";
import { getMap } from "../../../shared/src/map/registry";
import { ApiError, myMatches, type MatchInfo, type MyMatch } from "./api";
import { PausedNotice } from "./Paused";
import { Link } from "./router";
import { forgetSeat, loadSeats } from "./seats";

/** A seat whose credentials no longer hold it. */
const SIGNED_OUT =
  "Signed out of this seat: it was revoked from another device, or given up. Forget it here, or open it from a device that still holds it.";

/** My games. */
export function MinePage() {
  const [rows, setRows] = useState<MyMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const seats = loadSeats().slice(-100);
    if (seats.length === 0) {
      setRows([]);
      return;
    }
    let live = true;
    myMatches(seats.map(({ matchID, playerID, credentials }) => ({ matchID, playerID, credentials })))
      .then((a) => live && setRows(a.matches))
      .catch(
        (e: unknown) => live && setError(e instanceof ApiError ? e.message : "Could not load your games."),
      );
    return () => {
      live = false;
    };
  }, [version]);

  /** A match's new view (after Resume) replaces the old one in every row of it. */
  const replaceMatch = (match: MatchInfo) =>
    setRows((old) =>
      old === null
        ? old
        : old.map((r) => ("match" in r && r.matchID === match.matchID ? { ...r, match } : r)),
    );

  return (
    <div className="page narrow">
      <h1 className="page-title">My games</h1>
      {error !== null && <p className="banner banner-error">{error}</p>}
      {rows === null && error === null && <p className="muted">Loading…</p>}
      {rows !== null && rows.length === 0 && (
        <div className="card">
          <p>This browser holds no seats yet.</p>
          <p>
            <Link to="/" className="button primary">
              Start a match
            </Link>
          </p>
        </div>
      )}
      {rows !== null && rows.length > 0 && (
        <ul className="my-games">
          {[...rows].reverse().map((row, i) => {
            if ("error" in row) {
              const seat = loadSeats().find((s) => s.matchID === row.matchID);
              return (
                <li key={`${row.matchID}-err-${i}`} className="my-game stale">
                  <div>
                    <strong>{row.matchID}</strong>
                    <p className="muted small" data-testid="my-game-error">
                      {row.error.code === "bad-credentials" ? SIGNED_OUT : row.error.message}
                    </p>
                  </div>
                  {seat !== undefined && (
                    <button
                      type="button"
                      className="button ghost"
                      onClick={() => {
                        forgetSeat(seat.matchID, seat.playerID);
                        setVersion((v) => v + 1);
                      }}
                    >
                      Forget
                    </button>
                  )}
                </li>
              );
            }
            const m = row.match;
            const map = getMap(m.map);
            const over = m.gameover !== null;
            return (
              <li key={`${row.matchID}-${row.playerID}`} className="my-game">
                <Link to={`/m/${row.matchID}`} className="my-game-link">
                  <span>
                    <strong>{map?.power.get(row.power)?.name ?? row.power}</strong>{" "}
                    <span className="muted">on {map?.name ?? m.map}</span>
                  </span>
                  <span className="muted small">
                    {over
                      ? "Game over"
                      : `${m.phase.season[0]!.toUpperCase()}${m.phase.season.slice(1)} ${m.phase.year} — ${m.phase.phase}`}
                    {" · "}
                    {m.seats.filter((s) => s.kind !== "open").length}/{m.players} seated
                  </span>
                </Link>
                {m.paused && !over && (
                  <PausedNotice
                    match={m}
                    seat={
                      loadSeats().find((s) => s.matchID === row.matchID && s.playerID === row.playerID) ??
                      null
                    }
                    onResumed={replaceMatch}
                  />
                )}
                {row.toAct && <span className="badge-move">Your move</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
