/**
 * Resolving a phase of a match: adjudicate the board, find the defections, end the commitments
 * that end, report it all in one edition of the paper, and move reputation and prestige by what
 * the paper reports (not by what happened: with miscommunication the two can differ). Then check
 * for the end of the game: a solo, a unanimous draw vote of the survivors, or the year limit.
 */
import { eliminatedPowers, resolvePhase, soloWinner } from "../game/phases";
import type { GameMap, PowerId } from "../map/types";
import { boardEvents, composeEdition, applyMiscommunication } from "../newspaper";
import type { NewsEvent, StandingReason } from "../newspaper/types";
import type { Rng } from "../random";
import { comparePhases, phaseOf, samePhase } from "../trust/calendar";
import { phaseFacts, type PhaseFacts } from "../trust/clauses/facts";
import { endsWith, inForce } from "../trust/commitments";
import { brokenCommitments, detectDefections } from "../trust/defections";
import { getPreset } from "../trust/presets";
import type { Commitment, Defection, PhaseRef, Preset } from "../trust/types";
import { score } from "./scoring";
import { byPower } from "./setup";
import type { MatchResult, MatchState, PhaseRecord } from "./types";

/** The defections of the two movement phases before `now`, for retaliation. */
export function recentDefections(history: readonly PhaseRecord[], now: PhaseRef): Defection[] {
  const movements = history.filter((h) => h.phase.phase === "movement" && comparePhases(h.phase, now) < 0);
  return movements.slice(-2).flatMap((h) => h.defections);
}

/** Reputation and prestige as they change through one edition, with the events that report it. */
class Standing {
  readonly reputation: Record<PowerId, number>;
  readonly prestige: Record<PowerId, number>;
  readonly events: NewsEvent[] = [];

  constructor(state: MatchState) {
    this.reputation = { ...state.reputation };
    this.prestige = { ...state.prestige };
  }

  change(kind: "reputation" | "prestige", power: PowerId, delta: number, reason: StandingReason): void {
    const table = kind === "reputation" ? this.reputation : this.prestige;
    const before = table[power] ?? 50;
    const value = Math.max(0, Math.min(100, before + delta));
    table[power] = value;
    if (value !== before) this.events.push({ type: kind, power, delta: value - before, value, reason });
  }
}

/**
 * Resolves the current phase with the pending orders (missing orders default) and returns the
 * next state. Pure: the same state and the same random draws give the same result.
 */
export function resolveMatchPhase(map: GameMap, state: MatchState, rng: Rng): MatchState {
  if (state.result) return state;
  const preset = getPreset(state.settings.preset) ?? getPreset("default")!;
  const before = state.position;
  const now = phaseOf(before);
  const step = resolvePhase(
    map,
    before,
    state.powers.flatMap((p) => state.orders[p] ?? []),
  );
  const after = step.next;
  const facts = phaseFacts(map, before, step);

  const live = state.commitments.filter(inForce);
  const detected = detectDefections(facts, live, state.notices, recentDefections(state.history, now));
  const { reported } = applyMiscommunication(detected, state.settings.miscommunication, rng);

  const events: NewsEvent[] = [...boardEvents(map, before, after, step.resolved)];
  const standing = new Standing(state);
  const commitments = endCommitments(state, facts, detected, reported, events, standing, preset);

  for (const d of reported) {
    events.push({ type: "defection", by: d.by, against: d.against, kind: d.kind, acts: d.acts });
    if (d.kind === "surprise") {
      standing.change("reputation", d.by, preset.reputation.surpriseDefection, "surprise-defection");
      standing.change("prestige", d.against, preset.prestige.surpriseVictim, "surprise-victim");
    } else if (d.kind === "announced") {
      standing.change("reputation", d.by, preset.reputation.announcedDefection, "announced-defection");
      standing.change("prestige", d.against, preset.prestige.announcedVictim, "announced-victim");
    }
  }
  reportLeaks(state, detected, events, standing, preset);
  for (const c of state.communiques) events.push({ type: "communique", by: c.by, text: c.text });
  if (after.year > before.year) rewardQuietYear(map, state, after, reported, standing, preset);

  const result = endOfGame(map, state, after, preset, standing, now);
  if (result) {
    events.push({
      type: "game-end",
      result: result.kind,
      winner: result.winner,
      survivors: result.survivors,
    });
  }
  events.push(...standing.events);

  const edition = composeEdition(state.editions.length + 1, now, events, map, rng);
  const record: PhaseRecord = {
    phase: now,
    orders: state.orders,
    resolved: step.resolved,
    defections: detected,
  };
  return {
    ...state,
    position: after,
    orders: byPower(state.powers, []),
    ready: byPower(state.powers, false),
    commitments,
    notices: [],
    communiques: [],
    leaks: [],
    drawVotes: {},
    reputation: standing.reputation,
    prestige: standing.prestige,
    editions: [...state.editions, edition],
    history: [...state.history, record],
    result,
  };
}

/**
 * Ends what ends with this phase — commitments renounced by notice, broken by a defection, or at
 * the end of their term — and reports the public ones; signings of public commitments during the
 * phase are reported too, and a reported breach exposes a secret commitment.
 */
function endCommitments(
  state: MatchState,
  facts: PhaseFacts,
  detected: readonly Defection[],
  reported: readonly Defection[],
  events: NewsEvent[],
  standing: Standing,
  preset: Preset,
): Commitment[] {
  const now = facts.phase;
  const live = state.commitments.filter(inForce);
  const broken = new Set(detected.flatMap((d) => brokenCommitments(d, live)));
  const exposed = new Set(reported.flatMap((d) => brokenCommitments(d, live)));
  return state.commitments.map((c) => {
    if (c.visibility === "public" && c.signedAt && samePhase(c.signedAt, now)) {
      events.push({ type: "commitment-signed", commitmentId: c.id, parties: c.parties, clauses: c.clauses });
    }
    if (c.status === "proposed" && endsWith(c, now, facts.next)) {
      return { ...c, status: "withdrawn", endedAt: now };
    }
    if (c.status !== "active") return c;
    let next: Commitment = c;
    if (c.visibility === "secret" && exposed.has(c.id)) {
      next = { ...next, exposed: true };
      events.push({ type: "secret-exposed", commitmentId: c.id, parties: c.parties, clauses: c.clauses });
    }
    const notice = state.notices.find((n) => n.commitmentId === c.id);
    if (notice) {
      if (c.visibility === "public") {
        events.push({ type: "commitment-renounced", commitmentId: c.id, by: notice.by, parties: c.parties });
      }
      return { ...next, status: "renounced", endedAt: now };
    }
    if (broken.has(c.id)) return { ...next, status: "broken", endedAt: now };
    if (endsWith(c, now, facts.next)) {
      if (c.visibility === "public") {
        events.push({ type: "commitment-honoured", commitmentId: c.id, parties: c.parties });
        for (const p of c.parties)
          standing.change("reputation", p, preset.reputation.honouredToEnd, "honoured-to-end");
      }
      return { ...next, status: "expired", endedAt: now };
    }
    return next;
  });
}

/** Prints the leaks of the phase; leaking costs reputation unless it shows a broken promise. */
function reportLeaks(
  state: MatchState,
  detected: readonly Defection[],
  events: NewsEvent[],
  standing: Standing,
  preset: Preset,
): void {
  const all = [...state.history.flatMap((h) => h.defections), ...detected];
  for (const leak of state.leaks) {
    const m = state.messages.find((x) => x.id === leak.messageId) ?? leak.message;
    if (!m) continue;
    const exposesBrokenPromise = all.some(
      (d) => d.by === m.from && d.against === leak.by && comparePhases(d.at, m.at) >= 0,
    );
    events.push({
      type: "leak",
      messageId: m.id,
      leaker: leak.by,
      sender: m.from,
      recipients: m.to,
      text: m.text,
      sentAt: m.at,
      exposesBrokenPromise,
    });
    const cost = exposesBrokenPromise ? preset.reputation.leakExposingBrokenPromise : preset.reputation.leak;
    standing.change("reputation", leak.by, cost, "leak");
  }
}

/** At the close of a year, every surviving power with no reported defection that year gains. */
function rewardQuietYear(
  map: GameMap,
  state: MatchState,
  after: MatchState["position"],
  reported: readonly Defection[],
  standing: Standing,
  preset: Preset,
): void {
  const year = state.position.year;
  const defectors = new Set(reported.map((d) => d.by));
  for (const e of state.editions) {
    if (e.phase.year !== year) continue;
    for (const a of e.articles) if (a.event.type === "defection") defectors.add(a.event.by);
  }
  const out = new Set(eliminatedPowers(map, after));
  for (const p of state.powers) {
    if (!out.has(p) && !defectors.has(p)) {
      standing.change("reputation", p, preset.reputation.yearWithoutDefection, "year-without-defection");
    }
  }
}

/** A solo, a unanimous draw vote of the survivors, or the year limit; null while the game goes on. */
function endOfGame(
  map: GameMap,
  state: MatchState,
  after: MatchState["position"],
  preset: Preset,
  standing: Standing,
  now: PhaseRef,
): MatchResult | null {
  const out = new Set(eliminatedPowers(map, after));
  const survivors = state.powers.filter((p) => !out.has(p));
  const winner = soloWinner(map, after);
  let kind: MatchResult["kind"] | null = null;
  if (winner) kind = "solo";
  else if (survivors.length > 0 && survivors.every((p) => state.drawVotes[p] === true)) kind = "draw";
  else if (state.settings.yearLimit !== null && after.year > state.settings.yearLimit) kind = "year-limit";
  if (!kind) return null;
  const scores = score(state.settings.scoring, preset, {
    map,
    powers: state.powers,
    position: after,
    reputation: standing.reputation,
    prestige: standing.prestige,
    kind,
    winner,
    survivors,
  });
  return { kind, winner, survivors, scores, at: now };
}

/**
 * The result of a match ended where it stands (a teacher called time): no winner, every power
 * still in the game survives, scored as at a year limit with the standing as it is.
 */
export function calledResult(map: GameMap, state: MatchState): MatchResult {
  const out = new Set(eliminatedPowers(map, state.position));
  const survivors = state.powers.filter((p) => !out.has(p));
  const preset = getPreset(state.settings.preset) ?? getPreset("default")!;
  const scores = score(state.settings.scoring, preset, {
    map,
    powers: state.powers,
    position: state.position,
    reputation: state.reputation,
    prestige: state.prestige,
    kind: "called",
    winner: null,
    survivors,
  });
  return { kind: "called", winner: null, survivors, scores, at: phaseOf(state.position) };
}
