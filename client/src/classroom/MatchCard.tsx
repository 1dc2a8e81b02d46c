/**
 * One match of the class on the teacher's dashboard: its number, preset, phase, countdown and
 * latest headline; a row per power (who plays it, connected, orders in, ready, centres,
 * reputation) with "Give to bot" and a "Move…" per student; and the match's controls — pause or
 * resume, extend, resolve now, end, watch, and (only when the session said so up front) read its
 * private press.
 */
import { useId, type ReactNode } from "react";
import type { GameMap } from "../../../shared/src/map/types";
import { PRESETS } from "../../../shared/src/trust/presets";
import type { ClassMatch } from "../../../shared/src/wire";
import { Deadline } from "../game/Deadline";
import { ActionButton, ConfirmButton, type Actions } from "./actions";
import { ConnectedDot, ExtendControl, MoveStudent, PowerTag, powerNameOn } from "./controls";
import { PressFold } from "./PressFold";
import { controlMatch, extendMatch, powerToBot, type ClassView } from "./classApi";
import { matchStateText, phaseProgress, studentNames } from "./dashboard";

/** What a match card needs. */
export interface MatchCardProps {
  readonly view: ClassView;
  readonly match: ClassMatch;
  readonly teacherKey: string;
  readonly actions: Actions;
  readonly map: GameMap | null;
  readonly offset: number; // the server's clock ahead of this browser's, in ms
}

/** A yes/no cell: a mark and its word (never the mark alone). */
function YesNo(props: {
  readonly yes: boolean;
  readonly yesText: string;
  readonly noText: string;
}): ReactNode {
  return (
    <span className={props.yes ? "cls-yes" : "cls-no"}>
      <span aria-hidden>{props.yes ? "✓ " : "– "}</span>
      <span className="cls-cell-word">{props.yes ? props.yesText : props.noText}</span>
    </span>
  );
}

/** The match's card. */
export function MatchCard(props: MatchCardProps): ReactNode {
  const { view, match, teacherKey, actions, map } = props;
  const classId = view.classId;
  const id = (what: string) => `${match.matchId}-${what}`;
  const progress = phaseProgress(match);
  const live = !match.over && view.status === "running";
  const preset = PRESETS[match.preset]?.name ?? match.preset;
  const headingId = useId();
  return (
    <article
      className={`card cls-match ${match.paused ? "cls-is-paused" : ""} ${match.over ? "cls-is-over" : ""}`}
      aria-labelledby={headingId}
      data-testid={`class-match-${match.number}`}
    >
      <header className="cls-match-head">
        <h3 id={headingId}>
          Match {match.number} <span className="cls-preset">{preset}</span>
        </h3>
        {match.paused && !match.over && (
          <span className="cls-badge cls-is-paused" data-testid={`class-match-${match.number}-paused`}>
            PAUSED
          </span>
        )}
        {match.over && <span className="cls-badge cls-is-over">OVER</span>}
        <span className="cls-phase" data-testid={`class-match-${match.number}-phase`}>
          {matchStateText(match)}
        </span>
        {!match.over && (
          <Deadline
            deadline={match.deadline}
            waiting={
              match.paused ? "Clock stopped" : view.settings.daily ? "Until you resolve it" : "No deadline"
            }
            offset={props.offset}
          />
        )}
      </header>
      {match.headline !== null && (
        <p className="cls-headline" data-testid={`class-match-${match.number}-headline`}>
          “{match.headline}”
        </p>
      )}
      {!match.over && progress.due > 0 && (
        <p className="cls-progress muted small">
          Orders in: {progress.ordersIn} of {progress.due} · Ready: {progress.ready} of {progress.due}
        </p>
      )}

      <div className="cls-table-wrap">
        <table className="cls-table">
          <caption className="visually-hidden">Powers of match {match.number}</caption>
          <thead>
            <tr>
              <th scope="col">Power</th>
              <th scope="col">Played by</th>
              <th scope="col">Online</th>
              <th scope="col">Orders</th>
              <th scope="col">Ready</th>
              <th scope="col" className="num">
                Centres
              </th>
              <th scope="col" className="num">
                <abbr title="Reputation">Rep.</abbr>
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {match.powers.map((p) => (
              <tr
                key={p.power}
                className={p.out ? "out" : ""}
                data-testid={`class-power-${match.number}-${p.power}`}
              >
                <th scope="row">
                  <PowerTag map={map} power={p.power} />
                  {p.out && <span className="muted small"> (out)</span>}
                </th>
                <td>
                  {p.students.length > 0 ? (
                    <ul className="cls-players">
                      {studentNames(p.students, view.students).map((name, i) => (
                        <li key={p.students[i]}>
                          {name}
                          {live && (
                            <MoveStudent
                              view={view}
                              teacherKey={teacherKey}
                              actions={actions}
                              map={map}
                              studentId={p.students[i]!}
                              name={name}
                            />
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {p.bot !== null && <span className="cls-bot">Bot ({p.bot})</span>}
                </td>
                <td>
                  {p.bot !== null && p.students.length === 0 ? "—" : <ConnectedDot connected={p.connected} />}
                </td>
                <td>{p.mustAct ? <YesNo yes={p.ordersIn} yesText="in" noText="not yet" /> : "—"}</td>
                <td>{p.mustAct ? <YesNo yes={p.ready} yesText="ready" noText="no" /> : "—"}</td>
                <td className="num">{p.centres}</td>
                <td className="num">{Math.round(p.reputation)}</td>
                <td>
                  {live && p.bot === null && !p.out && (
                    <ActionButton
                      actions={actions}
                      id={id(`bot-${p.power}`)}
                      label="Give to bot"
                      busyLabel="Handing over…"
                      ariaLabel={`Give ${powerNameOn(map, p.power)} to a bot`}
                      testId={`class-give-bot-${match.number}-${p.power}`}
                      onClick={() => powerToBot(classId, teacherKey, match.matchId, p.power)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="cls-controls" role="group" aria-label={`Match ${match.number} controls`}>
        {live &&
          (match.paused ? (
            <ActionButton
              actions={actions}
              id={id("resume")}
              label="Resume"
              busyLabel="Resuming…"
              className="primary"
              testId={`class-resume-${match.number}`}
              onClick={() => controlMatch(classId, teacherKey, match.matchId, "resume")}
            />
          ) : (
            <ActionButton
              actions={actions}
              id={id("pause")}
              label="Pause"
              busyLabel="Pausing…"
              testId={`class-pause-${match.number}`}
              onClick={() => controlMatch(classId, teacherKey, match.matchId, "pause")}
            />
          ))}
        {live && (
          <ExtendControl
            actions={actions}
            id={id("extend")}
            label={`Match ${match.number}`}
            testId={`class-extend-${match.number}`}
            onExtend={(minutes) => extendMatch(classId, teacherKey, match.matchId, minutes)}
          />
        )}
        {live && (
          <ConfirmButton
            actions={actions}
            id={id("resolve")}
            label="Resolve now"
            question={`Resolve match ${match.number}'s phase now? Powers without orders hold.${match.paused ? " The match resumes." : ""}`}
            confirmLabel="Resolve now"
            testId={`class-resolve-${match.number}`}
            onConfirm={() => controlMatch(classId, teacherKey, match.matchId, "resolve")}
          />
        )}
        {live && (
          <ConfirmButton
            actions={actions}
            id={id("end")}
            label="End match"
            question={`End match ${match.number} for good?`}
            confirmLabel="End it"
            danger
            testId={`class-end-${match.number}`}
            onConfirm={() => controlMatch(classId, teacherKey, match.matchId, "end")}
          />
        )}
        <a
          className="button small-button"
          href={`/watch/${encodeURIComponent(match.matchId)}`}
          target="_blank"
          rel="noopener"
          data-testid={`class-watch-${match.number}`}
        >
          Watch<span className="visually-hidden"> match {match.number} (opens a new tab)</span> ↗
        </a>
        <a
          className="button small-button"
          href={`/m/${encodeURIComponent(match.matchId)}/debrief?class=${encodeURIComponent(classId)}`}
          target="_blank"
          rel="noopener"
          data-testid={`class-debrief-${match.number}`}
        >
          Debrief<span className="visually-hidden"> of match {match.number} (opens a new tab)</span> ↗
        </a>
      </div>
      {view.settings.teacherReadsPress && (
        <PressFold
          classId={classId}
          teacherKey={teacherKey}
          matchId={match.matchId}
          number={match.number}
          map={map}
        />
      )}
    </article>
  );
}
