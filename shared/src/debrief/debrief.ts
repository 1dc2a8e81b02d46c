/**
 * A match's debrief (docs/debrief.md): what a match came to, built from its `DebriefSource` — the
 * state after each resolved phase and the actions the reader may see — as the one shape of
 * shared/src/wire/debrief.ts. Pure: the same source and map give the same debrief.
 */
import { centreCounts, phaseKey } from "../game/position";
import type { GameMap, PowerId } from "../map/types";
import type { MatchState } from "../match/types";
import { clausesSummary } from "../newspaper/headlines";
import type { Edition, NewsEvent } from "../newspaper/types";
import { phaseName, samePhase } from "../trust/calendar";
import type { Commitment, Defection, DefectionKind, PhaseRef } from "../trust/types";
import { DEFECTION_KINDS } from "../trust/types";
import type {
  DebriefCommitment,
  DebriefDefection,
  DebriefPhaseRef,
  DebriefPower,
  DebriefStanding,
  DebriefTie,
  MatchDebrief,
} from "../wire/debrief";
import type { RecordAction } from "../wire/record";
import { promptsOf } from "./prompts";
import type { DebriefSource } from "./source";

/** A notice of a debrief. */
export type DebriefNotice = MatchDebrief["notices"][number];
/** A leak of a debrief. */
export type DebriefLeak = MatchDebrief["leaks"][number];
/** A draw vote of a debrief. */
export type DebriefDrawVote = MatchDebrief["drawVotes"][number];
/** The outcome of a debrief. */
export type DebriefOutcome = NonNullable<MatchDebrief["outcome"]>;

/** A phase as a debrief names it. */
export function phaseRefOf(phase: PhaseRef): DebriefPhaseRef {
  return { key: phaseKey(phase), label: phaseName(phase) };
}

/** A phase key (`1902-fall-movement`) as a phase, or null when it is not one. */
export function phaseOfKey(key: string): PhaseRef | null {
  const match = /^(\d{1,5})-(spring|fall|winter)-(movement|retreat|adjustment)$/.exec(key);
  if (match === null) return null;
  return {
    year: Number(match[1]),
    season: match[2] as PhaseRef["season"],
    phase: match[3] as PhaseRef["phase"],
  };
}

/** A phase key as a debrief names it (the key itself when it names no phase). */
function refOfKey(key: string): DebriefPhaseRef {
  const phase = phaseOfKey(key);
  return phase === null ? { key, label: key } : phaseRefOf(phase);
}

/** A number for every power. */
function perPower(powers: readonly PowerId[], value: (power: PowerId) => number): Record<PowerId, number> {
  return Object.fromEntries(powers.map((p) => [p, value(p)]));
}

/** The pairs of powers bound by commitments in force in `G`, in map order. */
export function tiesOf(G: MatchState): DebriefTie[] {
  const active = G.commitments.filter((c) => c.status === "active");
  const ties: DebriefTie[] = [];
  G.powers.forEach((a, i) => {
    for (const b of G.powers.slice(i + 1)) {
      const between = active.filter((c) => c.parties.includes(a) && c.parties.includes(b));
      if (between.length === 0) continue;
      ties.push({
        powers: [a, b],
        commitments: between.map((c) => c.id),
        alliance: between.some((c) => c.clauses.some((clause) => clause.kind === "alliance")),
      });
    }
  });
  return ties;
}

/** Where the match stood in `G`, after `phase` (null: the start). */
export function standingOf(map: GameMap, G: MatchState, phase: DebriefPhaseRef | null): DebriefStanding {
  const centres = centreCounts(map, G.position);
  return {
    phase,
    centres: perPower(G.powers, (p) => centres.get(p) ?? 0),
    units: perPower(G.powers, (p) => G.position.units.filter((u) => u.power === p).length),
    reputation: perPower(G.powers, (p) => G.reputation[p] ?? 0),
    prestige: perPower(G.powers, (p) => G.prestige[p] ?? 0),
    ties: tiesOf(G),
  };
}

/** How a commitment came out. */
export function outcomeOfCommitment(c: Commitment): DebriefCommitment["outcome"] {
  switch (c.status) {
    case "active":
      return "in-force";
    case "expired":
      return "kept";
    case "broken":
      return "broken";
    case "renounced":
      return "renounced";
    default:
      return "never-signed";
  }
}

/** A commitment as the debrief tells it. */
export function commitmentOf(map: GameMap, c: Commitment): DebriefCommitment {
  return {
    id: c.id,
    proposer: c.proposer,
    parties: [...c.parties],
    clauses: c.clauses.map((clause) => clausesSummary(map, [clause])),
    visibility: c.visibility,
    status: c.status,
    proposedAt: phaseRefOf(c.proposedAt),
    signedAt: c.signedAt === null ? null : phaseRefOf(c.signedAt),
    endedAt: c.endedAt === null ? null : phaseRefOf(c.endedAt),
    outcome: outcomeOfCommitment(c),
  };
}

/** The edition that reports on a phase, if printed. */
function editionOf(G: MatchState, phase: PhaseRef): Edition | undefined {
  return G.editions.find((e) => samePhase(e.phase, phase));
}

/** The events of an edition of one type. */
function eventsOf<T extends NewsEvent["type"]>(
  edition: Edition | undefined,
  type: T,
): Extract<NewsEvent, { type: T }>[] {
  return (edition?.articles ?? [])
    .map((a) => a.event)
    .filter((e): e is Extract<NewsEvent, { type: T }> => e.type === type);
}

/** The standing reasons the paper gives a reported defection's defector and victim. */
const COST_REASONS: Readonly<Partial<Record<DefectionKind, { by: string; against: string }>>> = {
  surprise: { by: "surprise-defection", against: "surprise-victim" },
  announced: { by: "announced-defection", against: "announced-victim" },
};

/**
 * One defection as the debrief tells it: whether the paper printed it, who learned it from the
 * paper, and what it cost — read from the edition's reputation and prestige events (the one source:
 * the paper moves them by what it reports, with the preset's numbers, clamped to 0–100).
 */
export function defectionOf(G: MatchState, d: Defection): DebriefDefection {
  const edition = editionOf(G, d.at);
  const printed = eventsOf(edition, "defection");
  const report = printed.find((e) => e.by === d.by && e.against === d.against);
  const reasons = report === undefined ? undefined : COST_REASONS[report.kind];
  const nth = (key: "by" | "against"): number =>
    report === undefined
      ? -1
      : printed
          .slice(0, printed.indexOf(report))
          .filter((e) => e[key] === report[key] && e.kind === report.kind).length;
  const reputation = reasons
    ? eventsOf(edition, "reputation").filter((e) => e.power === d.by && e.reason === reasons.by)
    : [];
  const prestige = reasons
    ? eventsOf(edition, "prestige").filter((e) => e.power === d.against && e.reason === reasons.against)
    : [];
  return {
    phase: phaseRefOf(d.at),
    by: d.by,
    against: d.against,
    kind: d.kind,
    acts: d.acts.map((a) => a.description),
    commitments: [...new Set(d.acts.map((a) => a.commitmentId))],
    reported: report !== undefined,
    learnedFromPaper: report !== undefined && d.kind === "surprise" ? [d.against] : [],
    reputationCost: reputation[nth("by")]?.delta ?? 0,
    prestigeCost: prestige[nth("against")]?.delta ?? 0,
  };
}

/** The power of a seat (playerID "i" plays powers[i]). */
function powerOfSeat(G: MatchState, playerID: string): PowerId | undefined {
  return G.powers[Number(playerID)];
}

/** A field of an action's payload. */
function argOf(action: RecordAction, field: string): unknown {
  const args = action.args;
  return typeof args === "object" && args !== null ? (args as Record<string, unknown>)[field] : undefined;
}

/**
 * The notices given: from the notice actions the reader sees, then from the paper's renouncements
 * of public commitments whose notice the reader did not see (another seat's, in a seat's view).
 */
export function noticesOf(source: DebriefSource): DebriefNotice[] {
  const G = source.last;
  const partiesOf = (id: string): PowerId[] => [...(G.commitments.find((c) => c.id === id)?.parties ?? [])];
  const notices: DebriefNotice[] = source.actions.flatMap((a): DebriefNotice[] => {
    const by = powerOfSeat(G, a.playerID);
    const id = argOf(a, "commitmentId");
    if (a.move !== "notice" || by === undefined || typeof id !== "string") return [];
    return [{ phase: refOfKey(a.phase), by, commitment: id, parties: partiesOf(id) }];
  });
  const known = new Set(notices.map((n) => n.commitment));
  for (const edition of G.editions)
    for (const e of eventsOf(edition, "commitment-renounced")) {
      if (known.has(e.commitmentId)) continue;
      known.add(e.commitmentId);
      notices.push({
        phase: phaseRefOf(edition.phase),
        by: e.by,
        commitment: e.commitmentId,
        parties: [...e.parties],
      });
    }
  return notices;
}

/** The leaks the paper printed, in order. */
export function leaksOf(G: MatchState): DebriefLeak[] {
  return G.editions.flatMap((edition) =>
    eventsOf(edition, "leak").map((e) => ({
      phase: phaseRefOf(edition.phase),
      leaker: e.leaker,
      sender: e.sender,
      exposesBrokenPromise: e.exposesBrokenPromise,
    })),
  );
}

/** The draw votes the reader sees, as cast. */
export function drawVotesOf(source: DebriefSource): DebriefDrawVote[] {
  return source.actions.flatMap((a): DebriefDrawVote[] => {
    const power = powerOfSeat(source.last, a.playerID);
    const vote = argOf(a, "vote");
    if (a.move !== "drawVote" || power === undefined || typeof vote !== "boolean") return [];
    return [{ phase: refOfKey(a.phase), power, vote }];
  });
}

/** The top scorer, or null for none or a tie. */
function topScorer(scores: Readonly<Record<PowerId, number>>): PowerId | null {
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first === undefined || (second !== undefined && second[1] === first[1])) return null;
  return first[0];
}

/** How the match ended, or null while it runs. */
export function outcomeOf(G: MatchState): DebriefOutcome | null {
  const result = G.result;
  if (result === null) return null;
  return {
    kind: result.kind,
    winner: result.winner ?? topScorer(result.scores),
    survivors: [...result.survivors],
    at: phaseRefOf(result.at),
  };
}

/** The defections made by a power, by kind. */
function defectionsByKind(
  defections: readonly DebriefDefection[],
  power: PowerId,
): Record<DefectionKind, number> {
  return Object.fromEntries(
    DEFECTION_KINDS.map((k) => [k, defections.filter((d) => d.by === power && d.kind === k).length]),
  ) as Record<DefectionKind, number>;
}

/** Whether a commitment came into force (whatever became of it). */
export function wasSigned(c: DebriefCommitment): boolean {
  return c.signedAt !== null && c.outcome !== "never-signed";
}

/** One power's account of the match. */
export function powerOf(
  G: MatchState,
  standing: DebriefStanding,
  commitments: readonly DebriefCommitment[],
  defections: readonly DebriefDefection[],
  notices: readonly DebriefNotice[],
  leaks: readonly DebriefLeak[],
  power: PowerId,
): DebriefPower {
  const signed = commitments.filter((c) => c.parties.includes(power) && wasSigned(c));
  const count = (outcomes: readonly DebriefCommitment["outcome"][]): number =>
    signed.filter((c) => outcomes.includes(c.outcome)).length;
  return {
    power,
    centres: standing.centres[power] ?? 0,
    reputation: standing.reputation[power] ?? 0,
    prestige: standing.prestige[power] ?? 0,
    score: G.result?.scores[power] ?? null,
    signed: signed.length,
    kept: count(["kept", "in-force"]),
    broken: count(["broken"]),
    renounced: count(["renounced"]),
    defections: defectionsByKind(defections, power),
    suffered: defections.filter((d) => d.against === power).length,
    notices: notices.filter((n) => n.by === power).length,
    leaks: leaks.filter((l) => l.leaker === power).length,
  };
}

/** A match's debrief, from its source. */
export function debriefOf(source: DebriefSource, map: GameMap): MatchDebrief {
  const G = source.last;
  const standings = [
    standingOf(map, source.start, null),
    ...source.phases.map((s) => standingOf(map, s.G, refOfKey(s.phase))),
  ];
  const end = standingOf(map, G, null);
  const commitments = G.commitments.map((c) => commitmentOf(map, c));
  const defections = G.history.flatMap((h) => h.defections.map((d) => defectionOf(G, d)));
  const notices = noticesOf(source);
  const leaks = leaksOf(G);
  const byPower = G.powers.map((p) => powerOf(G, end, commitments, defections, notices, leaks, p));
  const debrief: Omit<MatchDebrief, "prompts"> = {
    matchID: source.matchID,
    map: G.settings.mapId as MatchDebrief["map"],
    preset: G.settings.preset,
    pressMode: G.settings.pressMode,
    scoring: G.settings.scoring,
    powers: [...G.powers],
    ended: source.ended,
    view: source.view,
    outcome: outcomeOf(G),
    standings,
    commitments,
    defections,
    notices,
    leaks,
    drawVotes: drawVotesOf(source),
    byPower,
  };
  return { ...debrief, prompts: promptsOf(debrief, map) };
}
