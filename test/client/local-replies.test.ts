/**
 * Bots that answer, offline (issue 13, item 4): in a local match a bot answers each private message
 * the human sends it this phase exactly once, through a `message` action kept in `G.messages` and
 * the press log, perhaps with a matching proposal; bots do not answer each other.
 */
import { describe, expect, it } from "vitest";
import {
  createLocalMatch,
  humanAct,
  mapOfLocal,
  nextStep,
  settle,
  unansweredMessages,
  type LocalMatch,
} from "../../client/src/local/engine";

const NOW = 1_700_000_000_000;

function setup(): LocalMatch {
  const made = createLocalMatch(
    { mapId: "classic", human: "ENG", bots: { FRA: "always-cooperate" }, yearLimit: null, seed: "replies" },
    NOW,
  );
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

function send(m: LocalMatch, to: string, text: string): LocalMatch {
  const r = humanAct(m, "message", { to: [to], text }, NOW);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("a bot answers the human's private message", () => {
  it("answers once, with a short reply, and proposes the peace it would sign", () => {
    let m = settle(setup(), NOW);
    const before = m.state.messages.filter((x) => x.from === "FRA" && x.to.includes("ENG")).length;
    m = send(m, "FRA", "Shall we make an alliance in the Channel?");
    const id = m.state.messages.at(-1)!.id;
    expect(unansweredMessages(m, "FRA")).toEqual([id]);
    const map = mapOfLocal(m);
    expect(nextStep(m, map)).toEqual({ kind: "reply", power: "FRA", messageId: id });
    m = settle(m, NOW);
    expect(unansweredMessages(m, "FRA")).toEqual([]);
    const replies = m.state.messages.filter((x) => x.from === "FRA" && x.to.includes("ENG"));
    expect(replies).toHaveLength(before + 1);
    const reply = replies.at(-1)!;
    expect(reply.to).toEqual(["ENG"]);
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.text).not.toContain("Channel"); // never quotes the message
    expect(m.press.some((i) => i.id === reply.id && i.from === "FRA")).toBe(true);
    // An always-cooperate bot with room proposes the alliance it agrees to (unless one is open).
    const open = m.state.commitments.filter(
      (c) => c.status === "proposed" && c.proposer === "FRA" && c.parties.includes("ENG"),
    );
    expect(open.length).toBeGreaterThan(0);
    // Nothing more to do: the table never schedules a second answer.
    expect(nextStep(m, map)).toBeNull();
    expect(settle(m, NOW)).toBe(m);
  });

  it("answers only the recipients, and a message to two bots gets two replies", () => {
    let m = settle(setup(), NOW);
    const count = (p: string): number => m.state.messages.filter((x) => x.from === p).length;
    const [fra, ger, ita] = [count("FRA"), count("GER"), count("ITA")];
    m = send(m, "FRA", "What are your plans?");
    const both = humanAct(m, "message", { to: ["FRA", "GER"], text: "Hello to you both." }, NOW);
    if (!both.ok) throw new Error(both.error.message);
    m = both.value;
    m = settle(m, NOW);
    expect(count("FRA")).toBe(fra + 2);
    expect(count("GER")).toBe(ger + 1);
    expect(count("ITA")).toBe(ita);
  });
});
