/**
 * `/class/:classId/debrief`: the teacher's class debrief (docs/debrief.md "Class debrief") — every
 * match of the session side by side and, when matches ran under different presets, the presets
 * compared: outcomes, betrayals by kind, commitments kept, the winner's reputation against the
 * average, as charts and a table, with prompts for the discussion. Sized to read on a projector.
 * The teacher key is the one this browser holds for the class (teacherKeys.ts).
 */
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { presetName } from "../../../shared/src/debrief/class";
import { getMap } from "../../../shared/src/map/registry";
import { DEFECTION_KINDS } from "../../../shared/src/trust/types";
import type { ClassDebriefMatch, ClassDebriefPreset } from "../../../shared/src/wire/debrief";
import { ApiError } from "../app/api";
import { Link } from "../app/router";
import { powerName } from "../panels/ui";
import { Bars, type BarRow } from "./Bars";
import { getClassDebrief, type ClassDebrief } from "./classApi";
import { teacherKeyFor } from "./teacherKeys";
import "./classroom.css";
import "./debrief-class.css";

/** The colour class of each defection kind. */
const KIND_TONES = { surprise: "bar-surprise", announced: "bar-announced", retaliation: "bar-retaliation" };

/** A share as a percentage, or a dash. */
export function percentWords(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 100)}%`;
}

/** A number with at most one decimal, or a dash. */
function figure(value: number | null): string {
  return value === null ? "—" : String(Math.round(value * 10) / 10);
}

/** The name of each way a match ends, and of a match still running. */
const OUTCOME_NAMES: Readonly<Record<string, string>> = {
  solo: "Solo",
  draw: "Draw",
  "year-limit": "Year limit",
  called: "Time called",
  running: "Running",
};

/** How a match ended, in a few words: "Solo: France", "Draw", "Time called", "Running". */
export function outcomeWords(match: Pick<ClassDebriefMatch, "outcome" | "debrief">): string {
  const { outcome } = match;
  if (outcome === null) return "Running";
  const map = getMap(match.debrief.map);
  const winner = outcome.winner === null ? null : powerName(map, outcome.winner);
  const kind = { solo: "Solo", draw: "Draw", "year-limit": "Year limit", called: "Time called" }[
    outcome.kind
  ];
  if (winner === null) return kind;
  return outcome.kind === "solo" ? `${kind}: ${winner}` : `${kind} · ${winner} leads`;
}

/** Bars of betrayals by kind, one row per match or preset. */
function betrayalRows(rows: readonly { label: string; defections: Record<string, number> }[]): BarRow[] {
  return rows.map((r) => ({
    label: r.label,
    segments: DEFECTION_KINDS.map((kind) => ({
      name: kind,
      value: r.defections[kind] ?? 0,
      tone: KIND_TONES[kind],
    })),
    note: figure(DEFECTION_KINDS.reduce((a, kind) => a + (r.defections[kind] ?? 0), 0)),
  }));
}

/** Bars of the share of commitments kept. */
function keptRows(rows: readonly { label: string; keptShare: number | null }[]): BarRow[] {
  return rows.map((r) => ({
    label: r.label,
    segments: [{ name: "kept", value: r.keptShare ?? 0, tone: "bar-kept" }],
    note: percentWords(r.keptShare),
  }));
}

/** Bars of the winner's reputation (or the leader's) against the average. */
function reputationRows(
  rows: readonly { label: string; winnerReputation: number | null; averageReputation: number }[],
): BarRow[] {
  return rows.flatMap((r) => [
    {
      label: r.label,
      segments: [{ name: "winner's reputation", value: r.winnerReputation ?? 0, tone: "bar-winner" }],
      note: `winner ${figure(r.winnerReputation)}`,
    },
    {
      label: "",
      segments: [{ name: "average reputation", value: r.averageReputation, tone: "bar-average" }],
      note: `average ${figure(r.averageReputation)}`,
    },
  ]);
}

/** The charts of one set of rows (the matches, or the presets). */
function Charts(props: {
  readonly rows: readonly {
    label: string;
    defections: Record<string, number>;
    keptShare: number | null;
    winnerReputation: number | null;
    averageReputation: number;
  }[];
  readonly of: string; // "match" or "preset"
}): ReactNode {
  const { rows, of } = props;
  const words = (r: (typeof rows)[number]) =>
    `${r.label}: ${DEFECTION_KINDS.map((k) => `${figure(r.defections[k] ?? 0)} ${k}`).join(", ")}`;
  return (
    <div className="cd-charts">
      <Bars
        title={of === "preset" ? "Betrayals per match, by kind" : "Betrayals by kind"}
        rows={betrayalRows(rows)}
        summary={rows.map(words).join("; ")}
        testId={`cd-betrayals-${of}`}
      />
      <Bars
        title="Commitments kept (of those that ended)"
        rows={keptRows(rows)}
        max={1}
        format={(v) => `${Math.round(v * 100)}%`}
        summary={rows.map((r) => `${r.label}: ${percentWords(r.keptShare)}`).join("; ")}
        testId={`cd-kept-${of}`}
      />
      <Bars
        title="The winner's reputation and the average"
        rows={reputationRows(rows)}
        summary={rows
          .map(
            (r) => `${r.label}: winner ${figure(r.winnerReputation)}, average ${figure(r.averageReputation)}`,
          )
          .join("; ")}
        testId={`cd-reputation-${of}`}
      />
    </div>
  );
}

/** The table of every match. */
function MatchTable(props: {
  readonly classId: string;
  readonly matches: readonly ClassDebriefMatch[];
}): ReactNode {
  return (
    <div className="cd-table-frame">
      <table className="cd-table" data-testid="cd-matches">
        <caption className="visually-hidden">Every match of the session</caption>
        <thead>
          <tr>
            <th scope="col">Match</th>
            <th scope="col">Preset</th>
            <th scope="col">Outcome</th>
            <th scope="col">Phases</th>
            <th scope="col">Surprise</th>
            <th scope="col">Announced</th>
            <th scope="col">Retaliation</th>
            <th scope="col">Signed</th>
            <th scope="col">Kept</th>
            <th scope="col">Broken</th>
            <th scope="col">Kept %</th>
            <th scope="col">Winner's reputation</th>
            <th scope="col">Average reputation</th>
            <th scope="col">Average centres</th>
            <th scope="col">Leaks</th>
            <th scope="col">Notices</th>
          </tr>
        </thead>
        <tbody>
          {props.matches.map((m) => (
            <tr key={m.matchID}>
              <th scope="row">
                <Link to={`/m/${m.matchID}/debrief?class=${encodeURIComponent(props.classId)}`}>
                  {m.label}
                </Link>
              </th>
              <td>{presetName(m.preset)}</td>
              <td>{outcomeWords(m)}</td>
              <td>{m.phases}</td>
              <td>{m.defections.surprise}</td>
              <td>{m.defections.announced}</td>
              <td>{m.defections.retaliation}</td>
              <td>{m.signed}</td>
              <td>{m.kept}</td>
              <td>{m.broken}</td>
              <td>{percentWords(m.keptShare)}</td>
              <td>{figure(m.winnerReputation)}</td>
              <td>{figure(m.averageReputation)}</td>
              <td>{figure(m.averageCentres)}</td>
              <td>{m.leaks}</td>
              <td>{m.notices}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The table of the presets compared. */
function PresetTable(props: { readonly presets: readonly ClassDebriefPreset[] }): ReactNode {
  return (
    <div className="cd-table-frame">
      <table className="cd-table" data-testid="cd-presets">
        <caption className="visually-hidden">The presets compared</caption>
        <thead>
          <tr>
            <th scope="col">Preset</th>
            <th scope="col">Matches</th>
            <th scope="col">Outcomes</th>
            <th scope="col">Surprise per match</th>
            <th scope="col">Announced per match</th>
            <th scope="col">Retaliation per match</th>
            <th scope="col">Kept %</th>
            <th scope="col">Winner's reputation</th>
            <th scope="col">Average reputation</th>
          </tr>
        </thead>
        <tbody>
          {props.presets.map((p) => (
            <tr key={p.preset}>
              <th scope="row">{presetName(p.preset)}</th>
              <td>{p.matches}</td>
              <td>
                {Object.entries(p.outcomes)
                  .map(([kind, n]) => `${n} ${(OUTCOME_NAMES[kind] ?? kind).toLowerCase()}`)
                  .join(", ")}
              </td>
              <td>{figure(p.defections.surprise)}</td>
              <td>{figure(p.defections.announced)}</td>
              <td>{figure(p.defections.retaliation)}</td>
              <td>{percentWords(p.keptShare)}</td>
              <td>{figure(p.winnerReputation)}</td>
              <td>{figure(p.averageReputation)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The debrief drawn. */
export function ClassDebriefView(props: { readonly debrief: ClassDebrief }): ReactNode {
  const { debrief } = props;
  const presets = debrief.presets.map((p) => ({ ...p, label: presetName(p.preset) }));
  const running = debrief.matches.filter((m) => m.outcome === null).length;
  return (
    <>
      {running > 0 && (
        <p className="cd-running" role="status">
          {running === 1 ? "1 match is still running" : `${running} matches are still running`}: its figures
          stop at its last resolved phase.
        </p>
      )}
      {debrief.prompts.length > 0 && (
        <section className="card cd-prompts" aria-labelledby="cd-prompts-title">
          <h2 id="cd-prompts-title">For discussion</h2>
          <ul data-testid="cd-prompts">
            {debrief.prompts.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      )}
      {presets.length > 1 && (
        <section className="card" aria-labelledby="cd-presets-title">
          <h2 id="cd-presets-title">The presets compared</h2>
          <Charts rows={presets} of="preset" />
          <PresetTable presets={debrief.presets} />
        </section>
      )}
      <section className="card" aria-labelledby="cd-matches-title">
        <h2 id="cd-matches-title">Every match</h2>
        <Charts rows={debrief.matches} of="match" />
        <MatchTable classId={debrief.classId} matches={debrief.matches} />
      </section>
    </>
  );
}

/** What the page holds: loading, the debrief, or why not. */
type Loaded =
  | { readonly kind: "loading" }
  | { readonly kind: "ready"; readonly debrief: ClassDebrief }
  | { readonly kind: "refused"; readonly message: string };

/** The page. */
export function ClassDebriefPage(props: { readonly classId: string }): ReactNode {
  const key = teacherKeyFor(props.classId);
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });
  const load = useCallback(() => {
    if (key === null) return;
    getClassDebrief(props.classId, key).then(
      (debrief) => setLoaded({ kind: "ready", debrief }),
      (e: unknown) =>
        setLoaded({
          kind: "refused",
          message: e instanceof ApiError ? e.message : "The debrief could not be loaded.",
        }),
    );
  }, [key, props.classId]);
  useEffect(load, [load]);
  if (key === null)
    return (
      <div className="page narrow">
        <div className="card">
          <h1>Class debrief</h1>
          <p>
            This browser does not hold the teacher key of this class. Open the secret teacher link you were
            given when you made the class, then come back here from the dashboard.
          </p>
        </div>
      </div>
    );
  return (
    <div className="page cd-page">
      <header className="cd-head">
        <h1>{loaded.kind === "ready" ? `${loaded.debrief.name} · debrief` : "Class debrief"}</h1>
        <div className="actions">
          <Link className="button" to={`/class/${props.classId}/teacher`}>
            Back to the dashboard
          </Link>
          <button type="button" className="button" onClick={load}>
            Refresh
          </button>
        </div>
      </header>
      {loaded.kind === "loading" && <p role="status">Loading the debrief…</p>}
      {loaded.kind === "refused" && (
        <p role="alert" className="cd-refused">
          {loaded.message}
        </p>
      )}
      {loaded.kind === "ready" && <ClassDebriefView debrief={loaded.debrief} />}
    </div>
  );
}
