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
import { provinceOf } from "../map/locations";
import type { GameMap, PowerId } from "../map/types";
import { awaitsOrders, mustAct } from "../match/actions";
import type { Action, MatchState } from "../match/types";
import type { Order } from "../orders/types";
import { createRng } from "../random";
import { compareSeasons, phaseOf, seasonName } from "../trust/calendar";
import { capacityCost, capacityLeft } from "../trust/clauses/capacity";
import { describeClause } from "../trust/clauses";
import { getPreset } from "../trust/presets";
import type { Clause, ClauseKind, Commitment, SeasonRef } from "../trust/types";
import { attackableCentres, breakingOrders, neighbourPowers, NO_INTENT, type OrderIntent } from "./baseline";
import {
  ALLIANCE_TRUST,
  CONCESSION_TRUST,
  cessionRequest,
  clauseRefusal,
  fleetLimitOffer,
  jointAttack,
  keepableCommitments,
  keepWordOutsideMovement,
  pledgeRequest,
  serialBackstabber,
  zoneOffer,
  type ProposalContext,
} from "./diplomacy";
import { roundOf, trustLedger, type TrustLedger } from "./ledger";
import {
  heedsRecords,
  partnerIntent,
  type BotProfile,
  type PartnerFacts,
  type PartnerIntent,
} from "./personality";
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

/** New proposals of peace (alliances, zones, fleet limits) a bot makes in one phase, at most. */
const MAX_PROPOSALS = 2;
/** Rounds during which a bot does not offer a partner again a kind of clause it turned down. */
const REFUSAL_MEMORY = 4;
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
    serial: serialBackstabber(entry, view.reputation[partner] ?? 50),
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

/** What a bot weighs, of its own view, when it judges a proposal (see `clauseRefusal`). */
function proposalContext(turn: Turn): ProposalContext {
  const { map, view, me, intents } = turn;
  return {
    map,
    position: view.position,
    me,
    personality: turn.profile.personality,
    ledger: turn.ledger,
    reputation: view.reputation,
    ties: view.commitments.filter((c) => c.status === "active" && c.parties.includes(me)),
    attacking: new Set(turn.partners.filter((p) => intents[p]?.stance === "attack")),
    now: phaseOf(view.position),
  };
}

/** The verification capacity a power has left, as far as the bot can see (public commitments and its own). */
function visibleRoom(turn: Turn, power: PowerId): number {
  const preset = getPreset(turn.view.settings.preset) ?? getPreset("default")!;
  const centres = centreCounts(turn.map, turn.view.position).get(power) ?? 0;
  return capacityLeft(preset, turn.view.commitments, power, centres);
}

/**
 * Why a bot turns a proposal down, in its own words, or null when it accepts: its personality, its
 * capacity and the proposer's, its stance towards every party, the proposer's record, and then
 * each clause (`clauseRefusal`: does it serve the bot, can the bot keep it). A bot that means to
 * break its word anyway (a lure) signs whatever fits its capacity.
 */
function refusal(turn: Turn, c: Commitment, room: number): string | null {
  const { profile, intents, me } = turn;
  if (profile.personality === "steady") return "I make no commitments; I let my orders speak.";
  if (profile.personality === "verifier" && c.clauses.some((cl) => cl.kind === "text"))
    return "I sign only what the engine can verify.";
  const cost = capacityCost(c.clauses);
  if (cost > room) return "I have no verification capacity left for this.";
  // A second pact of peace leaves one unit of capacity for deals (pledges, cessions, zones).
  const peaceOnly = c.clauses.every((cl) => cl.kind === "alliance" || cl.kind === "non-aggression");
  const partnered = turn.view.commitments.some((x) => x.status === "active" && x.parties.includes(me));
  if (peaceOnly && partnered && cost > room - 1) return "I keep what capacity I have left for deals.";
  const others = c.parties.filter((p) => p !== me);
  if (cost > 0 && others.some((p) => visibleRoom(turn, p) < cost))
    return "One of us has no verification capacity left for this.";
  if (!others.every((p) => intents[p]?.sign === true)) {
    if (profile.personality === "grudger" && (turn.ledger[c.proposer]?.harmedMe.length ?? 0) > 0)
      return "You harmed me once. I do not forget.";
    if (
      heedsRecords(profile.personality) &&
      serialBackstabber(turn.ledger[c.proposer], turn.view.reputation[c.proposer] ?? 50)
    )
      return "Your record of broken promises speaks against you.";
    return profile.personality === "grudger" ? "You harmed me once. I do not forget." : "Not this season.";
  }
  if (others.every((p) => intents[p]?.stance === "attack")) return null; // a lure: it signs anything
  const context = proposalContext(turn);
  for (const clause of c.clauses) {
    const no = clauseRefusal(context, c, clause);
    if (no !== null) return no;
  }
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
    const no = refusal(turn, c, turn.room);
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
  const now = phaseOf(turn.view.position);
  for (const c of turn.view.commitments) {
    if (c.status !== "proposed" || c.proposer !== turn.me) continue;
    const lapsed = c.until !== null && compareSeasons(c.until, now) < 0; // a pledge for a season gone by
    if (lapsed || c.parties.some((p) => p !== turn.me && turn.intents[p]?.sign !== true))
      turn.actions.push({ type: "withdraw", commitmentId: c.id });
  }
}

/** Whether `partner` turned down a proposal of the bot holding a clause of `kind` in the last rounds. */
function refusedLately(turn: Turn, partner: PowerId, kind: ClauseKind): boolean {
  return turn.view.commitments.some(
    (c) =>
      c.proposer === turn.me &&
      c.status === "rejected" &&
      c.parties.includes(partner) &&
      c.clauses.some((cl) => cl.kind === kind) &&
      roundOf(c.proposedAt) >= turn.round - REFUSAL_MEMORY,
  );
}

/**
 * Whether `p` is an ally the bot trusts enough for more: a commitment in force between them, no
 * open proposal between them, a stance to keep the peace and sign, and trust of `ALLIANCE_TRUST`.
 */
function trustedAlly(turn: Turn, p: PowerId, accepting: ReadonlySet<PowerId>): boolean {
  const { view, me, intents } = turn;
  return (
    intents[p]?.stance === "keep" &&
    intents[p].sign &&
    !accepting.has(p) &&
    (turn.ledger[p]?.trust ?? 0.5) >= ALLIANCE_TRUST &&
    view.commitments.some((c) => c.status === "active" && between(c, me, p)) &&
    !view.commitments.some((c) => c.status === "proposed" && between(c, me, p))
  );
}

/** Proposes a commitment to one partner and says why, in its own words. */
function propose(turn: Turn, partner: PowerId, clauses: Clause[], until: SeasonRef, why: string): Commitment {
  turn.actions.push({ type: "propose", parties: [partner], clauses, until, visibility: "public" });
  talk(turn, partner, why);
  turn.room -= capacityCost(clauses);
  return proposedCommitment(turn, partner, clauses, until);
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
 * Answering only, after its turn: on a commitment it has just signed with a power it attacks (its
 * orders are given), notice at once by its honesty — the same draw as its turn's notices — so that
 * an honest bot's break is announced, never a surprise.
 */
function noticeOnLures(turn: Turn, accepted: readonly Commitment[]): void {
  for (const c of accepted) {
    const others = c.parties.filter((p) => p !== turn.me);
    if (!others.every((p) => c.acceptedBy.includes(p))) continue; // not in force yet
    const p = others.find((x) => turn.intents[x]?.stance !== "keep");
    if (p === undefined) continue;
    const honest =
      turn.intents[p]!.stance === "renounce" ||
      createRng(`${turn.seed}|${turn.round}|${p}|notice`).next() < turn.profile.honesty;
    if (honest) turn.actions.push({ type: "notice", commitmentId: c.id });
  }
}

/**
 * Proposes a public alliance until the fall of next year to trusted neighbours it means to keep
 * faith with and has no tie or open proposal with (at most `MAX_PROPOSALS`, within its capacity,
 * keeping one unit of it for deals once it has a partner).
 * @returns the alliances it proposed, as if signed, by partner
 */
function offerPeace(turn: Turn, accepting: ReadonlySet<PowerId>): Map<PowerId, Commitment> {
  const { view, me, intents, ledger, round, map } = turn;
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
  const trust = (p: PowerId): number => ledger[p]?.trust ?? 0.5;
  const candidates = [...neighbourPowers(map, view.position, me)]
    .filter(
      (p) =>
        turn.partners.includes(p) &&
        intents[p]?.stance === "keep" &&
        intents[p].sign &&
        !spoken.has(p) &&
        !accepting.has(p) &&
        !turnedDown.has(p),
    )
    .sort((a, b) => trust(b) - trust(a) || a.localeCompare(b));
  const until = pactTerm(phaseOf(view.position));
  const proposing = new Map<PowerId, Commitment>();
  // With a partner already, one unit of capacity is kept for deals (a pledge, a cession).
  const spare = view.commitments.some((c) => c.status === "active" && c.parties.includes(me)) ? 1 : 0;
  for (const p of candidates) {
    if (proposing.size >= MAX_PROPOSALS || turn.room - spare < 1) break;
    const clause: Clause = { kind: "alliance", powers: me < p ? [me, p] : [p, me] };
    const why = `Let us keep the peace: I propose an alliance until ${seasonName(until)}.`;
    proposing.set(p, propose(turn, p, [clause], until, why));
  }
  return proposing;
}

/**
 * Asks, after its orders are set, for what would make them work better: a support pledge from an
 * ally for one of its attacks this season (on a power it targets first), a cession of the one
 * centre it moves into from a partner it otherwise leaves alone, a demilitarised zone on the
 * border with a trusted ally, a mutual limit on fleets with a trusted ally on one sea (in the fall,
 * for the winter's builds). Each is consistent with the orders already given, so they stand
 * whatever the answer.
 */
function askForDeals(
  turn: Turn,
  given: readonly Order[],
  intent: OrderIntent,
  accepting: ReadonlySet<PowerId>,
): Order[] {
  const { view, me, intents, ledger, map } = turn;
  const target = intent.target;
  let orders = given;
  const now = phaseOf(view.position);
  const season: SeasonRef = { year: now.year, season: now.season };
  const trust = (p: PowerId): number => ledger[p]?.trust ?? 0.5;
  const open = new Set(
    view.commitments
      .filter((c) => c.status === "proposed" && c.parties.includes(me))
      .flatMap((c) => c.parties),
  );
  const willing = (p: PowerId): boolean =>
    intents[p]?.stance === "keep" && intents[p].sign && !open.has(p) && visibleRoom(turn, p) >= 1;
  const allied = (p: PowerId): boolean =>
    view.commitments.some((c) => c.status === "active" && between(c, me, p));
  if (turn.room >= 1) {
    const allies = turn.partners.filter(
      (p) =>
        allied(p) && willing(p) && trust(p) >= CONCESSION_TRUST && !refusedLately(turn, p, "support-pledge"),
    );
    // A pledge for an attack it makes anyway; else, a joint attack on a power it targets.
    const joint =
      pledgeRequest(map, view.position, me, orders, allies, target, season) === null
        ? jointAttack(map, view.position, me, orders, allies, target, season)
        : null;
    if (joint !== null && breakingOrders(map, view.position, me, joint.orders, intent).size === 0)
      orders = joint.orders;
    const ask = pledgeRequest(map, view.position, me, orders, allies, target, season);
    if (ask !== null) {
      const why = `Strike with me this season: ${describeClause(ask.clause, map)}`;
      propose(turn, ask.partner, [ask.clause], season, why);
      open.add(ask.partner);
    }
  }
  if (turn.room >= 1) {
    const strangers = turn.partners.filter(
      (p) =>
        !allied(p) &&
        willing(p) &&
        !view.commitments.some((c) => c.status === "proposed" && between(c, me, p)) &&
        !refusedLately(turn, p, "cede"),
    );
    const ask = cessionRequest(map, view.position, me, orders, strangers, season);
    if (ask !== null) {
      const why = `Let me have it without a fight, and we stay friends: ${describeClause(ask.clause, map)}`;
      propose(turn, ask.partner, [ask.clause], season, why);
      open.add(ask.partner);
    }
  }
  // Allies it trusts: a demilitarised zone on the border they share (none its orders enter), until
  // the fall; then a limit on fleets on a sea they share, over the coming winter.
  const entering = new Set(orders.flatMap((o) => (o.kind === "move" ? [provinceOf(map, o.to)] : [])));
  const thisFall: SeasonRef = { year: now.year, season: "fall" };
  const nextSpring: SeasonRef = { year: now.year + 1, season: "spring" };
  const has = (p: PowerId, kind: ClauseKind): boolean =>
    tiesWith(turn, p, []).some((c) => c.clauses.some((cl) => cl.kind === kind));
  for (const p of turn.partners) {
    if (turn.room < 1) break;
    if (open.has(p) || !trustedAlly(turn, p, accepting) || visibleRoom(turn, p) < 1) continue;
    if (has(p, "demilitarised-zone") || refusedLately(turn, p, "demilitarised-zone")) continue;
    const zone = zoneOffer(map, view.position, view.powers, me, p, entering);
    if (zone === null) continue;
    propose(turn, p, [zone], thisFall, `Let neither of us crowd our border: ${describeClause(zone, map)}`);
    open.add(p);
    break;
  }
  for (const p of turn.partners) {
    if (turn.room < 2 || now.season !== "fall") break;
    if (open.has(p) || !trustedAlly(turn, p, accepting) || visibleRoom(turn, p) < 2) continue;
    if (has(p, "no-build") || refusedLately(turn, p, "no-build")) continue;
    const limit = fleetLimitOffer(map, me, p);
    if (limit === null) continue;
    const why =
      "Neither of us needs new fleets on the sea between us this winter: let us both build none there.";
    propose(turn, p, limit, nextSpring, why);
    break;
  }
  return [...orders];
}

/** A commitment a bot proposes to `partner` this turn, as if already signed (for its own orders). */
function proposedCommitment(turn: Turn, partner: PowerId, clauses: Clause[], until: SeasonRef): Commitment {
  const { me, view } = turn;
  const now = phaseOf(view.position);
  return {
    id: `proposal:${partner}:${turn.actions.length}`,
    proposer: me,
    parties: view.powers.filter((p) => p === me || p === partner),
    clauses,
    until,
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
  proposing: ReadonlyMap<PowerId, Commitment>,
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
    const offering = proposing.get(p);
    if (offering) ties.push(offering);
    if (ties.length === 0) {
      // No word to keep with it: a serial backstabber is a shared target of those who heed records.
      if (heedsRecords(turn.profile.personality) && serialBackstabber(ledger[p], view.reputation[p] ?? 50))
        target.add(p);
      continue;
    }
    avoid.add(p);
    for (const c of ties) if (!keep.includes(c)) keep.push(c);
  }
  const trust: Record<PowerId, number> = {};
  for (const p of turn.partners) trust[p] = ledger[p]?.trust ?? 0.5;
  return view.position.phase === "movement"
    ? { avoid, keep, target, strike, trust }
    : { avoid, keep, target: new Set(), trust };
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
  if (input.respondOnly === true) noticeOnLures(turn, accepted);
  // Answering only: new orders just when a pact it now signs would be broken by those it gave.
  const reorder = input.respondOnly === true && breaksNewTies(map, view, me, accepted, intents);
  if (input.respondOnly === true && !reorder) return { actions: turn.actions, intents, ledger };

  let proposing = new Map<PowerId, Commitment>();
  const diplomacy = profile.personality !== "steady" && view.settings.pressMode !== "none";
  const dealing = !input.respondOnly && position.phase === "movement" && diplomacy;
  if (dealing) {
    withdrawStaleOffers(turn);
    speakBeforeActing(turn, accepted);
    proposing = offerPeace(turn, accepting);
    const vote = stalemate(view, first.year);
    if ((view.drawVotes[me] ?? false) !== vote) turn.actions.push({ type: "draw-vote", vote });
  }

  // Orders (and what they ask of others), then ready.
  if (reorder ? mustAct(map, view, me) : awaitsOrders(map, view, me)) {
    const intent = keepableIntent(turn, orderIntentOf(turn, accepted, proposing));
    const key = phaseKey(now);
    const given = botOrders(profile.tactics, map, position, me, createRng(`${seed}|${key}|orders`), intent);
    const kept = keepWordOutsideMovement(map, position, me, given, intent.keep, intent.avoid);
    const orders = dealing ? askForDeals(turn, kept, intent, accepting) : kept;
    if (orders.length > 0) turn.actions.push({ type: "orders", orders });
    turn.actions.push({ type: "ready", ready: true });
  }
  return { actions: turn.actions, intents, ledger };
}

/**
 * The intent with only the commitments its orders can keep together (`keepableCommitments`). On
 * one in force that it must drop — a pledged support no longer possible, a zone a unit cannot
 * leave — the bot gives notice by its honesty, as on any word it breaks.
 */
function keepableIntent(turn: Turn, intent: OrderIntent): OrderIntent {
  if (turn.view.position.phase !== "movement") return intent;
  const { kept, dropped } = keepableCommitments(
    turn.map,
    turn.view.position,
    turn.me,
    intent.keep,
    intent.avoid,
  );
  if (dropped.length === 0) return intent;
  const honest = createRng(`${turn.seed}|${turn.round}|cannot-keep`).next() < turn.profile.honesty;
  for (const c of dropped)
    if (
      honest &&
      c.status === "active" &&
      !turn.view.notices.some((n) => n.commitmentId === c.id && n.by === turn.me)
    )
      turn.actions.push({ type: "notice", commitmentId: c.id });
  return { ...intent, keep: kept };
}
