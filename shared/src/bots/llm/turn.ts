/**
 * A language-model bot's turn: the heuristic bot's turn (`botTurn`) first, as the fallback for
 * every part; then a diplomacy request (press, proposals, notices, diary) and an orders request
 * (each unit's order by index among its legal orders, press never shown). Whatever the model
 * leaves out or gets wrong — or a request that fails, is slow, or would overspend the phase's
 * token budget or the turn's time — is taken from the heuristic turn. Every action is checked
 * against the rules on the bot's own view before it is kept, so what it returns is never refused.
 *
 * Pure apart from the `Brain` and the clock, both handed in.
 */
import { eliminatedPowers, centreCounts } from "../../game/phases";
import { phaseKey } from "../../game/position";
import type { PowerId } from "../../map/types";
import { applyAction } from "../../match/actions";
import type { Action, MatchState, PressMessage } from "../../match/types";
import { formatOrder, legalOrders } from "../../orders";
import type { Order } from "../../orders/types";
import { seatView, unitText } from "../../seat/context";
import { phaseName, phaseOf } from "../../trust/calendar";
import type { Clause, Commitment } from "../../trust/types";
import { breakingOrders, NO_INTENT } from "../baseline";
import { botTurn, pactTerm, proposalsAwaiting, type BotTurnInput } from "../turn";
import { diplomacyAnswer, jsonObjectIn, orderChoices, type DiplomacyAnswer } from "./answers";
import { diplomacyPrompt, ordersPrompt, scrubDiary, type UnitOptions } from "./prompt";
import type {
  Brain,
  ChatAnswer,
  ChatMessage,
  ChatPurpose,
  FallbackReason,
  Honesty,
  LlmTurnReport,
} from "./types";

/** Messages a bot sends in one turn, at most. */
export const MAX_MESSAGES = 4;
/** Proposals a bot makes in one turn, at most. */
export const MAX_PROPOSALS = 2;
/** The longest message a bot sends, in characters. */
export const MAX_MESSAGE_LENGTH = 400;
/** Clause kinds a bot may propose: those the engine verifies. */
const PROPOSABLE: ReadonlySet<Clause["kind"]> = new Set(["alliance", "non-aggression"]);

/** What a language-model bot sees and is when it takes its turn. */
export interface LlmTurnInput extends BotTurnInput {
  readonly honesty: Honesty;
  /** Its diary so far in this match (its own notes, ≤ 500 characters). */
  readonly diary: string;
  /** The press it may read: messages it received or sent (communiqués are in the editions). */
  readonly press: readonly PressMessage[];
  /** Tokens it may still spend this phase. */
  readonly tokensLeft: number;
  /** The most tokens one reply may take. */
  readonly maxReplyTokens: number;
  /** The time the whole turn may take, in ms (from the deadline, or fixed when headless). */
  readonly turnMs: number;
  /** The clock, in ms. */
  readonly now: () => number;
  /** What thinks for it: the turn's only I/O. */
  readonly brain: Brain;
}

/** A language-model bot's turn: its actions, its diary after the turn, and what it cost. */
export interface LlmTurn {
  readonly actions: readonly Action[];
  readonly diary: string;
  readonly report: LlmTurnReport;
}

/** A turn in progress: the bot's view as its kept actions change it, and the counts. */
class TurnLog {
  readonly actions: Action[] = [];
  requests = 0;
  tokens = 0;
  thinkingMs = 0;
  modelOrders = 0;
  fallbackOrders = 0;
  readonly fallbacks: Partial<Record<FallbackReason, number>> = {};

  constructor(
    readonly input: LlmTurnInput,
    public view: MatchState,
    private readonly started: number,
  ) {}

  /** Counts a fallback. */
  fellBack(reason: FallbackReason, times = 1): void {
    if (times > 0) this.fallbacks[reason] = (this.fallbacks[reason] ?? 0) + times;
  }

  /** Keeps an action if the rules accept it on the bot's view; returns whether it was kept. */
  take(action: Action): boolean {
    const next = applyAction(this.input.map, this.view, this.input.power, action);
    if (!next.ok) return false;
    this.view = next.value;
    this.actions.push(action);
    return true;
  }

  /** Asks the brain within the budget and the time left: the answer's JSON object, or null. */
  async ask(purpose: ChatPurpose, messages: readonly ChatMessage[]): Promise<Record<string, unknown> | null> {
    const { input } = this;
    const left = input.tokensLeft - this.tokens;
    if (left <= 0) return (this.fellBack("budget"), null);
    const timeLeft = input.turnMs - (input.now() - this.started);
    if (timeLeft <= 0) return (this.fellBack("no-time"), null);
    const asked = input.now();
    this.requests++;
    let answer: ChatAnswer;
    try {
      answer = await input.brain({
        purpose,
        power: input.power,
        phase: phaseKey(input.view.position),
        messages,
        maxTokens: Math.min(input.maxReplyTokens, left),
        timeoutMs: timeLeft,
      });
    } catch {
      answer = { ok: false, failure: "network" }; // a brain that breaks its word not to throw
    }
    this.thinkingMs += input.now() - asked;
    if (!answer.ok) return (this.fellBack(answer.failure), null);
    this.tokens += answer.tokens;
    const json = jsonObjectIn(answer.text);
    if (json === null) this.fellBack("non-json");
    return json;
  }

  report(): LlmTurnReport {
    const { requests, tokens, thinkingMs, modelOrders, fallbackOrders, fallbacks } = this;
    return { requests, tokens, thinkingMs, modelOrders, fallbackOrders, fallbacks: { ...fallbacks } };
  }
}

/** The commitments in force that `power` is a party to. */
function inForce(view: MatchState, power: PowerId): Commitment[] {
  return view.commitments.filter((c) => c.status === "active" && c.parties.includes(power));
}

/** The actions a model's diplomacy answer asks for, in the order they are taken. */
function diplomacyActions(
  answer: DiplomacyAnswer,
  view: MatchState,
  me: PowerId,
  partners: readonly PowerId[],
  heuristic: readonly Action[],
): Action[] {
  const out: Action[] = [];
  const awaiting = proposalsAwaiting(view, me);
  for (const c of awaiting) {
    if (answer.accept.includes(c.id)) out.push({ type: "accept", commitmentId: c.id });
    else if (answer.reject.includes(c.id)) out.push({ type: "reject", commitmentId: c.id });
    else {
      // Unanswered: the heuristic bot's answer.
      const mine = heuristic.find(
        (a) => (a.type === "accept" || a.type === "reject") && a.commitmentId === c.id,
      );
      if (mine) out.push(mine);
    }
  }
  for (const c of inForce(view, me))
    if (answer.notice.includes(c.id)) out.push({ type: "notice", commitmentId: c.id });
  const until = pactTerm(phaseOf(view.position));
  for (const p of answer.propose.slice(0, MAX_PROPOSALS)) {
    const parties = [...new Set(p.parties)].filter((x) => x !== me);
    const named = new Set([me, ...parties]);
    const fits = (cl: Clause): boolean =>
      PROPOSABLE.has(cl.kind) &&
      (cl.kind === "alliance"
        ? cl.powers.every((x) => named.has(x))
        : cl.kind === "non-aggression" && named.has(cl.from) && named.has(cl.to) && cl.from !== cl.to);
    if (parties.length === 0 || !parties.every((x) => partners.includes(x)) || !p.clauses.every(fits))
      continue;
    out.push({ type: "propose", parties, clauses: p.clauses, until, visibility: "public" });
  }
  if (view.settings.pressMode === "full")
    for (const m of answer.messages.slice(0, MAX_MESSAGES)) {
      const text = m.text.trim().slice(0, MAX_MESSAGE_LENGTH);
      const to = m.to.trim().toUpperCase();
      const partner = partners.find((p) => p.toUpperCase() === to);
      if (partner !== undefined && text !== "") out.push({ type: "message", to: [partner], text });
    }
  // The draw vote stays the heuristic bot's (it reads the paper for a stalemate).
  out.push(...heuristic.filter((a) => a.type === "draw-vote"));
  return out;
}

/** The heuristic order for a unit (by where it stands), if the heuristic turn gave one. */
function heuristicOrderFor(orders: readonly Order[], location: string): Order | undefined {
  return orders.find((o) => o.kind !== "waive" && o.unit.location === location);
}

/**
 * The commitments an honest bot holds its orders to: those in force, and those that may come into
 * force when this phase ends — its own open proposals and those it has accepted.
 */
function heldTo(view: MatchState, power: PowerId): Commitment[] {
  return view.commitments.filter(
    (c) =>
      c.parties.includes(power) &&
      (c.status === "active" ||
        (c.status === "proposed" && (c.proposer === power || c.acceptedBy.includes(power)))),
  );
}

/**
 * An honest bot's orders, made to keep its word: each order that would break a commitment it is
 * held to (`heldTo`) becomes the heuristic bot's order for that unit, or a hold, when that keeps it.
 */
function keptWord(
  log: TurnLog,
  orders: Order[],
  fallback: readonly Order[],
  legal: readonly { readonly orders: readonly Order[] }[],
): Order[] {
  const { map, power } = log.input;
  const keep = heldTo(log.view, power);
  if (keep.length === 0) return orders;
  const avoid = new Set(keep.flatMap((c) => c.parties).filter((p) => p !== power));
  const intent = { ...NO_INTENT, avoid, keep };
  const breaking = breakingOrders(map, log.view.position, power, orders, intent);
  if (breaking.size === 0) return orders;
  log.fellBack("kept-word", breaking.size);
  return orders.map((o, i) => {
    if (!breaking.has(o)) return o;
    const options = legal[i]?.orders ?? [];
    const at = o.kind === "waive" ? "" : o.unit.location;
    const safe = [heuristicOrderFor(fallback, at), options.find((x) => x.kind === "hold")];
    return (
      safe.find(
        (x): x is Order =>
          x !== undefined && breakingOrders(map, log.view.position, power, [x], intent).size === 0,
      ) ?? o
    );
  });
}

/** Chooses the orders: by the model's indices, the heuristic orders where it gave none valid. */
async function chooseOrders(
  log: TurnLog,
  diary: string,
  fallback: readonly Order[],
): Promise<readonly Order[]> {
  const { map, power } = log.input;
  const view = log.view;
  const legal = legalOrders(map, view.position, power);
  if (legal.phase === "adjustment") return fallback; // builds and removals: the heuristic tactics
  // What the seat API shows the seat (`seatView`, without press): the units, centres and the
  // legal order texts by unit, in the order of `legalOrders` (so an index names an order).
  const context = seatView("headless", view, power, [], null);
  const options: UnitOptions[] = legal.units.map((u) => {
    const unit = unitText(u.unit);
    return { unit, orders: context.legalOrders[unit] ?? u.orders.map((o) => formatOrder(o)) };
  });
  if (options.length === 0) return fallback;
  const answer = await log.ask(
    "orders",
    ordersPrompt({
      power,
      phase: phaseName(phaseOf(view.position)),
      units: context.board.units,
      centres: context.board.centres,
      options,
      commitments: inForce(view, power),
      notices: context.notices.filter((n) => n.by === power).map((n) => n.commitmentId),
      diary,
      honesty: log.input.honesty,
    }),
  );
  const choices = answer === null ? options.map(() => null) : orderChoices(answer, options);
  let orders = legal.units.map((u, i) => {
    const index = choices[i];
    if (index !== null && index !== undefined) {
      log.modelOrders++;
      return u.orders[index]!;
    }
    log.fallbackOrders++;
    return (
      heuristicOrderFor(fallback, u.unit.location) ?? u.orders.find((o) => o.kind === "hold") ?? u.orders[0]!
    );
  });
  const missing = choices.filter((c) => c === null).length;
  if (answer !== null) log.fellBack("out-of-range", missing);
  if (log.input.honesty === "honest" && legal.phase === "movement")
    orders = keptWord(log, orders, fallback, legal.units);
  return orders;
}

/**
 * A language-model bot's turn (see the module header). When answering only (`respondOnly`), it is
 * the heuristic bot's answer: the model speaks once per phase.
 */
export async function llmTurn(input: LlmTurnInput): Promise<LlmTurn> {
  const { map, view, power: me } = input;
  const heuristic = botTurn(input);
  const log = new TurnLog(input, view, input.now());
  const out = new Set(eliminatedPowers(map, view.position));
  if (input.respondOnly === true || view.result !== null || out.has(me) || !view.powers.includes(me)) {
    for (const a of heuristic.actions) log.take(a);
    return { actions: log.actions, diary: input.diary, report: log.report() };
  }
  const partners = view.powers.filter((p) => p !== me && !out.has(p));
  const heuristicOrders = heuristic.actions.flatMap((a) => (a.type === "orders" ? a.orders : []));
  const talks = heuristic.actions.filter((a) => a.type !== "orders" && a.type !== "ready");

  // Diplomacy: once a phase, in movement phases of a match with press.
  let diary = input.diary;
  let diplomacy: readonly Action[] = talks;
  if (view.position.phase === "movement" && view.settings.pressMode !== "none") {
    const press = input.press.filter((m) => m.from !== me);
    const counts = centreCounts(map, view.position);
    const answer = await log.ask(
      "diplomacy",
      diplomacyPrompt({
        power: me,
        phase: phaseName(phaseOf(view.position)),
        partners,
        centres: Object.fromEntries(view.powers.map((p) => [p, counts.get(p) ?? 0])),
        press: press.map((m) => ({ from: m.from, to: m.to, text: m.text, at: phaseName(m.at) })),
        awaiting: proposalsAwaiting(view, me),
        commitments: inForce(view, me),
        pressAllowed: view.settings.pressMode === "full",
        diary,
        honesty: input.honesty,
      }),
    );
    if (answer !== null) {
      const parsed = diplomacyAnswer(answer);
      diplomacy = diplomacyActions(parsed, view, me, partners, heuristic.actions);
      if (parsed.diary !== null)
        diary = scrubDiary(
          parsed.diary,
          press.map((m) => m.text),
        );
    }
  }
  for (const a of diplomacy) log.take(a);

  // Orders, then ready — when the heuristic bot would give them (it knows when orders are due).
  if (heuristic.actions.some((a) => a.type === "ready")) {
    const orders = await chooseOrders(log, diary, heuristicOrders);
    if (orders.length > 0 && !log.take({ type: "orders", orders }) && heuristicOrders.length > 0)
      log.take({ type: "orders", orders: heuristicOrders });
    log.take({ type: "ready", ready: true });
  }
  return { actions: log.actions, diary, report: log.report() };
}
