/**
 * The Commitments panel: propose a commitment (partners, clauses from the builder or free text, a
 * term, public or secret — each shown in plain words with the capacity it will use), and review
 * them — proposals to me (accept, reject), my proposals (withdraw), commitments in force with their
 * wording, term, parties and capacity, and "Give notice" after a dialog that says what notice does.
 * The server's refusals show next to the action that caused them.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode, type SubmitEvent } from "react";
import { eliminatedPowers } from "../../../shared/src/game/phases";
import { centreCounts } from "../../../shared/src/game/position";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { MatchState } from "../../../shared/src/match/types";
import { formatPhase, formatSeason } from "../../../shared/src/newspaper/headlines";
import { phaseOf } from "../../../shared/src/trust/calendar";
import { describeClause, isVerifiable } from "../../../shared/src/trust/clauses";
import { capacityCost, capacityUsed, verificationCapacity } from "../../../shared/src/trust/clauses/capacity";
import { listOf } from "../../../shared/src/trust/clauses/facts";
import { getPreset } from "../../../shared/src/trust/presets";
import type { Clause, Commitment, Preset, SeasonRef } from "../../../shared/src/trust/types";
import type { MatchHandle } from "../game/useMatch";
import {
  BUILDER_KINDS,
  clauseProblem,
  defaultClause,
  KIND_LABELS,
  parseSeasonValue,
  proposalParties,
  seasonsFrom,
  seasonValue,
  type BuilderKind,
} from "./clause-builder";
import { ClauseEditor } from "./ClauseEditor";
import type { PanelProps } from "./types";
import { ConfirmDialog, PowerChip, PowerChips, powerName, Refusal, VisibilityBadge } from "./ui";
import { Help } from "../guide/Help";
import { signed } from "../guide/help-text";
import "./panels.css";

/** What a status means, in a word or two. */
const STATUS_LABELS: Readonly<Record<Commitment["status"], string>> = {
  proposed: "Proposed",
  active: "In force",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  expired: "Expired",
  renounced: "Renounced",
  broken: "Broken",
};

/** A commitment's term in words. */
function termText(c: Pick<Commitment, "until">): string {
  return c.until === null ? "Until renounced" : `Through ${formatSeason(c.until)}`;
}

/** The Commitments panel (CONTRACT.md: propose-*, commitment-*, accept-*, reject-*, withdraw-*, notice-*, capacity). */
export function CommitmentsPanel({ match }: PanelProps) {
  const { G, map, power } = match;
  if (G === null || map === null)
    return <section className="pn-panel pn-empty">Loading the commitments…</section>;
  if (G.settings.pressMode === "none")
    return (
      <section className="pn-panel">
        <h2 className="pn-title">Commitments</h2>
        <p className="pn-note pn-callout">
          This is a no-press (“gunboat”) match: there are no commitments, public or secret.
        </p>
      </section>
    );
  return <Commitments G={G} map={map} power={power} match={match} />;
}

function Commitments({
  G,
  map,
  power,
  match,
}: {
  G: MatchState;
  map: GameMap;
  power: PowerId | null;
  match: MatchHandle;
}) {
  const preset = getPreset(G.settings.preset) ?? getPreset("default")!;
  /** The id of the commitment (or "propose") the last action was about, to place its refusal. */
  const [actedOn, setActedOn] = useState<string | null>(null);
  const [noticeOf, setNoticeOf] = useState<Commitment | null>(null);
  const act = (target: string, move: "accept" | "reject" | "withdraw" | "notice") => {
    setActedOn(target);
    match.act(move, { commitmentId: target });
  };
  const refusalFor = (target: string) =>
    actedOn === target && match.error !== null && match.error.move !== "sync" ? (
      <Refusal error={match.error} onDismiss={match.clearError} />
    ) : null;

  const noticed = new Set(G.notices.map((n) => n.commitmentId));
  const mine = (c: Commitment) => power !== null && c.parties.includes(power);
  const toMe = G.commitments.filter((c) => c.status === "proposed" && mine(c) && c.proposer !== power);
  const byMe = G.commitments.filter((c) => c.status === "proposed" && c.proposer === power);
  const inForce = G.commitments.filter((c) => c.status === "active" && mine(c));
  const elsewhere = G.commitments.filter((c) => c.status === "active" && !mine(c));
  const ended = G.commitments.filter((c) => c.status !== "active" && c.status !== "proposed");

  const card = (c: Commitment, actions: ReactNode) => (
    <CommitmentCard key={c.id} c={c} G={G} map={map} me={power} noticed={noticed.has(c.id)}>
      {actions}
      {refusalFor(c.id)}
    </CommitmentCard>
  );

  return (
    <section className="pn-panel pn-commitments">
      <header className="pn-head">
        <h2 className="pn-title">Commitments</h2>
        {power !== null ? <Capacity G={G} map={map} me={power} preset={preset} /> : null}
      </header>
      {power !== null ? (
        <Help topic="capacity" label="What is verification capacity?" preset={preset} />
      ) : null}

      <div className="pn-cm-grid">
        <div className="pn-cm-lists">
          {power !== null ? (
            <>
              <Section title="Proposed to you" empty="Nothing waits for your answer." count={toMe.length}>
                {toMe.map((c) =>
                  card(
                    c,
                    c.acceptedBy.includes(power) ? (
                      <p className="pn-small">You accepted; waiting for the others.</p>
                    ) : (
                      <div className="pn-actions">
                        <button
                          type="button"
                          className="pn-button pn-primary"
                          data-testid={`accept-${c.id}`}
                          onClick={() => act(c.id, "accept")}
                        >
                          Accept
                        </button>
                        <button
                          type="button"
                          className="pn-button"
                          data-testid={`reject-${c.id}`}
                          onClick={() => act(c.id, "reject")}
                        >
                          Reject
                        </button>
                      </div>
                    ),
                  ),
                )}
              </Section>
              <Section title="In force" empty="You have no commitments in force." count={inForce.length}>
                {inForce.map((c) =>
                  card(
                    c,
                    noticed.has(c.id) ? null : (
                      <div className="pn-actions">
                        <button
                          type="button"
                          className="pn-button pn-warn"
                          data-testid={`notice-${c.id}`}
                          onClick={() => setNoticeOf(c)}
                        >
                          Give notice…
                        </button>
                      </div>
                    ),
                  ),
                )}
              </Section>
              <Section title="Your proposals" empty="No proposals of yours are waiting." count={byMe.length}>
                {byMe.map((c) =>
                  card(
                    c,
                    <div className="pn-actions">
                      <button
                        type="button"
                        className="pn-button"
                        data-testid={`withdraw-${c.id}`}
                        onClick={() => act(c.id, "withdraw")}
                      >
                        Withdraw
                      </button>
                    </div>,
                  ),
                )}
              </Section>
            </>
          ) : null}
          <Section
            title={power === null ? "Public commitments in force" : "Between other powers"}
            empty="No public commitments between other powers."
            count={elsewhere.length}
          >
            {elsewhere.map((c) => card(c, null))}
          </Section>
          {ended.length > 0 ? (
            <details className="pn-ended">
              <summary>Ended, rejected and withdrawn ({ended.length})</summary>
              {[...ended].reverse().map((c) => card(c, null))}
            </details>
          ) : null}
        </div>

        {power !== null && G.result === null ? (
          <ProposeForm
            G={G}
            map={map}
            me={power}
            preset={preset}
            onPropose={(payload) => {
              setActedOn("propose");
              match.act("propose", payload);
            }}
            refusal={refusalFor("propose")}
          />
        ) : null}
      </div>

      {noticeOf !== null ? (
        <ConfirmDialog
          title="Give notice on this commitment?"
          confirmLabel="Give notice"
          confirmTestId="notice-confirm"
          onCancel={() => setNoticeOf(null)}
          onConfirm={() => {
            act(noticeOf.id, "notice");
            setNoticeOf(null);
          }}
        >
          <p>
            Notice renounces the commitment with{" "}
            <PowerChips map={map} powers={noticeOf.parties.filter((p) => p !== power)} />. It stays in force
            until the <strong>end of this phase</strong> ({formatPhase(phaseOf(G.position))}), then it is
            over. The other parties learn of it at once
            {noticeOf.visibility === "public" ? ", and the next paper prints the renunciation" : ""}.
          </p>
          <p>
            If you act against them in this same phase, the paper reports an <strong>announced</strong>{" "}
            defection ({signed(preset.reputation.announcedDefection)} reputation) rather than a{" "}
            <strong>surprise</strong> ({signed(preset.reputation.surpriseDefection)}). From the next phase on,
            it is no defection at all.
          </p>
          <p className="pn-small">Notice cannot be taken back.</p>
          <Help topic="notice" label="What does notice do?" preset={preset} />
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** A titled list with a count, or a line saying it is empty. */
function Section({
  title,
  empty,
  count,
  children,
}: {
  title: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <section className="pn-section">
      <h3 className="pn-subtitle">
        {title}
        {count > 0 ? <span className="pn-count">{count}</span> : null}
      </h3>
      {count === 0 ? <p className="pn-small">{empty}</p> : children}
    </section>
  );
}

/** My verification capacity: used of total, as a bar of units. */
function Capacity({ G, map, me, preset }: { G: MatchState; map: GameMap; me: PowerId; preset: Preset }) {
  const total = verificationCapacity(preset, centreCounts(map, G.position).get(me) ?? 0);
  const used = capacityUsed(G.commitments, me);
  const units = Math.max(total, used);
  return (
    <div
      className={used > total ? "pn-capacity pn-over" : "pn-capacity"}
      title={`Verification capacity ${preset.capacity.base} + ⌊centres ÷ ${preset.capacity.centersPerUnit}⌋: each verifiable clause in force uses one unit of each party's capacity; free text uses none.`}
    >
      <span className="pn-label">Verification capacity</span>
      <span className="pn-capacity-bar" aria-hidden="true">
        {Array.from({ length: units }, (_, i) => (
          <span
            key={i}
            className={i < used ? (i < total ? "pn-unit pn-used" : "pn-unit pn-excess") : "pn-unit"}
          />
        ))}
      </span>
      <span data-testid="capacity" className="pn-capacity-num">
        {used}/{total}
      </span>
    </div>
  );
}

/** One commitment: visibility, parties, status, term, clauses in plain words, capacity, actions. */
function CommitmentCard({
  c,
  G,
  map,
  me,
  noticed,
  children,
}: {
  c: Commitment;
  G: MatchState;
  map: GameMap;
  me: PowerId | null;
  noticed: boolean;
  children: ReactNode;
}) {
  const cost = capacityCost(c.clauses);
  const notices = G.notices.filter((n) => n.commitmentId === c.id);
  const waiting = c.status === "proposed" ? c.parties.filter((p) => !c.acceptedBy.includes(p)) : [];
  return (
    <article className={`pn-card pn-card-${c.visibility}`} data-testid={`commitment-${c.id}`}>
      <header className="pn-card-head">
        <VisibilityBadge visibility={c.visibility} />
        <span className={`pn-status-tag pn-st-${c.status}`}>{STATUS_LABELS[c.status]}</span>
        {noticed ? <span className="pn-status-tag pn-st-notice">Notice given</span> : null}
        {c.exposed ? <span className="pn-status-tag pn-st-broken">Exposed</span> : null}
        <span className="pn-card-id">{c.id}</span>
      </header>
      <div className="pn-card-parties">
        <PowerChips map={map} powers={c.parties} me={me} />
      </div>
      <ol className="pn-clauses">
        {c.clauses.map((clause, i) => (
          <li key={i}>
            <ClauseLine clause={clause} map={map} />
          </li>
        ))}
      </ol>
      <dl className="pn-facts">
        <dt>Term</dt>
        <dd>{termText(c)}</dd>
        <dt>Capacity</dt>
        <dd>
          {cost === 0 ? "none (free text only)" : `${cost} unit${cost === 1 ? "" : "s"} of each party's`}
        </dd>
        <dt>{c.signedAt ? "Signed" : "Proposed"}</dt>
        <dd>
          {formatPhase(c.signedAt ?? c.proposedAt)} by {powerName(map, c.proposer)}
        </dd>
        {waiting.length > 0 ? (
          <>
            <dt>Waiting for</dt>
            <dd>{waiting.map((p) => powerName(map, p)).join(", ")}</dd>
          </>
        ) : null}
        {c.endedAt && c.status !== "active" ? (
          <>
            <dt>Ended</dt>
            <dd>{formatPhase(c.endedAt)}</dd>
          </>
        ) : null}
      </dl>
      {notices.map((n) => (
        <p key={n.by} className="pn-notice-line">
          {powerName(map, n.by)} gave notice in {formatPhase(n.at)}: it ends at the end of this phase.
        </p>
      ))}
      {children}
    </article>
  );
}

/** A clause in plain words, tagged verifiable or free text. */
function ClauseLine({ clause, map }: { clause: Clause; map: GameMap }) {
  const verifiable = isVerifiable(clause);
  return (
    <span className="pn-clause">
      <span className={verifiable ? "pn-kind pn-verifiable" : "pn-kind"}>
        {verifiable ? KIND_LABELS[clause.kind].replace(/ \(.*\)$/, "") : "Free text"}
      </span>
      {verifiable ? describeClause(clause, map) : `“${describeClause(clause, map)}”`}
    </span>
  );
}

/** The payload of the `propose` move. */
interface ProposePayload {
  readonly parties: readonly PowerId[];
  readonly clauses: readonly Clause[];
  readonly until: SeasonRef | null;
  readonly visibility: "public" | "secret";
}

/** The proposal form: partners, clause builder, free text, term, visibility, preview, submit. */
function ProposeForm({
  G,
  map,
  me,
  preset,
  onPropose,
  refusal,
}: {
  G: MatchState;
  map: GameMap;
  me: PowerId;
  preset: Preset;
  onPropose: (payload: ProposePayload) => void;
  refusal: ReactNode;
}) {
  const now: SeasonRef = { year: G.position.year, season: G.position.season };
  const eliminated = useMemo(() => new Set(eliminatedPowers(map, G.position)), [map, G.position]);
  const [chosen, setChosen] = useState<readonly PowerId[]>([]);
  const parties = proposalParties(G.powers, me, chosen);
  const partiesKey = parties.join("+");
  const [kind, setKind] = useState<BuilderKind>("non-aggression");
  const [draft, setDraft] = useState<Clause>(() => defaultClause("non-aggression", me, parties, now));
  const [clauses, setClauses] = useState<readonly Clause[]>([]);
  const [text, setText] = useState("");
  const [until, setUntil] = useState("");
  const publicOnly = G.settings.pressMode === "public";
  const [visibility, setVisibility] = useState<"public" | "secret">("public");
  /** What the last proposal sent said, for the status line that takes the focus after sending. */
  const [sent, setSent] = useState<{ text: string; count: number } | null>(null);
  const sentRef = useRef<HTMLParagraphElement | null>(null);
  const previewRef = useRef<HTMLHeadingElement | null>(null);
  // Sending empties the form and disables Propose: keep the focus where the player is, on the news.
  useEffect(() => {
    if (sent !== null) sentRef.current?.focus();
  }, [sent]);

  // A new set of partners starts the clause on screen afresh, naming them and dated from the
  // current season. (A new phase alone keeps the draft: the season is read, not watched.)
  const season = useRef({ year: G.position.year, season: G.position.season });
  useEffect(() => {
    season.current = { year: G.position.year, season: G.position.season };
  }, [G.position.year, G.position.season]);
  useEffect(() => {
    setDraft(defaultClause(kind, me, partiesKey.split("+"), season.current));
  }, [partiesKey, kind, me]);

  const draftProblem =
    chosen.length === 0 ? "Choose at least one partner first." : clauseProblem(draft, map, parties);
  const textClause: Clause | null = text.trim() === "" ? null : { kind: "text", text: text.trim() };
  const all = textClause ? [...clauses, textClause] : clauses;
  const problems = all.map((c) => clauseProblem(c, map, parties));
  const cost = capacityCost(all);
  const total = verificationCapacity(preset, centreCounts(map, G.position).get(me) ?? 0);
  const used = capacityUsed(G.commitments, me);
  const over = used + cost > total;
  const untilRef = parseSeasonValue(until);
  const blocked =
    chosen.length === 0
      ? "Choose at least one partner."
      : all.length === 0
        ? "Add at least one clause."
        : (problems.find((p) => p !== null) ??
          (over ? "This would take you over your verification capacity." : null));

  const toggle = (p: PowerId) =>
    setChosen((prev) => (prev.includes(p) ? prev.filter((x) => x !== p) : [...prev, p]));

  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (blocked !== null) return;
    onPropose({
      parties: parties.filter((p) => p !== me),
      clauses: all,
      until: untilRef,
      visibility: publicOnly ? "public" : visibility,
    });
    setClauses([]);
    setText("");
    const to = listOf(parties.filter((p) => p !== me).map((p) => powerName(map, p)));
    setSent((prev) => ({
      text: `Proposal sent to ${to} — see “Your proposals”.`,
      count: (prev?.count ?? 0) + 1,
    }));
  };

  return (
    <form className="pn-propose" onSubmit={submit} aria-label="Propose a commitment">
      <h3 className="pn-subtitle">Propose a commitment</h3>

      <fieldset className="pn-step">
        <legend>1 · Partners</legend>
        <div className="pn-inline-set">
          {G.powers
            .filter((p) => p !== me)
            .map((p) => (
              <label key={p} className={eliminated.has(p) ? "pn-check pn-muted" : "pn-check"}>
                <input
                  type="checkbox"
                  data-testid={`propose-party-${p}`}
                  checked={chosen.includes(p)}
                  disabled={eliminated.has(p)}
                  onChange={() => toggle(p)}
                />
                <PowerChip map={map} power={p} />
              </label>
            ))}
        </div>
      </fieldset>

      <fieldset className="pn-step">
        <legend>2 · Clauses</legend>
        <div className="pn-builder">
          <label className="pn-field">
            <span className="pn-label">Verifiable clause</span>
            <select
              data-testid="propose-clause-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as BuilderKind)}
            >
              {BUILDER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <ClauseEditor
            clause={draft}
            onChange={setDraft}
            map={map}
            parties={parties}
            position={G.position}
            now={now}
          />
          <p className={draftProblem === null ? "pn-wording" : "pn-wording pn-pending"}>
            {draftProblem === null ? describeClause(draft, map) : draftProblem}
          </p>
          <div className="pn-row">
            <span className="pn-small">Checked by the game after every phase; uses 1 unit of capacity.</span>
            <button
              type="button"
              className="pn-button"
              data-testid="propose-clause-add"
              disabled={draftProblem !== null}
              onClick={() => {
                setClauses((prev) => [...prev, draft]);
                setDraft(defaultClause(kind, me, parties, now));
              }}
            >
              Add clause
            </button>
          </div>
        </div>
        <label className="pn-field">
          <span className="pn-label">Free text (never judged by the game; uses no capacity)</span>
          <textarea
            data-testid="propose-text"
            value={text}
            rows={2}
            maxLength={500}
            placeholder="e.g. “We split the Balkans next year.”"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      </fieldset>

      <fieldset className="pn-step pn-step-row">
        <legend>3 · Term and visibility</legend>
        <label className="pn-field">
          <span className="pn-label">Term</span>
          <select data-testid="propose-until" value={until} onChange={(e) => setUntil(e.target.value)}>
            <option value="">Until renounced</option>
            {seasonsFrom(now, 12).map((s) => (
              <option key={seasonValue(s)} value={seasonValue(s)}>
                Until {formatSeason(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="pn-field">
          <span className="pn-label">Visibility</span>
          <select
            data-testid="propose-visibility"
            value={publicOnly ? "public" : visibility}
            onChange={(e) => setVisibility(e.target.value === "secret" ? "secret" : "public")}
          >
            <option value="public">Public — the paper reports the signing</option>
            <option value="secret" disabled={publicOnly}>
              Secret — only the parties know
            </option>
          </select>
        </label>
        <div className={`pn-visibility-banner pn-vb-${publicOnly ? "public" : visibility}`}>
          <VisibilityBadge visibility={publicOnly ? "public" : visibility} />
          <span className="pn-small">
            {publicOnly
              ? "This match allows public commitments only."
              : visibility === "secret"
                ? "Known to its parties only — unless a breach exposes it in the paper."
                : "The next edition announces it to every power."}
          </span>
        </div>
      </fieldset>

      <div className="pn-preview" aria-live="polite">
        <h4 className="pn-label" ref={previewRef} tabIndex={-1}>
          What you propose
        </h4>
        {all.length === 0 ? <p className="pn-small">No clauses yet.</p> : null}
        <ol className="pn-clauses">
          {all.map((c, i) => (
            <li key={i}>
              <ClauseLine clause={c} map={map} />
              {problems[i] ? <span className="pn-problem"> — {problems[i]}</span> : null}
              {i < clauses.length ? (
                <button
                  type="button"
                  className="pn-link"
                  aria-label="Remove clause"
                  onClick={() => {
                    setClauses((prev) => prev.filter((_, j) => j !== i));
                    previewRef.current?.focus(); // the button goes with its clause
                  }}
                >
                  remove
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        <p className={over ? "pn-small pn-problem" : "pn-small"}>
          Uses {cost} unit{cost === 1 ? "" : "s"} of each party’s capacity — yours: {used} used of {total}
          {cost > 0 ? `, ${used + cost} of ${total} once in force` : ""}. {termText({ until: untilRef })}.
        </p>
      </div>

      <p
        className="pn-small pn-sent"
        ref={sentRef}
        tabIndex={-1}
        role="status"
        data-testid="propose-sent"
        hidden={sent === null}
      >
        {sent?.text}
      </p>
      <div className="pn-row">
        <span className="pn-small">{blocked ?? ""}</span>
        <button
          type="submit"
          className="pn-button pn-primary"
          data-testid="propose-submit"
          disabled={blocked !== null}
        >
          Propose
        </button>
      </div>
      {refusal}
    </form>
  );
}
