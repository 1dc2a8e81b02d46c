/**
 * The host's table controls (client/src/game/hostTable.ts): only the host is offered them, only
 * while the match runs, and only for seats the server would hand to a bot — open seats not held
 * for a returning player, and players who hold a seat, are not connected and have no stand-in yet.
 */
import { describe, expect, it } from "vitest";
import { hostSummary, hostTable } from "../../client/src/game/hostTable";
import type { MatchInfo, PublicSeat } from "../../shared/src/wire";

const seat = (playerID: string, power: string, over: Partial<PublicSeat> = {}): PublicSeat => ({
  playerID,
  power,
  name: null,
  kind: "open",
  personality: null,
  connected: false,
  missed: 0,
  botActive: false,
  reserved: false,
  ...over,
});

const info = (seats: PublicSeat[], over: Partial<MatchInfo> = {}): MatchInfo => ({
  matchID: "m1",
  invite: "http://example.test/m/m1",
  map: "amber",
  players: seats.length,
  settings: {
    mapId: "amber",
    preset: "default",
    pressMode: "full",
    yearLimit: null,
    miscommunication: 0,
    scoring: "statesman",
  },
  timing: { movement: 10, retreat: 3, adjustment: 3 },
  unlisted: true,
  createdAt: 0,
  seats,
  phase: { year: 1901, season: "spring", phase: "movement" },
  gameover: null,
  deadline: null,
  nextMatchID: null,
  host: "0",
  paused: false,
  teacherHeld: false,
  idlePhases: 0,
  ...over,
});

const table = [
  seat("0", "BRY", { kind: "human", name: "Ada", connected: true }),
  seat("1", "ORO", { kind: "human", name: "Bob" }), // away
  seat("2", "SEL"), // open
  seat("3", "TAL", { kind: "bot", name: "Bot (grudger)", personality: "grudger" }),
  seat("4", "VAR", { kind: "human", name: "Cy", connected: true }), // here
  seat("5", "WEN", { kind: "human", name: "Di", botActive: true }), // stood in for already
  seat("6", "XAN", { reserved: true }), // held for its previous player
];

describe("hostTable", () => {
  it("offers the host the open seats and the away players, nothing the server would refuse", () => {
    const t = hostTable(info(table), "0");
    expect(t).toEqual({
      invite: "http://example.test/m/m1",
      open: [{ playerID: "2", power: "SEL", name: null }],
      away: [{ playerID: "1", power: "ORO", name: "Bob" }],
    });
    expect(hostSummary(t!)).toBe("Host: 1 open seat, 1 away");
  });

  it("offers nothing to another player, a spectator, a match with no host, or a match that ended", () => {
    expect(hostTable(info(table), "4")).toBeNull();
    expect(hostTable(info(table), null)).toBeNull();
    expect(hostTable(info(table, { host: null }), "0")).toBeNull();
    expect(hostTable(info(table, { gameover: { kind: "draw" } }), "0")).toBeNull();
    expect(hostTable(null, "0")).toBeNull();
  });

  it("never offers the host's own seat, even when the host is not connected", () => {
    const t = hostTable(info([seat("0", "BRY", { kind: "human", name: "Ada" }), seat("1", "ORO")]), "0");
    expect(t?.away).toEqual([]);
    expect(t?.open.map((s) => s.playerID)).toEqual(["1"]);
  });

  it("says what needs the host, in a few words", () => {
    const full = hostTable(info([seat("0", "BRY", { kind: "human", name: "Ada", connected: true })]), "0")!;
    expect(hostSummary(full)).toBe("Host: invite and seats");
    const two = hostTable(
      info([seat("0", "BRY", { kind: "human", name: "Ada" }), seat("1", "ORO"), seat("2", "SEL")]),
      "0",
    )!;
    expect(hostSummary(two)).toBe("Host: 2 open seats");
  });
});
