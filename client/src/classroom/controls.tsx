/**
 * The dashboard's small pieces: a power's name and colour as on the board, a connected dot, the
 * Extend control (five minutes at a click, or as many as typed) and "Move…" (a student to another
 * power or match, or to watch one). Each shows the server's refusal beside itself.
 */
import { useId, useState, type ReactNode } from "react";
import type { GameMap } from "../../../shared/src/map/types";
import { NEUTRAL, powerColor } from "../map/colors";
import type { Actions } from "./actions";
import { moveStudent, type ClassView } from "./classApi";
import { moveTargets, parseMinutes, parseMoveTarget } from "./dashboard";

/** A power's name on the class's map. */
export function powerNameOn(map: GameMap | null, power: string): string {
  return map?.power.get(power)?.name ?? power;
}

/** A power's name after a swatch of its colour, as on the board. */
export function PowerTag(props: { readonly map: GameMap | null; readonly power: string }): ReactNode {
  const colour = props.map === null ? NEUTRAL.failed : powerColor(props.map, props.power);
  return (
    <span className="cls-power">
      <span className="cls-swatch" style={{ background: colour }} aria-hidden />
      {powerNameOn(props.map, props.power)}
    </span>
  );
}

/** A connected dot with its word. */
export function ConnectedDot(props: { readonly connected: boolean }): ReactNode {
  return (
    <span className={`cls-dot ${props.connected ? "on" : "off"}`}>
      <span className="cls-dot-mark" aria-hidden />
      <span className="cls-cell-word">{props.connected ? "online" : "away"}</span>
    </span>
  );
}

/** Extend: five more minutes at one click, or as many as typed. */
export function ExtendControl(props: {
  readonly actions: Actions;
  readonly id: string;
  readonly label: string; // what is extended, for the field's name ("Match 2", "every match")
  readonly testId: string;
  readonly onExtend: (minutes: number) => Promise<unknown>;
}): ReactNode {
  const [text, setText] = useState("");
  const [bad, setBad] = useState(false);
  const fieldId = useId();
  const busy = props.actions.busy.has(props.id);
  const extendBy = (minutes: number) => void props.actions.run(props.id, () => props.onExtend(minutes));
  return (
    <span className="cls-extend">
      <button
        type="button"
        className="button small-button"
        data-testid={`${props.testId}-5`}
        disabled={busy}
        aria-label={`Extend ${props.label} by 5 minutes`}
        onClick={() => extendBy(5)}
      >
        {busy ? "Extending…" : "+5 min"}
      </button>
      <label className="visually-hidden" htmlFor={fieldId}>
        Minutes to extend {props.label} by
      </label>
      <input
        id={fieldId}
        className="cls-minutes"
        inputMode="numeric"
        placeholder="min"
        value={text}
        data-testid={`${props.testId}-minutes`}
        aria-invalid={bad ? true : undefined}
        onChange={(e) => {
          setText(e.target.value.replace(/[^\d]/g, ""));
          setBad(false);
        }}
      />
      <button
        type="button"
        className="button small-button"
        data-testid={`${props.testId}-go`}
        disabled={busy}
        aria-label={`Extend ${props.label} by the minutes typed`}
        onClick={() => {
          const minutes = parseMinutes(text);
          if (minutes === null) {
            setBad(true);
            return;
          }
          extendBy(minutes);
        }}
      >
        Extend
      </button>
      {bad && (
        <span className="cls-refusal" role="alert">
          Type whole minutes, 1 to 1440.
        </span>
      )}
      {props.actions.errors[props.id] !== undefined && (
        <span className="cls-refusal" role="alert" data-testid={`refusal-${props.id}`}>
          {props.actions.errors[props.id]}
        </span>
      )}
    </span>
  );
}

/** "Move…": a student to another power or match, or to watch one. */
export function MoveStudent(props: {
  readonly view: ClassView;
  readonly teacherKey: string;
  readonly actions: Actions;
  readonly map: GameMap | null;
  readonly studentId: string;
  readonly name: string;
}): ReactNode {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState("");
  const selectId = useId();
  const actionId = `move-${props.studentId}`;
  const busy = props.actions.busy.has(actionId);
  const targets = moveTargets(props.view.matches, (p) => powerNameOn(props.map, p));
  if (!open)
    return (
      <>
        {" "}
        <button
          type="button"
          className="link-button cls-move-open"
          data-testid={`class-move-${props.studentId}`}
          aria-label={`Move ${props.name}…`}
          onClick={() => setOpen(true)}
        >
          Move…
        </button>
        {props.actions.errors[actionId] !== undefined && (
          <span className="cls-refusal" role="alert">
            {props.actions.errors[actionId]}
          </span>
        )}
      </>
    );
  return (
    <span className="cls-move">
      <label htmlFor={selectId}>Move {props.name} to</label>
      <select
        id={selectId}
        value={choice}
        data-testid={`class-move-${props.studentId}-to`}
        onChange={(e) => setChoice(e.target.value)}
      >
        <option value="">Choose…</option>
        {targets.map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button small-button primary"
        data-testid={`class-move-${props.studentId}-go`}
        disabled={busy || choice === ""}
        onClick={() => {
          const target = parseMoveTarget(choice);
          if (target === null) return;
          void props.actions
            .run(actionId, () =>
              moveStudent(
                props.view.classId,
                props.teacherKey,
                props.studentId,
                target.matchId,
                target.power,
              ),
            )
            .then((done) => {
              if (done) setOpen(false);
            });
        }}
      >
        {busy ? "Moving…" : "Move"}
      </button>
      <button type="button" className="button small-button ghost" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {props.actions.errors[actionId] !== undefined && (
        <span className="cls-refusal" role="alert" data-testid={`refusal-${actionId}`}>
          {props.actions.errors[actionId]}
        </span>
      )}
    </span>
  );
}
