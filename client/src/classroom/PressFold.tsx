/**
 * "Read press" on a match's card: the match's private press, loaded when the fold opens (and on
 * Refresh). Shown only when the session said up front that the teacher reads private press.
 */
import { useState, type ReactNode } from "react";
import type { GameMap } from "../../../shared/src/map/types";
import { ApiError } from "../app/api";
import { teacherPress, type TeacherPressAnswer } from "./classApi";
import { powerNameOn } from "./controls";

/** "Read press": the match's private press, loaded when the fold opens (and on Refresh). */
export function PressFold(props: {
  readonly classId: string;
  readonly teacherKey: string;
  readonly matchId: string;
  readonly number: number;
  readonly map: GameMap | null;
}): ReactNode {
  const [press, setPress] = useState<TeacherPressAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setLoading(true);
    setError(null);
    try {
      setPress(await teacherPress(props.classId, props.teacherKey, props.matchId));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not load the press; try again.");
    } finally {
      setLoading(false);
    }
  };
  const name = (p: string) => powerNameOn(props.map, p);
  return (
    <details
      className="cls-press"
      data-testid={`class-press-${props.number}`}
      onToggle={(e) => {
        if (e.currentTarget.open && press === null && !loading) void load();
      }}
    >
      <summary>Read press</summary>
      <div className="cls-press-body">
        <button type="button" className="button small-button" disabled={loading} onClick={() => void load()}>
          {loading ? "Loading…" : "Refresh"}
        </button>
        {error !== null && (
          <span className="cls-refusal" role="alert">
            {error}
          </span>
        )}
        {press !== null &&
          (press.press.length === 0 ? (
            <p className="muted small">No press yet.</p>
          ) : (
            <ol className="cls-press-list">
              {[...press.press].reverse().map((item) => (
                <li key={item.id}>
                  <span className="cls-press-who">
                    {name(item.from)} →{" "}
                    {item.kind === "communique" ? "everyone" : item.to.map(name).join(", ")}
                  </span>{" "}
                  <span className="muted small">
                    {item.at.season} {item.at.year}
                  </span>
                  <p>{item.text}</p>
                </li>
              ))}
            </ol>
          ))}
      </div>
    </details>
  );
}
