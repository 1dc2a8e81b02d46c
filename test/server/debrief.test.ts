/**
 * Match debriefs (issue 15, item 1) on a real server: `GET /api/matches/:id/debrief` for a match of
 * a host, a second player and a bot played to its end parses with the shared schema and agrees
 * with the match (outcome, final centres, scores); the keys: none 401, a wrong one 403, another
 * seat of a running match 403, no such match 404; the host of a running match gets view "seat" and
 * never the secret pact two other seats signed; after the end any seat gets view "whole" with it.
 * A class match's teacher gets the whole while it runs; a student only once the teacher ended it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { centreCounts, createRng, getMap } from "../../shared/src";
import {
  matchDebriefSchema,
  type ClassView,
  type CreateAnswer,
  type CreateClassAnswer,
  type MatchDebrief,
} from "../../shared/src/wire";
import { startSeats, type SeatClient } from "./support/clients";
import { api, joinSeat, type ApiResponse } from "./support/matches";
import { playPhase } from "./support/play";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

/** `GET /api/matches/:id/debrief` with a key (or none). */
function getDebrief(matchID: string, key: string | null): Promise<ApiResponse> {
  return api(
    s,
    "GET",
    `/api/matches/${matchID}/debrief`,
    undefined,
    key === null ? {} : { Authorization: `Bearer ${key}` },
  );
}

/** The refusal of an answer: its status and code. */
function refusal(res: ApiResponse): [number, string | undefined] {
  return [res.status, (res.body as { error?: { code: string } }).error?.code];
}

/** A debrief the route gave, parsed by its shared schema. */
async function debriefOf(matchID: string, key: string): Promise<MatchDebrief> {
  const res = await getDebrief(matchID, key);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return matchDebriefSchema.parse(res.body);
}

/** An amber match of 1901 only: Ada hosts seat 0, seats 1 and 2 open to humans, the rest bots. */
async function amberMatch(): Promise<{ matchID: string; host: { playerID: string; credentials: string } }> {
  const res = await api(s, "POST", "/api/matches", {
    map: "amber",
    players: 3,
    hostName: "Ada",
    yearLimit: 1901,
    seats: [{ kind: "human" }, { kind: "human" }, { kind: "human" }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const answer = res.body as CreateAnswer;
  return { matchID: answer.matchID, host: answer.host! };
}

describe("a match's debrief", () => {
  it("keeps other seats' secrets from a running match's host, and tells the whole after the end", async () => {
    const { matchID, host } = await amberMatch();
    const bob = await joinSeat(s, matchID, 1, "Bob");
    const cy = await joinSeat(s, matchID, 2, "Cy");
    expect(refusal(await getDebrief("nosuchmatch0", host.credentials))).toEqual([404, "unknown-match"]);
    expect(refusal(await getDebrief(matchID, null))).toEqual([401, "no-key"]);
    expect(refusal(await getDebrief(matchID, "not-a-key-of-this-match"))).toEqual([403, "wrong-key"]);
    expect(refusal(await getDebrief(matchID, bob.credentials))).toEqual([403, "wrong-key"]);

    const seats = await startSeats(s.url, matchID, 3, [host, bob, cy]);
    const [ada, bobClient, cyClient] = seats as [SeatClient, SeatClient, SeatClient];
    try {
      const [, bobPower, cyPower] = ada.G.powers as [string, string, string];
      const secret = "Bob and Cy, in secret";
      const proposed = await bobClient.act(
        "propose",
        { parties: [cyPower], clauses: [{ kind: "text", text: secret }], until: null, visibility: "secret" },
        (st) => st.G.commitments.some((c) => c.proposer === bobPower),
      );
      expect(proposed).toBeNull();
      const id = bobClient.G.commitments.find((c) => c.proposer === bobPower)!.id;
      expect(
        await cyClient.act("accept", { commitmentId: id }, (st) =>
          st.G.commitments.some((c) => c.id === id && c.status === "active"),
        ),
      ).toBeNull();
      expect(
        await cyClient.act("drawVote", { vote: false }, (st) => st.G.drawVotes[cyPower] === false),
      ).toBeNull();
      await playPhase([ada, bobClient, cyClient], ada, createRng("debrief"));

      const running = await fetch(`${s.url}/api/matches/${matchID}/debrief`, {
        headers: { Authorization: `Bearer ${host.credentials}` },
      });
      expect(running.status).toBe(200);
      expect(running.headers.get("cache-control")).toBe("no-store");
      const seen = matchDebriefSchema.parse(await running.json());
      expect([seen.view, seen.ended, seen.outcome]).toEqual(["seat", false, null]);
      expect(seen.standings.length).toBe(2); // the start and the one resolved phase
      expect(seen.commitments.some((c) => c.id === id)).toBe(false);
      expect(seen.standings.flatMap((st) => st.ties)).toEqual([]);
      expect(seen.drawVotes).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain(secret);
      const bobSeat = seen.byPower.find((p) => p.power === bobPower)!;
      expect(bobSeat.signed).toBe(0);
      expect(refusal(await getDebrief(matchID, bob.credentials))).toEqual([403, "wrong-key"]);

      const rng = createRng("debrief-end");
      for (let phase = 0; ada.G.result === null; phase++) {
        if (phase > 12) throw new Error("the match of one year did not end");
        await playPhase([ada, bobClient, cyClient], ada, rng);
      }
      const G = ada.G;
      const map = getMap("amber")!;
      for (const key of [bob.credentials, host.credentials, cy.credentials]) {
        const whole = await debriefOf(matchID, key);
        expect([whole.view, whole.ended]).toEqual(["whole", true]);
        expect(whole.outcome).toMatchObject({ kind: G.result!.kind, survivors: G.result!.survivors });
        const centres = centreCounts(map, G.position);
        expect(Object.fromEntries(whole.byPower.map((p) => [p.power, p.centres]))).toEqual(
          Object.fromEntries(G.powers.map((p) => [p, centres.get(p) ?? 0])),
        );
        expect(Object.fromEntries(whole.byPower.map((p) => [p.power, p.score]))).toEqual(G.result!.scores);
        const pact = whole.commitments.find((c) => c.id === id);
        expect(pact).toMatchObject({
          visibility: "secret",
          parties: [bobPower, cyPower].sort((a, b) => G.powers.indexOf(a) - G.powers.indexOf(b)),
        });
        expect(pact?.signedAt?.key).toBe("1901-spring-movement");
        expect(whole.standings[1]!.ties).toEqual([
          { powers: [bobPower, cyPower], commitments: [id], alliance: false },
        ]);
        expect(whole.drawVotes).toEqual([
          {
            phase: { key: "1901-spring-movement", label: "Spring 1901 movement" },
            power: cyPower,
            vote: false,
          },
        ]);
        expect(whole.prompts.length).toBeGreaterThanOrEqual(3);
      }
    } finally {
      for (const c of seats) c?.stop();
    }
  }, 120_000);

  it("gives a class match's debrief to its teacher, whole, while it runs; a student only after the end", async () => {
    const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });
    const created = await api(s, "POST", "/api/classes", { name: "Period 5" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = created.body as CreateClassAnswer;
    const joined = await api(s, "POST", "/api/classes/join", { code: c.code, name: "Ana" });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    expect((await api(s, "POST", `/api/classes/${c.classId}/start`, {}, bearer(c.teacherKey))).status).toBe(
      200,
    );
    const view = await api(s, "GET", `/api/classes/${c.classId}`, undefined, bearer(c.teacherKey));
    const matchID = (view.body as ClassView).matches[0]!.matchId;
    const running = await debriefOf(matchID, c.teacherKey);
    expect([running.view, running.ended, running.standings.length]).toEqual(["whole", false, 1]);
    const student = (joined.body as { studentKey: string }).studentKey;
    expect(refusal(await getDebrief(matchID, student))).toEqual([403, "wrong-key"]);
    const ended = await api(
      s,
      "POST",
      `/api/classes/${c.classId}/matches/${matchID}/end`,
      {},
      bearer(c.teacherKey),
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const final = await debriefOf(matchID, student);
    expect([final.view, final.ended, final.outcome?.kind]).toEqual(["whole", true, "called"]);
  }, 60_000);
});
