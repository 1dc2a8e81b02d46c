/**
 * A team's fold on the game screen (several students on one power): the teammates with a dot for
 * who is connected, the team's private chat (Enter sends; a refusal shows its reason and keeps the
 * text), and who drafted each order this phase ("A Par–Bur · drafted by Ana"). Folded, it counts
 * the teammates' messages not yet seen. It sits in the band of tools under the powers (under the
 * tabs on a phone), like the other folds of a seat.
 */
import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from "react";
import { classTextSchema, MAX_CLASS_TEXT, type TeamMessage } from "../../../shared/src/wire";
import { ApiError } from "../app/api";
import { sendTeamChat, type StudentView } from "./classApi";
import { draftLine, draftsInOrder, sentence, teammatesText } from "./student";
import type { StudentKeyed } from "./useStudentView";

/**
 * What each student's fold holds, kept outside the component: the game screen mounts it in another
 * place when the window crosses the phone width, and an open fold or a half-typed message must
 * survive that.
 */
const kept = new Map<string, { open: boolean; draft: string; seen: number }>();

/** The team's fold. */
export function TeamPanel({ view, who }: { view: StudentView; who: StudentKeyed }): ReactNode {
  const keep = kept.get(who.studentId) ?? { open: false, draft: "", seen: -1 };
  const [open, setOpenState] = useState(keep.open);
  const [text, setTextState] = useState(keep.draft);
  const [seen, setSeenState] = useState(keep.seen);
  const [sent, setSent] = useState<TeamMessage[]>([]); // sent here, until the view carries them
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const log = useRef<HTMLOListElement>(null);
  const remember = (patch: Partial<{ open: boolean; draft: string; seen: number }>) =>
    kept.set(who.studentId, { ...(kept.get(who.studentId) ?? keep), ...patch });
  const setOpen = (next: boolean) => {
    remember({ open: next });
    setOpenState(next);
  };
  const setText = (next: string) => {
    remember({ draft: next });
    setTextState(next);
  };

  const inView = new Set(view.teamChat.map((m) => m.id));
  const messages = [...view.teamChat, ...sent.filter((m) => !inView.has(m.id))].sort((a, b) => a.id - b.id);
  const newest = messages[messages.length - 1]?.id ?? -1;
  const unseen = messages.filter((m) => m.id > seen && m.studentId !== view.studentId).length;

  // Open, the newest message is seen and in view.
  const studentId = who.studentId;
  useEffect(() => {
    if (!open || newest <= seen) return;
    const held = kept.get(studentId);
    if (held !== undefined) kept.set(studentId, { ...held, seen: newest });
    setSeenState(newest);
  }, [open, newest, seen, studentId]);
  useEffect(() => {
    const list = log.current;
    if (open && list !== null) list.scrollTop = list.scrollHeight;
  }, [open, newest]);

  const send = async (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    const checked = classTextSchema.safeParse(text);
    if (!checked.success) {
      if (text.trim() !== "")
        setError(sentence(`The message ${checked.error.issues[0]?.message ?? "was refused"}`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await sendTeamChat(who.classId, who.studentId, who.studentKey, checked.data);
      setSent((s) => [...s, answer.sent]);
      setText("");
    } catch (err) {
      setError(
        err instanceof ApiError
          ? `Not sent: ${sentence(err.message)}`
          : "Not sent: something went wrong. Try again.",
      );
    } finally {
      setBusy(false);
    }
  };

  const mates = teammatesText(view.team, view.studentId);
  const drafts = draftsInOrder(view.drafts);
  return (
    <details
      className="bar-fold team-panel"
      data-testid="team-panel"
      open={open}
      onToggle={(e) => {
        const fold = e.currentTarget;
        setOpen(fold.open);
        if (fold.open) window.requestAnimationFrame(() => fold.scrollIntoView({ block: "nearest" }));
      }}
    >
      <summary data-testid="team-panel-open">
        Your team{mates !== null ? ` · ${mates}` : ""}
        {unseen > 0 && (
          <span className="badge" data-testid="team-unseen" aria-label={`${unseen} new team messages`}>
            {unseen}
          </span>
        )}
      </summary>
      <div className="team-panel-body">
        <section className="team-chat" aria-label="Team chat">
          <h3>Team chat</h3>
          <ul className="team-members" aria-label="Your team">
            {view.team.map((m) => (
              <li key={m.studentId} data-testid={`team-member-${m.studentId}`}>
                <span className={`team-dot ${m.connected ? "on" : "off"}`} aria-hidden />
                {m.name}
                {m.studentId === view.studentId && <span className="muted"> (you)</span>}
                <span className="visually-hidden">{m.connected ? ", connected" : ", away"}</span>
              </li>
            ))}
          </ul>
          <p className="muted small">Only your team reads this.</p>
          {messages.length === 0 ? (
            <p className="muted small" data-testid="team-chat-empty">
              No messages yet. Plan your moves together here.
            </p>
          ) : (
            <ol className="team-chat-log" ref={log} aria-live="polite" data-testid="team-chat-log">
              {messages.map((m) => (
                <li
                  key={m.id}
                  className={m.studentId === view.studentId ? "mine" : ""}
                  data-testid="team-chat-message"
                >
                  <span className="team-chat-who">{m.studentId === view.studentId ? "You" : m.name}</span>{" "}
                  <time className="muted small" dateTime={new Date(m.at).toISOString()}>
                    {new Date(m.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
                  </time>
                  <span className="team-chat-text">{m.text}</span>
                </li>
              ))}
            </ol>
          )}
          <form className="team-chat-form" onSubmit={(e) => void send(e)} noValidate>
            <input
              data-testid="team-chat-text"
              aria-label="Message to your team"
              placeholder="Message your team (Enter sends)"
              value={text}
              maxLength={MAX_CLASS_TEXT}
              onChange={(e) => {
                setText(e.target.value);
                if (error !== null) setError(null);
              }}
            />
            <button
              type="submit"
              className="button small-button primary"
              data-testid="team-chat-send"
              disabled={busy}
            >
              {busy ? "Sending…" : "Send"}
            </button>
          </form>
          {error !== null && (
            <p className="field-error" role="alert" data-testid="team-chat-error">
              {error}
            </p>
          )}
        </section>
        <section className="team-drafts" aria-label="Drafted orders">
          <h3>Orders drafted this phase</h3>
          {drafts.length === 0 ? (
            <p className="muted small">Nobody has drafted an order yet this phase.</p>
          ) : (
            <ul>
              {drafts.map((d) => (
                <li key={d.unit} data-testid="team-draft">
                  {draftLine(d, view.studentId)}
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">
            Any of you may change an order; the last one drafted counts. One Ready is enough.
          </p>
        </section>
      </div>
    </details>
  );
}
