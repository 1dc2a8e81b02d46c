/**
 * The draw-vote control (client/src/game/drawVote.ts), in node: which buttons a seat is offered
 * for its own secret vote (none yet, for, against), nothing for a spectator, after the game or for
 * a seat not in the match, no vote for an eliminated power, no other seat's vote ever shown; and
 * the vote through the offline engine: the human's `drawVote` move, the bots' votes as the bots
 * cast them, a unanimous vote ending the match in a draw and the result line naming who agreed.
 */
import { describe, expect, it } from "vitest";
import {
  drawVoteControl,
  ownDrawVote,
  resultText,
  type DrawVoteControl,
} from "../../client/src/game/drawVote";
import {
  applyLocal,
  createLocalMatch,
  humanAct,
  mapOfLocal,
  nextStep,
  runStep,
  settle,
  type LocalMatch,
} from "../../client/src/local/engine";
import { getMap } from "../../shared/src/map/registry";
import type { GameMap, PowerId } from "../../shared/src/map/types";
import { DEFAULT_SETTINGS, newMatch } from "../../shared/src/match/setup";
import type { MatchResult, MatchState } from "../../shared/src/match/types";
import { playerView } from "../../shared/src/match/view";

const NOW = 1_700_000_000_000;
const map: GameMap = getMap("classic")!;
const base: MatchState = newMatch(map, { ...DEFAULT_SETTINGS, mapId: "classic" });

function withVotes(votes: Record<PowerId, boolean>): MatchState {
  return { ...base, drawVotes: votes };
}

/** The ids of the buttons offered. */
function buttons(c: DrawVoteControl): string[] {
  return c.kind === "vote" ? c.buttons.map((b) => `${b.id}:${String(b.vote)}`) : [];
}

describe("drawVoteControl", () => {
  it("offers a seat that has not voted to propose a draw or to vote against", () => {
    const c = drawVoteControl(playerView(base, "FRA"), map, "FRA");
    expect(c).toMatchObject({ kind: "vote", own: "none", open: false });
    expect(buttons(c)).toEqual(["propose:true", "against:false"]);
  });

  it("shows an open vote and the seat's own vote for a draw, with Withdraw", () => {
    const c = drawVoteControl(playerView(withVotes({ FRA: true }), "FRA"), map, "FRA");
    expect(c).toMatchObject({ kind: "vote", own: "for", open: true });
    expect(c.kind === "vote" && c.text).toContain("A draw vote is open");
    expect(c.kind === "vote" && c.text).toContain("You voted for a draw");
    expect(buttons(c)).toEqual(["withdraw:false"]);
  });

  it("after a vote against (or a withdrawn vote), offers to vote for a draw", () => {
    const c = drawVoteControl(playerView(withVotes({ FRA: false }), "FRA"), map, "FRA");
    expect(c).toMatchObject({ kind: "vote", own: "against", open: false });
    expect(buttons(c)).toEqual(["for:true"]);
  });

  it("tells a seat that a vote is open, never who voted or how: one vote for looks like six", () => {
    const all: Record<PowerId, boolean> = {
      AUS: true,
      ENG: true,
      GER: true,
      ITA: true,
      RUS: true,
      TUR: true,
    };
    const six = playerView(withVotes(all), "FRA");
    const one = playerView(withVotes({ TUR: true, AUS: false }), "FRA");
    expect(six.drawVotes).toEqual({});
    expect(one.drawVotes).toEqual({});
    expect(six.drawOpen).toBe(true);
    const c = drawVoteControl(six, map, "FRA");
    expect(c).toMatchObject({ kind: "vote", own: "none", open: true });
    expect(c.kind === "vote" && c.text).toContain("A power has proposed a draw");
    expect(buttons(c)).toEqual(["for:true", "against:false"]);
    expect(drawVoteControl(one, map, "FRA")).toEqual(c);
  });

  it("votes against a draw only do not open a vote; a vote against an open one says so", () => {
    const against = playerView(withVotes({ ENG: false, GER: false }), "FRA");
    expect(against.drawOpen).toBe(false);
    expect(drawVoteControl(against, map, "FRA")).toEqual(
      drawVoteControl(playerView(base, "FRA"), map, "FRA"),
    );
    const mine = drawVoteControl(playerView(withVotes({ FRA: false, ENG: true }), "FRA"), map, "FRA");
    expect(mine).toMatchObject({ own: "against", open: true });
    expect(mine.kind === "vote" && mine.text).toContain("Your vote: against a draw");
  });

  it("shows a spectator nothing (its view holds no vote)", () => {
    const view = playerView(withVotes({ FRA: true, GER: true }), null);
    expect(view.drawVotes).toEqual({});
    expect("drawOpen" in view).toBe(false);
    expect(drawVoteControl(view, map, null)).toEqual({ kind: "hidden" });
  });

  it("shows nothing without a state, once the game is over, or for a power not in the match", () => {
    expect(drawVoteControl(null, map, "FRA")).toEqual({ kind: "hidden" });
    expect(drawVoteControl(base, null, "FRA")).toEqual({ kind: "hidden" });
    const result: MatchResult = {
      kind: "draw",
      winner: null,
      survivors: ["FRA"],
      scores: {},
      at: base.position,
    };
    expect(drawVoteControl({ ...base, result }, map, "FRA")).toEqual({ kind: "hidden" });
    expect(drawVoteControl({ ...base, powers: ["ENG", "GER"] }, map, "FRA")).toEqual({ kind: "hidden" });
  });

  it("gives an eliminated power no vote (the engine refuses it)", () => {
    const position = { ...base.position, units: base.position.units.filter((u) => u.power !== "FRA") };
    const supplyCenters = Object.fromEntries(
      Object.entries(base.position.supplyCenters).filter(([, owner]) => owner !== "FRA"),
    );
    const c = drawVoteControl({ ...base, position: { ...position, supplyCenters } }, map, "FRA");
    expect(c.kind).toBe("out");
  });

  it("reads the seat's own vote", () => {
    expect(ownDrawVote(base, "FRA")).toBe("none");
    expect(ownDrawVote(withVotes({ FRA: true }), "FRA")).toBe("for");
    expect(ownDrawVote(withVotes({ FRA: false }), "FRA")).toBe("against");
  });
});

describe("resultText", () => {
  const name = (p: PowerId) => map.power.get(p)?.name ?? p;
  const at = base.position;
  it("names the powers that agreed a draw", () => {
    const r: MatchResult = { kind: "draw", winner: null, survivors: ["ENG", "FRA", "GER"], scores: {}, at };
    expect(resultText(r, name)).toBe("Draw agreed by England, France and Germany.");
  });
  it("names a solo winner, or says the year limit was reached", () => {
    expect(resultText({ kind: "solo", winner: "TUR", survivors: ["TUR"], scores: {}, at }, name)).toBe(
      "Turkey wins outright.",
    );
    expect(resultText({ kind: "year-limit", winner: null, survivors: [], scores: {}, at }, name)).toBe(
      "The year limit was reached.",
    );
  });
});

describe("draw votes offline (the local engine)", () => {
  function setup(): LocalMatch {
    const made = createLocalMatch(
      { mapId: "amber", human: "BRY", bots: {}, yearLimit: null, seed: "draw-seed" },
      NOW,
    );
    if (!made.ok) throw new Error(made.error.message);
    return made.value;
  }
  function act(m: LocalMatch, move: string, payload: unknown): LocalMatch {
    const r = humanAct(m, move, payload, NOW);
    if (!r.ok) throw new Error(`${move} refused: ${r.error.code}`);
    return r.value;
  }
  const viewOf = (m: LocalMatch) => playerView(m.state, m.human);

  it("takes the human's drawVote move; the control shows the vote, then its withdrawal", () => {
    let m = settle(setup(), NOW);
    const amber = mapOfLocal(m);
    m = act(m, "drawVote", { vote: true });
    expect(drawVoteControl(viewOf(m), amber, "BRY")).toMatchObject({ own: "for", open: true });
    m = act(m, "drawVote", { vote: false });
    expect(drawVoteControl(viewOf(m), amber, "BRY")).toMatchObject({ own: "against", open: false });
  });

  it("counts the bots' votes as they cast them: early on a bot withdraws a vote for a draw", () => {
    let m = setup();
    const amber = mapOfLocal(m);
    for (const p of m.state.powers.filter((p) => p !== m.human)) {
      const r = applyLocal(m, amber, p, { type: "draw-vote", vote: true }, NOW);
      if (!r.ok) throw new Error(r.error.code);
      m = r.value;
    }
    m = settle(m, NOW); // the bots' turns: no stalemate in 1901, so no draw
    const against = m.state.powers.filter((p) => p !== m.human && m.state.drawVotes[p] === false);
    expect(against.length).toBeGreaterThan(0);
  });

  it("ends the match in a draw when every surviving power votes for one", () => {
    let m = settle(setup(), NOW);
    const amber = mapOfLocal(m);
    m = act(m, "drawVote", { vote: true });
    for (const p of m.state.powers.filter((p) => p !== m.human)) {
      const r = applyLocal(m, amber, p, { type: "draw-vote", vote: true }, NOW);
      if (!r.ok) throw new Error(r.error.code);
      m = r.value;
    }
    m = act(m, "ready", { ready: true });
    expect(nextStep(m, amber)).toEqual({ kind: "resolve" });
    m = runStep(m, amber, { kind: "resolve" }, NOW);
    expect(m.state.result).toMatchObject({ kind: "draw", winner: null });
    expect(m.state.result?.survivors).toEqual(m.state.powers);
    expect(drawVoteControl(viewOf(m), amber, "BRY")).toEqual({ kind: "hidden" });
    const text = resultText(m.state.result!, (p) => amber.power.get(p)?.name ?? p);
    expect(text).toMatch(/^Draw agreed by .+ and .+\.$/);
    expect(humanAct(m, "drawVote", { vote: false }, NOW)).toMatchObject({
      ok: false,
      error: { code: "game-over" },
    });
  });
});
