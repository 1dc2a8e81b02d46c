/**
 * The browser notifications a seat gets, as plain data (no React, no DOM): what the seat saw a
 * moment ago and what it sees now are compared, and each new thing becomes one notification — a
 * private message (one per sender), a proposal waiting for its answer, a notice given on one of its
 * commitments, a resolved phase, and two minutes left before the deadline. Each carries a tag made
 * from what it is about, so one event never notifies twice. A message's text is never shown: a
 * phone's lock screen is read by whoever sits next to it.
 */
import { phaseKey } from "../../../shared/src/game/position";
import type { PowerId } from "../../../shared/src/map/types";
import type { PressItem } from "../../../shared/src/match/types";
import type { Commitment, Notice, PhaseRef } from "../../../shared/src/trust/types";
import { awaitingAnswer, noticesReceived } from "./attention";
import { msLeft } from "./serverClock";

/** How long before the deadline the seat is warned. */
export const DEADLINE_WARNING_MS = 2 * 60_000;

/** What a seat sees at one moment, as far as notifications care. */
export interface SeatSight {
  readonly me: PowerId;
  readonly messages: readonly PressItem[]; // private messages other powers sent this seat
  readonly proposals: readonly Commitment[]; // proposals waiting for this seat's answer
  readonly notices: readonly Notice[]; // notices others gave this phase on its commitments
  readonly phase: string; // the phase's key (`phaseKey`)
  readonly phaseLabel: string; // the phase in words: "Spring 1901 movement"
  readonly deadline: number | null; // the phase's deadline by the server's clock; null: none
  readonly serverNow: number; // the server's time when this was seen
}

/** One notification to show. */
export interface SeatNotification {
  readonly tag: string; // what it is about; the same event always gives the same tag
  readonly title: string;
  readonly body: string;
}

/** What `seatSight` reads. */
export interface SightInput {
  readonly me: PowerId | null; // null: a spectator (no notifications)
  readonly items: readonly PressItem[]; // the press the seat holds
  readonly state: {
    readonly commitments: readonly Commitment[];
    readonly notices: readonly Notice[];
    readonly position: PhaseRef;
  } | null; // null: no state yet
  readonly deadline: number | null;
  readonly now: number; // this browser's clock
  readonly offset: number; // how far the server's clock is ahead of this browser's
}

const PHASE_WORDS: Readonly<Record<string, string>> = {
  movement: "movement",
  retreat: "retreats",
  adjustment: "adjustments",
};

/** A phase in words: "Spring 1901 movement". */
export function phaseInWords(p: {
  readonly year: number;
  readonly season: string;
  readonly phase: string;
}): string {
  const season = p.season.charAt(0).toUpperCase() + p.season.slice(1);
  return `${season} ${p.year} ${PHASE_WORDS[p.phase] ?? p.phase}`;
}

/** What the seat sees now, or null while there is nothing to compare (a spectator, no state yet). */
export function seatSight({ me, items, state, deadline, now, offset }: SightInput): SeatSight | null {
  if (me === null || state === null) return null;
  return {
    me,
    messages: items.filter((i) => i.kind === "message" && i.from !== me && i.to.includes(me)),
    proposals: awaitingAnswer(state.commitments, me),
    notices: noticesReceived(state.notices, state.commitments, me),
    phase: phaseKey(state.position),
    phaseLabel: phaseInWords(state.position),
    deadline,
    serverNow: now + offset,
  };
}

/** A notice's identity: who gave it, on what, in which phase. */
const noticeKey = (n: Notice): string => `${n.commitmentId}:${n.by}:${phaseKey(n.at)}`;

/** Names in a list: "A", "A and B", "A, B and C". */
function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
}

/** New private messages: one notification per sender, tagged by the sender's latest message. */
function messageNotes(before: SeatSight, now: SeatSight, nameOf: (p: PowerId) => string): SeatNotification[] {
  const seen = new Set(before.messages.map((m) => m.id));
  const bySender = new Map<PowerId, PressItem[]>();
  for (const m of now.messages) {
    if (seen.has(m.id)) continue;
    bySender.set(m.from, [...(bySender.get(m.from) ?? []), m]);
  }
  return [...bySender].map(([from, list]) => {
    const name = nameOf(from);
    const last = list[list.length - 1]!;
    return {
      tag: `message-${last.id}`,
      title: `A message from ${name}`,
      body:
        list.length === 1
          ? `${name} sent you a private message. Read it in the Press tab.`
          : `${name} sent you ${list.length} private messages. Read them in the Press tab.`,
    };
  });
}

/** New proposals waiting for this seat's answer. */
function proposalNotes(
  before: SeatSight,
  now: SeatSight,
  nameOf: (p: PowerId) => string,
): SeatNotification[] {
  const seen = new Set(before.proposals.map((c) => c.id));
  return now.proposals
    .filter((c) => !seen.has(c.id))
    .map((c) => {
      const proposer = nameOf(c.proposer);
      const others = c.parties.filter((p) => p !== c.proposer && p !== now.me).map(nameOf);
      const withWhom = others.length === 0 ? "" : ` (with ${listOf(others)})`;
      return {
        tag: `proposal-${c.id}`,
        title: `A proposal from ${proposer}`,
        body: `${proposer} proposes a commitment to you${withWhom}. Answer it in the Commitments tab.`,
      };
    });
}

/** New notices given on this seat's commitments. */
function noticeNotes(before: SeatSight, now: SeatSight, nameOf: (p: PowerId) => string): SeatNotification[] {
  const seen = new Set(before.notices.map(noticeKey));
  return now.notices
    .filter((n) => !seen.has(noticeKey(n)))
    .map((n) => {
      const by = nameOf(n.by);
      return {
        tag: `notice-${noticeKey(n)}`,
        title: `${by} gave notice`,
        body: `${by} gave notice on commitment ${n.commitmentId} with you: it ends when this phase resolves.`,
      };
    });
}

/** Whether the deadline is within the warning's reach (and still ahead) at the moment `s` was seen. */
function warned(s: SeatSight): boolean {
  if (s.deadline === null) return false;
  const left = msLeft(s.deadline, s.serverNow, 0);
  return left > 0 && left <= DEADLINE_WARNING_MS;
}

/**
 * The notifications to show for what changed between `before` and `now` (in this order: the
 * resolved phase, messages, proposals, notices, the deadline). Nothing on the first look (`before`
 * null: everything is already on screen when the page opens), and nothing when the seat changed.
 * The deadline's warning comes when its last two minutes begin between two looks at the same
 * deadline (a phase that starts with less left is told by "The phase resolved").
 */
export function notificationsFor(
  before: SeatSight | null,
  now: SeatSight | null,
  nameOf: (p: PowerId) => string,
): SeatNotification[] {
  if (before === null || now === null || before.me !== now.me) return [];
  const notes: SeatNotification[] = [];
  if (before.phase !== now.phase)
    notes.push({
      tag: `phase-${now.phase}`,
      title: "The phase resolved",
      body: `${before.phaseLabel} is over. Now: ${now.phaseLabel}.`,
    });
  notes.push(...messageNotes(before, now, nameOf));
  notes.push(...proposalNotes(before, now, nameOf));
  notes.push(...noticeNotes(before, now, nameOf));
  const sameDeadline = before.phase === now.phase && before.deadline === now.deadline;
  if (sameDeadline && now.deadline !== null && !warned(before) && warned(now))
    notes.push({
      tag: `deadline-${now.phase}-${now.deadline}`,
      title: "Two minutes left",
      body: `${now.phaseLabel} ends in two minutes.`,
    });
  return notes;
}
