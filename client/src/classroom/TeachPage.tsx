/**
 * `/teach`: a teacher makes a class session. The form (teachForm.ts turns it into the request)
 * asks for the class's name, the map, students per power and what happens to extra students, the
 * number of matches, the timing, press, one or two presets, the bots' personality, whether the
 * teacher may read private press (students are told before they join) and an optional roster. A
 * refusal points at its field. On success the teacher key is stored in this browser and the page
 * shows the new class (ClassCreated.tsx).
 */
import { useId, useState, type ReactNode, type SubmitEvent } from "react";
import { PERSONALITIES, PERSONALITY_INFO, type Personality } from "../../../shared/src/bots/personality";
import { getMap, MAP_IDS } from "../../../shared/src/map/registry";
import type { PressMode } from "../../../shared/src/match/types";
import { PRESET_IDS, PRESETS } from "../../../shared/src/trust/presets";
import { ApiError } from "../app/api";
import { NAME_MAX, PresetField, YearLimitField } from "../app/fields";
import { Link } from "../app/router";
import { PersonalityNotes } from "../guide/Help";
import { createClass, type CreateClassAnswer } from "./classApi";
import { ClassCreated } from "./ClassCreated";
import { loadClasses, saveClass } from "./teacherKeys";
import {
  classRequestOf,
  fieldOfMessage,
  problemText,
  rosterNames,
  TEACH_FORM_DEFAULTS,
  type FormProblem,
  type TeachField,
  type TeachFormState,
} from "./teachForm";
import "./classroom.css";

/** The id of a field's input, for labels, focus and error lines. */
const inputId = (field: TeachField): string => `teach-${field}`;
/** The id of a field's error line. */
const errorId = (field: TeachField): string => `teach-${field}-error`;

/** A field's error line, when the form's problem is about it. */
function FieldError(props: { readonly field: TeachField; readonly problem: FormProblem | null }): ReactNode {
  if (props.problem?.field !== props.field) return null;
  return (
    <p className="field-error" id={errorId(props.field)} data-testid={`teach-error-${props.field}`}>
      {props.problem.message}
    </p>
  );
}

/** The attributes that tie an input to its field's error line. */
function invalidProps(field: TeachField, problem: FormProblem | null) {
  return problem?.field === field
    ? { "aria-invalid": true as const, "aria-describedby": errorId(field) }
    : { "aria-invalid": undefined, "aria-describedby": undefined };
}

/** The page: the form, or the new class's code and links. */
export function TeachPage(): ReactNode {
  const [created, setCreated] = useState<{ answer: CreateClassAnswer; name: string } | null>(null);
  if (created !== null) return <ClassCreated answer={created.answer} name={created.name} />;
  return <TeachForm onCreated={(answer, name) => setCreated({ answer, name })} />;
}

/** The "new class session" form. */
function TeachForm(props: {
  readonly onCreated: (answer: CreateClassAnswer, name: string) => void;
}): ReactNode {
  const [form, setForm] = useState<TeachFormState>(TEACH_FORM_DEFAULTS);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof TeachFormState>(key: K, value: TeachFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
  };
  const map = getMap(form.map);
  const firstYear = map?.start.year ?? 1901;
  const powers = map?.powers.length ?? 7;
  const rosterCount = rosterNames(form.roster).length;
  const readsId = useId();

  const show = (next: FormProblem) => {
    setProblem(next);
    if (next.field !== null)
      window.requestAnimationFrame(() => document.getElementById(inputId(next.field!))?.focus());
  };

  const submit = async (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    setProblem(null);
    const made = classRequestOf(form, firstYear);
    if (!made.ok) {
      show(made);
      return;
    }
    setBusy(true);
    try {
      const answer = await createClass(made.request);
      saveClass({
        classId: answer.classId,
        name: made.request.name,
        teacherKey: answer.teacherKey,
        createdAt: Date.now(),
      });
      props.onCreated(answer, made.request.name);
    } catch (err) {
      if (err instanceof ApiError) {
        const field = err.code === "bad-payload" ? fieldOfMessage(err.message) : null;
        show({ field, message: problemText(err.message, field) });
      } else show({ field: null, message: "Something went wrong; please try again." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page teach">
      <h1 className="page-title">A class session</h1>
      <p className="lede">
        Run Entente with a class: students join with a short code on the wall, you start when they are in, and
        they are split into matches — teams of students on a power when you choose. You steer every match from
        one dashboard. No accounts: the secret teacher link you get is your key.
      </p>
      <HeldClasses />

      <form className="card teach-form" onSubmit={(e) => void submit(e)} noValidate data-testid="teach-form">
        <h2>New class session</h2>
        <div className="grid-2">
          <div className="field span-2">
            <label htmlFor={inputId("name")}>Class name</label>
            <input
              id={inputId("name")}
              data-testid="teach-name"
              value={form.name}
              maxLength={NAME_MAX}
              placeholder="e.g. IR 101, Tuesday"
              onChange={(e) => set("name", e.target.value)}
              {...invalidProps("name", problem)}
            />
            <FieldError field="name" problem={problem} />
          </div>

          <div className="field">
            <label htmlFor={inputId("map")}>Map</label>
            <select
              id={inputId("map")}
              data-testid="teach-map"
              value={form.map}
              onChange={(e) => set("map", e.target.value)}
              {...invalidProps("map", problem)}
            >
              {MAP_IDS.map((id) => {
                const m = getMap(id);
                return (
                  <option key={id} value={id}>
                    {m === null ? id : `${m.name} (${m.powers.length} powers)`}
                  </option>
                );
              })}
            </select>
            <FieldError field="map" problem={problem} />
          </div>

          <div className="field">
            <label htmlFor={inputId("studentsPerPower")}>Students per power</label>
            <select
              id={inputId("studentsPerPower")}
              data-testid="teach-students-per-power"
              value={form.studentsPerPower}
              onChange={(e) => set("studentsPerPower", Number(e.target.value))}
              {...invalidProps("studentsPerPower", problem)}
            >
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? "1 — each student plays a power" : `${n} — teams of ${n}`}
                </option>
              ))}
            </select>
            <span className="field-note">
              A match seats {powers * form.studentsPerPower} students ({powers} powers ×{" "}
              {form.studentsPerPower}).
            </span>
            <FieldError field="studentsPerPower" problem={problem} />
          </div>

          <fieldset
            className="field span-2 teach-choice"
            aria-describedby={problem?.field === "extras" ? errorId("extras") : undefined}
          >
            <legend>When the numbers do not divide, extra students…</legend>
            <label className="teach-radio">
              <input
                type="radio"
                name="teach-extras"
                id={inputId("extras")}
                data-testid="teach-extras-teams"
                checked={form.extras === "teams"}
                onChange={() => set("extras", "teams")}
              />
              join a power: some powers get one more student
            </label>
            <label className="teach-radio">
              <input
                type="radio"
                name="teach-extras"
                data-testid="teach-extras-observers"
                checked={form.extras === "observers"}
                onChange={() => set("extras", "observers")}
              />
              watch a match as observers (you can move them in later)
            </label>
            <FieldError field="extras" problem={problem} />
          </fieldset>

          <div className="field">
            <label htmlFor={inputId("matches")}>Number of matches (optional)</label>
            <input
              id={inputId("matches")}
              data-testid="teach-matches"
              inputMode="numeric"
              value={form.matches}
              placeholder="as many as the class fills"
              onChange={(e) => set("matches", e.target.value.replace(/[^\d]/g, ""))}
              {...invalidProps("matches", problem)}
            />
            <FieldError field="matches" problem={problem} />
          </div>

          <div className="field">
            <label htmlFor={inputId("pressMode")}>Press</label>
            <select
              id={inputId("pressMode")}
              data-testid="teach-press"
              value={form.pressMode}
              onChange={(e) => set("pressMode", e.target.value as PressMode)}
              {...invalidProps("pressMode", problem)}
            >
              <option value="full">Full — private and public</option>
              <option value="public">Public statements only</option>
              <option value="none">None (gunboat)</option>
            </select>
            <FieldError field="pressMode" problem={problem} />
          </div>

          <fieldset className="field span-2 teach-choice">
            <legend>Timing</legend>
            <div className="teach-timing">
              <label className="teach-radio">
                <input
                  type="radio"
                  name="teach-pace"
                  data-testid="teach-pace-live"
                  checked={form.pace === "live"}
                  onChange={() => set("pace", "live")}
                />
                Live, in class:
              </label>
              <label className="teach-minutes" htmlFor={inputId("timing")}>
                <input
                  id={inputId("timing")}
                  data-testid="teach-minutes"
                  inputMode="numeric"
                  value={form.minutes}
                  disabled={form.pace !== "live"}
                  onChange={(e) => set("minutes", e.target.value.replace(/[^\d]/g, ""))}
                  {...invalidProps("timing", problem)}
                />
                <span>minutes per movement phase (retreats and builds: a third of it)</span>
              </label>
            </div>
            <label className="teach-radio">
              <input
                type="radio"
                name="teach-pace"
                data-testid="teach-pace-daily"
                checked={form.pace === "daily"}
                onChange={() => set("pace", "daily")}
              />
              One phase per class day (you resolve it, or it resolves when every power is ready)
            </label>
            <FieldError field="timing" problem={problem} />
          </fieldset>

          <PresetField
            testId="teach-preset"
            value={form.preset}
            onChange={(id) =>
              setForm((f) => ({
                ...f,
                preset: id,
                secondPreset: f.secondPreset === id ? "" : f.secondPreset,
              }))
            }
          />
          <div className="field span-2">
            <label htmlFor={inputId("presets")}>Second preset, alternated across matches (optional)</label>
            <select
              id={inputId("presets")}
              data-testid="teach-second-preset"
              value={form.secondPreset}
              onChange={(e) => set("secondPreset", e.target.value)}
              {...invalidProps("presets", problem)}
            >
              <option value="">None — every match plays the preset above</option>
              {PRESET_IDS.filter((id) => id !== form.preset).map((id) => (
                <option key={id} value={id}>
                  {PRESETS[id]?.name ?? id}
                </option>
              ))}
            </select>
            <span className="field-note">
              Two presets let the class compare theories: odd matches play one, even the other.
            </span>
            <FieldError field="presets" problem={problem} />
          </div>

          <div className="field">
            <label htmlFor={inputId("bots")}>Bots for powers no student plays</label>
            <select
              id={inputId("bots")}
              data-testid="teach-bots"
              value={form.personality}
              onChange={(e) => set("personality", e.target.value as Personality)}
              {...invalidProps("bots", problem)}
            >
              {PERSONALITIES.map((id) => (
                <option key={id} value={id}>
                  {PERSONALITY_INFO[id].name}
                </option>
              ))}
            </select>
            <FieldError field="bots" problem={problem} />
          </div>
          <div>
            <YearLimitField
              testId="teach-year-limit"
              value={form.yearLimit}
              onChange={(v) => set("yearLimit", v)}
              firstYear={firstYear}
            />
            <FieldError field="yearLimit" problem={problem} />
          </div>
          <div className="span-2">
            <PersonalityNotes testId="teach-bot-notes" chosen={[form.personality]} />
          </div>

          <div className="field span-2 teach-reads">
            <label className="teach-check" htmlFor={readsId}>
              <input
                id={readsId}
                type="checkbox"
                data-testid="teach-reads-press"
                checked={form.teacherReadsPress}
                onChange={(e) => set("teacherReadsPress", e.target.checked)}
              />
              The teacher may read private press
            </label>
            <span className="field-note">
              Students see this before they join: the join page says whether you can read their private
              messages. It cannot be changed once the session is made.
            </span>
            <FieldError field="teacherReadsPress" problem={problem} />
          </div>

          <div className="field span-2">
            <label htmlFor={inputId("roster")}>Roster (optional): one name per line</label>
            <textarea
              id={inputId("roster")}
              data-testid="teach-roster"
              rows={5}
              value={form.roster}
              placeholder={"Ada Lovelace\nAlan Turing\n…"}
              onChange={(e) => set("roster", e.target.value)}
              {...invalidProps("roster", problem)}
            />
            <span className="field-note">
              {rosterCount === 0
                ? "Students then pick their name from the list instead of typing it."
                : `${rosterCount} name${rosterCount === 1 ? "" : "s"}: students pick theirs from the list.`}
            </span>
            <FieldError field="roster" problem={problem} />
          </div>
        </div>

        {problem !== null && problem.field === null && (
          <p className="banner banner-error" role="alert" data-testid="teach-error">
            {problem.message}
          </p>
        )}
        {problem !== null && problem.field !== null && (
          <p className="visually-hidden" role="alert">
            {problem.message}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" data-testid="teach-submit" disabled={busy}>
            {busy ? "Making the session…" : "Make the class session"}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The class sessions this browser holds keys to, newest first (nothing when none). */
function HeldClasses(): ReactNode {
  const [held] = useState(() => loadClasses().reverse());
  if (held.length === 0) return null;
  return (
    <section className="card teach-held" aria-labelledby="teach-held-title">
      <h2 id="teach-held-title">Your class sessions</h2>
      <ul>
        {held.slice(0, 10).map((c) => (
          <li key={c.classId}>
            <Link
              to={`/class/${encodeURIComponent(c.classId)}/teacher`}
              data-testid={`teach-held-${c.classId}`}
            >
              {c.name === "" ? c.classId : c.name}
            </Link>{" "}
            <span className="muted small">made {new Date(c.createdAt).toLocaleDateString()}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
