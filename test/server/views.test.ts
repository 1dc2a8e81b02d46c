/**
 * Issue 10 finding 11 at the views: what one action costs each socket follows what changed, not the
 * match's length. On a long bot match (to 1915), the patch a seat and a spectator are sent for one
 * ordinary action is as small late as early, the views of an unchanged history are the very same
 * array (so the diff stops there), and a socket whose view an action did not change is sent nothing.
 */
import { describe, expect, it } from "vitest";
import { createGame, playerView } from "../../shared/src";
import { patchFor, publicCtx, SeatViews, type SocketView } from "../../server/src/views";
import { nextOf, playLongMatch, springOf } from "./support/long-match";

const match = playLongMatch({ seed: "views", untilYear: 1916 });
const game = createGame();

/** The patch text a socket of `playerID` is sent for the action after `state`. */
function patchText(from: (typeof match.states)[number], playerID: string | null): string {
  const views = new SeatViews(game);
  const view: SocketView = { seq: 1, body: views.bodyOf(from, playerID) };
  const patch = patchFor(view, views.bodyOf(nextOf(match, from), playerID));
  return patch === null ? "" : JSON.stringify(patch.ops);
}

describe("issue 10 finding 11: an action's patch follows what changed", () => {
  it("is as small in 1915 as in 1901, for the actor's seat and for a spectator", () => {
    const early = springOf(match, 1901);
    const late = springOf(match, 1915);
    expect(JSON.stringify(late.G).length).toBeGreaterThan(20 * JSON.stringify(early.G).length);
    for (const seat of [null, "0", "1", "2", "3", "4", "5", "6"]) {
      const a = patchText(early, seat).length;
      const b = patchText(late, seat).length;
      expect(b, `seat ${seat ?? "spectator"}: ${a} → ${b}`).toBeLessThan(Math.max(2 * a, 2_000));
    }
  });

  it("gives every view of an unchanged history the same array", () => {
    const late = springOf(match, 1915);
    const next = nextOf(match, late);
    expect(next.G.history).toBe(late.G.history);
    for (const power of [null, ...late.G.powers]) {
      expect(playerView(next.G, power).history).toBe(playerView(late.G, power).history);
    }
  });

  it("gives a seat the very same parts of its view while their inputs are unchanged, and each seat its own", () => {
    const late = springOf(match, 1915);
    const next = nextOf(match, late);
    const parts = ["orders", "commitments", "notices", "messages", "leaks", "drawVotes"] as const;
    for (const power of [null, ...late.G.powers]) {
      const before = playerView(late.G, power);
      const after = playerView(next.G, power);
      for (const part of parts) {
        if (next.G[part] === late.G[part] && (part !== "commitments" || next.G.notices === late.G.notices))
          expect(after[part], `${power ?? "spectator"} ${part}`).toBe(before[part]);
      }
    }
    const [first, second] = late.G.powers;
    const own = playerView(late.G, first!);
    const other = playerView(late.G, second!);
    expect(own.orders).not.toBe(other.orders);
    expect(own.orders[second!]).toEqual([]);
    expect(other.orders[second!]).toBe(late.G.orders[second!]);
  });

  it("sends nothing to a socket whose view an action did not change, and shows no move counters", () => {
    const late = springOf(match, 1915);
    const next = nextOf(match, late);
    const changed = late.G.powers.filter(
      (p) => JSON.stringify(playerView(late.G, p)) !== JSON.stringify(playerView(next.G, p)),
    );
    expect(changed.length).toBeLessThan(late.G.powers.length);
    for (const [i, power] of late.G.powers.entries()) {
      const text = patchText(late, String(i));
      if (changed.includes(power)) expect(text, power).not.toBe("");
      else expect(text, power).toBe("");
    }
    const ctx = publicCtx({ ...late.ctx, numMoves: 7 });
    expect(ctx.numMoves).toBe(0);
  });
});
