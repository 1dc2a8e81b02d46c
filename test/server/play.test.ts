/**
 * Whole matches over real sockets on a real server (in-process, SQLite file in a temporary
 * folder): seven headless boardgame.io socket clients — humans ordering random legal orders, with
 * a proposal, an acceptance and a notice among them, and bot seats the server plays when there are
 * bots — play a classic match with a year limit to its end; and a seat that drops out mid-phase
 * reconnects to exactly its own view of the stored state (and its press history, when the press
 * channel is there).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createRng, playerView, type MatchState } from "../../shared/src";
import { SeatClient, startSeats } from "./support/clients";
import { createMatch, readStored } from "./support/matches";
import { hasToAct, ordersFor, phaseKey, playPhase, powerOf } from "./support/play";
import { pressAvailable, PressClient } from "./support/press";
import { publicCtx } from "../../server/src/views";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

// boardgame.io logs refused moves as "ERROR: …"; keep the output for real failures.
beforeAll(() => {
  const original = console.error.bind(console);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (args[0] !== "ERROR:") original(...args);
  });
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

const servers: InProcessServer[] = [];
const clients: { stop(): void }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  for (const s of servers.splice(0)) {
    await s.stop();
    removeDataDir(s.dataDir);
  }
});

async function server(): Promise<InProcessServer> {
  const s = await startInProcess();
  servers.push(s);
  return s;
}

function track<T extends { stop(): void }>(c: T): T {
  clients.push(c);
  return c;
}

/** The most phases a match to 1903 can take (3 years × at most 5 phases), with room to spare. */
const MAX_PHASES = 20;

describe("a classic match over sockets", () => {
  it("is played to its end by seven socket clients, with a proposal, an acceptance and a notice", async () => {
    const s = await server();
    // Two bot seats once the server plays bots; the lobby answers 404 until it lands, and the
    // direct fallback makes every seat human.
    const seatKinds = ["human", "human", "human", "human", "bot", "human", "bot"] as const;
    const created = await createMatch(s, {
      seats: seatKinds.map((kind) => ({ kind })),
      yearLimit: 1903,
      pressMode: "full",
    });
    const botsPlay = created.via === "api";
    const match =
      botsPlay || created.seats.every((x) => x !== null)
        ? created
        : await createMatch(s, { players: 7, yearLimit: 1903, pressMode: "full" });
    const seats = (await startSeats(s.url, match.matchID, 7, match.seats)).map((c) => c && track(c));
    const spectator = track(await new SeatClient(s.url, match.matchID, 7, null, null).start());
    const eng = seats[1]!;
    const fra = seats[2]!;
    expect(powerOf(eng)).toBe("ENG");
    expect(powerOf(fra)).toBe("FRA");

    // ENG proposes a public non-aggression pact with FRA; FRA accepts; it comes into force.
    const before = eng.G.commitments.length;
    const proposed = await eng.act(
      "propose",
      {
        parties: ["FRA"],
        clauses: [{ kind: "non-aggression", from: "ENG", to: "FRA" }],
        until: null,
        visibility: "public",
      },
      (st) => st.G.commitments.length > before,
    );
    expect(proposed).toBeNull();
    const pact = eng.G.commitments.at(-1)!;
    expect(pact.status).toBe("proposed");
    expect(await fra.act("accept", { commitmentId: pact.id }, (st) => isActive(st.G, pact.id))).toBeNull();
    await spectator.waitFor("the pact to be public", (st) => isActive(st.G, pact.id));

    const rng = createRng("play-test");
    const played: string[] = [];
    played.push(await playPhase(seats, spectator, rng));

    // After a phase in force, FRA gives notice on the pact.
    expect(
      await fra.act("notice", { commitmentId: pact.id }, (st) =>
        st.G.notices.some((n) => n.commitmentId === pact.id),
      ),
    ).toBeNull();
    // …which ENG, a party, sees, and the spectator does not (notices are private).
    await eng.waitFor("ENG to see the notice", (st) => st.G.notices.length === 1);
    expect(spectator.G.notices).toEqual([]);

    while (spectator.G.result === null) {
      if (played.length >= MAX_PHASES) throw new Error(`no result after ${played.join(", ")}`);
      played.push(await playPhase(seats, spectator, rng));
    }
    const G = spectator.G;
    expect(G.result).not.toBeNull();
    expect(G.result!.kind).toBe("year-limit");
    expect(G.result!.at.year).toBe(1903);
    expect(G.editions.length).toBeGreaterThan(0);
    // Phases in which only bots had something to order (a retreat, a build) resolve without the
    // humans' driver, so the record can hold more phases than the driver played.
    expect(G.history.length).toBeGreaterThanOrEqual(played.length);
    expect(spectator.state().ctx.gameover).toBeDefined();
    // The file agrees with the spectator.
    const stored = readStored(s.dataDir, match.matchID);
    expect(stored.state.G.result).toEqual(G.result);
    expect(stored.metadata.gameover).toBeDefined();
    // Every seat saw the end.
    for (const c of seats) if (c) expect(c.G.result).toEqual(G.result);
  });

  it("gives a seat that reconnects mid-phase exactly its view and its press history", async () => {
    const s = await server();
    const match = await createMatch(s, { players: 7, pressMode: "full" });
    const seats = (await startSeats(s.url, match.matchID, 7, match.seats)).map((c) => track(c!));
    const spectator = track(await new SeatClient(s.url, match.matchID, 7, null, null).start());
    const rng = createRng("reconnect");
    const fra = seats[2]!;
    const fraSeat = match.seats[2]!;

    // FRA orders, proposes a secret pact with GER, and talks; then its connection drops.
    const fraOrders = ordersFor(fra.G, "FRA", rng);
    expect(
      await fra.act("orders", { orders: fraOrders }, (st) => st.G.orders["FRA"]!.length === fraOrders.length),
    ).toBeNull();
    const id = fra.G.commitments.length;
    expect(
      await fra.act(
        "propose",
        {
          parties: ["GER"],
          clauses: [{ kind: "text", text: "FRA and GER split the Low Countries" }],
          until: null,
          visibility: "secret",
        },
        (st) => st.G.commitments.length > id,
      ),
    ).toBeNull();
    const press = (await pressAvailable(s)) ? await PressClient.open(s.url, match.matchID, fraSeat) : null;
    if (press) {
      await press.send(["ENG"], "FRA to ENG before the drop");
      track(press);
    }
    fra.stop();

    // Meanwhile others act: orders, an acceptance, a message to FRA.
    for (const c of seats) {
      if (c === fra || !hasToAct(c.G, powerOf(c))) continue;
      const orders = ordersFor(c.G, powerOf(c), rng);
      expect(
        await c.act(
          "orders",
          { orders },
          (st) => JSON.stringify(st.G.orders[powerOf(c)]) === JSON.stringify(orders),
        ),
      ).toBeNull();
    }
    const ger = seats[3]!;
    const secret = ger.G.commitments.find((c) => c.visibility === "secret")!;
    expect(
      await ger.act("accept", { commitmentId: secret.id }, (st) => isActive(st.G, secret.id)),
    ).toBeNull();
    if (press) {
      const eng = track(await PressClient.open(s.url, match.matchID, match.seats[1]!));
      await eng.send(["FRA"], "ENG to FRA while FRA is away");
    }
    const key = phaseKey(spectator.G);

    // FRA comes back with a new client.
    const back = track(
      await new SeatClient(s.url, match.matchID, 7, fraSeat.playerID, fraSeat.credentials).start(),
    );
    const stored = readStored(s.dataDir, match.matchID).state;
    expect(phaseKey(stored.G)).toBe(key);
    expect(back.G).toEqual(playerView(stored.G, "FRA"));
    expect(back.G.orders["FRA"]).toEqual(fraOrders);
    expect(back.G.commitments.find((c) => c.id === secret.id)?.status).toBe("active");
    expect(back.G.orders["GER"]).toEqual([]); // and nothing more
    expect(back.state().ctx).toEqual(publicCtx(stored.ctx));

    if (press) {
      const again = track(await PressClient.open(s.url, match.matchID, fraSeat));
      const texts = (await again.history()).map((m) => m.text);
      expect(texts).toContain("FRA to ENG before the drop");
      expect(texts).toContain("ENG to FRA while FRA is away");
    }
  });
});

/** Whether a commitment is in force in a view. */
function isActive(G: MatchState, id: string): boolean {
  return G.commitments.some((c) => c.id === id && c.status === "active");
}
