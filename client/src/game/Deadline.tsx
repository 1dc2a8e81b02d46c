/**
 * The phase deadline as a live countdown ("4:32 left"), from the lobby's `deadline` (the server's
 * time) and the server's clock offset, so a browser whose clock is off still counts right.
 */
import { useEffect, useState } from "react";
import { msLeft } from "./serverClock";

/** Formats milliseconds left. */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 3600) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  const h = Math.floor(s / 3600);
  if (h < 48) return `${h} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/**
 * The countdown. `waiting` explains a missing clock (open seats); `offset` is how far the server's
 * clock is ahead of this browser's (`serverClock.ts`; default 0).
 */
export function Deadline({
  deadline,
  waiting,
  offset = 0,
}: {
  deadline: number | null;
  waiting: string | null;
  offset?: number;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, [deadline]);
  if (deadline === null)
    return (
      <span className="deadline idle" data-testid="deadline">
        {waiting ?? "No deadline"}
      </span>
    );
  const left = msLeft(deadline, now, offset);
  const urgent = left < 60_000;
  return (
    <span
      className={`deadline ${urgent ? "urgent" : ""}`}
      data-testid="deadline"
      title={`Deadline: ${new Date(deadline - offset).toLocaleString()}`}
    >
      <span className="clock" aria-hidden /> {left <= 0 ? "Resolving…" : `${formatLeft(left)} left`}
    </span>
  );
}
