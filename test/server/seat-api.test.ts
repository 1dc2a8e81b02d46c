/**
 * The seat API (issue 16, item 1; docs/seat-api.md) end to end on a real server: three players of
 * an amber match play through HTTP alone — orders, press, a proposal, an acceptance, a notice, a
 * communiqué, a leak and a draw vote — every answer held to the shared contract
 * (`shared/src/wire/seat.ts`). Press sent through HTTP reaches the press sockets as a socket's
 * would; `since` cuts press and editions; the long-poll and the event stream wake on a change and
 * not before. Every error status of the contract: 401 (none, wrong, another match's — the same
 * answer for a match that does not exist), 409 when the phase has moved on, 422 when the rules
 * refuse (nothing changed), 429 over the seat's move budget. Secrecy: the third seat's raw answers
 * (context, wait, events) never hold another seat's orders, private message, secret proposal,
 * notice or draw vote.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeatContext } from "../../shared/src/wire";
import { api, type Seat, threeHumans } from "./support/matches";
import { PressClient } from "./support/press";
import { codeOf, readContext, seatPath, seatRequest, type SeatResponse } from "./support/seat";
import { removeDataDir, startInProcess, waitUntil, type InProcessServer } from "./support/server";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

/** POSTs to a seat route and expects a status. */
async function post(
  matchID: string,
  seat: Seat,
  route: string,
  body: unknown,
  status = 200,
): Promise<SeatResponse> {
  const res = await seatRequest(s, "POST", seatPath(matchID, route), { token: seat.credentials, body });
  expect(res.status, `${route}: ${res.text}`).toBe(status);
  return res;
}

/** The first legal order of each unit (hold), as text. */
function holds(context: SeatContext): string[] {
  return Object.values(context.legalOrders).map((orders) => orders[0]!);
}

/** Reads an event stream until `until` holds of what arrived (bounded), then closes it. */
function readEvents(
  matchID: string,
  token: string,
  until: (text: string) => boolean,
  meanwhile: () => Promise<void> = () => Promise.resolve(),
): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(seatPath(matchID, "events"), s.url);
    const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = "";
      let started = false;
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`events: timed out; got ${text}`));
      }, 10_000);
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        if (!started && text.includes("event: context")) {
          started = true;
          meanwhile().catch(reject);
        }
        if (until(text)) {
          clearTimeout(timer);
          req.destroy();
          resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), text });
        }
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), text });
      });
    });
    req.on("error", (e) => {
      if (!req.destroyed) reject(e);
    });
  });
}

/** An event stream kept open: what arrived so far, and closing it. */
function openStream(matchID: string, token: string): { text: () => string; close: () => void } {
  let text = "";
  const req = http.get(
    new URL(seatPath(matchID, "events"), s.url),
    { headers: { authorization: `Bearer ${token}` } },
    (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
    },
  );
  req.on("error", () => undefined); // closed by the test
  return { text: () => text, close: () => req.destroy() };
}

/** The contexts in an event stream's text. */
function eventsOf(text: string): SeatContext[] {
  return [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as SeatContext);
}

describe("a seat plays through the seat API", () => {
  it("orders, press, a proposal, an acceptance, a notice, a communiqué, a leak and a draw vote; secrets stay with their seats", async () => {
    const { matchID, ada, bob, cy } = await threeHumans(s, { yearLimit: 1902 });
    const seen: string[] = []; // every raw answer Cy's program received
    const cyReads = async (since?: number): Promise<SeatContext> => {
      const res = await seatRequest(
        s,
        "GET",
        `${seatPath(matchID, "context")}${since === undefined ? "" : `?since=${since}`}`,
        { token: cy.credentials },
      );
      expect(res.status).toBe(200);
      seen.push(res.text);
      return res.body as SeatContext;
    };
    const cyStream = openStream(matchID, cy.credentials);
    const bobSocket = await PressClient.open(s.url, matchID, bob);
    const cySocket = await PressClient.open(s.url, matchID, cy);

    const first = await readContext(s, matchID, ada.credentials);
    expect(first.power).toBe(ada.power);
    expect(first.phase).toMatchObject({
      key: "1901-spring-movement",
      year: 1901,
      season: "spring",
      kind: "movement",
    });
    expect(first.phase.deadline).toBeGreaterThan(Date.now());
    expect(Object.keys(first.legalOrders).length).toBe(3);
    expect(first.board.units.length).toBe(9);
    const cyFirst = await cyReads();

    // Orders: every unit's first legal order, a move written loosely, and two refusals.
    const unit = Object.keys(first.legalOrders)[0]!;
    const move = first.legalOrders[unit]!.find((o) => o.includes(" - "))!;
    const loose = move.replace(" - ", " to ").toUpperCase();
    const orders = await post(matchID, ada, "orders", {
      orders: [loose, ...holds(first).slice(1), "A nowhere - elsewhere", holds(first)[1]!],
      phase: "1901-spring-movement",
    });
    const ordered = orders.body as {
      accepted: string[];
      refused: { order: string; code: string }[];
      ready: boolean;
    };
    expect(ordered.accepted).toEqual([move, ...holds(first).slice(1)]);
    expect(ordered.refused.map((r) => r.code)).toEqual(["unknown-province", "unit-ordered-twice"]);
    expect(ordered.ready).toBe(false);
    expect((await readContext(s, matchID, ada.credentials)).orders).toEqual(ordered.accepted);

    // Private press: answered with the stored item, on Bob's press socket as a socket's message,
    // in Bob's context, nowhere near Cy.
    const secretText = "Meet me at the crossroads — Ada";
    const bobBefore = await readContext(s, matchID, bob.credentials);
    const press = await post(matchID, ada, "press", { to: [bob.power], text: secretText });
    const item = (press.body as { item: { id: string; from: string; to: string[]; text: string } }).item;
    expect(item).toMatchObject({ from: ada.power, to: [bob.power], text: secretText });
    const onSocket = await bobSocket.next("press:message");
    expect(onSocket.args[0]).toEqual(item);
    const bobAfter = await readContext(s, matchID, bob.credentials, bobBefore.seq);
    expect(bobAfter.since).toBe(bobBefore.seq);
    expect(bobAfter.press).toEqual([item]); // only what came since
    expect(bobAfter.seq).toBeGreaterThan(bobBefore.seq);

    // A secret proposal, Bob's acceptance, Ada's notice.
    const proposal = await post(matchID, ada, "proposals", {
      parties: [bob.power],
      clauses: [{ kind: "non-aggression", from: bob.power, to: ada.power }],
      until: null,
      visibility: "secret",
    });
    const commitmentId = (proposal.body as { commitmentId: string }).commitmentId;
    expect(commitmentId).toMatch(/^c/);
    const offered = await readContext(s, matchID, bob.credentials);
    expect(offered.commitments.find((c) => c.id === commitmentId)?.status).toBe("proposed");
    await post(matchID, bob, "accept", { commitmentId });
    const signed = await readContext(s, matchID, ada.credentials);
    expect(signed.commitments.find((c) => c.id === commitmentId)?.status).toBe("active");
    await post(matchID, ada, "notice", { commitmentId });
    const noticed = await readContext(s, matchID, bob.credentials);
    expect(noticed.notices).toEqual([expect.objectContaining({ commitmentId, by: ada.power })]);

    // Bob leaks Ada's letter (into the next edition); a communiqué reaches every press socket.
    await post(matchID, bob, "leak", { messageId: item.id });
    const communique = await post(matchID, bob, "communique", { text: "Bob stands for peace." });
    const said = (communique.body as { item: { id: string } }).item;
    expect((await cySocket.next("press:communique")).args[0]).toEqual(said);

    // A draw vote: Ada's own vote; Bob and Cy learn only that a vote is open.
    await post(matchID, ada, "draw", { vote: true });
    expect((await readContext(s, matchID, ada.credentials)).draw).toEqual({ vote: true, open: true });
    expect((await readContext(s, matchID, bob.credentials)).draw).toEqual({ vote: false, open: true });

    // What Cy may see: the communiqué since its first read, the draw open — and nothing secret.
    const cyNow = await cyReads(cyFirst.seq);
    expect(cyNow.press.map((p) => p.text)).toEqual(["Bob stands for peace."]);
    expect(cyNow.draw).toEqual({ vote: false, open: true });
    expect(cyNow.commitments).toEqual([]);
    expect(cyNow.notices).toEqual([]);
    await cyReads();

    // Everyone ready: the phase resolves, Cy's long-poll wakes with the new phase, the edition
    // prints the leak.
    const cyWaitSeq = (await cyReads()).seq;
    const cyWait = seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${cyWaitSeq}&timeout=20`, {
      token: cy.credentials,
    });
    await post(matchID, ada, "ready", { ready: true, phase: "1901-spring-movement" });
    await post(matchID, bob, "orders", { orders: holds(bobAfter), ready: true });
    await post(matchID, cy, "orders", { orders: holds(cyFirst), ready: true, phase: "1901-spring-movement" });
    const woke = await cyWait;
    expect(woke.status).toBe(200);
    seen.push(woke.text);
    await waitUntil("the fall", async () => (await cyReads()).phase.key === "1901-fall-movement");
    const fall = await cyReads();
    expect(fall.editions.length).toBe(1);
    expect(JSON.stringify(fall.editions)).toContain(secretText); // leaked: now public
    seen.push(...cySocket.received.map((r) => JSON.stringify(r.args)));
    await waitUntil("Cy's stream to show the fall", () => cyStream.text().includes("1901-fall-movement"));
    const streamed = cyStream.text();
    cyStream.close();
    expect(eventsOf(streamed).length).toBeGreaterThan(3); // each change Cy may see, as it came
    const streamedInSpring = streamed.slice(0, streamed.indexOf("1901-fall-movement"));
    expect(streamedInSpring).not.toContain(secretText); // the letter reached Cy only through the paper
    seen.push(streamedInSpring);

    // Cy's raw answers never held Ada's pending orders, the proposal or the draw vote's owner
    // (the letter only as the paper printed it, after the leak).
    const raw = seen.join("\n");
    expect(raw).not.toContain(commitmentId);
    expect(raw).not.toContain(move);
    expect(raw).not.toContain(ada.credentials);
    expect(raw).not.toContain(bob.credentials);
    expect(raw).not.toMatch(/"drawVotes"|"credentials"|"nextId"|"_stateID"/);
    const beforeLeak = seen.slice(
      0,
      seen.findIndex((t) => t === woke.text),
    );
    expect(beforeLeak.join("\n")).not.toContain(secretText);
    bobSocket.stop();
    cySocket.stop();
  }, 60_000);

  it("long-poll: answers at once when something is newer, holds until a change, 204 at the timeout", async () => {
    const { matchID, ada, bob } = await threeHumans(s, { yearLimit: 1902 });
    const now = await readContext(s, matchID, bob.credentials);
    const stale = await seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${now.seq - 1}&timeout=5`, {
      token: bob.credentials,
    });
    expect(stale.status).toBe(200);
    expect((stale.body as SeatContext).seq).toBe(now.seq);

    const quiet = await seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${now.seq}&timeout=1`, {
      token: bob.credentials,
    });
    expect(quiet.status).toBe(204);
    expect(quiet.text).toBe("");

    const started = Date.now();
    const waiting = seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${now.seq}&timeout=20`, {
      token: bob.credentials,
    });
    await waitUntil("the wait to be open", () => s.server.seatApi.waits.open > 0);
    await post(matchID, ada, "press", { to: [bob.power], text: "Are you there?" });
    const woke = await waiting;
    expect(woke.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    const context = woke.body as SeatContext;
    expect(context.seq).toBeGreaterThan(now.seq);
    expect(context.press.map((p) => p.text)).toEqual(["Are you there?"]); // since `after`
    expect(s.server.seatApi.waits.open).toBe(0);
  }, 30_000);

  it("Server-Sent Events: the context at once, then each change, with keep-alives", async () => {
    const { matchID, ada, bob } = await threeHumans(s, { yearLimit: 1902 });
    s.server.seatApi.keepAliveMs = 100;
    try {
      const got = await readEvents(
        matchID,
        bob.credentials,
        (text) => eventsOf(text).length >= 2 && text.includes(": keep-alive"),
        async () => {
          await post(matchID, ada, "press", { to: [bob.power], text: "Streaming?" });
        },
      );
      expect(got.status).toBe(200);
      expect(got.type).toContain("text/event-stream");
      const [firstEvent, second] = eventsOf(got.text);
      expect(firstEvent!.power).toBe(bob.power);
      expect(second!.seq).toBeGreaterThan(firstEvent!.seq);
      expect(second!.press.map((p) => p.text)).toEqual(["Streaming?"]);
      expect(got.text).toMatch(new RegExp(`^id: ${second!.seq}$`, "m"));
    } finally {
      s.server.seatApi.keepAliveMs = 15_000;
    }
    await waitUntil("the stream's slot back", () => s.server.seatApi.waits.open === 0);
  }, 30_000);
});

describe("the seat API's errors", () => {
  it("401 without credentials, with wrong ones, with another match's — the same for a match that does not exist", async () => {
    const one = await threeHumans(s, { yearLimit: 1902 });
    const two = await threeHumans(s, { yearLimit: 1902 });
    const answers: SeatResponse[] = [
      await seatRequest(s, "GET", seatPath(one.matchID, "context")),
      await seatRequest(s, "GET", seatPath(one.matchID, "context"), { token: "not-the-credentials" }),
      await seatRequest(s, "GET", seatPath(one.matchID, "context"), { token: two.ada.credentials }),
      await seatRequest(s, "GET", seatPath("no-such-match", "context"), { token: one.ada.credentials }),
      await seatRequest(s, "POST", seatPath(one.matchID, "orders"), {
        token: two.bob.credentials,
        body: { orders: [] },
      }),
      await seatRequest(s, "GET", seatPath(one.matchID, "no-such-route"), { token: "x" }),
      await seatRequest(s, "GET", seatPath(one.matchID, "context"), {
        headers: { authorization: `Basic ${one.ada.credentials}` },
      }),
    ];
    for (const res of answers) {
      expect(res.status, res.text).toBe(401);
      expect(res.body).toEqual(answers[0]!.body);
      expect(res.text).not.toContain(one.ada.credentials);
    }
  });

  it("409 phase-moved-on for orders or ready naming a past phase, with nothing changed", async () => {
    const { matchID, ada, bob, cy } = await threeHumans(s, { yearLimit: 1902 });
    for (const seat of [ada, bob, cy])
      await post(matchID, seat, "orders", { orders: [], ready: true, phase: "1901-spring-movement" });
    await waitUntil(
      "the fall",
      async () => (await readContext(s, matchID, ada.credentials)).phase.key === "1901-fall-movement",
    );
    const before = await readContext(s, matchID, ada.credentials);
    const late = await post(
      matchID,
      ada,
      "orders",
      { orders: holds(before), ready: true, phase: "1901-spring-movement" },
      409,
    );
    expect(codeOf(late)).toBe("phase-moved-on");
    const lateReady = await post(matchID, ada, "ready", { ready: true, phase: "1901-spring-movement" }, 409);
    expect(codeOf(lateReady)).toBe("phase-moved-on");
    const after = await readContext(s, matchID, ada.credentials);
    expect(after.seq).toBe(before.seq);
    expect(after.orders).toEqual([]);
    expect(after.ready).toBe(false);
  }, 30_000);

  it("422 when the rules refuse, with nothing changed", async () => {
    const { matchID, ada, bob } = await threeHumans(s, { yearLimit: 1902 });
    const before = await readContext(s, matchID, ada.credentials);
    const refusals = [
      await post(matchID, ada, "accept", { commitmentId: "c-none" }, 422),
      await post(matchID, ada, "notice", { commitmentId: "c-none" }, 422),
      await post(
        matchID,
        ada,
        "proposals",
        {
          parties: [ada.power],
          clauses: [{ kind: "text", text: "alone" }],
          until: null,
          visibility: "public",
        },
        422,
      ),
      await post(matchID, ada, "press", { to: [ada.power], text: "to myself" }, 422),
      await post(matchID, ada, "press", { to: [bob.power], text: "   " }, 422),
      await post(matchID, ada, "leak", { messageId: "m-none" }, 422),
    ];
    expect(refusals.map(codeOf)).toEqual([
      "unknown-commitment",
      "unknown-commitment",
      "bad-parties",
      "bad-recipients",
      "empty-text",
      "unknown-message",
    ]);
    for (const res of refusals)
      expect((res.body as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
    const after = await readContext(s, matchID, ada.credentials);
    expect(after.seq).toBe(before.seq);
    expect({ ...after, phase: null }).toEqual({ ...before, phase: null });
  });

  it("400 for a body that is not the route's payload, with nothing changed", async () => {
    const { matchID, ada } = await threeHumans(s, { yearLimit: 1902 });
    const before = await readContext(s, matchID, ada.credentials);
    expect(codeOf(await post(matchID, ada, "orders", { orders: "A vel H" }, 400))).toBe("bad-payload");
    expect(codeOf(await post(matchID, ada, "draw", { vote: true, who: "all" }, 400))).toBe("bad-payload");
    expect(codeOf(await post(matchID, ada, "ready", { ready: true, phase: "spring" }, 400))).toBe(
      "bad-payload",
    );
    expect((await readContext(s, matchID, ada.credentials)).seq).toBe(before.seq);
  });
});

describe("the seat API's move budget", () => {
  it("429 once the seat's moves are over ACTIONS_PER_SECOND (shared with its sockets)", async () => {
    const slow = await startInProcess({ env: { ACTIONS_PER_SECOND: "2" } });
    try {
      const res = await api(slow, "POST", "/api/matches", {
        map: "amber",
        players: 3,
        hostName: "Ada",
        seats: [{ kind: "human" }, { kind: "bot" }, { kind: "bot" }],
      });
      const { matchID, host } = res.body as { matchID: string; host: Seat };
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const answer = await seatRequest(slow, "POST", seatPath(matchID, "draw"), {
          token: host.credentials,
          body: { vote: i % 2 === 0 },
        });
        statuses.push(answer.status);
        if (answer.status === 429) expect(codeOf(answer)).toBe("rate-limited");
      }
      expect(statuses).toContain(200);
      expect(statuses).toContain(429);
    } finally {
      await slow.stop();
      removeDataDir(slow.dataDir);
    }
  });
});
