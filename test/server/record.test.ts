/**
 * Match records and replays (issue 15, item 4) on a real server: a match of bots and one host
 * played to its end gives a record that `npm run replay` finds identical, and the same record with
 * one order altered diverged (exit 1); a file that is no record is refused (exit 2). The route's
 * keys: none 401, a wrong one 403, another seat of a running match 403, the host and a class's
 * teacher 200, any seat once the match ended; a running match's record stops at its last resolved
 * phase and holds nothing of the phase in progress; a leak carries no proof, an unleaked letter is
 * nowhere, and a leak no edition printed (time called first) ends the record before its phase.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng, phaseKey } from "../../shared/src";
import { replayRecord } from "../../shared/src/match/replay";
import {
  matchRecordSchema,
  PROOF_WITHHELD,
  type CreateAnswer,
  type CreateClassAnswer,
  type ClassView,
  type MatchRecord,
  type StudentView,
} from "../../shared/src/wire";
import { startSeats, type SeatClient } from "./support/clients";
import { api, joinSeat, type ApiResponse } from "./support/matches";
import { playPhase } from "./support/play";
import { PressClient } from "./support/press";
import {
  removeDataDir,
  ROOT,
  startInProcess,
  tempDataDir,
  waitUntil,
  type InProcessServer,
} from "./support/server";
import { withOneOrderAltered } from "../support/records";

let s: InProcessServer;
let files: string;
beforeAll(async () => {
  s = await startInProcess();
  files = tempDataDir("entente-records");
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
  removeDataDir(files);
});

const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });

/** `GET /api/matches/:id/record` with a key (or none). */
function getRecord(matchID: string, key: string | null): Promise<ApiResponse> {
  return api(s, "GET", `/api/matches/${matchID}/record`, undefined, key === null ? {} : bearer(key));
}

/** The refusal code of an answer. */
function errorCode(res: ApiResponse): string | undefined {
  return (res.body as { error?: { code: string } }).error?.code;
}

/** A record the route gave, parsed by its shared schema. */
async function recordOf(matchID: string, key: string): Promise<MatchRecord> {
  const res = await getRecord(matchID, key);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return matchRecordSchema.parse(res.body);
}

/** An amber match of 1901 only: Ada hosts seat 0; seat 1 human (open) or a bot; seat 2 a bot. */
async function amberMatch(
  seat1: "human" | "bot",
): Promise<{ matchID: string; host: { playerID: string; credentials: string } }> {
  const res = await api(s, "POST", "/api/matches", {
    map: "amber",
    players: 3,
    hostName: "Ada",
    yearLimit: 1901,
    seats: [{ kind: "human" }, { kind: seat1 }, { kind: "bot", personality: "grudger" }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const answer = res.body as CreateAnswer;
  return { matchID: answer.matchID, host: answer.host! };
}

/** Plays phases (the humans order at random and say ready; the bots at once) until the match ends. */
async function playToEnd(seats: readonly (SeatClient | null)[], watcher: SeatClient): Promise<void> {
  const rng = createRng("record");
  for (let phase = 0; watcher.G.result === null; phase++) {
    if (phase > 12) throw new Error("the match of one year did not end");
    await playPhase(seats, watcher, rng);
  }
}

/** sha256 as hex. */
const digest = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Runs `npm run --silent replay -- <file>`: its exit code and its last line. */
function replay(file: string): Promise<{ code: number; last: string; out: string }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", "replay", "--", file],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        const out = `${stdout}${stderr}`;
        const lines = out.trim().split("\n");
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, last: lines.at(-1) ?? "", out });
      },
    );
  });
}

/** Writes a record (or anything) to a file of the test's folder. */
function save(name: string, data: unknown): string {
  const file = path.join(files, name);
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

describe("a match played to its end replays identical; one altered order diverges", () => {
  it("records, replays with npm run replay, and catches the change", async () => {
    const { matchID, host } = await amberMatch("bot");
    const [ada] = await startSeats(s.url, matchID, 3, [host]);
    try {
      await playToEnd([ada!], ada!);
    } finally {
      ada!.stop();
    }
    const record = await recordOf(matchID, host.credentials);
    expect(record.complete).toBe(true);
    expect(record.map).toBe("amber");
    expect(record.settings.yearLimit).toBe(1901);
    expect(record.checkpoints.length).toBeGreaterThanOrEqual(3); // spring, fall, winter at least
    expect(record.editions.length).toBe(record.checkpoints.at(-1)!.editions);
    expect(new Set(record.actions.map((a) => a.playerID))).toEqual(new Set(["0", "1", "2"]));

    const good = await replay(save("record.json", record));
    expect(good.code, good.out).toBe(0);
    expect(good.last).toBe(`replay: identical ${record.finalHash}`);
    expect(good.out).toContain(`phase ${record.checkpoints[0]!.phase}: as recorded`);

    const altered = await replay(save("altered.json", withOneOrderAltered(record)));
    expect(altered.code, altered.out).toBe(1);
    expect(altered.last).toMatch(/^replay: diverged at \d+-[a-z]+-[a-z]+: /);

    const hashless = await replay(save("hash.json", { ...record, finalHash: "0".repeat(64) }));
    expect(hashless.code, hashless.out).toBe(1);
    expect(hashless.last).toMatch(/^replay: diverged at .*final state's hash/);

    // Checked phase by phase: a checkpoint's position, an edition's headline, the seed.
    const first = record.checkpoints[0]!;
    const moved = structuredClone(record);
    moved.checkpoints[0]!.position.supplyCenters = {};
    expect(replayRecord(moved, { digest })).toEqual({
      kind: "diverged",
      phase: first.phase,
      what: "the position differs (supplyCenters)",
    });
    const reworded = structuredClone(record);
    reworded.editions[0]!.articles[0] = { headline: "Nothing happened" };
    expect(replayRecord(reworded, { digest })).toEqual({
      kind: "diverged",
      phase: first.phase,
      what: "edition 1 differs from the record's",
    });
    const reseeded = replayRecord({ ...record, seed: `${String(record.seed)}x` }, { digest });
    expect(reseeded.kind).toBe("diverged");

    const notRecord = await replay(save("not-a-record.json", { hello: "world" }));
    expect(notRecord.code).toBe(2);
    expect(notRecord.last).toMatch(/is not a match record/);
  }, 120_000);
});

describe("a bot-only match, played by the server alone", () => {
  it("gives its record to anyone once it ends; it replays identical and one altered order diverges", async () => {
    const res = await api(s, "POST", "/api/matches", {
      map: "amber",
      players: 3,
      yearLimit: 1901,
      seats: [
        { kind: "bot", personality: "backstabber" },
        { kind: "bot", personality: "grudger" },
        { kind: "bot", personality: "copycat" },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { matchID } = res.body as CreateAnswer;
    const early = await getRecord(matchID, null);
    if (early.status !== 200) expect([early.status, errorCode(early)]).toEqual([401, "no-key"]); // while it runs
    await waitUntil(
      "the bots finish the match",
      () => s.server.ctx.storage.fetch(matchID, { state: true }).state?.ctx.gameover !== undefined,
      60_000,
    );
    const answer = await getRecord(matchID, null);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const record = matchRecordSchema.parse(answer.body);
    expect(record.complete).toBe(true);
    expect(record.seed).not.toBeNull();
    expect(new Set(record.actions.map((a) => a.playerID))).toEqual(new Set(["0", "1", "2"]));
    const good = await replay(save("bots.json", record));
    expect(good.code, good.out).toBe(0);
    expect(good.last).toBe(`replay: identical ${record.finalHash}`);
    const altered = await replay(save("bots-altered.json", withOneOrderAltered(record)));
    expect(altered.code, altered.out).toBe(1);
    expect(altered.last).toMatch(/^replay: diverged at \d+-[a-z]+-[a-z]+: /);
  }, 120_000);
});

describe("who may have a match's record", () => {
  it("refuses no key, a wrong key and another seat while it runs; stops at the last resolved phase", async () => {
    const { matchID, host } = await amberMatch("human");
    const bob = await joinSeat(s, matchID, 1, "Bob");
    expect(errorCode(await getRecord("nosuchmatch0", host.credentials))).toBe("unknown-match");
    const none = await getRecord(matchID, null);
    expect([none.status, errorCode(none)]).toEqual([401, "no-key"]);
    const wrong = await getRecord(matchID, "not-a-key-of-this-match");
    expect([wrong.status, errorCode(wrong)]).toEqual([403, "wrong-key"]);
    const other = await getRecord(matchID, bob.credentials);
    expect([other.status, errorCode(other)]).toEqual([403, "wrong-key"]);

    const seats = await startSeats(s.url, matchID, 3, [host, bob]);
    const [ada, bobClient] = seats as [SeatClient, SeatClient];
    try {
      // Private press: Bob writes to Ada twice; she leaks one letter and speaks in public.
      const [adaPress, bobPress] = [
        await PressClient.open(s.url, matchID, host),
        await PressClient.open(s.url, matchID, bob),
      ];
      const powers = ada.G.powers;
      const leaked = await bobPress.send([powers[0]!], "Bob's letter, leaked");
      await bobPress.send([powers[0]!], "Bob's other letter, never leaked");
      await adaPress.next("press:message");
      expect((await adaPress.request("leak", { messageId: leaked.id })).ok).toBe(true);
      expect((await adaPress.request("communique", { text: "Ada speaks in public" })).ok).toBe(true);
      adaPress.stop();
      bobPress.stop();
      const first = await playPhase([ada, bobClient], ada, createRng("first"));
      // The phase in progress: Ada orders but is not ready; the bot plays at once.
      const second = phaseKey(ada.G.position);
      const orders = [
        {
          kind: "hold",
          power: ada.G.powers[0]!,
          unit: ada.G.position.units.find((u) => u.power === ada.G.powers[0])!,
        },
      ];
      expect(
        await ada.act(
          "orders",
          { orders: orders.map((o) => ({ ...o, unit: { type: o.unit.type, location: o.unit.location } })) },
          (st) => (st.G.orders[ada.G.powers[0]!]?.length ?? 0) > 0,
        ),
      ).toBeNull();
      const running = await fetch(`${s.url}/api/matches/${matchID}/record`, {
        headers: bearer(host.credentials),
      });
      expect(running.status).toBe(200);
      expect(running.headers.get("cache-control")).toBe("no-store");
      const record = matchRecordSchema.parse(await running.json());
      expect(record.complete).toBe(false);
      expect(record.checkpoints.map((c) => c.phase)).toEqual([first]);
      expect(record.actions.every((a) => a.phase === first)).toBe(true);
      expect(record.actions.some((a) => a.phase === second)).toBe(false);
      // The seed stays the server's while the match runs (the draws to come could be worked out).
      expect(record.seed).toBeNull();
      expect(replayRecord(record, { digest })).toMatchObject({ kind: "diverged", phase: "the start" });
      // The leak is in it, printed in the paper, its proof withheld; the other letter is not.
      const leak = record.actions.find((a) => a.move === "leak");
      expect(leak?.args).toMatchObject({ messageId: leaked.id, proof: PROOF_WITHHELD });
      const text = JSON.stringify(record);
      expect(text).toContain("Bob's letter, leaked");
      expect(text).not.toContain("never leaked");

      await playToEnd([ada, bobClient], ada);
    } finally {
      for (const c of seats) c?.stop();
    }
    const ended = await recordOf(matchID, bob.credentials); // any seat, once it has ended
    expect(ended.complete).toBe(true);
    const stranger = await getRecord(matchID, "not-a-key-of-this-match");
    expect(stranger.status).toBe(403);
  }, 120_000);

  it("gives a class match's record to its teacher, not to a student of a running match", async () => {
    const created = await api(s, "POST", "/api/classes", { name: "Period 3" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = created.body as CreateClassAnswer;
    const joined = await api(s, "POST", "/api/classes/join", { code: c.code, name: "Ana" });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    const started = await api(s, "POST", `/api/classes/${c.classId}/start`, {}, bearer(c.teacherKey));
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const view = await api(s, "GET", `/api/classes/${c.classId}`, undefined, bearer(c.teacherKey));
    const matchID = (view.body as ClassView).matches[0]!.matchId;
    const record = await recordOf(matchID, c.teacherKey);
    expect(record.complete).toBe(false);
    expect(record.checkpoints).toEqual([]); // no phase has resolved yet
    expect(record.seed).toBeNull();
    const student = (joined.body as { studentKey: string }).studentKey;
    const refused = await getRecord(matchID, student);
    expect([refused.status, errorCode(refused)]).toEqual([403, "wrong-key"]);
    const other = await api(s, "POST", "/api/classes", { name: "Period 4" });
    const otherKey = (other.body as CreateClassAnswer).teacherKey;
    expect((await getRecord(matchID, otherKey)).status).toBe(403);

    // The teacher calls time: a server-made move ends the match, and the record reaches it.
    const ended = await api(
      s,
      "POST",
      `/api/classes/${c.classId}/matches/${matchID}/end`,
      {},
      bearer(c.teacherKey),
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const final = await recordOf(matchID, student); // any seat's holder, once it has ended
    expect(final.complete).toBe(true);
    expect(final.actions.at(-1)?.move).toBe("callTime");
    expect(replayRecord(final, { digest })).toEqual({ kind: "identical", hash: final.finalHash });
  });

  it("stops an ended match's record before a leak that no edition printed", async () => {
    const c = (await api(s, "POST", "/api/classes", { name: "Period 5" })).body as CreateClassAnswer;
    const joined = await api(s, "POST", "/api/classes/join", { code: c.code, name: "Ben" });
    const student = joined.body as { studentId: string; studentKey: string };
    expect((await api(s, "POST", `/api/classes/${c.classId}/start`, {}, bearer(c.teacherKey))).status).toBe(
      200,
    );
    const mine = await api(
      s,
      "GET",
      `/api/classes/${c.classId}/students/${student.studentId}`,
      undefined,
      bearer(student.studentKey),
    );
    const seat = (mine.body as StudentView).seat!;
    const matchID = seat.matchID;
    // Ben writes to every other power and leaks the first letter a bot sends back.
    const press = await PressClient.open(s.url, matchID, seat);
    const letterFromABot = (): { id: string; text: string } | undefined =>
      press.received
        .filter((r) => r.event === "press:message")
        .map((r) => r.args[0] as { id: string; text: string; from: string })
        .find((m) => m.from !== seat.power);
    let letter: { id: string; text: string } | undefined;
    try {
      const others = ["AUS", "ENG", "FRA", "GER", "ITA", "RUS", "TUR"].filter((p) => p !== seat.power);
      await press.send(others, "Who will be my friend?");
      letter = await waitUntil("a bot's letter", letterFromABot);
      expect((await press.request("leak", { messageId: letter.id })).ok).toBe(true);
    } finally {
      press.stop();
    }
    const ended = await api(
      s,
      "POST",
      `/api/classes/${c.classId}/matches/${matchID}/end`,
      {},
      bearer(c.teacherKey),
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const record = await recordOf(matchID, c.teacherKey);
    expect(record.complete).toBe(false);
    expect(record.actions.some((a) => a.move === "leak" || a.move === "callTime")).toBe(false);
    expect(JSON.stringify(record)).not.toContain(letter.text);
    expect(replayRecord(record, { digest })).toEqual({ kind: "identical", hash: record.finalHash });
  });
});

describe("the after-match limit", () => {
  it("answers an address AFTER_MATCH_READS_PER_MINUTE times a minute; refusals do not count", async () => {
    const limited = await startInProcess({ env: { AFTER_MATCH_READS_PER_MINUTE: "3" } });
    try {
      const res = await api(limited, "POST", "/api/matches", {
        map: "amber",
        players: 3,
        hostName: "Ada",
        yearLimit: 1901,
        seats: [
          { kind: "human" },
          { kind: "bot", personality: "grudger" },
          { kind: "bot", personality: "grudger" },
        ],
      });
      const { matchID, host } = res.body as CreateAnswer & { host: { credentials: string } };
      const get = (route: string, key: string) =>
        api(limited, "GET", `/api/matches/${matchID}/${route}`, undefined, bearer(key));
      for (let i = 0; i < 5; i++) expect((await get("record", "not-a-key")).status).toBe(403);
      for (const route of ["record", "debrief", "export.json"])
        expect((await get(route, host.credentials)).status).toBe(200);
      const over = await get("record", host.credentials);
      expect([over.status, errorCode(over)]).toEqual([429, "rate-limited"]);
    } finally {
      await limited.stop();
      removeDataDir(limited.dataDir);
    }
  });
});
