/**
 * The host's table controls on the game screen (online, for the match's host only): the invite
 * link to copy again, each open seat with a bot personality to give it to, and each absent
 * player's seat with a bot to stand in until they return. What is offered comes from `hostTable`;
 * each click is the lobby's seat-to-bot route, and its answer (the match's new view) is shown at once.
 */
import { useEffect, useState, type ReactNode } from "react";
import { PERSONALITIES, PERSONALITY_INFO, type Personality } from "../../../shared/src/bots/personality";
import { ApiError, seatToBot, type MatchInfo } from "../app/api";
import { CopyField } from "../app/CopyField";
import { PersonalityNotes } from "../guide/Help";
import { hostSummary, hostTable, type HostSeat } from "./hostTable";
import "./host-panel.css";

/** The host's controls, or nothing for anyone else. */
export function HostPanel(props: {
  readonly info: MatchInfo | null;
  readonly seat: { readonly playerID: string; readonly credentials: string } | null;
  readonly nameOf: (power: string) => string;
  readonly onChanged: (info: MatchInfo) => void;
}): ReactNode {
  const table = hostTable(props.info, props.seat?.playerID ?? null);
  const [busy, setBusy] = useState<string | null>(null); // the seat being handed over
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [unfolded, setUnfolded] = useState(false);
  // Unfolds by itself when a seat newly needs the host (more open or away seats than before).
  const needing = table === null ? 0 : table.open.length + table.away.length;
  const [seen, setSeen] = useState(0);
  useEffect(() => {
    if (needing > seen) setUnfolded(true);
    setSeen(needing);
  }, [needing, seen]);
  if (table === null || props.seat === null || props.info === null) return null;
  const { seat, info } = props;

  const hand = async (target: HostSeat, personality: Personality | null) => {
    setBusy(target.playerID);
    setError(null);
    setDone(null);
    try {
      const answer = await seatToBot(info.matchID, target.playerID, seat, personality);
      props.onChanged(answer.match);
      const who = props.nameOf(target.power);
      setDone(
        answer.given === "bot"
          ? `${who} is now played by a bot (${PERSONALITY_INFO[personality ?? "steady"].name}).`
          : `A bot plays ${who} until ${target.name ?? "its player"} makes a move again.`,
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Something went wrong; please try again.");
    } finally {
      setBusy(null);
    }
  };

  return (
    <details
      className="host-panel bar-fold"
      data-testid="host-panel"
      open={unfolded}
      onToggle={(e) => setUnfolded(e.currentTarget.open)}
    >
      <summary data-testid="host-summary">{hostSummary(table)}</summary>
      <div className="host-body">
        <CopyField
          label="Invite link"
          name="the invite link"
          value={table.invite}
          testId="host-invite-link"
          copyTestId="host-copy-invite"
        />
        {table.open.length > 0 && (
          <section aria-label="Open seats">
            <p className="muted small">
              The clock starts when every seat is taken. A seat nobody takes can go to a bot.
            </p>
            <ul className="host-seats">
              {table.open.map((s) => (
                <OpenSeatRow
                  key={s.playerID}
                  seat={s}
                  name={props.nameOf(s.power)}
                  busy={busy !== null}
                  onGive={(p) => void hand(s, p)}
                />
              ))}
            </ul>
          </section>
        )}
        {table.away.length > 0 && (
          <section aria-label="Players away">
            <ul className="host-seats">
              {table.away.map((s) => (
                <li key={s.playerID} className="host-seat">
                  <span>
                    <strong>{props.nameOf(s.power)}</strong> — {s.name} is away
                  </span>
                  <button
                    type="button"
                    className="button small-button ghost"
                    data-testid={`host-stand-in-${s.playerID}`}
                    aria-disabled={busy !== null}
                    onClick={() => busy === null && void hand(s, null)}
                  >
                    Let a bot play until they return
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <p>
          <a href={`/m/${encodeURIComponent(info.matchID)}/debrief`} data-testid="host-debrief">
            Debrief so far
          </a>{" "}
          <span className="muted small">(what your seat may see, up to the last resolved phase)</span>
        </p>
        <p className="host-status" role="status" aria-live="polite" data-testid="host-status">
          {done}
        </p>
        {error !== null && (
          <p className="form-error" role="alert" data-testid="host-error">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}

/** One open seat: a personality to choose and the button that gives the seat to that bot. */
function OpenSeatRow(props: {
  readonly seat: HostSeat;
  readonly name: string;
  readonly busy: boolean;
  readonly onGive: (personality: Personality) => void;
}): ReactNode {
  const [personality, setPersonality] = useState<Personality>("steady");
  const id = props.seat.playerID;
  return (
    <li className="host-seat">
      <span>
        <strong>{props.name}</strong> — open seat
      </span>
      <span className="host-seat-controls">
        <select
          aria-label={`Bot personality for ${props.name}`}
          data-testid={`host-personality-${id}`}
          value={personality}
          onChange={(e) => setPersonality(e.target.value as Personality)}
        >
          {PERSONALITIES.map((p) => (
            <option key={p} value={p}>
              {PERSONALITY_INFO[p].name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button small-button"
          data-testid={`host-give-bot-${id}`}
          aria-disabled={props.busy}
          onClick={() => !props.busy && props.onGive(personality)}
        >
          Give to a bot
        </button>
      </span>
      <PersonalityNotes chosen={[personality]} testId={`host-personality-note-${id}`} />
    </li>
  );
}
