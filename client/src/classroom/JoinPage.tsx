/**
 * `/join` and `/join/:code`: a student joins a class. `/join` asks for the code the teacher shows
 * (any case; spaces and dashes are fine); `/join/:code` looks the class up at once. The preview
 * names the class (its name, the map, how many have joined) and says plainly whether the teacher
 * may read private messages — all before the student types a name, and without joining anyone:
 * only the Join button joins (a chat app's link preview opening the link changes nothing). The
 * student types a name or picks one from the teacher's roster; the class seat is kept in this
 * browser (`classSeats.ts`) and the student goes to the waiting room.
 */
import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from "react";
import { getMap } from "../../../shared/src/map/registry";
import { ApiError } from "../app/api";
import { NAME_MISSING, NameField, nameFixed } from "../app/fields";
import { Link, navigate } from "../app/router";
import { joinClass, previewClass, type ClassPreview } from "./classApi";
import { loadClassSeats, saveClassSeat, type ClassSeat } from "./classSeats";
import { spacedCode } from "./dashboard";
import { joinedText, joinRefusal, pressNotice, readJoinCode } from "./student";
import "./student.css";

/** The join page: the code form, or the class the code names. */
export function JoinPage({ code }: { code?: string }): ReactNode {
  if (code === undefined) return <CodeForm initial="" error={null} />;
  const reading = readJoinCode(code);
  if (!reading.ok) return <CodeForm initial={code} error={reading.message} />;
  return <ClassPreviewView key={reading.code} code={reading.code} />;
}

/** "Type the code": the student's first step at `/join` (and again after a code that names no class). */
function CodeForm({ initial, error }: { initial: string; error: string | null }): ReactNode {
  const [typed, setTyped] = useState(initial);
  const [problem, setProblem] = useState<string | null>(error);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (error !== null) input.current?.focus();
  }, [error]);

  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reading = readJoinCode(typed);
    if (!reading.ok) {
      setProblem(reading.message);
      input.current?.focus();
      return;
    }
    navigate(`/join/${reading.code}`);
  };

  return (
    <div className="page narrow class-join">
      <div className="card">
        <p className="kicker">Join a class</p>
        <h1>Type your class code</h1>
        <p className="muted">Your teacher shows it on the screen or the board: six letters and digits.</p>
        <form className="class-code-form" onSubmit={submit} noValidate>
          <label className="field">
            <span>Class code</span>
            <input
              ref={input}
              data-testid="class-join-code"
              className="class-code-input"
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                if (problem !== null) setProblem(null);
              }}
              placeholder="e.g. ABC 234"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
              aria-invalid={problem !== null ? true : undefined}
              aria-describedby={problem !== null ? "class-join-code-error" : undefined}
            />
          </label>
          {problem !== null && (
            <p
              className="banner banner-error"
              role="alert"
              id="class-join-code-error"
              data-testid="class-join-code-error"
            >
              {problem}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary" data-testid="class-join-code-submit">
              Find my class
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

/** The class a code names, with the name form; or why it could not be shown. */
function ClassPreviewView({ code }: { code: string }): ReactNode {
  const [preview, setPreview] = useState<ClassPreview | null>(null);
  const [failed, setFailed] = useState<{ code: string; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setFailed(null);
    previewClass(code)
      .then((p) => live && setPreview(p))
      .catch(
        (e: unknown) =>
          live &&
          setFailed(
            e instanceof ApiError ? { code: e.code, message: e.message } : { code: "error", message: "" },
          ),
      );
    return () => {
      live = false;
    };
  }, [code, attempt]);

  if (failed !== null) {
    const refusal = joinRefusal(failed.code, failed.message || "Could not look the class up.");
    if (refusal.askFor === "code") return <CodeForm initial={spacedCode(code)} error={refusal.text} />;
    return (
      <div className="page narrow class-join">
        <div className="card">
          <h1>Could not look the class up</h1>
          <p className="banner banner-error" role="alert" data-testid="class-join-preview-error">
            {refusal.text}
          </p>
          <div className="actions">
            <button type="button" className="button primary" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </div>
        </div>
      </div>
    );
  }
  if (preview === null)
    return (
      <div className="page narrow muted" role="status">
        Looking up class {spacedCode(code)}…
      </div>
    );
  if (preview.status === "ended")
    return <CodeForm initial={spacedCode(code)} error={joinRefusal("class-ended", "").text} />;
  return <NameForm code={code} preview={preview} />;
}

/** The class named, what joining means, and the name form. */
function NameForm({ code, preview }: { code: string; preview: ClassPreview }): ReactNode {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const [already] = useState<ClassSeat | null>(
    () =>
      loadClassSeats()
        .filter((s) => s.code === code && s.className === preview.name)
        .pop() ?? null,
  );
  const map = getMap(preview.map);

  if (codeError !== null) return <CodeForm initial={spacedCode(code)} error={codeError} />;

  const submit = async (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const who = name.trim();
    if (who === "") {
      setError(NAME_MISSING);
      nameInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await joinClass(code, who);
      saveClassSeat({ ...answer, name: who, className: preview.name, code, matchId: null });
      navigate(`/class/${encodeURIComponent(answer.classId)}/s/${encodeURIComponent(answer.studentId)}`);
    } catch (err) {
      const refusal =
        err instanceof ApiError
          ? joinRefusal(err.code, err.message)
          : joinRefusal("error", "Something went wrong; please try again.");
      if (refusal.askFor === "code") setCodeError(refusal.text);
      else {
        setError(refusal.text);
        nameInput.current?.focus();
      }
      setBusy(false);
    }
  };

  return (
    <div className="page narrow class-join">
      <div className="card" data-testid="class-join-preview">
        <p className="kicker">Join the class · code {spacedCode(code)}</p>
        <h1 data-testid="class-join-title">{preview.name}</h1>
        <p className="muted" data-testid="class-join-facts">
          {map?.name ?? preview.map} ·{" "}
          {preview.studentsPerPower === 1
            ? "one student per power"
            : `${preview.studentsPerPower} students per power, in teams`}{" "}
          · <span data-testid="class-join-count">{joinedText(preview.students)}</span>
        </p>
        <p
          className={`banner ${preview.teacherReadsPress ? "banner-warn" : "banner-info"} class-press-notice`}
          data-testid="class-join-press"
        >
          <strong>{preview.teacherReadsPress ? "Not private: " : "Private: "}</strong>
          {pressNotice(preview.teacherReadsPress)}
        </p>
        {preview.status === "running" && (
          <p className="muted small" data-testid="class-join-running">
            The class has started: you will take over a power a bot plays, or watch a match.
          </p>
        )}
        {already !== null && (
          <p className="banner banner-info" data-testid="class-join-already">
            This browser joined this class as <strong>{already.name}</strong>.{" "}
            <Link
              to={`/class/${encodeURIComponent(already.classId)}/s/${encodeURIComponent(already.studentId)}`}
            >
              Go back to your seat
            </Link>
          </p>
        )}
        <form className="class-name-form" onSubmit={(e) => void submit(e)} noValidate>
          <NameField
            testId="class-join-name"
            value={name}
            onChange={(v) => {
              setName(v);
              if (nameFixed(error, v) || (error !== null && error !== NAME_MISSING)) setError(null);
            }}
            placeholder="e.g. Ana B."
            errorId={error !== null ? "class-join-error" : undefined}
            inputRef={nameInput}
          />
          {preview.roster.length > 0 && (
            <fieldset className="class-roster">
              <legend>Or pick your name from the class list</legend>
              <div className="class-roster-names">
                {preview.roster.map((n, i) => (
                  <button
                    key={n}
                    type="button"
                    className={`button small-button ${name === n ? "primary" : "ghost"}`}
                    aria-pressed={name === n}
                    data-testid={`class-join-roster-${i}`}
                    onClick={() => {
                      setName(n);
                      setError(null);
                    }}
                  >
                    {n}
                  </button>
                ))}
              </div>
            </fieldset>
          )}
          {error !== null && (
            <p
              className="banner banner-error"
              role="alert"
              id="class-join-error"
              data-testid="class-join-error"
            >
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary" data-testid="class-join-submit" disabled={busy}>
              {busy ? "Joining…" : "Join the class"}
            </button>
          </div>
          <p className="muted small">
            Joining keeps your seat in this browser. Your teacher sees your name and puts you in a match.
          </p>
        </form>
      </div>
    </div>
  );
}
