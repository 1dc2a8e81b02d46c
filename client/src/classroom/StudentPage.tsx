/**
 * `/class/:classId/s/:studentId`: a student's own page in a class. The student key comes from the
 * address's fragment (`#<studentKey>`, the private rejoin link: kept in this browser and wiped from
 * the address bar at once) or from the class seats this browser holds; without one the page says
 * how to get back in. The page follows the student's view (long-poll): while the teacher has not
 * started, a waiting room ("You are in <class> as <name>"), with how many have joined and the
 * rejoin link for another device; once the student is placed, the seat is kept with this browser's
 * other seats (`seats.ts`) and the student goes to the match (`/m/:matchID`), or, placed to watch,
 * to the match as a spectator (`/watch/:matchID`).
 */
import { useEffect, useState, type ReactNode } from "react";
import { Link, navigate } from "../app/router";
import { saveSeat } from "../app/seats";
import { classSeatOf, placeClassSeat, saveClassSeat } from "./classSeats";
import { RejoinLink } from "./RejoinLink";
import { joinedText, keyFromFragment, newBroadcast, placePath, pressNotice, studentPlace } from "./student";
import { useStudentView } from "./useStudentView";
import type { StudentView } from "./classApi";
import "./student.css";

/** The student's page. */
export function StudentPage({ classId, studentId }: { classId: string; studentId: string }): ReactNode {
  const [studentKey] = useState<string | null>(
    () => keyFromFragment(window.location.hash) ?? classSeatOf(classId, studentId)?.studentKey ?? null,
  );
  // The key in the address is the seat: keep it, then take it off the address bar and the history.
  useEffect(() => {
    const fromLink = keyFromFragment(window.location.hash);
    if (fromLink === null) return;
    const held = classSeatOf(classId, studentId);
    saveClassSeat({
      classId,
      studentId,
      studentKey: fromLink,
      name: held?.name ?? "",
      className: held?.className ?? "",
    });
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }, [classId, studentId]);

  const feed = useStudentView(studentKey === null ? null : { classId, studentId, studentKey });
  const { view } = feed;
  const place = view === null ? null : studentPlace(view);

  // Keep what the view says about the seat; once placed, go to the match.
  useEffect(() => {
    if (view === null || studentKey === null) return;
    saveClassSeat({ classId, studentId, studentKey, name: view.name, className: view.className });
    const where = studentPlace(view);
    if (where.kind === "play") {
      saveSeat({ ...where.seat, name: view.name });
      placeClassSeat(classId, studentId, where.seat.matchID);
    } else if (where.kind === "watch") {
      placeClassSeat(classId, studentId, where.matchId);
    } else return;
    navigate(placePath(where, classId, studentId), { replace: true });
  }, [view, classId, studentId, studentKey]);

  if (studentKey === null)
    return (
      <Notice title="This browser does not hold this seat" testId="student-no-key">
        <p>
          Open your private rejoin link on this device (your first device shows it under “Use another
          device”), or join the class again with the code your teacher shows.
        </p>
        <p className="actions">
          <Link to="/join" className="button primary">
            Join a class
          </Link>
        </p>
      </Notice>
    );
  if (feed.refused !== null)
    return (
      <Notice
        title={
          feed.refused.code === "wrong-key" || feed.refused.code === "no-key"
            ? "This link does not hold a seat"
            : "No such student in this class"
        }
        testId="student-refused"
      >
        <p>
          {feed.refused.code === "wrong-key" || feed.refused.code === "no-key"
            ? "The key of this seat is not right: the link may be cut short or mistyped. Open the whole link again, or join the class with its code."
            : "The class or the seat no longer exists. Join the class again with the code your teacher shows."}
        </p>
        <p className="actions">
          <Link to="/join" className="button primary">
            Join a class
          </Link>
        </p>
      </Notice>
    );
  if (view === null || place === null)
    return (
      <div className="page narrow muted" role="status">
        {feed.reconnecting ? "Cannot reach the server; trying again…" : "Opening your class…"}
      </div>
    );
  if (place.kind === "ended")
    return (
      <Notice title={`${view.className} has ended`} testId="student-ended">
        <p>Your teacher ended the class. Thank you for playing, {view.name}.</p>
      </Notice>
    );
  if (place.kind !== "waiting")
    return (
      <div className="page narrow muted" role="status">
        Taking you to your match…
      </div>
    );
  return <WaitingRoom view={view} reconnecting={feed.reconnecting} />;
}

/** "You are in <class> as <name>. Waiting for your teacher to start." */
function WaitingRoom({ view, reconnecting }: { view: StudentView; reconnecting: boolean }): ReactNode {
  const joined = view.students;
  const [dismissed, setDismissed] = useState<number | null>(null);
  const message = newBroadcast(view.broadcasts, dismissed);
  return (
    <div className="page narrow class-waiting">
      <div className="card" data-testid="student-waiting">
        <p className="kicker">Class · waiting room</p>
        <h1 data-testid="student-waiting-title">
          You are in {view.className} as {view.name}.
        </h1>
        <p className="class-waiting-line" role="status">
          <span className="class-waiting-dot" aria-hidden />
          Waiting for your teacher to start.
        </p>
        <p className="muted" data-testid="student-waiting-count" aria-live="polite">
          {joinedText(joined)} so far.
        </p>
        {message !== null && (
          <div
            className="banner banner-info class-broadcast-inline"
            data-testid="student-broadcast"
            role="status"
          >
            <span>
              <strong>From your teacher:</strong> {message.text}
            </span>
            <button
              type="button"
              className="link-button"
              aria-label="Dismiss the message"
              onClick={() => setDismissed(message.id)}
            >
              ✕
            </button>
          </div>
        )}
        <p className="muted small">
          Keep this page open: your match opens here by itself when the teacher starts.{" "}
          {pressNotice(view.teacherReadsPress)}
        </p>
        {reconnecting && (
          <p className="banner banner-warn" role="status" data-testid="student-reconnecting">
            Reconnecting…
          </p>
        )}
        <RejoinLink url={view.rejoinUrl} />
      </div>
    </div>
  );
}

/** A card that says why the page cannot go on. */
function Notice({
  title,
  testId,
  children,
}: {
  title: string;
  testId: string;
  children: ReactNode;
}): ReactNode {
  return (
    <div className="page narrow">
      <div className="card" data-testid={testId}>
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}
