/**
 * `/class/:classId/teacher`: the teacher's dashboard. The teacher key comes from the address's
 * fragment (the secret teacher link; taken out of the address bar, stored once accepted), else
 * from this browser's keys (teacherKeys.ts); without one the page says so. The session is long-polled
 * (useLongPoll.ts), so arrivals and every match's changes show live.
 *
 * Before the start: the join code, link and QR code, the students arriving (a live count), the
 * roster names not yet taken, and Start (optionally paused, to move students first). After: the
 * running class (RunningClass.tsx).
 */
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { getMap } from "../../../shared/src/map/registry";
import { ExportButtons } from "../app/exportButtons";
import { Link } from "../app/router";
import { ActionButton, useActions, type Actions } from "./actions";
import { getClassTimed, startClass, type ClassView } from "./classApi";
import { ConnectedDot } from "./controls";
import { arrivalsText, connectedCount, rosterWaiting, statusText } from "./dashboard";
import { JoinCard } from "./JoinCard";
import { RunningClass } from "./RunningClass";
import { chooseTeacherKey, keyFromFragment, saveClass, teacherKeyFor } from "./teacherKeys";
import { useLongPoll } from "./useLongPoll";
import "./classroom.css";

/**
 * The teacher key for a class: the one the address carries (taken out of the address bar at once;
 * stored once the server accepts it), else the one this browser holds. A key pasted into the
 * address of an open dashboard (only the fragment changes) is taken too.
 */
function useTeacherKey(classId: string): string | null {
  const [chosen, setChosen] = useState(() => chooseTeacherKey(window.location.hash, teacherKeyFor(classId)));
  useEffect(() => {
    const onHash = () => {
      const carried = keyFromFragment(window.location.hash);
      if (carried !== null) setChosen({ key: carried, fromAddress: true });
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    if (chosen?.fromAddress !== true) return;
    window.history.replaceState(
      window.history.state,
      "",
      `${window.location.pathname}${window.location.search}`,
    );
  }, [chosen]);
  return chosen?.key ?? null;
}

/** The dashboard page. */
export function Dashboard(props: { readonly classId: string }): ReactNode {
  const key = useTeacherKey(props.classId);
  if (key === null) return <NoKey classId={props.classId} />;
  return <DashboardFor key={key} classId={props.classId} teacherKey={key} />;
}

/** "This browser does not hold the teacher key". */
function NoKey(props: { readonly classId: string }): ReactNode {
  return (
    <div className="page narrow">
      <div className="card" data-testid="class-no-key">
        <h1>This browser does not hold the teacher key</h1>
        <p>
          The dashboard of a class opens with its <strong>secret teacher link</strong> — the one shown when
          the class was made (it ends in <code>#</code> and a long key). Open that link on this device, or use
          the browser where you made the class.
        </p>
        <p>
          Students: you do not need this page. <Link to="/join">Join a class with its code</Link>.
        </p>
        <p>
          <Link to="/teach">Make a new class session</Link>
        </p>
        <p className="muted small">Class: {props.classId}</p>
      </div>
    </div>
  );
}

/** The dashboard of a class whose key this page holds. */
function DashboardFor(props: { readonly classId: string; readonly teacherKey: string }): ReactNode {
  const { classId, teacherKey } = props;
  const fetchView = useCallback(
    (after: number | undefined, wait: number | undefined, signal: AbortSignal) =>
      getClassTimed(classId, teacherKey, after, wait, signal),
    [classId, teacherKey],
  );
  const poll = useLongPoll<ClassView>(`${classId}:${teacherKey}`, true, fetchView);
  const actions = useActions(poll.accept);
  const view = poll.view;
  const map = useMemo(() => (view === null ? null : getMap(view.settings.map)), [view]);

  // Keep the key once the server has accepted it, with the class's name (for the list on /teach).
  const name = view?.name ?? null;
  useEffect(() => {
    if (name !== null) saveClass({ classId, name, teacherKey, createdAt: Date.now() });
  }, [classId, name, teacherKey]);

  useEffect(() => {
    document.title = name === null ? "Class dashboard · Entente" : `${name} · Class dashboard · Entente`;
  }, [name]);

  if (poll.fatal !== null) {
    const wrongKey = poll.fatal.code === "wrong-key" || poll.fatal.code === "no-key";
    return (
      <div className="page narrow">
        <div className="card" data-testid="class-refused">
          <h1>{wrongKey ? "This is not the teacher key of this class" : "No such class"}</h1>
          <p>{poll.fatal.message}</p>
          <p>
            {wrongKey
              ? "Open the secret teacher link you were given when the class was made."
              : "The link may be mistyped, or the class was removed."}
          </p>
          <p>
            <Link to="/teach">Make a new class session</Link>
          </p>
        </div>
      </div>
    );
  }
  if (view === null)
    return (
      <div className="page narrow muted" role="status">
        {poll.reconnecting ? "The server cannot be reached; trying again…" : "Opening the dashboard…"}
      </div>
    );

  return (
    <div className="page cls-dashboard" data-testid="class-dashboard">
      <header className="cls-head">
        <div className="cls-head-title">
          <h1 data-testid="class-name">{view.name}</h1>
          <p className="cls-status" data-testid="class-status">
            {statusText(view)}
            {poll.reconnecting && (
              <span className="cls-reconnecting" role="status" data-testid="class-reconnecting">
                Reconnecting…
              </span>
            )}
          </p>
        </div>
        <a
          className="button"
          href={`/class/${encodeURIComponent(classId)}/projector`}
          target="_blank"
          rel="noopener"
          data-testid="class-projector-link"
        >
          Open the projector view ↗
        </a>
      </header>

      {view.status === "ended" ? (
        <p className="banner banner-info" data-testid="class-ended">
          This session has ended: the join code no longer works. The matches stay as they ended.
        </p>
      ) : view.status === "waiting" ? (
        <JoinCard code={view.code} joinUrl={view.joinUrl} />
      ) : (
        <details className="cls-join-fold" data-testid="class-join-fold">
          <summary>
            Join code <strong className="cls-code-small">{view.code}</strong> — for late arrivals (link and QR
            code)
          </summary>
          <JoinCard code={view.code} joinUrl={view.joinUrl} />
        </details>
      )}

      {view.status !== "waiting" && (
        <div className="cls-export" data-testid="class-export">
          <p>Download the session's data (every match: orders, promises, the newspaper, standings):</p>
          <ExportButtons
            path={`/api/classes/${encodeURIComponent(classId)}/export`}
            keyOf={() => teacherKey}
            baseName={`entente-class-${classId}`}
          />
        </div>
      )}

      {view.status === "waiting" ? (
        <WaitingRoom view={view} teacherKey={teacherKey} actions={actions} />
      ) : (
        <RunningClass view={view} teacherKey={teacherKey} actions={actions} map={map} offset={poll.offset} />
      )}
    </div>
  );
}

/** Before the start: who has arrived, who of the roster has not, and Start. */
function WaitingRoom(props: {
  readonly view: ClassView;
  readonly teacherKey: string;
  readonly actions: Actions;
}): ReactNode {
  const { view, actions } = props;
  const [paused, setPaused] = useState(false);
  const pausedId = useId();
  const waiting = rosterWaiting(view.roster, view.students);
  const online = connectedCount(view.students);
  return (
    <section className="card cls-waiting" aria-labelledby="cls-arrivals-title">
      <h2 id="cls-arrivals-title">
        Students{" "}
        <span className="cls-count" aria-live="polite" data-testid="class-arrivals">
          {arrivalsText(view.students.length)}
        </span>
      </h2>
      {view.students.length > 0 && (
        <p className="muted small">
          {online.connected} of {online.total} online now.
        </p>
      )}
      <ul className="cls-arrived" data-testid="class-students">
        {view.students.map((s) => (
          <li key={s.studentId}>
            <span className="cls-arrived-name">{s.name}</span> <ConnectedDot connected={s.connected} />
          </li>
        ))}
      </ul>
      {waiting.length > 0 && (
        <div className="cls-roster-waiting" data-testid="class-roster-waiting">
          <h3>Not here yet ({waiting.length})</h3>
          <p>{waiting.join(", ")}</p>
        </div>
      )}
      <div className="cls-start">
        <label className="teach-check" htmlFor={pausedId}>
          <input
            id={pausedId}
            type="checkbox"
            checked={paused}
            data-testid="class-start-paused"
            onChange={(e) => setPaused(e.target.checked)}
          />
          Start paused, so I can move students first
        </label>
        <ActionButton
          actions={actions}
          id="start"
          label={`Start the matches${view.students.length > 0 ? ` for ${view.students.length}` : ""}`}
          busyLabel="Starting…"
          className="primary cls-big"
          testId="class-start"
          onClick={() => startClass(view.classId, props.teacherKey, { paused })}
        />
      </div>
      <p className="muted small">
        Students are split into matches and powers when you start; anyone who arrives later takes a bot&apos;s
        power.
      </p>
    </section>
  );
}
