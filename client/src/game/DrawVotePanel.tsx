/**
 * The draw-vote control of the game screen: one slim row under the powers, with the state of the
 * seat's own secret vote and the buttons the engine allows (`drawVoteControl` decides both). A
 * vote is the `drawVote` move, sent through the match handle, online or offline alike; until the
 * view shows it the buttons wait, and a refusal is shown in the row. The keyboard focus stays in the
 * row when the pressed button gives way to the next.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { MatchHandle } from "./useMatch";
import { DRAW_RULE, drawVoteControl } from "./drawVote";

/** The draw vote of a seat (nothing for a spectator, or once the game is over). */
export function DrawVotePanel({ match }: { match: MatchHandle }) {
  const { G, map, power, error, act } = match;
  const control = drawVoteControl(G, map, power);
  const ruleId = useId();
  const [sending, setSending] = useState<boolean | null>(null); // the vote sent, until the view shows it
  const own = G === null || power === null ? undefined : G.drawVotes[power];
  const refused = error?.move === "drawVote" ? error : null;
  const buttonsRef = useRef<HTMLDivElement>(null);
  const refocus = useRef(false); // the pressed button had the focus: give it to the next one

  useEffect(() => {
    if (sending !== null && (own === sending || refused !== null)) setSending(null);
  }, [own, sending, refused]);
  useEffect(() => {
    if (!refocus.current || sending !== null) return;
    refocus.current = false;
    buttonsRef.current?.querySelector("button")?.focus();
  }, [sending]);

  if (control.kind === "hidden") return null;
  if (control.kind === "out")
    return (
      <section className="draw-vote" aria-label="Draw vote" data-testid="draw-vote">
        <span className="draw-vote-text muted small">{control.text}</span>
      </section>
    );

  return (
    <section
      className={`draw-vote ${control.open ? "open" : ""}`}
      aria-label="Draw vote"
      aria-describedby={ruleId}
      data-testid="draw-vote"
    >
      <p className="draw-vote-text" role="status" aria-live="polite" data-testid="draw-vote-status">
        <strong className="draw-vote-kicker">Draw:</strong> {control.text}
      </p>
      <p className="draw-vote-rule muted small" id={ruleId}>
        {DRAW_RULE}
      </p>
      <div className="draw-vote-buttons" ref={buttonsRef}>
        {control.buttons.map((b) => (
          <button
            key={b.id}
            type="button"
            className={`button small-button${b.vote ? "" : " ghost"}`}
            aria-label={b.aria}
            data-testid={`draw-vote-${b.id}`}
            aria-disabled={sending !== null} // not `disabled`: the focus stays on it while the vote goes
            onClick={(e) => {
              if (sending !== null) return;
              refocus.current = document.activeElement === e.currentTarget;
              setSending(b.vote);
              act("drawVote", { vote: b.vote });
            }}
          >
            {b.label}
          </button>
        ))}
      </div>
      {refused !== null && (
        <p className="draw-vote-error" role="alert" data-testid="draw-vote-error">
          {refused.message}
        </p>
      )}
    </section>
  );
}
