/**
 * Knowing when it is your move (issue 13, item 2): the browser notifications a seat gets
 * (client/src/game/notifications.ts) — one for each new private message's sender, each proposal
 * waiting for its answer, each notice given on its commitments, a resolved phase, and the last two
 * minutes before the deadline — each with a tag so one event never notifies twice, and nothing on
 * the first look, for a spectator, or for what was already there.
 */
import { describe, expect, it } from "vitest";
import type { PressItem } from "../../shared/src/match/types";
import type { Commitment, Notice } from "../../shared/src/trust/types";
import {
  DEADLINE_WARNING_MS,
  notificationsFor,
  phaseInWords,
  seatSight,
  type SeatSight,
  type SightInput,
} from "../../client/src/game/notifications";
import { commitment } from "../trust/support";

const spring = { year: 1901, season: "spring", phase: "movement" } as const;
const fall = { year: 1901, season: "fall", phase: "movement" } as const;
const NAMES: Readonly<Record<string, string>> = { ENG: "England", FRA: "France", GER: "Germany" };
const nameOf = (p: string): string => NAMES[p] ?? p;

const message = (id: string, from: string, to: string[], sentAt = 1_000): PressItem => ({
  id,
  kind: "message",
  from,
  to,
  text: "the secret plan",
  at: spring,
  sentAt,
});
const communique = (id: string, from: string): PressItem => ({
  ...message(id, from, []),
  kind: "communique",
});
const proposal = (id: string, parties: string[], acceptedBy = [parties[0]!]): Commitment => ({
  ...commitment(id, parties, [{ kind: "non-aggression", from: parties[0]!, to: parties[1]! }], {
    status: "proposed",
  }),
  acceptedBy,
});
const active = (id: string, parties: string[]): Commitment =>
  commitment(id, parties, [{ kind: "non-aggression", from: parties[0]!, to: parties[1]! }]);
const notice = (commitmentId: string, by: string): Notice => ({ commitmentId, by, at: spring });

/** England's view: no press, no commitments, spring 1901, deadline at 10 minutes (server time). */
const base: SightInput = {
  me: "ENG",
  items: [],
  state: { commitments: [], notices: [], position: spring },
  deadline: 600_000,
  now: 0,
  offset: 0,
};
const sight = (over: Partial<SightInput> = {}): SeatSight => seatSight({ ...base, ...over })!;
const withState = (over: Partial<NonNullable<SightInput["state"]>>): Partial<SightInput> => ({
  state: { ...base.state!, ...over },
});

interface Case {
  readonly name: string;
  readonly before: Partial<SightInput> | null; // null: the first look
  readonly now: Partial<SightInput>;
  readonly expected: readonly { tag: string; title: string; body: string }[];
}

const CASES: readonly Case[] = [
  {
    name: "nothing on the first look, whatever waits",
    before: null,
    now: { items: [message("m1", "FRA", ["ENG"])] },
    expected: [],
  },
  { name: "nothing when nothing changed", before: {}, now: {}, expected: [] },
  {
    name: "a new private message: its sender, never its text",
    before: {},
    now: { items: [message("m1", "FRA", ["ENG"])] },
    expected: [
      {
        tag: "message-m1",
        title: "A message from France",
        body: "France sent you a private message. Read it in the Press tab.",
      },
    ],
  },
  {
    name: "several new messages: one notification per sender, tagged by the latest",
    before: { items: [message("m0", "FRA", ["ENG"])] },
    now: {
      items: [
        message("m0", "FRA", ["ENG"]),
        message("m1", "FRA", ["ENG"]),
        message("m2", "GER", ["ENG", "FRA"]),
        message("m3", "FRA", ["ENG"]),
      ],
    },
    expected: [
      {
        tag: "message-m3",
        title: "A message from France",
        body: "France sent you 2 private messages. Read them in the Press tab.",
      },
      {
        tag: "message-m2",
        title: "A message from Germany",
        body: "Germany sent you a private message. Read it in the Press tab.",
      },
    ],
  },
  {
    name: "no notification for the seat's own messages, communiqués, or messages to others",
    before: {},
    now: { items: [message("m1", "ENG", ["FRA"]), communique("c1", "FRA"), message("m2", "FRA", ["GER"])] },
    expected: [],
  },
  {
    name: "a proposal waiting for the seat's answer, with the other parties",
    before: {},
    now: withState({ commitments: [proposal("c1", ["FRA", "ENG"]), proposal("c2", ["GER", "ENG", "FRA"])] }),
    expected: [
      {
        tag: "proposal-c1",
        title: "A proposal from France",
        body: "France proposes a commitment to you. Answer it in the Commitments tab.",
      },
      {
        tag: "proposal-c2",
        title: "A proposal from Germany",
        body: "Germany proposes a commitment to you (with France). Answer it in the Commitments tab.",
      },
    ],
  },
  {
    name: "no notification for the seat's own proposal, one it accepted, or one that names it not",
    before: {},
    now: withState({
      commitments: [
        proposal("c1", ["ENG", "FRA"]),
        proposal("c2", ["FRA", "ENG"], ["FRA", "ENG"]),
        proposal("c3", ["FRA", "GER"]),
      ],
    }),
    expected: [],
  },
  {
    name: "a proposal already waiting is not told again",
    before: withState({ commitments: [proposal("c1", ["FRA", "ENG"])] }),
    now: withState({ commitments: [proposal("c1", ["FRA", "ENG"])] }),
    expected: [],
  },
  {
    name: "a notice given on the seat's commitment",
    before: withState({ commitments: [active("c1", ["ENG", "FRA"])] }),
    now: withState({ commitments: [active("c1", ["ENG", "FRA"])], notices: [notice("c1", "FRA")] }),
    expected: [
      {
        tag: "notice-c1:FRA:1901-spring-movement",
        title: "France gave notice",
        body: "France gave notice on commitment c1 with you: it ends when this phase resolves.",
      },
    ],
  },
  {
    name: "no notification for the seat's own notice or one on others' commitments",
    before: {},
    now: withState({
      commitments: [active("c1", ["ENG", "FRA"]), active("c2", ["FRA", "GER"])],
      notices: [notice("c1", "ENG"), notice("c2", "GER")],
    }),
    expected: [],
  },
  {
    name: "a resolved phase",
    before: {},
    now: { ...withState({ position: fall }), deadline: 900_000 },
    expected: [
      {
        tag: "phase-1901-fall-movement",
        title: "The phase resolved",
        body: "Spring 1901 movement is over. Now: Fall 1901 movement.",
      },
    ],
  },
  {
    name: "two minutes before the deadline (by the server's clock)",
    before: { now: 600_000 - DEADLINE_WARNING_MS - 1_000 },
    now: { now: 600_000 - DEADLINE_WARNING_MS + 4_000 },
    expected: [
      {
        tag: "deadline-1901-spring-movement-600000",
        title: "Two minutes left",
        body: "Spring 1901 movement ends in two minutes.",
      },
    ],
  },
  {
    name: "the warning reads the server's clock: this browser runs 3 minutes slow",
    before: { now: 200_000, offset: 180_000 },
    now: { now: 300_000, offset: 180_000 },
    expected: [
      {
        tag: "deadline-1901-spring-movement-600000",
        title: "Two minutes left",
        body: "Spring 1901 movement ends in two minutes.",
      },
    ],
  },
  {
    name: "no second warning inside the two minutes, none after the deadline",
    before: { now: 500_000 },
    now: { now: 530_000 },
    expected: [],
  },
  {
    name: "no warning once the deadline passed",
    before: { now: 400_000 },
    now: { now: 601_000 },
    expected: [],
  },
  {
    name: "no warning without a deadline",
    before: { deadline: null },
    now: { deadline: null, now: 599_000 },
    expected: [],
  },
  {
    name: "no warning for a new deadline that starts inside two minutes (a resume)",
    before: { now: 100_000 },
    now: { now: 560_000, deadline: 620_000 },
    expected: [],
  },
];

describe("notificationsFor", () => {
  for (const c of CASES)
    it(c.name, () => {
      const before = c.before === null ? null : sight(c.before);
      expect(notificationsFor(before, sight(c.now), nameOf)).toEqual(c.expected);
    });

  it("says nothing for a spectator, before the state arrives, or when the seat changed", () => {
    expect(seatSight({ ...base, me: null })).toBeNull();
    expect(seatSight({ ...base, state: null })).toBeNull();
    const news = { items: [message("m1", "FRA", ["ENG"])] };
    expect(notificationsFor(sight(), null, nameOf)).toEqual([]);
    expect(notificationsFor(sight(), sight({ ...news, me: "GER" }), nameOf)).toEqual([]);
  });

  it("gives the same tag for the same event whenever it is seen", () => {
    const first = notificationsFor(sight(), sight({ items: [message("m1", "FRA", ["ENG"])] }), nameOf);
    const again = notificationsFor(
      sight({ now: 5 }),
      sight({ now: 10, items: [message("m1", "FRA", ["ENG"])] }),
      nameOf,
    );
    expect(again.map((n) => n.tag)).toEqual(first.map((n) => n.tag));
    expect(JSON.stringify(first)).not.toContain("secret plan");
  });
});

describe("phaseInWords", () => {
  it.each([
    [spring, "Spring 1901 movement"],
    [{ year: 1902, season: "fall", phase: "retreat" }, "Fall 1902 retreats"],
    [{ year: 1903, season: "winter", phase: "adjustment" }, "Winter 1903 adjustments"],
  ] as const)("%o is %s", (p, words) => {
    expect(phaseInWords(p)).toBe(words);
  });
});
