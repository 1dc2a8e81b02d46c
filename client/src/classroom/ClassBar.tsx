/**
 * The class bar of the game screen, for a match this browser holds a class seat in (or watches as
 * a placed student): it follows the student's view (long-poll) and shows the teacher's latest
 * broadcast (dismissable; a newer one shows again), "Paused by your teacher" while the teacher
 * pauses the match, a note for a student placed to watch, the team's fold (TeamPanel) when several
 * students share the power, and the rejoin link for another device. When the teacher moves the
 * student (another match or power, to watch, or back to waiting), the new seat is kept and the
 * student goes there. It sits in the game screen's band of tools under the powers (under the
 * tabs on a phone, where the teacher's words are pinned to the top of the screen).
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { navigate } from "../app/router";
import { forgetSeat, saveSeat, seatFor } from "../app/seats";
import { dismissBroadcast, dismissedBroadcast, placeClassSeat, type ClassSeat } from "./classSeats";
import { RejoinLink } from "./RejoinLink";
import {
  newBroadcast,
  placeMoved,
  placePath,
  studentPlace,
  type ScreenAt,
  type StudentPlace,
} from "./student";
import { TeamPanel } from "./TeamPanel";
import { useStudentView } from "./useStudentView";
import "./student.css";

/** The class bar's props: the class seat, and the match and seat the game screen shows. */
export interface ClassBarProps {
  readonly classSeat: ClassSeat;
  readonly matchID: string;
  readonly seat: { readonly playerID: string; readonly credentials: string } | null;
}

/** The class bar (nothing until the student's view arrives). */
export function ClassBar({ classSeat, matchID, seat }: ClassBarProps): ReactNode {
  const feed = useStudentView(classSeat);
  const { view } = feed;
  const [dismissed, setDismissed] = useState<number | null>(() => dismissedBroadcast(classSeat.classId));
  const followed = useRef<string | null>(null);
  const [lost, setLost] = useState<string | null>(null);
  const playerID = seat?.playerID ?? null;
  const credentials = seat?.credentials ?? null;

  // The teacher moved the student: keep the new seat and go there (once per new place).
  useEffect(() => {
    if (view === null) return;
    const screen: ScreenAt = { matchID, playerID, credentials };
    const place = studentPlace(view);
    if (!placeMoved(screen, place)) return;
    const target = `${placePath(place, view.classId, view.studentId)}:${place.kind === "play" ? place.seat.playerID : ""}`;
    if (followed.current === target) return;
    followed.current = target;
    const problem = follow(screen, place, view.name, view.classId, view.studentId);
    setLost(problem);
  }, [view, matchID, playerID, credentials]);

  if (view === null)
    return feed.refused === null ? null : (
      <div className="class-alerts" data-testid="class-bar">
        <p className="banner banner-error class-alert" role="alert">
          The class could not be reached with this seat's key: {feed.refused.message}
        </p>
      </div>
    );

  const message = newBroadcast(view.broadcasts, dismissed);
  const watching = view.matchId !== null && view.power === null;
  const ended = view.status === "ended";
  const alerts = view.paused || watching || ended || feed.reconnecting || lost !== null;
  return (
    <>
      {message !== null && (
        <div className="class-alerts class-broadcast-pin">
          <div className="banner class-alert class-broadcast" role="status" data-testid="class-bar-broadcast">
            <span>
              <strong>From your teacher:</strong>{" "}
              <span data-testid="class-bar-broadcast-text">{message.text}</span>
            </span>
            <button
              type="button"
              className="link-button"
              data-testid="class-bar-broadcast-dismiss"
              aria-label="Dismiss the teacher's message"
              onClick={() => {
                dismissBroadcast(view.classId, message.id);
                setDismissed(message.id);
              }}
            >
              ✕
            </button>
          </div>
        </div>
      )}
      {alerts && (
        <div className="class-alerts" data-testid="class-bar">
          {view.paused && (
            <p
              className="banner banner-warn class-alert class-note"
              role="status"
              data-testid="class-bar-paused"
            >
              <strong>Paused by your teacher.</strong> Moves wait until your teacher resumes the match.
            </p>
          )}
          {ended && (
            <p className="banner banner-info class-alert class-note" data-testid="class-bar-ended">
              Your teacher ended the class: this match stays as it is.
            </p>
          )}
          {watching && !ended && (
            <p className="banner banner-info class-alert class-note" data-testid="class-bar-watching">
              You watch this match: your teacher has not given you a power. You will play as soon as they do.
            </p>
          )}
          {lost !== null && (
            <p
              className="banner banner-error class-alert class-note"
              role="alert"
              data-testid="class-bar-moved-error"
            >
              {lost}
            </p>
          )}
          {feed.reconnecting && (
            <p className="muted small class-alert" role="status" data-testid="class-bar-reconnecting">
              Class: reconnecting…
            </p>
          )}
        </div>
      )}
      {view.team.length > 1 && <TeamPanel view={view} who={classSeat} />}
      <RejoinLink url={view.rejoinUrl} className="bar-fold" />
    </>
  );
}

/**
 * Goes where the student now belongs: keeps the new seat with this browser's seats (and forgets
 * the one the teacher moved them from), notes the match with the class seat, and opens the page.
 * Answers what went wrong, or null.
 */
function follow(
  screen: ScreenAt,
  place: StudentPlace,
  name: string,
  classId: string,
  studentId: string,
): string | null {
  if (place.kind === "ended") return null;
  if (screen.playerID !== null) forgetSeat(screen.matchID, screen.playerID);
  if (place.kind === "play") {
    saveSeat({ ...place.seat, name });
    if (seatFor(place.seat.matchID)?.playerID !== place.seat.playerID)
      return "Your teacher moved you, but this browser could not keep your new seat. Open your rejoin link.";
    placeClassSeat(classId, studentId, place.seat.matchID);
  } else placeClassSeat(classId, studentId, place.kind === "watch" ? place.matchId : null);
  const path = placePath(place, classId, studentId);
  if (path === window.location.pathname) window.location.reload();
  else navigate(path);
  return null;
}
