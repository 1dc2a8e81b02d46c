/**
 * The dashboard once the class has started: the bar that acts on every match (pause, resume,
 * extend, resolve), a card per match (MatchCard.tsx), the students who play no power, the
 * broadcast box with the broadcasts sent, the projector's link and focus, and End session.
 */
import { useId, useState, type ReactNode } from "react";
import type { GameMap } from "../../../shared/src/map/types";
import { MAX_CLASS_TEXT } from "../../../shared/src/wire";
import { Link } from "../app/router";
import { ActionButton, ConfirmButton, type Actions } from "./actions";
import {
  broadcast,
  controlMatch,
  endClass,
  extendMatch,
  setProjectorFocus,
  type ClassView,
} from "./classApi";
import { ConnectedDot, ExtendControl, MoveStudent } from "./controls";
import { connectedCount, unplaced } from "./dashboard";
import { MatchCard } from "./MatchCard";

/** After the start: every match, the class-wide controls, broadcasts and the projector. */
export function RunningClass(props: {
  readonly view: ClassView;
  readonly teacherKey: string;
  readonly actions: Actions;
  readonly map: GameMap | null;
  readonly offset: number;
}): ReactNode {
  const { view, teacherKey, actions, map } = props;
  const live = view.status === "running";
  const aside = unplaced(view.students);
  const online = connectedCount(view.students);
  return (
    <>
      {live && (
        <section className="cls-all" aria-label="All matches" data-testid="class-all">
          <h2 className="cls-all-title">All matches</h2>
          <ActionButton
            actions={actions}
            id="all-pause"
            label="Pause all"
            testId="class-pause-all"
            onClick={() => controlMatch(view.classId, teacherKey, "all", "pause")}
          />
          <ActionButton
            actions={actions}
            id="all-resume"
            label="Resume all"
            testId="class-resume-all"
            onClick={() => controlMatch(view.classId, teacherKey, "all", "resume")}
          />
          <ExtendControl
            actions={actions}
            id="all-extend"
            label="every match"
            testId="class-extend-all"
            onExtend={(minutes) => extendMatch(view.classId, teacherKey, "all", minutes)}
          />
          <ConfirmButton
            actions={actions}
            id="all-resolve"
            label="Resolve all"
            question="Resolve every match's phase now? Powers without orders hold."
            confirmLabel="Resolve all"
            testId="class-resolve-all"
            onConfirm={() => controlMatch(view.classId, teacherKey, "all", "resolve")}
          />
          <span className="muted small cls-online">
            {online.connected} of {online.total} students online
          </span>
        </section>
      )}

      <div className="cls-matches">
        {view.matches.map((m) => (
          <MatchCard
            key={m.matchId}
            view={view}
            match={m}
            teacherKey={teacherKey}
            actions={actions}
            map={map}
            offset={props.offset}
          />
        ))}
      </div>

      {(aside.waiting.length > 0 || aside.watching.length > 0) && (
        <section className="card cls-aside" aria-labelledby="cls-aside-title" data-testid="class-unplaced">
          <h2 id="cls-aside-title">Not playing a power</h2>
          <ul>
            {[...aside.waiting, ...aside.watching].map((s) => {
              const watching = view.matches.find((m) => m.matchId === s.matchId);
              return (
                <li key={s.studentId}>
                  <span className="cls-arrived-name">{s.name}</span> <ConnectedDot connected={s.connected} />{" "}
                  <span className="muted small">
                    {watching === undefined ? "waiting for a place" : `watching match ${watching.number}`}
                  </span>
                  {live && (
                    <MoveStudent
                      view={view}
                      teacherKey={teacherKey}
                      actions={actions}
                      map={map}
                      studentId={s.studentId}
                      name={s.name}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <div className="cls-bottom">
        <Broadcasts view={view} teacherKey={teacherKey} actions={actions} />
        <ProjectorFocus view={view} teacherKey={teacherKey} actions={actions} />
        <DebriefLink view={view} />
      </div>

      {live && (
        <section className="cls-end" aria-label="End the session">
          <ConfirmButton
            actions={actions}
            id="end-class"
            label="End session"
            question="End the session? Every match ends and the join code stops working."
            confirmLabel="End the session"
            danger
            testId="class-end-session"
            onConfirm={() => endClass(view.classId, teacherKey)}
          />
        </section>
      )}
    </>
  );
}

/** The way to the class debrief. */
function DebriefLink(props: { readonly view: ClassView }): ReactNode {
  return (
    <section className="card cls-debrief" aria-labelledby="cls-debrief-title">
      <h2 id="cls-debrief-title">Debrief</h2>
      <p className="small">
        Every match side by side: outcomes, betrayals by kind, commitments kept, the winner's reputation
        {props.view.status === "running" ? " — so far while matches run" : ""}.
      </p>
      <Link
        className="button"
        to={`/class/${encodeURIComponent(props.view.classId)}/debrief`}
        data-testid="class-debrief-link"
      >
        Open the class debrief
      </Link>
    </section>
  );
}

/** The broadcast box and the broadcasts sent. */
function Broadcasts(props: {
  readonly view: ClassView;
  readonly teacherKey: string;
  readonly actions: Actions;
}): ReactNode {
  const { view, actions } = props;
  const [text, setText] = useState("");
  const fieldId = useId();
  const live = view.status === "running";
  const sent = [...view.broadcasts].reverse();
  return (
    <section className="card cls-broadcast" aria-labelledby="cls-broadcast-title">
      <h2 id="cls-broadcast-title">Message to every student</h2>
      {live && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim() === "") return;
            void actions
              .run("broadcast", () => broadcast(view.classId, props.teacherKey, text))
              .then((done) => done && setText(""));
          }}
        >
          <label htmlFor={fieldId} className="visually-hidden">
            Message to every student
          </label>
          <textarea
            id={fieldId}
            rows={2}
            maxLength={MAX_CLASS_TEXT}
            value={text}
            placeholder="e.g. Five minutes left in this phase — send your orders."
            data-testid="class-broadcast-text"
            onChange={(e) => setText(e.target.value)}
          />
          <div className="actions">
            <button
              type="submit"
              className="button primary small-button"
              data-testid="class-broadcast-send"
              disabled={actions.busy.has("broadcast") || text.trim() === ""}
            >
              {actions.busy.has("broadcast") ? "Sending…" : "Send to everyone"}
            </button>
            {actions.errors["broadcast"] !== undefined && (
              <span className="cls-refusal" role="alert" data-testid="refusal-broadcast">
                {actions.errors["broadcast"]}
              </span>
            )}
          </div>
        </form>
      )}
      {sent.length === 0 ? (
        <p className="muted small">Nothing sent yet.</p>
      ) : (
        <ol className="cls-sent" data-testid="class-broadcasts">
          {sent.map((b) => (
            <li key={b.id}>
              <span className="muted small">
                {new Date(b.at).toLocaleTimeString([], { timeStyle: "short" })}
              </span>{" "}
              {b.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Which match the projector shows: one, or each in turn. */
function ProjectorFocus(props: {
  readonly view: ClassView;
  readonly teacherKey: string;
  readonly actions: Actions;
}): ReactNode {
  const { view, actions } = props;
  const fieldId = useId();
  const busy = actions.busy.has("focus");
  return (
    <section className="card cls-projector" aria-labelledby="cls-projector-title">
      <h2 id="cls-projector-title">Projector</h2>
      <p className="small">
        <a href={`/class/${encodeURIComponent(view.classId)}/projector`} target="_blank" rel="noopener">
          Open the projector view ↗
        </a>{" "}
        on the screen the room sees: maps, headlines and reputation, nothing private.
      </p>
      <label htmlFor={fieldId} className="field">
        <span>On the wall</span>
        <select
          id={fieldId}
          value={view.projector}
          disabled={busy}
          data-testid="class-projector-focus"
          onChange={(e) => {
            const focus = e.target.value;
            void actions.run("focus", () => setProjectorFocus(view.classId, props.teacherKey, focus));
          }}
        >
          <option value="rotate">Each match in turn</option>
          {view.matches.map((m) => (
            <option key={m.matchId} value={m.matchId}>
              Match {m.number}
            </option>
          ))}
        </select>
      </label>
      {actions.errors["focus"] !== undefined && (
        <span className="cls-refusal" role="alert" data-testid="refusal-focus">
          {actions.errors["focus"]}
        </span>
      )}
    </section>
  );
}
