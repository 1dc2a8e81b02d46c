/**
 * The actions a seat can take during a phase, as pure transitions: each returns the new state or
 * an error with a stable code, and an error leaves the state unchanged. Phases are resolved
 * elsewhere (`resolve.ts`), once every power that has something to order is ready.
 */
import { adjudicateAdjustments, adjustmentCounts } from "../adjudicator/adjustment";
import { adjudicateMovement } from "../adjudicator/movement";
import { adjudicateRetreats } from "../adjudicator/retreat";
import type { OrderResult } from "../adjudicator/types";
import { centreCounts, eliminatedPowers } from "../game/phases";
import type { GameMap, PowerId } from "../map/types";
import { formatOrder } from "../orders/notation";
import type { Order } from "../orders/types";
import { compareSeasons, phaseOf } from "../trust/calendar";
import { isVerifiable, validateClause } from "../trust/clauses";
import { capacityUsed, verificationCapacity } from "../trust/clauses/capacity";
import { getPreset } from "../trust/presets";
import type { Commitment } from "../trust/types";
import { err, ok, type Result } from "../result";
import { calledResult } from "./resolve";
import type { Action, ActionError, MatchState, PressMessage } from "./types";

/** Every code `applyAction` may refuse an action with. */
export const ACTION_ERROR_CODES = {
  "game-over": "the game has ended",
  "not-in-game": "that power is not playing in this match",
  eliminated: "an eliminated power takes no more actions",
  "illegal-order": "an order the rules do not allow here (the message says which and why)",
  "not-your-order": "an order given for another power",
  "too-many-orders": "more orders than the power has units",
  "press-not-allowed": "the match's press setting forbids this",
  "bad-parties": "a commitment needs other powers in play, each named once",
  "bad-clause": "a clause that does not make sense on this map or for these parties",
  "bad-term": "a commitment's end is already past",
  "over-capacity": "a party has no verification capacity left for more verifiable clauses",
  "unknown-commitment": "no such commitment, or not one you can see",
  "not-a-party": "only a commitment's parties can do that",
  "not-proposed": "the commitment is no longer a proposal",
  "already-accepted": "you have already accepted it",
  "not-the-proposer": "only the proposer can withdraw a proposal",
  "not-in-force": "the commitment is not in force",
  "notice-already-given": "you have already given notice on it",
  "bad-recipients": "a message goes to one or more other powers in play",
  "unknown-message": "no such message in your conversations",
  "not-a-recipient": "only a recipient can leak a message",
  "already-leaked": "you have already leaked that message",
  "use-press-channel": "private press and leaks go through the server's press channel in this match",
  "unverified-leak": "a leaked message the server's press channel does not vouch for",
} as const;

/** One of `ACTION_ERROR_CODES`. */
export type ActionErrorCode = keyof typeof ACTION_ERROR_CODES;

function refuse(
  code: ActionErrorCode,
  message: string = ACTION_ERROR_CODES[code],
): Result<never, ActionError> {
  return err({ code, message });
}

/**
 * Applies one action of one power.
 *
 * In a match with a press channel (`state.pressSeal` set) private messages are not actions, and a
 * leak carries the message with the server's proof: the proof must already have been checked by
 * the caller (the `leak` move does it with the `Game`'s `PressChannel`); here the leaker is checked
 * against the message. Without a press channel a leak names a message of `state.messages`.
 * @returns the new state, or why the action was refused (the state is then unchanged)
 */
/** How ids of new commitments and messages are made. */
export interface ActionOptions {
  /**
   * A fresh id with the given prefix (`c` commitment, `m` message), unused in the state. Without
   * it ids count up (`c1`, `m2`, …), which is fine headless; a server makes them random, so that an
   * id tells a seat nothing about proposals and messages it may not see.
   */
  readonly newId?: (prefix: "c" | "m") => string;
}

export function applyAction(
  map: GameMap,
  state: MatchState,
  power: PowerId,
  action: Action,
  options: ActionOptions = {},
): Result<MatchState, ActionError> {
  if (state.result) return refuse("game-over");
  if (!state.powers.includes(power)) return refuse("not-in-game", `${power} is not playing in this match`);
  if (eliminatedPowers(map, state.position).includes(power)) return refuse("eliminated");
  switch (action.type) {
    case "orders":
      return setOrders(map, state, power, action.orders);
    case "ready":
      return ok({ ...state, ready: { ...state.ready, [power]: action.ready } });
    case "propose":
      return propose(map, state, power, action, idOf(state, "c", options));
    case "accept":
      return accept(map, state, power, action.commitmentId);
    case "reject":
      return endProposal(state, power, action.commitmentId, "rejected");
    case "withdraw":
      return endProposal(state, power, action.commitmentId, "withdrawn");
    case "notice":
      return giveNotice(state, power, action.commitmentId);
    case "message":
      return sendMessage(state, power, action.to, action.text, idOf(state, "m", options));
    case "leak":
      return leak(state, power, action);
    case "communique":
      if (state.settings.pressMode === "none") return refuse("press-not-allowed", "this is a no-press match");
      return ok({ ...state, communiques: [...state.communiques, { by: power, text: action.text }] });
    case "draw-vote":
      return ok({ ...state, drawVotes: { ...state.drawVotes, [power]: action.vote } });
    case "call-time":
      return ok({ ...state, result: calledResult(map, state) });
  }
}

/** The id a new commitment or message gets. */
function idOf(state: MatchState, prefix: "c" | "m", options: ActionOptions): string {
  return options.newId?.(prefix) ?? `${prefix}${state.nextId}`;
}

/** Whether a power has anything to order in the current phase. */
export function mustAct(map: GameMap, state: MatchState, power: PowerId): boolean {
  const position = state.position;
  switch (position.phase) {
    case "movement":
      return position.units.some((u) => u.power === power);
    case "retreat":
      return position.dislodged.some((d) => d.unit.power === power);
    case "adjustment":
      return (adjustmentCounts(map, position.units, position.supplyCenters).get(power) ?? 0) !== 0;
  }
}

/** Whether the phase waits for a power: it has something to order and has not said it is ready. */
export function awaitsOrders(map: GameMap, state: MatchState, power: PowerId): boolean {
  return state.ready[power] !== true && mustAct(map, state, power);
}

/** The powers the phase waits for (`awaitsOrders`), in seat order. */
export function awaitedPowers(map: GameMap, state: MatchState): PowerId[] {
  return state.powers.filter((p) => awaitsOrders(map, state, p));
}

/** Whether the phase can resolve: every power with something to order is ready. */
export function everyoneReady(map: GameMap, state: MatchState): boolean {
  return !state.powers.some((p) => awaitsOrders(map, state, p));
}

/** Replaces a power's pending orders, after checking each one as the adjudicator would. */
function setOrders(
  map: GameMap,
  state: MatchState,
  power: PowerId,
  orders: readonly Order[],
): Result<MatchState, ActionError> {
  const foreign = orders.find((o) => o.power !== power);
  if (foreign)
    return refuse("not-your-order", `"${formatOrder(foreign, { withPower: true })}" is not ${power}'s order`);
  const limit =
    Math.max(state.position.units.length, 1) + state.position.dislodged.length + map.powers.length;
  if (orders.length > limit) return refuse("too-many-orders");
  const refused = checkOrders(map, state, orders).find((r) => r.reason);
  if (refused?.reason) {
    return refuse("illegal-order", `"${formatOrder(refused.order)}": ${refused.reason.message}`);
  }
  return ok({
    ...state,
    orders: { ...state.orders, [power]: orders },
    ready: { ...state.ready, [power]: false },
  });
}

/** Adjudicates the orders alone against the current position, to find the ones the rules refuse. */
function checkOrders(map: GameMap, state: MatchState, orders: readonly Order[]): readonly OrderResult[] {
  const p = state.position;
  switch (p.phase) {
    case "movement":
      return adjudicateMovement(map, p.units, orders).results;
    case "retreat":
      return adjudicateRetreats(map, p.units, p.dislodged, orders).results;
    case "adjustment":
      return adjudicateAdjustments(map, p.units, p.supplyCenters, orders).results;
  }
}

function propose(
  map: GameMap,
  state: MatchState,
  power: PowerId,
  action: Extract<Action, { type: "propose" }>,
  id: string,
): Result<MatchState, ActionError> {
  if (state.settings.pressMode === "none") return refuse("press-not-allowed", "this is a no-press match");
  if (state.settings.pressMode === "public" && action.visibility === "secret")
    return refuse("press-not-allowed", "this match allows public commitments only");
  const others = action.parties.filter((p) => p !== power);
  const eliminated = eliminatedPowers(map, state.position);
  if (
    others.length === 0 ||
    new Set(others).size !== others.length ||
    others.some((p) => !state.powers.includes(p) || eliminated.includes(p))
  ) {
    return refuse("bad-parties");
  }
  const parties = state.powers.filter((p) => p === power || others.includes(p));
  for (const clause of action.clauses) {
    const problem = validateClause(clause, map, parties);
    if (problem) return refuse("bad-clause", problem);
  }
  if (action.until && compareSeasons(action.until, state.position) < 0) return refuse("bad-term");
  const over = overCapacity(map, state, [power], action.clauses);
  if (over) return refuse("over-capacity", `${over} has no verification capacity left for these clauses`);
  const commitment: Commitment = {
    id,
    proposer: power,
    parties,
    clauses: action.clauses,
    until: action.until,
    visibility: action.visibility,
    status: "proposed",
    acceptedBy: [power],
    proposedAt: phaseOf(state.position),
    signedAt: null,
    endedAt: null,
    exposed: false,
  };
  return ok({ ...state, commitments: [...state.commitments, commitment], nextId: state.nextId + 1 });
}

/** The first of `who` that could not take on the verifiable clauses, or null. */
function overCapacity(
  map: GameMap,
  state: MatchState,
  who: readonly PowerId[],
  clauses: Commitment["clauses"],
): PowerId | null {
  const needed = clauses.filter(isVerifiable).length;
  if (needed === 0) return null;
  const preset = getPreset(state.settings.preset) ?? getPreset("default")!;
  const centres = centreCounts(map, state.position);
  for (const p of who) {
    if (capacityUsed(state.commitments, p) + needed > verificationCapacity(preset, centres.get(p) ?? 0))
      return p;
  }
  return null;
}

function findVisible(state: MatchState, power: PowerId, id: string): Commitment | null {
  const c = state.commitments.find((x) => x.id === id);
  if (!c || (!c.parties.includes(power) && c.visibility === "secret" && !c.exposed)) return null;
  return c;
}

function replaceCommitment(state: MatchState, next: Commitment): MatchState {
  return { ...state, commitments: state.commitments.map((c) => (c.id === next.id ? next : c)) };
}

function accept(
  map: GameMap,
  state: MatchState,
  power: PowerId,
  id: string,
): Result<MatchState, ActionError> {
  const c = findVisible(state, power, id);
  if (!c) return refuse("unknown-commitment", `there is no commitment "${id}" you can see`);
  if (!c.parties.includes(power)) return refuse("not-a-party");
  if (c.status !== "proposed") return refuse("not-proposed", `commitment ${id} is ${c.status}`);
  if (c.acceptedBy.includes(power)) return refuse("already-accepted");
  const acceptedBy = [...c.acceptedBy, power];
  const signing = c.parties.every((p) => acceptedBy.includes(p));
  // Capacity is taken when the commitment comes into force: every party must have room then.
  const over = overCapacity(map, state, signing ? c.parties : [power], c.clauses);
  if (over) return refuse("over-capacity", `${over} has no verification capacity left for these clauses`);
  return ok(
    replaceCommitment(state, {
      ...c,
      acceptedBy,
      ...(signing ? { status: "active" as const, signedAt: phaseOf(state.position) } : {}),
    }),
  );
}

function endProposal(
  state: MatchState,
  power: PowerId,
  id: string,
  status: "rejected" | "withdrawn",
): Result<MatchState, ActionError> {
  const c = findVisible(state, power, id);
  if (!c) return refuse("unknown-commitment", `there is no commitment "${id}" you can see`);
  if (!c.parties.includes(power)) return refuse("not-a-party");
  if (c.status !== "proposed") return refuse("not-proposed", `commitment ${id} is ${c.status}`);
  if (status === "withdrawn" && c.proposer !== power) return refuse("not-the-proposer");
  if (status === "rejected" && c.proposer === power)
    return refuse("not-the-proposer", "withdraw your own proposal");
  return ok(replaceCommitment(state, { ...c, status, endedAt: phaseOf(state.position) }));
}

function giveNotice(state: MatchState, power: PowerId, id: string): Result<MatchState, ActionError> {
  const c = findVisible(state, power, id);
  if (!c) return refuse("unknown-commitment", `there is no commitment "${id}" you can see`);
  if (!c.parties.includes(power)) return refuse("not-a-party");
  if (c.status !== "active") return refuse("not-in-force", `commitment ${id} is ${c.status}`);
  if (state.notices.some((n) => n.commitmentId === id && n.by === power))
    return refuse("notice-already-given");
  return ok({
    ...state,
    notices: [...state.notices, { commitmentId: id, by: power, at: phaseOf(state.position) }],
  });
}

function sendMessage(
  state: MatchState,
  power: PowerId,
  to: readonly PowerId[],
  text: string,
  id: string,
): Result<MatchState, ActionError> {
  if (state.settings.pressMode !== "full")
    return refuse("press-not-allowed", "private conversations are off in this match");
  if (state.pressSeal !== undefined)
    return refuse("use-press-channel", "private messages go through the press channel in this match");
  if (
    to.length === 0 ||
    new Set(to).size !== to.length ||
    to.some((p) => p === power || !state.powers.includes(p))
  )
    return refuse("bad-recipients");
  const message = { id, from: power, to, text, at: phaseOf(state.position) };
  return ok({ ...state, messages: [...state.messages, message], nextId: state.nextId + 1 });
}

function leak(
  state: MatchState,
  power: PowerId,
  action: Extract<Action, { type: "leak" }>,
): Result<MatchState, ActionError> {
  if (state.settings.pressMode !== "full")
    return refuse("press-not-allowed", "there is no private press to leak");
  const id = action.messageId;
  const carried = action.message !== undefined || action.proof !== undefined;
  let m: PressMessage | undefined;
  if (state.pressSeal !== undefined) {
    if (action.message === undefined || action.proof === undefined)
      return refuse("use-press-channel", "leaks go through the press channel in this match");
    if (action.message.id !== id)
      return refuse("unverified-leak", "the leaked message does not carry that message id");
    m = action.message;
  } else {
    if (carried) return refuse("unverified-leak", "this match has no press channel to vouch for a message");
    m = state.messages.find((x) => x.id === id);
  }
  if (!m || (m.from !== power && !m.to.includes(power)))
    return refuse("unknown-message", `there is no message "${id}" in your conversations`);
  if (!m.to.includes(power)) return refuse("not-a-recipient");
  const printed = state.editions.some((e) =>
    e.articles.some((a) => a.event.type === "leak" && a.event.messageId === id && a.event.leaker === power),
  );
  if (printed || state.leaks.some((l) => l.by === power && l.messageId === id))
    return refuse("already-leaked");
  const pending =
    state.pressSeal === undefined ? { by: power, messageId: id } : { by: power, messageId: id, message: m };
  return ok({ ...state, leaks: [...state.leaks, pending] });
}
