/**
 * The dashboard's buttons: each teacher action runs one request, its button says so and is
 * disabled while it is under way, a refusal is shown beside the button in the server's words, and
 * an answer that carries the session (`ClassActionAnswer`) updates the page at once. Actions that
 * cannot be undone (resolve now, end) ask first, inline.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError } from "../app/api";
import type { ClassView } from "./classApi";

/** The actions of one page: which are under way, which were refused and why. */
export interface Actions {
  readonly busy: ReadonlySet<string>;
  readonly errors: Readonly<Record<string, string>>;
  /** Runs `action` as `id`; true when it was done. */
  readonly run: (id: string, action: () => Promise<unknown>) => Promise<boolean>;
  readonly clear: (id: string) => void;
}

/** Whether an answer carries the session after the action. */
function carriesView(answer: unknown): answer is { readonly class: ClassView } {
  return typeof answer === "object" && answer !== null && "class" in answer;
}

/** The page's actions; `onView` takes the session an action's answer carries. */
export function useActions(onView: (view: ClassView) => void): Actions {
  const [busy, setBusy] = useState<ReadonlySet<string>>(() => new Set());
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const running = useRef(new Set<string>());
  const clear = useCallback((id: string) => {
    setErrors((e) => {
      if (!(id in e)) return e;
      return Object.fromEntries(Object.entries(e).filter(([k]) => k !== id));
    });
  }, []);
  const run = useCallback(
    async (id: string, action: () => Promise<unknown>): Promise<boolean> => {
      if (running.current.has(id)) return false;
      running.current.add(id);
      setBusy(new Set(running.current));
      clear(id);
      try {
        const answer = await action();
        if (carriesView(answer)) onView(answer.class);
        return true;
      } catch (err) {
        const message = err instanceof ApiError ? err.message : "Something went wrong; please try again.";
        setErrors((e) => ({ ...e, [id]: message }));
        return false;
      } finally {
        running.current.delete(id);
        setBusy(new Set(running.current));
      }
    },
    [clear, onView],
  );
  return { busy, errors, run, clear };
}

/** A refusal beside the control that caused it. */
export function ActionError(props: { readonly actions: Actions; readonly id: string }): ReactNode {
  const message = props.actions.errors[props.id];
  if (message === undefined) return null;
  return (
    <span className="cls-refusal" role="alert" data-testid={`refusal-${props.id}`}>
      {message}
    </span>
  );
}

/** A button that runs one action, and its refusal. */
export function ActionButton(props: {
  readonly actions: Actions;
  readonly id: string;
  readonly label: string;
  readonly busyLabel?: string;
  readonly onClick: () => Promise<unknown>;
  readonly className?: string;
  readonly testId?: string;
  readonly disabled?: boolean;
  readonly ariaLabel?: string;
}): ReactNode {
  const busy = props.actions.busy.has(props.id);
  return (
    <span className="cls-action">
      <button
        type="button"
        className={`button small-button ${props.className ?? ""}`}
        data-testid={props.testId}
        disabled={busy || props.disabled === true}
        aria-label={props.ariaLabel}
        onClick={() => void props.actions.run(props.id, props.onClick)}
      >
        {busy ? (props.busyLabel ?? `${props.label}…`) : props.label}
      </button>
      <ActionError actions={props.actions} id={props.id} />
    </span>
  );
}

/** A button whose action cannot be undone: it asks first, inline ("Resolve Match 2 now?" Yes / Cancel). */
export function ConfirmButton(props: {
  readonly actions: Actions;
  readonly id: string;
  readonly label: string;
  readonly question: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => Promise<unknown>;
  readonly testId: string;
  readonly danger?: boolean;
  readonly disabled?: boolean;
}): ReactNode {
  const [asking, setAsking] = useState(false);
  const busy = props.actions.busy.has(props.id);
  if (asking && !busy)
    return (
      <ConfirmRow
        question={props.question}
        confirmLabel={props.confirmLabel}
        testId={`${props.testId}-confirm`}
        danger={props.danger === true}
        onConfirm={() => {
          setAsking(false);
          void props.actions.run(props.id, props.onConfirm);
        }}
        onCancel={() => setAsking(false)}
      />
    );
  return (
    <span className="cls-action">
      <button
        type="button"
        className={`button small-button ${props.danger === true ? "cls-danger-outline" : ""}`}
        data-testid={props.testId}
        disabled={busy || props.disabled === true}
        onClick={() => {
          props.actions.clear(props.id);
          setAsking(true);
        }}
      >
        {busy ? `${props.label}…` : props.label}
      </button>
      <ActionError actions={props.actions} id={props.id} />
    </span>
  );
}

/** The inline question of a `ConfirmButton`: its "yes" takes the focus when it appears. */
function ConfirmRow(props: {
  readonly question: string;
  readonly confirmLabel: string;
  readonly testId: string;
  readonly danger: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}): ReactNode {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <span
      className="cls-confirm"
      role="group"
      aria-label={props.question}
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onCancel();
      }}
    >
      <span className="cls-confirm-question">{props.question}</span>
      <button
        type="button"
        ref={yes}
        className={`button small-button ${props.danger ? "cls-danger" : "primary"}`}
        data-testid={props.testId}
        onClick={props.onConfirm}
      >
        {props.confirmLabel}
      </button>
      <button type="button" className="button small-button ghost" onClick={props.onCancel}>
        Cancel
      </button>
    </span>
  );
}
