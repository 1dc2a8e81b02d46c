/**
 * A bot's answer to a private message: one or two sentences that fit its personality and what its
 * ledger says of the sender, and at most one matching proposal it would sign under its own rules.
 *
 * The message is untrusted data. It is only classified by keyword cues (a proposal of peace, of
 * support, of a demilitarised zone; a threat; a question about intentions; anything else) and
 * never quoted or obeyed: the reply is drawn from fixed phrases, and what it says rests on the
 * bot's own plan, never on what the message asks.
 *
 * Honesty: a bot that may not lie (honesty 0.5 or more, as for the reassuring lie of its turn)
 * never says it keeps the peace with a power it plans to attack; a liar may.
 */
import { phaseOf } from "../trust/calendar";
import { attackOn } from "../trust/clauses/non-aggression";
import { orderFacts } from "../trust/clauses/facts";
import type { Clause, SeasonRef } from "../trust/types";
import type { GameMap, PowerId } from "../map/types";
import type { Action, MatchState } from "../match/types";
import { createRng, type Rng } from "../random";
import { zoneOffer } from "./diplomacy";
import { trustLedger, type LedgerEntry } from "./ledger";
import type { BotProfile, PartnerIntent } from "./personality";
import { botMind, pactTerm } from "./turn";

/** What a message is taken to be about, from keyword cues only. */
export const MESSAGE_CUES = ["threat", "dmz", "support", "peace", "question", "other"] as const;
/** One of `MESSAGE_CUES`. */
export type MessageCue = (typeof MESSAGE_CUES)[number];

/** The cues, strongest first: the first that matches names the message. */
const CUE_WORDS: readonly (readonly [MessageCue, RegExp])[] = [
  [
    "threat",
    /\b(or else|you will regret|regret it|destroy|crush|i will attack|we will attack|last warning|be warned)\b/,
  ],
  ["dmz", /\b(dmz|demilitari[sz]ed?|neutral zone|stay out of|keep out of|no units? in)\b/],
  ["support", /\b(support|help me|back me|convoy)\b/],
  [
    "peace",
    /\b(peace|alliance|ally|allies|allied|non-aggression|truce|treaty|pact|friends?|cooperate|work together|deal)\b/,
  ],
  ["question", /\?|\b(will you|are you|do you|plan|plans|intend|intentions?|what are)\b/],
];

/** What a message is about, by keyword cues (case-insensitive); never more than a label. */
export function classifyMessage(text: string): MessageCue {
  const lower = text.toLowerCase();
  for (const [cue, words] of CUE_WORDS) if (words.test(lower)) return cue;
  return "other";
}

/** What the reply rests on: the bot, its view of the sender, and its plan towards them. */
export interface ReplyFacts {
  readonly profile: BotProfile;
  readonly me: PowerId;
  readonly sender: PowerId;
  readonly entry: LedgerEntry | undefined; // its ledger's entry for the sender
  readonly intent: PartnerIntent; // its stance towards the sender this round
  readonly attacking: boolean; // it plans to attack the sender (its stance, or the orders it gave)
  readonly inForce: boolean; // a commitment between them is in force
  readonly canPropose: boolean; // it may propose now (movement phase, capacity, no open offer)
  readonly until: SeasonRef; // when a pact it proposes would end
  /** A demilitarised zone on the border it shares with the sender (see `zoneOffer`), if any. */
  readonly zone?: Clause | null;
}

/** A bot's reply: its text, the cue it answered, and a proposal it makes along with it. */
export interface Reply {
  readonly cue: MessageCue;
  readonly text: string;
  readonly propose: Extract<Action, { type: "propose" }> | null;
}

/** The longest reply (well within the press text limit). */
export const MAX_REPLY_LENGTH = 240;

/** Whether a bot may lie: the same bar as the reassuring lie of its turn. */
export function mayLie(profile: BotProfile): boolean {
  return profile.honesty < 0.5;
}

/** Whether the ledger marks the sender hostile: it broke its word to the bot, or is little trusted. */
function hostile(entry: LedgerEntry | undefined): boolean {
  return entry !== undefined && (entry.betrayedMe.length > 0 || entry.trust < 0.3);
}

const pick = (rng: Rng, options: readonly string[]): string =>
  options[Math.floor(rng.next() * options.length)] ?? options[0]!;

const PHRASES = {
  steady: [
    "I make no commitments; I let my orders speak.",
    "I play the board, not the table. Watch my orders.",
  ],
  agree: [
    "Agreed: peace between us suits me.",
    "Gladly. Let us keep the peace.",
    "Yes — I am for peace with you.",
  ],
  agreeSupport: [
    "Peace first: I will not strike at you. Put the support you want in writing as a pledge, and I will weigh it.",
    "I will keep the peace with you; propose a support pledge for this season and I will weigh it.",
  ],
  agreeZone: ["Agreed: an empty border between us suits me.", "Gladly — let us keep our border empty."],
  agreeZoneNoBorder: [
    "We share no empty border to keep, but I will promise you peace.",
    "There is no border to empty between us — peace, though, gladly.",
  ],
  proposed: ["I have put it in writing.", "My proposal is on the table."],
  kept: ["We have our agreement, and I keep it.", "Our pact stands; I keep my word."],
  refuseHostile: [
    "You broke faith with me before; words will not mend that.",
    "I remember what you did. No agreement.",
  ],
  refuseHonest: [
    "I will not promise you peace this season.",
    "Not this season. I make no promise I cannot keep.",
  ],
  refuseGrudger: ["You harmed me once. I do not forget."],
  refuseNotNow: ["Not this season.", "Not now; ask me again later."],
  lie: ["You have nothing to fear from me.", "Of course — peace between us. Nothing has changed."],
  warnHostile: [
    "Threats from you, after what you did? I will answer in kind.",
    "Do as you like; I remember what you did.",
  ],
  warnHonest: [
    "Then we understand each other. I will not pretend otherwise.",
    "So be it. I will not lie to you: expect a fight.",
  ],
  calmThreat: ["There is no need for threats: I mean you no harm, but I will defend what is mine."],
  answerPeace: ["I mean you no harm this season.", "I plan no move against you this season."],
  answerOpen: ["I keep my plans to myself.", "My orders will answer that."],
  answerHonestWar: [
    "I will not lie to you: I cannot promise you peace.",
    "Be on your guard; I promise nothing.",
  ],
  otherFriendly: ["Noted. I am glad to talk.", "Thank you for writing. My door is open."],
  otherCool: ["Noted.", "I have read your message."],
} as const;

/** Whether the bot would sign a peace with the sender now, under its own rules. */
function wouldSign(f: ReplyFacts): boolean {
  return (
    f.profile.personality !== "steady" &&
    f.intent.sign &&
    f.intent.stance === "keep" &&
    !f.attacking &&
    !hostile(f.entry)
  );
}

/**
 * The proposal that matches a peace, support or zone cue: for a zone cue, a demilitarised zone on
 * the border they share when there is one; otherwise a public alliance (peace both ways) — a bot
 * cannot read which support a message asks for, so it offers peace and waits for a written pledge.
 */
function proposalFor(f: ReplyFacts, cue: MessageCue): Reply["propose"] {
  const clauses: Clause[] =
    cue === "dmz" && f.zone
      ? [f.zone]
      : [{ kind: "alliance", powers: f.me < f.sender ? [f.me, f.sender] : [f.sender, f.me] }];
  return { type: "propose", parties: [f.sender], clauses, until: f.until, visibility: "public" };
}

/**
 * The bot's reply to a private message from `facts.sender` (the text is only classified). Pure:
 * the same facts, text and rng give the same reply.
 */
export function composeReply(facts: ReplyFacts, text: string, rng: Rng): Reply {
  const cue = classifyMessage(text);
  const lie = mayLie(facts.profile);
  const bad = hostile(facts.entry);
  const peaceful = !facts.attacking && facts.intent.stance === "keep";
  const say = (...sets: (readonly string[])[]): string =>
    sets
      .map((s) => pick(rng, s))
      .join(" ")
      .slice(0, MAX_REPLY_LENGTH);
  const reply = (t: string, propose: Reply["propose"] = null): Reply => ({ cue, text: t, propose });

  if (facts.profile.personality === "steady") return reply(say(PHRASES.steady));

  switch (cue) {
    case "peace":
    case "support":
    case "dmz": {
      if (facts.inForce && peaceful) return reply(say(PHRASES.kept));
      if (wouldSign(facts)) {
        const agreed =
          cue === "peace"
            ? PHRASES.agree
            : cue === "support"
              ? PHRASES.agreeSupport
              : facts.zone
                ? PHRASES.agreeZone
                : PHRASES.agreeZoneNoBorder;
        return facts.canPropose
          ? reply(say(agreed, PHRASES.proposed), proposalFor(facts, cue))
          : reply(say(agreed));
      }
      if (bad) return reply(say(PHRASES.refuseHostile));
      if (!peaceful && lie) return reply(say(PHRASES.lie));
      if (!peaceful) return reply(say(PHRASES.refuseHonest));
      if (facts.profile.personality === "grudger" && (facts.entry?.harmedMe.length ?? 0) > 0)
        return reply(say(PHRASES.refuseGrudger));
      return reply(say(PHRASES.refuseNotNow));
    }
    case "threat":
      if (peaceful && !bad) return reply(say(PHRASES.calmThreat));
      if (!peaceful && lie) return reply(say(PHRASES.lie));
      if (bad) return reply(say(PHRASES.warnHostile));
      return reply(say(PHRASES.warnHonest));
    case "question":
      if (peaceful) return reply(say(bad ? PHRASES.answerOpen : PHRASES.answerPeace));
      if (lie) return reply(say(PHRASES.lie));
      return reply(say(rng.next() < 0.5 ? PHRASES.answerOpen : PHRASES.answerHonestWar));
    case "other":
      return reply(say(peaceful && !bad ? PHRASES.otherFriendly : PHRASES.otherCool));
  }
}

/** What a bot needs to answer a message: the match as its seat sees it, and the message. */
export interface AnswerInput {
  readonly map: GameMap;
  readonly view: MatchState; // `playerView(state, power)`
  readonly power: PowerId;
  readonly profile: BotProfile;
  readonly seed: string; // the bot's own seed, as for its turn
  readonly message: { readonly id: string; readonly from: PowerId; readonly text: string };
}

/**
 * A bot's reply to a private message, from what its turn rests on: its ledger, its stance towards
 * the sender this round (the same seeded draw), and the orders it has given (an order that attacks
 * the sender counts as a plan to attack). Null when the game is over or the sender is out of play.
 */
export function answerMessage(input: AnswerInput): Reply | null {
  const { map, view, power: me, profile, seed, message } = input;
  const sender = message.from;
  if (view.result !== null || sender === me) return null;
  const ledger = trustLedger(view, me);
  const mind = botMind(map, view, me, profile, seed, ledger);
  const intent = mind.intents[sender];
  if (intent === undefined) return null; // the sender is out of play
  const orders = view.orders[me] ?? [];
  const board = orders.length > 0 ? orderFacts(map, view.position, {}) : null;
  const ordersStrike = board !== null && orders.some((o) => attackOn(board, o, sender) !== null);
  const ties = view.commitments.filter((c) => c.parties.includes(me) && c.parties.includes(sender));
  const inForce = ties.some((c) => c.status === "active");
  const open = ties.some((c) => c.status === "proposed");
  const facts: ReplyFacts = {
    profile,
    me,
    sender,
    entry: ledger[sender],
    intent,
    attacking: intent.stance !== "keep" || ordersStrike,
    inForce,
    canPropose:
      view.position.phase === "movement" && view.settings.pressMode !== "none" && !open && mind.room >= 1,
    until: pactTerm(phaseOf(view.position)),
    zone: view.position.phase === "movement" ? zoneOffer(map, view.position, view.powers, me, sender) : null,
  };
  return composeReply(facts, message.text, createRng(`${seed}|reply|${message.id}`));
}
