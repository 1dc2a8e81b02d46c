/**
 * Form fields the create form (online) and the offline setup share: the player's name, how bots
 * fight, the last year played (with its check), the rules preset (with what it does), and the
 * form's error line.
 */
import type { ReactNode, Ref } from "react";
import type { Tactics } from "../../../shared/src/bots/tactics";
import { getPreset, PRESET_IDS, PRESETS } from "../../../shared/src/trust/presets";
import { Help } from "../guide/Help";
import { NAME_MAX, nameLimitNote } from "./names";

export { NAME_MAX, NAME_MISSING, nameFixed, nameLimitNote } from "./names";

/** A display-name input (at most `NAME_MAX` characters, the lobby's limit, with a counter near it). */
export function NameField(props: {
  readonly testId: string;
  readonly value: string;
  readonly onChange: (name: string) => void;
  readonly placeholder: string;
  readonly className?: string;
  readonly errorId?: string | undefined; // the id of the form's error line when it is about this field (marks it invalid)
  readonly inputRef?: Ref<HTMLInputElement>; // for the form to move focus here on that error
}): ReactNode {
  const note = nameLimitNote(props.value);
  const invalid = props.errorId !== undefined;
  return (
    <label className={props.className ?? "field"}>
      <span>Your name</span>
      <input
        data-testid={props.testId}
        value={props.value}
        maxLength={NAME_MAX}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        autoComplete="nickname"
        ref={props.inputRef}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={props.errorId}
      />
      {note !== null && (
        <span className="field-note" data-testid={`${props.testId}-limit`} aria-live="polite">
          {note}
        </span>
      )}
    </label>
  );
}

/** The choice of bot tactics, in players' words. */
export function BotTacticsField(props: {
  readonly testId: string;
  readonly value: Tactics;
  readonly onChange: (tactics: Tactics) => void;
}): ReactNode {
  return (
    <label className="field">
      <span>How bots fight</span>
      <select
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as Tactics)}
      >
        <option value="baseline">Solid (the baseline)</option>
        <option value="lookahead">Sharp (looks a move ahead)</option>
        <option value="random">Clumsy (random legal orders)</option>
      </select>
    </label>
  );
}

/** The optional last year played: digits only. */
export function YearLimitField(props: {
  readonly testId: string;
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly firstYear: number;
  readonly className?: string;
}): ReactNode {
  return (
    <label className={props.className ?? "field"}>
      <span>Last year played (optional)</span>
      <input
        data-testid={props.testId}
        inputMode="numeric"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.replace(/[^\d]/g, ""))}
        placeholder={`e.g. ${props.firstYear + 9}`}
      />
    </label>
  );
}

/** The year a `YearLimitField` holds (null: none), or what is wrong with it. */
export function parseYearLimit(
  text: string,
  firstYear: number,
): { readonly ok: true; readonly year: number | null } | { readonly ok: false; readonly message: string } {
  const year = text.trim() === "" ? null : Number(text);
  if (year !== null && (!Number.isInteger(year) || year < firstYear))
    return { ok: false, message: `Last year played: a year from ${firstYear} on, or empty for none.` };
  return { ok: true, year };
}

/** The choice of rules preset, with the chosen preset's description and a help on presets. */
export function PresetField(props: {
  readonly testId: string;
  readonly value: string;
  readonly onChange: (id: string) => void;
}): ReactNode {
  const chosen = getPreset(props.value);
  return (
    <div className="field span-2">
      <label htmlFor={`${props.testId}-field`}>Rules preset</label>
      <select
        id={`${props.testId}-field`}
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {PRESET_IDS.map((id) => (
          <option key={id} value={id}>
            {PRESETS[id]?.name ?? id}
          </option>
        ))}
      </select>
      {chosen !== null && <span className="field-note">{chosen.description}</span>}
      <Help topic="preset" label="What is a rules preset?" />
    </div>
  );
}

/** A form's error line, when there is one. */
export function FormError(props: { readonly error: string | null; readonly id?: string }): ReactNode {
  if (props.error === null) return null;
  return (
    <p className="banner banner-error" role="alert" id={props.id}>
      {props.error}
    </p>
  );
}
