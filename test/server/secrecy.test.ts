/**
 * No secret reaches a socket that may not see it, judged from the raw traffic: every seat and a
 * spectator connect with plain socket.io-clients to the game namespace and to the press channel,
 * and record every event and argument they receive. In one phase every seat orders, ENG and FRA
 * sign a secret commitment (a marked text clause) and FRA gives notice on it, GER votes for a
 * draw, ITA writes privately to RUS (a `message` move where the match takes them, else the press
 * channel) and AUS to TUR on the press channel (marked texts). Then the traffic is searched: nobody receives another seat's pending orders
 * or draw vote or the arguments of its secret moves, nobody outside a pact sees its clause or the
 * notice, only the two ends of a conversation see its text, and no socket ever receives
 * credentials or the random seed.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRng, playerView } from "../../shared/src";
import { latestState, rawMove, RawRecorder } from "./support/clients";
import { createMatch, readStored, type CreatedMatch, type Seat } from "./support/matches";
import { ordersFor, phaseKey } from "./support/play";
import { pressAvailable, PressClient } from "./support/press";
import { removeDataDir, startInProcess, waitUntil, type InProcessServer } from "./support/server";

const POWERS = ["AUS", "ENG", "FRA", "GER", "ITA", "RUS", "TUR"] as const;
type Viewer = (typeof POWERS)[number] | null; // null: the spectator

const ORDER_KINDS = new Set([
  "hold",
  "move",
  "support",
  "convoy",
  "retreat",
  "disband",
  "build",
  "remove",
  "waive",
]);

const mark = (label: string): string => `${label}-${randomBytes(6).toString("hex")}`;
const CLAUSE = mark("SECRETCLAUSE");
const MOVE_MESSAGE = mark("SECRETMOVEMSG");
const PRESS_MESSAGE = mark("SECRETPRESSMSG");

let s: InProcessServer;
let match: CreatedMatch;
let seats: Seat[];
const game = new Map<Viewer, RawRecorder>(); // the game socket of each viewer
const press = new Map<Viewer, PressClient>(); // the press socket of each viewer
let pressOn = false;
let beforeResolution = new Map<Viewer, number>(); // how many events each had before the phase resolved
let seed = "";

/** Every viewer: the seven powers and the spectator. */
const VIEWERS: readonly Viewer[] = [...POWERS, null];

beforeAll(async () => {
  const original = console.error.bind(console);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (args[0] !== "ERROR:") original(...args);
  });
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  s = await startInProcess();
  match = await createMatch(s, { players: 7, pressMode: "full" });
  seats = match.seats.map((x) => x!);
  pressOn = await pressAvailable(s);
  for (const viewer of VIEWERS) {
    const seat = viewer === null ? null : seats[POWERS.indexOf(viewer)]!;
    const r = await new RawRecorder(s.url).connected();
    const answer = await r.sync(match.matchID, seat?.playerID ?? null, seat?.credentials);
    expect(answer.event).toBe("sync");
    game.set(viewer, r);
    if (pressOn) press.set(viewer, await PressClient.open(s.url, match.matchID, seat));
  }
  const stored = readStored(s.dataDir, match.matchID);
  seed = String(
    (stored.initialState.plugins["random"]?.data as { seed?: string | number } | undefined)?.seed ?? "",
  );
  expect(seed.length).toBeGreaterThan(0);

  const act = async (power: string, move: string, payload: unknown): Promise<void> => {
    const seat = seats[POWERS.indexOf(power as (typeof POWERS)[number])]!;
    const refused = await rawMove(game.get(power as Viewer)!, seat, match.matchID, move, payload);
    if (refused) throw new Error(`${power} ${move} refused: ${refused.code} ${refused.message}`);
  };
  // Every seat orders.
  const rng = createRng("secrecy");
  for (const power of POWERS) {
    const G = latestState(game.get(power)!)!.G;
    await act(power, "orders", { orders: ordersFor(G, power, rng) });
  }
  // ENG and FRA sign a secret commitment; FRA gives notice on it.
  await act("ENG", "propose", {
    parties: ["FRA"],
    clauses: [{ kind: "text", text: CLAUSE }],
    until: null,
    visibility: "secret",
  });
  const pact = latestState(game.get("ENG")!)!.G.commitments.find((c) => c.visibility === "secret")!;
  await act("FRA", "accept", { commitmentId: pact.id });
  await act("FRA", "notice", { commitmentId: pact.id });
  // GER votes for a draw.
  await act("GER", "drawVote", { vote: true });
  // ITA writes to RUS through a move (when the match takes messages as moves), AUS to TUR by press.
  const G0 = latestState(game.get("ITA")!)!.G;
  if (G0.pressSeal === undefined) await act("ITA", "message", { to: ["RUS"], text: MOVE_MESSAGE });
  else if (pressOn) await press.get("ITA")!.send(["RUS"], MOVE_MESSAGE);
  if (pressOn) await press.get("AUS")!.send(["TUR"], PRESS_MESSAGE);
  // Let every socket receive the last update, then resolve the phase.
  const spectator = game.get(null)!;
  for (const [viewer, r] of game) await waitUntil("every socket to be up to date", () => upToDate(r, viewer));
  if (pressOn)
    await waitUntil("TUR to get the press", () => press.get("TUR")!.serialised().includes(PRESS_MESSAGE));
  beforeResolution = new Map(VIEWERS.map((v) => [v, game.get(v)!.received.length]));
  const key = phaseKey(latestState(spectator)!.G);
  for (const power of POWERS) await act(power, "ready", { ready: true });
  await waitUntil("the phase to resolve", () => phaseKey(latestState(spectator)!.G) !== key);
});

afterAll(async () => {
  for (const r of game.values()) r.close();
  for (const p of press.values()) p.stop();
  await s.stop();
  removeDataDir(s.dataDir);
});

/** Whether a raw socket holds exactly its viewer's view of the stored state. */
function upToDate(r: RawRecorder, viewer: Viewer): boolean {
  const G = readStored(s.dataDir, match.matchID).state.G;
  return JSON.stringify(latestState(r)?.G) === JSON.stringify(playerView(G, viewer));
}

/** Calls `visit` on every object inside a JSON-like value, with its path. */
function walk(value: unknown, visit: (obj: Record<string, unknown>, path: string) => void, path = ""): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, visit, `${path}[${i}]`));
  else if (typeof value === "object" && value !== null) {
    visit(value as Record<string, unknown>, path);
    for (const [k, v] of Object.entries(value)) walk(v, visit, `${path}.${k}`);
  }
}

/** The events a viewer's game socket received before the phase resolved. */
function pendingTraffic(viewer: Viewer): unknown {
  return game.get(viewer)!.received.slice(0, beforeResolution.get(viewer));
}

const label = (v: Viewer): string => v ?? "the spectator";

describe("what each socket received", () => {
  it("the sockets saw the phase: every seat and the spectator got updates", () => {
    for (const v of VIEWERS) {
      const updates = game.get(v)!.received.filter((x) => x.event === "patch");
      expect(updates.length, label(v)).toBeGreaterThan(5);
      expect(game.get(v)!.gaps, label(v)).toBe(0);
    }
    // The secret things really happened (seen by those who may see them).
    const fra = latestState(game.get("FRA")!)!.G;
    expect(fra.history.length).toBe(1);
    expect(game.get("ENG")!.serialised()).toContain(CLAUSE);
    expect(game.get("FRA")!.serialised()).toContain(CLAUSE);
  });

  it("no credentials and no random seed on any socket", () => {
    const credentials = seats.map((x) => x.credentials);
    for (const v of VIEWERS) {
      const traffic = game.get(v)!.serialised() + (press.get(v)?.serialised() ?? "");
      for (const c of credentials)
        expect(traffic.includes(c), `${label(v)} received credentials`).toBe(false);
      expect(traffic.includes(seed), `${label(v)} received the seed`).toBe(false);
      expect(/"prngstate"|"seed"/.test(traffic), `${label(v)} received random plugin data`).toBe(false);
      expect(/"credentials"/.test(traffic), `${label(v)} received a credentials field`).toBe(false);
    }
  });

  it("nobody receives another seat's pending orders", () => {
    for (const v of VIEWERS) {
      const leaks: string[] = [];
      walk(pendingTraffic(v), (obj, path) => {
        if (
          typeof obj["kind"] === "string" &&
          ORDER_KINDS.has(obj["kind"]) &&
          "power" in obj &&
          obj["power"] !== v
        )
          leaks.push(`${path}: ${JSON.stringify(obj)}`);
      });
      expect(leaks.slice(0, 3), `${label(v)} saw others' pending orders`).toEqual([]);
      // The same search finds them once the phase is adjudicated (orders are then public).
      let revealed = 0;
      walk(game.get(v)!.received, (obj) => {
        if (typeof obj["kind"] === "string" && ORDER_KINDS.has(obj["kind"]) && obj["power"] !== v) revealed++;
      });
      expect(revealed, `${label(v)} after adjudication`).toBeGreaterThan(10);
    }
  });

  it("no socket receives log entries, so nobody learns who made which secret move (issue 10 finding 4)", () => {
    for (const v of VIEWERS) {
      const entries: string[] = [];
      walk(game.get(v)!.received, (obj, path) => {
        const action = obj["action"] as { type?: unknown } | undefined;
        if (action?.type === "MAKE_MOVE") entries.push(`${path}: ${JSON.stringify(obj).slice(0, 200)}`);
      });
      expect(entries.slice(0, 3), `${label(v)} received log entries`).toEqual([]);
      expect(game.get(v)!.serialised(), label(v)).not.toMatch(/"numMoves":[1-9]|_activePlayersNumMoves/);
    }
  });

  it("nobody receives another seat's draw vote", () => {
    for (const v of VIEWERS) {
      const leaks: string[] = [];
      walk(game.get(v)!.received, (obj, path) => {
        const votes = obj["drawVotes"];
        if (typeof votes === "object" && votes !== null) {
          const others = Object.keys(votes).filter((p) => p !== v);
          if (others.length > 0) leaks.push(`${path}.drawVotes: ${others.join(",")}`);
        }
      });
      expect(leaks.slice(0, 3), `${label(v)} saw others' draw votes`).toEqual([]);
      if (v === "GER") expect(game.get(v)!.serialised()).toContain('"path":"/G/drawVotes/GER","value":true');
    }
  });

  it("only the parties see the secret commitment and the notice on it", () => {
    for (const v of VIEWERS) {
      const party = v === "ENG" || v === "FRA";
      const traffic = game.get(v)!.serialised() + (press.get(v)?.serialised() ?? "");
      expect(traffic.includes(CLAUSE), `${label(v)} and the clause`).toBe(party);
      const notices: string[] = [];
      walk(game.get(v)!.received, (obj, path) => {
        if (typeof obj["commitmentId"] === "string" && typeof obj["by"] === "string") notices.push(path);
      });
      if (!party) expect(notices.slice(0, 3), `${label(v)} saw a notice`).toEqual([]);
      else expect(notices.length, `${label(v)} saw the notice`).toBeGreaterThan(0);
    }
  });

  it("nobody can count the proposals it cannot see: ids are random and the id counter never leaves the server", () => {
    const pact = latestState(game.get("ENG")!)!.G.commitments.find((c) => c.visibility === "secret")!;
    expect(pact.id).toMatch(/^c[0-9a-z]{14}$/);
    for (const v of VIEWERS) {
      const counters: string[] = [];
      walk(game.get(v)!.received, (obj, path) => {
        if ("nextId" in obj && obj["nextId"] !== 0) counters.push(`${path} = ${String(obj["nextId"])}`);
      });
      expect(counters, `${label(v)} saw the id counter`).toEqual([]);
    }
  });

  it("only the two ends of a private conversation see its text", () => {
    for (const v of VIEWERS) {
      const traffic = game.get(v)!.serialised() + (press.get(v)?.serialised() ?? "");
      expect(traffic.includes(MOVE_MESSAGE), `${label(v)} and ITA→RUS`).toBe(v === "ITA" || v === "RUS");
      if (pressOn)
        expect(traffic.includes(PRESS_MESSAGE), `${label(v)} and AUS→TUR`).toBe(v === "AUS" || v === "TUR");
    }
  });
});

describe("issue 10 finding 4: a secret move sends nothing to those who may not see it", () => {
  it("outsiders receive no event at all for orders, proposals, answers, withdrawals and draw votes", async () => {
    const act = async (power: (typeof POWERS)[number], move: string, payload: unknown): Promise<void> => {
      const refused = await rawMove(
        game.get(power)!,
        seats[POWERS.indexOf(power)]!,
        match.matchID,
        move,
        payload,
      );
      if (refused) throw new Error(`${power} ${move} refused: ${refused.code} ${refused.message}`);
    };
    const secretPact = (): string =>
      latestState(game.get("ENG")!)!.G.commitments.find((c) => c.status === "proposed")!.id;
    const steps: [string, readonly Viewer[], () => Promise<void>][] = [
      [
        "orders",
        ["ENG"],
        () =>
          act("ENG", "orders", {
            orders: ordersFor(latestState(game.get("ENG")!)!.G, "ENG", createRng("x")),
          }),
      ],
      [
        "propose",
        ["ENG", "FRA"],
        () =>
          act("ENG", "propose", {
            parties: ["FRA"],
            clauses: [{ kind: "text", text: mark("P") }],
            until: null,
            visibility: "secret",
          }),
      ],
      ["withdraw", ["ENG", "FRA"], () => act("ENG", "withdraw", { commitmentId: secretPact() })],
      [
        "propose again",
        ["ENG", "FRA"],
        () =>
          act("ENG", "propose", {
            parties: ["FRA"],
            clauses: [{ kind: "text", text: mark("Q") }],
            until: null,
            visibility: "secret",
          }),
      ],
      ["reject", ["ENG", "FRA"], () => act("FRA", "reject", { commitmentId: secretPact() })],
      ["drawVote", ["GER"], () => act("GER", "drawVote", { vote: false })],
    ];
    for (const [label, insiders, step] of steps) {
      const before = new Map(VIEWERS.map((v) => [v, game.get(v)!.received.length]));
      await step();
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const v of VIEWERS) {
        const got = game
          .get(v)!
          .received.slice(before.get(v))
          .map((x) => x.event);
        if (insiders.includes(v)) expect(got, `${label}: ${String(v)}`).toContain("patch");
        else expect(got, `${label}: ${v ?? "the spectator"} received something`).toEqual([]);
      }
    }
    // A vote that opens a draw vote tells every seat that a vote is open — never who voted, and
    // nothing to the spectator; the vote withdrawn closes it the same way.
    const SEATS = VIEWERS.filter((v) => v !== null);
    for (const [vote, open] of [
      [true, true],
      [false, false],
    ] as const) {
      const mark = new Map(VIEWERS.map((v) => [v, game.get(v)!.received.length]));
      await act("ITA", "drawVote", { vote });
      for (const v of SEATS)
        await waitUntil(`${v} to see the draw vote ${open ? "open" : "closed"}`, () =>
          game
            .get(v)!
            .received.slice(mark.get(v))
            .some((x) => x.event === "patch"),
        );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(game.get(null)!.received.slice(mark.get(null)), "the spectator").toEqual([]);
      for (const v of SEATS) {
        const got = JSON.stringify(game.get(v)!.received.slice(mark.get(v)));
        expect(got, `${v} sees the vote ${open ? "open" : "closed"}`).toContain(`"value":${String(open)}`);
        expect(got, `${v} is told of the open vote`).toContain("/G/drawOpen");
        if (v !== "ITA") expect(got, `${v} sees ITA's vote`).not.toContain("ITA");
      }
    }
    // A public move (ready) reaches everyone, and the sequence each socket sees has no gap.
    const before = new Map(VIEWERS.map((v) => [v, game.get(v)!.received.length]));
    await act("AUS", "ready", { ready: true });
    for (const v of VIEWERS) {
      await waitUntil(`${v ?? "the spectator"} to see AUS ready`, () =>
        game
          .get(v)!
          .received.slice(before.get(v))
          .some((x) => x.event === "patch"),
      );
      expect(game.get(v)!.gaps).toBe(0);
    }
  });
});
