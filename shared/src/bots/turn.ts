/**
 * A bot's turn: from what its seat may see (`playerView`), the actions it takes this phase — the
 * very actions a human has: accept or reject the proposals put to it, give notice, propose pacts,
 * send short messages, vote for a draw, give its orders and say it is ready.
 *
 * The turn is a pure function of the view, the bot's profile and its seed: it keeps no memory
 * between phases. What it remembers of others it reads again from the newspaper (its trust
 * ledger), and what it intends towards each power it draws again from the same seeded stream, so
 * a server that restarts, a browser tab and a tournament worker all get the same bot.
 */
import { centreCounts, eliminatedPowers } from "../game/phases";
import { phaseKey } from "../game/position";
import type { GameMap, PowerId } from "../map/types";
import { awaitsOrders, mustAct } from "../match/actions";
import type { Action, MatchState } from "../match/types";
import { createRng } from "../random";
import { phaseOf, seasonName } from "../trust/calendar";
import { capacityCost, capacityLeft } from "../trust/clauses/capacity";
import { getPreset } from "../trust/presets";
import type { Clause, ClauseKind, Commitment, SeasonRef } from "../trust/types";
import { attackableCentres, breakingOrders, neighbourPowers, NO_INTENT, type OrderIntent } from "./baseline";
import { roundOf, trustLedger, type TrustLedger } from "./ledger";
import { partnerIntent, type BotProfile, type PartnerFacts, type PartnerIntent } from "./personality";
import { botOrders } from "./tactics";

/** What a bot sees and is when it takes its turn. */
export interface BotTurnInput {
  readonly map: GameMap;
  /** The match as the bot's seat sees it (`playerView(state, power)`). */
  readonly view: MatchState;
  readonly power: PowerId;
  readonly profile: BotProfile;
  /** The bot's own seed (per match and seat); its every draw comes from it and the phase. */
  readonly seed: string;
  /** The bot has already acted this phase: only answer the proposals put to it since. */
  readonly respondOnly?: boolean;
}

/** A bot's turn: the actions to take in order, and what they rest on. */
export interface BotTurn {
  readonly actions: readonly Action[];
  readonly intents: Readonly<Record<PowerId, PartnerIntent>>;
  readonly ledger: TrustLedger;
}

/** Clause kinds a bot knows how to keep: peace, written or verified. */
const KEEPABLE: ReadonlySet<ClauseKind> = new Set(["text", "non-aggression", "alliance"]);
/** New proposals a bot makes in one phase, at most. */
const MAX_PROPOSALS = 2;
/** Years without a centre changing hands before bots vote for a draw. */
const STALEMATE_YEARS = 3;

/** The seasons a pact lasts: through the fall of next year. */
export function pactTerm(now: SeasonRef): SeasonRef {
  return { year: now.year + 1, season: "fall" };
}

/** Whether a commitment binds both powers. */
function between(c: Commitment, a: PowerId, b: PowerId): boolean {
  return c.parties.includes(a) && c.parties.includes(b);
}

/** The facts a bot's stance towards `partner` rests on. */
function partnerFacts(
  map: GameMap,
  view: MatchState,
  me: PowerId,
  partner: PowerId,
  ledger: TrustLedger,
  round: number,
  firstRound: number,
): PartnerFacts {
  const ties = view.commitments.filter((c) => c.status === "active" && between(c, me, partner));
  const signed = ties.map((c) => (c.signedAt ? roundOf(c.signedAt) : round));
  const oldest = Math.min(...signed);
  const newest = Math.max(...signed);
  const entry = ledger[partner];
  // Under a commitment in force, only a defection the paper reports counts as harm: the pact was
  // signed knowing what came before, and a centre taken by a unit already in it breaks no word.
  const harmedMe =
    ties.length > 0 ? (entry?.betrayedMe ?? []).filter((r) => r > newest) : (entry?.harmedMe ?? []);
  return {
    round,
    firstRound,
    harmedMe,
    harmedByMe: entry?.harmedByMe ?? [],
    inForce: ties.length > 0,
    roundsInForce: ties.length > 0 ? round - oldest : 0,
    // Its own notice, as the paper printed it (notices themselves are private and gone by now).
    renouncedLastRound: view.editions.some(
      (e) =>
        roundOf(e.phase) === round - 1 &&
        e.articles.some(
          (a) =>
            a.event.type === "commitment-renounced" && a.event.by === me && a.event.parties.includes(partner),
        ),
    ),
    stabbedBefore: view.history.some((h) => h.defections.some((d) => d.by === me && d.against === partner)),
    opening: attackableCentres(map, view.position, me, partner) > 0,
  };
}

/** Whether no centre changed hands in the last `STALEMATE_YEARS` years of a long enough game. */
function stalemate(view: MatchState, firstYear: number): boolean {
  const year = view.position.year;
  if (year - firstYear < STALEMATE_YEARS * 2) return false;
  return !view.editions.some(
    (e) =>
      e.phase.year >= year - STALEMATE_YEARS && e.articles.some((a) => a.event.type === "center-captured"),
  );
}

/**
 * Whether the orders a bot has given attack a power it keeps the peace with under a commitment it
 * is accepting now (its orders were given before the proposal came).
 */
function breaksNewTies(
  map: GameMap,
  view: MatchState,
  me: PowerId,
  accepted: readonly Commitment[],
  intents: Readonly<Record<PowerId, PartnerIntent>>,
): boolean {
  const kept = new Set(
    accepted.flatMap((c) => c.parties).filter((p) => p !== me && intents[p]?.stance !== "attack"),
  );
  if (kept.size === 0) return false;
  const intent: OrderIntent = { ...NO_INTENT, avoid: kept, keep: accepted };
  return breakingOrders(map, view.position, me, view.orders[me] ?? [], intent).size > 0;
}

/** Why a bot turns a proposal down, in its own words, or null when it accepts. */
function refusal(
  profile: BotProfile,
  c: Commitment,
  intents: Readonly<Record<PowerId, PartnerIntent>>,
  me: PowerId,
  room: number,
): string | null {
  if (profile.personality === "steady") return "I make no commitments; I let my orders speak.";
  if (profile.personality === "verifier" && c.clauses.some((cl) => cl.kind === "text"))
    return "I sign only what the engine can verify.";
  if (!c.clauses.every((cl) => KEEPABLE.has(cl.kind)))
    return "I promise peace, nothing more: no pledges, zones, cessions or build limits.";
  if (capacityCost(c.clauses) > room) return "I have no verification capacity left for this.";
  const others = c.parties.filter((p) => p !== me);
  if (!others.every((p) => intents[p]?.sign === true))
    return profile.personality === "grudger" ? "You harmed me once. I do not forget." : "Not this season.";
  return null;
}

/** What every step of a turn reads, and where it writes its actions. */
interface Turn {
  readonly map: GameMap;
  readonly view: MatchState;
  readonly me: PowerId;
  readonly profile: BotProfile;
  readonly seed: string;
  readonly round: number;
  readonly ledger: TrustLedger;
  readonly partners: readonly PowerId[];
  readonly intents: Readonly<Record<PowerId, PartnerIntent>>;
  readonly actions: Action[];
  /** Verification capacity the bot has left for what it signs this turn. */
  room: number;
}

/** Sends a short private message, when the match has private press. */
function talk(turn: Turn, to: PowerId, text: string): void {
  if (turn.view.settings.pressMode === "full") turn.actions.push({ type: "message", to: [to], text });
}

/** The commitments in force between two powers (those it is accepting now included). */
function tiesWith(turn: Turn, partner: PowerId, accepted: readonly Commitment[]): Commitment[] {
  return [...turn.view.commitments.filter((c) => c.status === "active"), ...accepted].filter((c) =>
    between(c, turn.me, partner),
  );
}

/** The proposals put to a power that it has yet to answer: it is a party and has not accepted. */
export function proposalsAwaiting(state: MatchState, power: PowerId): Commitment[] {
  return state.commitments.filter(
    (c) => c.status === "proposed" && c.parties.includes(power) && !c.acceptedBy.includes(power),
  );
}

/** Accepts or rejects each proposal put to the bot, with a word why; returns what it accepts. */
function answerProposals(turn: Turn): Commitment[] {
  const accepted: Commitment[] = [];
  for (const c of proposalsAwaiting(turn.view, turn.me)) {
    const no = refusal(turn.profile, c, turn.intents, turn.me, turn.room);
    if (no === null) {
      turn.actions.push({ type: "accept", commitmentId: c.id });
      turn.room -= capacityCost(c.clauses);
      accepted.push(c);
      talk(turn, c.proposer, "Agreed. I will keep my word.");
    } else {
      turn.actions.push({ type: "reject", commitmentId: c.id });
      talk(turn, c.proposer, no);
    }
  }
  return accepted;
}

/** Takes back its own open proposals to powers it no longer means to sign with. */
function withdrawStaleOffers(turn: Turn): void {
  for (const c of turn.view.commitments) {
    if (c.status !== "proposed" || c.proposer !== turn.me) continue;
    if (c.parties.some((p) => p !== turn.me && turn.intents[p]?.sign !== true))
      turn.actions.push({ type: "withdraw", commitmentId: c.id });
  }
}

/**
 * Before breaking its word: notice on every tie (by its honesty), or a lie of reassurance when it
 * is not honest; before renouncing: notice. To a power it strikes back at: why.
 */
function speakBeforeActing(turn: Turn, accepted: readonly Commitment[]): void {
  for (const p of turn.partners) {
    const intent = turn.intents[p]!;
    const ties = tiesWith(turn, p, accepted);
    if (ties.length === 0 || intent.stance === "keep") continue;
    const honest =
      intent.stance === "renounce" ||
      createRng(`${turn.seed}|${turn.round}|${p}|notice`).next() < turn.profile.honesty;
    if (honest) {
      for (const c of ties)
        if (!turn.view.notices.some((n) => n.commitmentId === c.id && n.by === turn.me))
          turn.actions.push({ type: "notice", commitmentId: c.id });
      talk(turn, p, "I give notice: what we agreed ends this season.");
    } else if (turn.profile.honesty < 0.5) {
      talk(turn, p, "Nothing has changed between us.");
    }
  }
  for (const p of turn.partners) {
    if (turn.intents[p]!.stance === "attack" && turn.ledger[p]?.harmedMe.includes(turn.round - 1))
      talk(turn, p, "You struck at me; I answer in kind. Stop, and so will I.");
  }
}

/**
 * Proposes a public alliance until the fall of next year to trusted neighbours it means to keep
 * faith with and has no tie or open proposal with (at most `MAX_PROPOSALS`, within its capacity).
 * @returns the powers it proposed to
 */
function offerPeace(turn: Turn, accepting: ReadonlySet<PowerId>): Set<PowerId> {
  const { view, me, intents, ledger, round } = turn;
  const spoken = new Set(
    view.commitments
      .filter((c) => (c.status === "active" || c.status === "proposed") && c.parties.includes(me))
      .flatMap((c) => c.parties),
  );
  const turnedDown = new Set(
    view.commitments
      .filter(
        (c) =>
          c.proposer === me && c.status !== "proposed" && c.endedAt !== null && roundOf(c.endedAt) === round,
      )
      .flatMap((c) => c.parties),
  );
  const candidates = [...neighbourPowers(turn.map, view.position, me)]
    .filter(
      (p) =>
        turn.partners.includes(p) &&
        intents[p]?.stance === "keep" &&
        intents[p].sign &&
        !spoken.has(p) &&
        !accepting.has(p) &&
        !turnedDown.has(p),
    )
    .sort((a, b) => (ledger[b]?.trust ?? 0) - (ledger[a]?.trust ?? 0) || a.localeCompare(b));
  const until = pactTerm(phaseOf(view.position));
  const proposing = new Set<PowerId>();
  for (const p of candidates) {
    if (proposing.size >= MAX_PROPOSALS || turn.room < 1) break;
    const clause: Clause = { kind: "alliance", powers: me < p ? [me, p] : [p, me] };
    turn.actions.push({ type: "propose", parties: [p], clauses: [clause], until, visibility: "public" });
    talk(turn, p, `Let us keep the peace: I propose an alliance until ${seasonName(until)}.`);
    proposing.add(p);
    turn.room -= 1;
  }
  return proposing;
}

/** The alliance a bot proposes to `partner` this turn (see `offerPeace`), as if already signed. */
function proposedAlliance(turn: Turn, partner: PowerId): Commitment {
  const { me, view } = turn;
  const now = phaseOf(view.position);
  return {
    id: `proposal:${partner}`,
    proposer: me,
    parties: view.powers.filter((p) => p === me || p === partner),
    clauses: [{ kind: "alliance", powers: me < partner ? [me, partner] : [partner, me] }],
    until: pactTerm(now),
    visibility: "public",
    status: "proposed",
    acceptedBy: [me],
    proposedAt: now,
    signedAt: null,
    endedAt: null,
    exposed: false,
  };
}

/**
 * What diplomacy asks of the orders: keep its word to every power it keeps the peace with under a
 * tie (in force, being accepted, or offered by it), target the powers it attacks, and surely strike
 * a partner it is stabbing or a power that harmed it last round.
 */
function orderIntentOf(
  turn: Turn,
  accepted: readonly Commitment[],
  proposing: ReadonlySet<PowerId>,
): OrderIntent {
  const { view, me, intents, ledger, round } = turn;
  const accepting = new Set(accepted.flatMap((c) => c.parties).filter((p) => p !== me));
  const avoid = new Set<PowerId>();
  const target = new Set<PowerId>();
  const strike = new Set<PowerId>();
  const keep: Commitment[] = [];
  for (const p of turn.partners) {
    const inForce = view.commitments.filter((c) => c.status === "active" && between(c, me, p));
    if (intents[p]!.stance === "attack") {
      target.add(p);
      if (accepting.has(p) || inForce.length > 0 || ledger[p]?.harmedMe.includes(round - 1) === true)
        strike.add(p);
      continue;
    }
    const offered = view.commitments.filter(
      (c) => c.status === "proposed" && c.proposer === me && between(c, me, p),
    );
    const signing = accepted.filter((c) => between(c, me, p));
    const ties = [...inForce, ...offered, ...signing];
    if (proposing.has(p)) ties.push(proposedAlliance(turn, p));
    if (ties.length === 0) continue;
    avoid.add(p);
    for (const c of ties) if (!keep.includes(c)) keep.push(c);
  }
  return view.position.phase === "movement"
    ? { avoid, keep, target, strike }
    : { avoid, keep, target: new Set() };
}

/** What a bot has in mind this round, before it acts: see `botMind`. */
export interface BotMind {
  readonly round: number;
  /** The other powers still in play. */
  readonly partners: readonly PowerId[];
  /** Its stance towards each of them this round (the same draw its turn makes). */
  readonly intents: Readonly<Record<PowerId, PartnerIntent>>;
  /** Verification capacity it has left. */
  readonly room: number;
}

/**
 * What a bot has in mind this round: its stance towards every power still in play and the
 * capacity it has left — the same the bot's turn rests on, from the same seed, so whatever asks
 * (its turn, or its answer to a message) gets the same mind.
 */
export function botMind(
  map: GameMap,
  view: MatchState,
  me: PowerId,
  profile: BotProfile,
  seed: string,
  ledger: TrustLedger = trustLedger(view, me),
): BotMind {
  const position = view.position;
  const eliminated = new Set(eliminatedPowers(map, position));
  const now = phaseOf(position);
  const round = roundOf(now);
  const first = view.history[0]?.phase ?? now;
  const partners = view.powers.filter((p) => p !== me && !eliminated.has(p));
  const intents: Record<PowerId, PartnerIntent> = {};
  for (const p of partners) {
    const facts = partnerFacts(map, view, me, p, ledger, round, roundOf(first));
    intents[p] = partnerIntent(profile.personality, facts, createRng(`${seed}|${round}|${p}`));
  }
  const preset = getPreset(view.settings.preset) ?? getPreset("default")!;
  const room = capacityLeft(preset, view.commitments, me, centreCounts(map, position).get(me) ?? 0);
  return { round, partners, intents, room };
}

/** The bot's actions this phase. Pure: the same input gives the same actions. */
export function botTurn(input: BotTurnInput): BotTurn {
  const { map, view, power: me, profile, seed } = input;
  const ledger = trustLedger(view, me);
  const position = view.position;
  const eliminated = new Set(eliminatedPowers(map, position));
  if (view.result || eliminated.has(me) || !view.powers.includes(me))
    return { actions: [], intents: {}, ledger };

  const now = phaseOf(position);
  const first = view.history[0]?.phase ?? now;
  const { round, partners, intents, room } = botMind(map, view, me, profile, seed, ledger);
  const turn: Turn = { map, view, me, profile, seed, round, ledger, partners, intents, actions: [], room };

  const accepted = answerProposals(turn);
  const accepting = new Set(accepted.flatMap((c) => c.parties).filter((p) => p !== me));
  // Answering only: new orders just when a pact it now signs would be broken by those it gave.
  const reorder = input.respondOnly === true && breaksNewTies(map, view, me, accepted, intents);
  if (input.respondOnly === true && !reorder) return { actions: turn.actions, intents, ledger };

  let proposing = new Set<PowerId>();
  const diplomacy = profile.personality !== "steady" && view.settings.pressMode !== "none";
  if (!input.respondOnly && position.phase === "movement" && diplomacy) {
    withdrawStaleOffers(turn);
    speakBeforeActing(turn, accepted);
    proposing = offerPeace(turn, accepting);
    const vote = stalemate(view, first.year);
    if ((view.drawVotes[me] ?? false) !== vote) turn.actions.push({ type: "draw-vote", vote });
  }

  // Orders, then ready.
  if (reorder ? mustAct(map, view, me) : awaitsOrders(map, view, me)) {
    const intent = orderIntentOf(turn, accepted, proposing);
    const key = phaseKey(now);
    const orders = botOrders(profile.tactics, map, position, me, createRng(`${seed}|${key}|orders`), intent);
    if (orders.length > 0) turn.actions.push({ type: "orders", orders });
    turn.actions.push({ type: "ready", ready: true });
  }
  return { actions: turn.actions, intents, ledger };
}
