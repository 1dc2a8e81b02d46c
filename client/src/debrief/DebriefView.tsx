/**
 * A match debrief drawn from a `MatchDebrief` alone (docs/debrief.md), so a record viewer or the
 * class debrief can embed it: the outcome and final scores, centres, reputation and prestige over
 * time (the end screen's and the newspaper's charts, each with its figures as a table), commitments
 * and defections per power, the alliance network phase by phase, the betrayal timeline, notices,
 * leaks, draw votes, and the prompts for discussion.
 */
import type { ReactNode } from "react";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { DebriefStanding, MatchDebrief } from "../../../shared/src/wire/debrief";
import { CentreChart } from "../game/CentreChart";
import { powerColor } from "../panels/colors";
import { StandingChart } from "../panels/StandingChart";
import {
  centrePoints,
  KIND_WORDS,
  nameOf,
  namesOf,
  outcomeWords,
  phaseWords,
  signed,
  standingPoints,
} from "./debriefData";
import { DebriefNetwork } from "./DebriefNetwork";
import "../panels/panels.css";
import "./debrief.css";

/** A power's name with its colour swatch. */
function Power({ map, power }: { map: GameMap; power: PowerId }) {
  return (
    <span className="db-power">
      <span className="db-swatch" style={{ background: powerColor(map, power) }} aria-hidden="true" />
      {nameOf(map, power)}
    </span>
  );
}

/** A section of the debrief with its heading. */
function Section({
  id,
  title,
  children,
  wide,
}: {
  id: string;
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <section
      className={`db-section${wide === true ? " db-wide" : ""}`}
      aria-labelledby={`${id}-title`}
      data-testid={id}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** A table that scrolls sideways on a narrow screen. */
function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="db-table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/** The final (or latest) standing and scores, best score (else most centres) first. */
function Scores({ debrief, map }: { debrief: MatchDebrief; map: GameMap }) {
  const rows = [...debrief.byPower].sort(
    (a, b) => (b.score ?? 0) - (a.score ?? 0) || b.centres - a.centres || b.reputation - a.reputation,
  );
  const scored = debrief.byPower.some((p) => p.score !== null);
  return (
    <TableWrap label="Final scores">
      <table className="db-table" data-testid="debrief-scores">
        <caption className="visually-hidden">Every power's centres, reputation, prestige and score</caption>
        <thead>
          <tr>
            <th scope="col">Power</th>
            <th scope="col">Centres</th>
            <th scope="col">Reputation</th>
            <th scope="col">Prestige</th>
            {scored && <th scope="col">Score</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.power} data-testid={`debrief-score-${p.power}`}>
              <th scope="row">
                <Power map={map} power={p.power} />
                {debrief.outcome?.winner === p.power && <span className="db-badge">winner</span>}
              </th>
              <td className="db-num">{p.centres}</td>
              <td className="db-num">{p.reputation}</td>
              <td className="db-num">{p.prestige}</td>
              {scored && (
                <td className="db-num">{p.score === null ? "—" : Math.round(p.score * 100) / 100}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** One measure after every phase, as a table (the charts' text alternative). */
function MeasureTable({
  debrief,
  map,
  measure,
}: {
  debrief: MatchDebrief;
  map: GameMap;
  measure: "centres" | "reputation" | "prestige";
}) {
  const label = `${measure[0]!.toUpperCase()}${measure.slice(1)} after each phase`;
  return (
    <TableWrap label={label}>
      <table className="db-table db-compact" data-testid={`debrief-table-${measure}`}>
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">After</th>
            {debrief.powers.map((p) => (
              <th scope="col" key={p}>
                {nameOf(map, p)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {debrief.standings.map((s: DebriefStanding, i) => (
            <tr key={s.phase?.key ?? `start-${i}`}>
              <th scope="row">{phaseWords(s.phase)}</th>
              {debrief.powers.map((p) => (
                <td className="db-num" key={p}>
                  {s[measure][p] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Centres, reputation and prestige over time, with their figures as tables. */
function OverTime({ debrief, map }: { debrief: MatchDebrief; map: GameMap }) {
  return (
    <>
      <div className="db-charts">
        <CentreChart points={centrePoints(debrief.standings)} powers={debrief.powers} map={map} me={null} />
        <StandingChart
          points={standingPoints(debrief.standings)}
          powers={debrief.powers}
          map={map}
          me={null}
        />
      </div>
      <details className="db-details">
        <summary data-testid="debrief-tables-open">The figures as tables</summary>
        <MeasureTable debrief={debrief} map={map} measure="centres" />
        <MeasureTable debrief={debrief} map={map} measure="reputation" />
        <MeasureTable debrief={debrief} map={map} measure="prestige" />
      </details>
    </>
  );
}

/** Commitments and defections per power. */
function PerPower({ debrief, map }: { debrief: MatchDebrief; map: GameMap }) {
  return (
    <TableWrap label="Commitments and defections per power">
      <table className="db-table" data-testid="debrief-powers">
        <caption className="visually-hidden">
          Per power: commitments signed, kept, broken and renounced; defections made by kind and suffered;
          notices; leaks
        </caption>
        <thead>
          <tr>
            <th scope="col">Power</th>
            <th scope="col">Signed</th>
            <th scope="col">Kept</th>
            <th scope="col">Broken</th>
            <th scope="col">Renounced</th>
            <th scope="col">Surprise</th>
            <th scope="col">Announced</th>
            <th scope="col">Retaliation</th>
            <th scope="col">Suffered</th>
            <th scope="col">Notices</th>
            <th scope="col">Leaks</th>
          </tr>
        </thead>
        <tbody>
          {debrief.byPower.map((p) => (
            <tr key={p.power} data-testid={`debrief-power-${p.power}`}>
              <th scope="row">
                <Power map={map} power={p.power} />
              </th>
              {[
                p.signed,
                p.kept,
                p.broken,
                p.renounced,
                p.defections.surprise,
                p.defections.announced,
                p.defections.retaliation,
                p.suffered,
                p.notices,
                p.leaks,
              ].map((n, i) => (
                <td className="db-num" key={i}>
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** What became of a commitment, in words. */
const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  kept: "kept to the end",
  broken: "broken",
  renounced: "renounced by notice",
  "in-force": "still in force",
  "never-signed": "never signed",
};

/** Every commitment the reader may see, folded. */
function Commitments({ debrief, map }: { debrief: MatchDebrief; map: GameMap }) {
  if (debrief.commitments.length === 0) return null;
  return (
    <details className="db-details">
      <summary data-testid="debrief-commitments-open">
        Every commitment ({debrief.commitments.length})
      </summary>
      <ul className="db-commitments" data-testid="debrief-commitments">
        {debrief.commitments.map((c) => (
          <li key={c.id}>
            <strong>{namesOf(map, c.parties)}</strong>
            {c.visibility === "secret" ? " (secret)" : ""}: {c.clauses.join("; ")} — proposed by{" "}
            {nameOf(map, c.proposer)} in {c.proposedAt.label}
            {c.signedAt === null ? "" : `, signed in ${c.signedAt.label}`}
            {c.endedAt === null ? "" : `, ended in ${c.endedAt.label}`}:{" "}
            {OUTCOME_WORDS[c.outcome] ?? c.outcome}.
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Every defection in order: who against whom, how, what they did, who learned it from the paper, the cost. */
function Timeline({ debrief, map }: { debrief: MatchDebrief; map: GameMap }) {
  if (debrief.defections.length === 0) return <p className="db-none">No power broke its word.</p>;
  return (
    <ol className="db-timeline" data-testid="debrief-timeline">
      {debrief.defections.map((d, i) => (
        <li key={i} className={`db-event db-${d.kind}`} data-testid="debrief-defection">
          <p className="db-event-head">
            <span className="db-when">{d.phase.label}</span>{" "}
            <strong>
              <Power map={map} power={d.by} /> against <Power map={map} power={d.against} />
            </strong>{" "}
            <span className="db-kind">{KIND_WORDS[d.kind] ?? d.kind}</span>
          </p>
          <ul className="db-acts">
            {d.acts.map((a, j) => (
              <li key={j}>{a}</li>
            ))}
          </ul>
          <p className="db-event-foot">
            {d.learnedFromPaper.length > 0 && (
              <span className="db-paper" data-testid="debrief-learned">
                {namesOf(map, d.learnedFromPaper)} learned it from the paper.
              </span>
            )}{" "}
            {d.reported ? "" : <span className="db-unreported">The paper did not report it.</span>}{" "}
            <span className="db-cost">
              Cost: reputation {signed(d.reputationCost)} for {nameOf(map, d.by)}, prestige{" "}
              {signed(d.prestigeCost)} for {nameOf(map, d.against)}.
            </span>
          </p>
        </li>
      ))}
    </ol>
  );
}

/** Notices, leaks and draw votes, each a short list. */
function Lists({ debrief, map }: { debrief: MatchDebrief; map: GameMap }) {
  return (
    <div className="db-lists">
      <div data-testid="debrief-notices">
        <h3>Notices given</h3>
        {debrief.notices.length === 0 ? (
          <p className="db-none">None.</p>
        ) : (
          <ul>
            {debrief.notices.map((n, i) => (
              <li key={i}>
                {n.phase.label}: {nameOf(map, n.by)} gave notice on {n.commitment}
                {n.parties.length > 0
                  ? ` (with ${namesOf(
                      map,
                      n.parties.filter((p) => p !== n.by),
                    )})`
                  : ""}
                .
              </li>
            ))}
          </ul>
        )}
      </div>
      <div data-testid="debrief-leaks">
        <h3>Leaks</h3>
        {debrief.leaks.length === 0 ? (
          <p className="db-none">None.</p>
        ) : (
          <ul>
            {debrief.leaks.map((l, i) => (
              <li key={i}>
                {l.phase.label}: {nameOf(map, l.leaker)} leaked a letter from {nameOf(map, l.sender)}
                {l.exposesBrokenPromise ? ", exposing a broken promise" : ""}.
              </li>
            ))}
          </ul>
        )}
      </div>
      <div data-testid="debrief-draw-votes">
        <h3>Draw votes</h3>
        {debrief.drawVotes.length === 0 ? (
          <p className="db-none">None{debrief.view === "seat" ? " that your seat may see" : ""}.</p>
        ) : (
          <ul>
            {debrief.drawVotes.map((v, i) => (
              <li key={i}>
                {v.phase.label}: {nameOf(map, v.power)} voted {v.vote ? "for" : "against"} a draw.
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** The whole debrief of a match (`debrief`). */
export function DebriefView({ debrief, map }: { debrief: MatchDebrief; map: GameMap }) {
  return (
    <div className="db-view" data-testid="debrief">
      <header className="db-head">
        <h1 data-testid="debrief-title">Match debrief</h1>
        <p className="db-lead" data-testid="debrief-outcome">
          {outcomeWords(debrief, map)}
        </p>
        <p className="db-small">
          {map.name} map · {debrief.preset} rules · {debrief.standings.length - 1} phases resolved
          {debrief.view === "seat" ? " · you see what your seat sees, not other seats' secrets" : ""}
        </p>
      </header>
      <div className="db-grid">
        <Section id="debrief-discussion" title="For discussion">
          <ol className="db-prompts" data-testid="debrief-prompts">
            {debrief.prompts.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ol>
        </Section>
        <Section id="debrief-final" title={debrief.ended ? "Final scores" : "Standing so far"}>
          <Scores debrief={debrief} map={map} />
        </Section>
        <Section id="debrief-time" title="Over time" wide>
          <OverTime debrief={debrief} map={map} />
        </Section>
        <Section id="debrief-promises" title="Promises per power" wide>
          <PerPower debrief={debrief} map={map} />
          <Commitments debrief={debrief} map={map} />
        </Section>
        <Section id="debrief-alliances" title="The alliance network">
          <DebriefNetwork debrief={debrief} map={map} />
        </Section>
        <Section id="debrief-betrayals" title="Betrayals">
          <Timeline debrief={debrief} map={map} />
        </Section>
        <Section id="debrief-more" title="Notices, leaks and draw votes" wide>
          <Lists debrief={debrief} map={map} />
        </Section>
      </div>
    </div>
  );
}
