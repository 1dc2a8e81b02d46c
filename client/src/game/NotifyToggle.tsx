/**
 * The seat's "Notify me" switch in the game bar (online matches): the browser is asked for its
 * permission only when the player presses it; pressed again, notifications stop. A browser that
 * blocks notifications for the site gets a sentence saying so instead of a button that does
 * nothing; a browser without notifications shows nothing.
 */
import { useState } from "react";
import type { NotifyChoice } from "./useNotifications";
import "./notify.css";

/** What the notifications tell, for the button's description. */
const WHAT =
  "New messages, proposals, notices, a resolved phase and the last two minutes, while this page is out of sight.";

/** Why there is no switch, in full (the bar shows two words; this is their title and spoken text). */
const BLOCKED =
  "your browser blocks notifications for this site; allow them in the browser's site settings to be told when it is your move";

/** The switch, or why there is none. */
export function NotifyToggle({ choice }: { choice: NotifyChoice }) {
  const [asking, setAsking] = useState(false);
  if (choice.permission === "unavailable") return null;
  if (choice.permission === "denied")
    return (
      <span className="notify-blocked" data-testid="notify-blocked" title={BLOCKED}>
        Notifications blocked
        <span className="visually-hidden">: {BLOCKED}</span>
      </span>
    );
  const onClick = () => {
    if (choice.on) {
      choice.turnOff();
      return;
    }
    setAsking(true);
    void choice.turnOn().finally(() => setAsking(false));
  };
  return (
    <button
      type="button"
      className={`notify-toggle ${choice.on ? "on" : ""}`}
      aria-pressed={choice.on}
      aria-busy={asking}
      title={WHAT}
      data-testid="notify-toggle"
      onClick={onClick}
    >
      <span className="bell" aria-hidden />
      Notify me
      <span className="notify-state" aria-hidden>
        {choice.on ? "on" : "off"}
      </span>
    </button>
  );
}
