/**
 * An outsider's attack on the "after the match" routes (docs/api.md "Match records",
 * docs/debrief.md, docs/exports.md): `GET /api/matches/:id/record|debrief|export.zip|export.json`
 * and `GET /api/classes/:classId/debrief|export.zip|export.json`, over raw HTTP on a real server.
 * Each test is named for the attack and passes when the server defends: other seats' and other
 * matches' keys, header and path tricks, the host of a running match fishing for other seats'
 * secrets (a secret pact, a notice, draw votes, draft and pending orders, private letters) and for
 * the phase in progress, a bot-only match read while it runs, class keys, private press when the
 * session did not announce it, spreadsheet formulas in CSV cells, the per-match replay cache
 * against a fresh server's answers, the cost of hammering, and a kill -9 while exports are made.
 */
import { execFile } from "node:child_process";
import http from "node:http";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng, type MatchState, type Order } from "../../shared/src";
import { createHash } from "node:crypto";
import { canonicalJson, replayRecord } from "../../shared/src/match/replay";
import {
  matchRecordSchema,
  type CreateAnswer,
  type CreateClassAnswer,
  type JoinClassAnswer,
  type MatchRecord,
  type StudentView,
} from "../../shared/src/wire";
import { classKit } from "./support/classes";
import { SeatClient, startSeats } from "./support/clients";
import { joinSeat, type Seat } from "./support/matches";
import { ordersFor, phaseKey, playPhase } from "./support/play";
import { PressClient } from "./support/press";
import {
  removeDataDir,
  startChild,
  startInProcess,
  tempDataDir,
  waitUntil,
  type InProcessServer,
  type ServerHandle,
} from "./support/server";

/** The four routes of a match's afterlife. */
const MATCH_ROUTES = ["record", "debrief", "export.zip", "export.json"] as const;
type MatchRoute = (typeof MATCH_ROUTES)[number];

/** An answer as raw HTTP gave it. */
interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly bytes: Buffer;
}

/**
 * One request with node:http, the path sent exactly as written (no normalisation) and headers
 * that may repeat (an array sends one header line per value).
 */
function raw(
  server: Pick<ServerHandle, "port">,
  method: string,
  path: string,
  headers: Readonly<Record<string, string | readonly string[]>> = {},
  timeoutMs = 30_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, method, path, timeout: timeoutMs });
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
      );
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

/** `Authorization: Bearer <key>`. */
const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });

/** A route's answer with a key (or none). */
function get(
  server: Pick<ServerHandle, "port">,
  matchID: string,
  route: MatchRoute,
  key: string | null,
): Promise<RawAnswer> {
  return raw(server, "GET", `/api/matches/${matchID}/${route}`, key === null ? {} : bearer(key));
}

/** Everything an answer holds as text: a zip's raw bytes and each unzipped file, or the body. */
function textOf(answer: RawAnswer): string {
  const body = answer.bytes.toString("utf8");
  if (answer.status !== 200 || !String(answer.headers["content-type"]).startsWith("application/zip"))
    return body;
  const files = Object.values(unzipSync(new Uint8Array(answer.bytes))).map((f) => strFromU8(f));
  return [answer.bytes.toString("latin1"), ...files].join("\n");
}

/** The CSV files of a zip answer, by table name. */
function csvFiles(answer: RawAnswer): Map<string, string> {
  const files = unzipSync(new Uint8Array(answer.bytes));
  return new Map(
    Object.entries(files).map(([name, data]) => [
      name.replace(/^.*\//, "").replace(/\.csv$/, ""),
      strFromU8(data),
    ]),
  );
}

/** The refusal code of an answer, if it is one. */
function codeOf(answer: RawAnswer): string | undefined {
  try {
    return (JSON.parse(answer.bytes.toString("utf8")) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** A JSON answer's body, as the type the test reads it by. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names what it reads
function jsonOf<T>(answer: RawAnswer): T {
  expect(answer.status, answer.bytes.toString("utf8").slice(0, 500)).toBe(200);
  return JSON.parse(answer.bytes.toString("utf8")) as T;
}

/** A fresh random word, so a secret is found only where it was put. */
const unique = (tag: string): string => `${tag}-${Math.random().toString(36).slice(2, 10)}`;

/** What a record holds that the tests read. */
interface RecordLike {
  readonly actions: readonly { phase: string; playerID: string; move: string; args: unknown }[];
  readonly checkpoints: readonly { phase: string }[];
  readonly complete: boolean;
  readonly seed: unknown;
}

/** What an export's JSON holds that the tests read. */
interface ExportLike {
  readonly exportedAt: string;
  readonly tables: Record<string, Record<string, unknown>[]>;
}

/** An export's JSON without its time of making (which differs from one answer to the next). */
function withoutTime(answer: RawAnswer): unknown {
  const json = jsonOf<ExportLike>(answer);
  return { ...json, exportedAt: null };
}

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

/** A 3-seat amber match: Ada hosts seat 0, Bob and Cy join seats 1 and 2. */
async function threeHumans(
  server: ServerHandle,
  yearLimit: number | null = 1902,
): Promise<{ matchID: string; ada: Seat; bob: Seat; cy: Seat }> {
  const created = await fetch(`http://127.0.0.1:${server.port}/api/matches`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      map: "amber",
      players: 3,
      hostName: "Ada",
      yearLimit,
      seats: [{ kind: "human" }, { kind: "human" }, { kind: "human" }],
    }),
  });
  expect(created.status).toBe(201);
  const answer = (await created.json()) as CreateAnswer;
  const host = answer.host!;
  const ada: Seat = { playerID: host.playerID, credentials: host.credentials, power: host.power };
  const bob = await joinSeat(server, answer.matchID, 1, "Bob");
  const cy = await joinSeat(server, answer.matchID, 2, "Cy");
  return { matchID: answer.matchID, ada, bob, cy };
}

/** Sets a seat's orders (not ready) and waits until the seat sees them. */
async function order(client: SeatClient, power: string, orders: readonly Order[]): Promise<void> {
  const refused = await client.act(
    "orders",
    { orders },
    (st) => JSON.stringify(st.G.orders[power]) === JSON.stringify(orders),
  );
  expect(refused).toBeNull();
}

/** Random legal orders of a power, at least one of them no hold (so they differ from all holds). */
function movingOrders(G: MatchState, power: string, seed: string): Order[] {
  for (let i = 0; i < 50; i++) {
    const orders = ordersFor(G, power, createRng(`${seed}-${i}`));
    if (orders.some((o) => o.kind !== "hold")) return orders;
  }
  throw new Error(`no moving orders for ${power}`);
}

/** sha256 of a text, as hex. */
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Every unit of a power holds. */
function holds(G: MatchState, power: string): Order[] {
  return G.position.units
    .filter((u) => u.power === power)
    .map((u): Order => ({ kind: "hold", power, unit: { type: u.type, location: u.location } }));
}

describe("a running match of three humans, attacked by its other seats and by strangers", () => {
  let m: { matchID: string; ada: Seat; bob: Seat; cy: Seat };
  let other: { matchID: string; ada: Seat; bob: Seat; cy: Seat };
  let clients: SeatClient[] = [];
  let hostViewAtCut: MatchState | null = null;
  /** The secrets Bob and Cy made, and where. */
  const secrets = {
    pactText: unique("pact-spring"),
    pactText2: unique("pact-fall"),
    letter: unique("letter-spring"),
    letter2: unique("letter-fall"),
    letterIds: [] as string[],
    pactIds: [] as string[],
    draft: "" as string, // Bob's superseded spring orders, as JSON
    pending: "" as string, // Bob's orders of the phase in progress, as JSON
    resolved: "",
    inProgress: "",
  };

  beforeAll(async () => {
    m = await threeHumans(s);
    other = await threeHumans(s);
    clients = (await startSeats(s.url, m.matchID, 3, [m.ada, m.bob, m.cy])) as SeatClient[];
    const [ada, bob, cy] = clients as [SeatClient, SeatClient, SeatClient];
    const [, bobPower, cyPower] = ada.G.powers as [string, string, string];
    // Spring: a secret pact between Bob and Cy, a letter, a draw vote, and a draft Bob changes.
    expect(
      await bob.act(
        "propose",
        {
          parties: [cyPower],
          clauses: [{ kind: "text", text: secrets.pactText }],
          until: null,
          visibility: "secret",
        },
        (st) => st.G.commitments.some((c) => c.proposer === bobPower),
      ),
    ).toBeNull();
    const pact = bob.G.commitments.find((c) => c.proposer === bobPower)!.id;
    secrets.pactIds.push(pact);
    expect(
      await cy.act("accept", { commitmentId: pact }, (st) =>
        st.G.commitments.some((c) => c.id === pact && c.status === "active"),
      ),
    ).toBeNull();
    expect(await cy.act("drawVote", { vote: true }, (st) => st.G.drawVotes[cyPower] === true)).toBeNull();
    const bobPress = await PressClient.open(s.url, m.matchID, m.bob);
    try {
      secrets.letterIds.push((await bobPress.send([cyPower], secrets.letter)).id);
    } finally {
      bobPress.stop();
    }
    const draft = holds(bob.G, bobPower);
    await order(bob, bobPower, draft);
    secrets.draft = JSON.stringify(draft);
    secrets.resolved = await playPhase(clients, ada, createRng("afterlife")); // Bob's final orders replace the draft
    hostViewAtCut = structuredClone(ada.G); // what the host saw when spring resolved, before any fall move
    expect(JSON.stringify(bob.G.history.at(-1)?.orders ?? [])).not.toContain(secrets.draft);

    // The phase in progress: a notice, a draw vote, a new secret proposal, a letter, pending orders.
    secrets.inProgress = phaseKey(ada.G);
    expect(await bob.act("notice", { commitmentId: pact }, (st) => st.G.notices.length > 0)).toBeNull();
    expect(await bob.act("drawVote", { vote: true }, (st) => st.G.drawVotes[bobPower] === true)).toBeNull();
    expect(
      await cy.act(
        "propose",
        {
          parties: [bobPower],
          clauses: [{ kind: "text", text: secrets.pactText2 }],
          until: null,
          visibility: "secret",
        },
        (st) => st.G.commitments.some((c) => c.proposer === cyPower),
      ),
    ).toBeNull();
    secrets.pactIds.push(cy.G.commitments.find((c) => c.proposer === cyPower)!.id);
    const cyPress = await PressClient.open(s.url, m.matchID, m.cy);
    try {
      secrets.letterIds.push((await cyPress.send([bobPower], secrets.letter2)).id);
    } finally {
      cyPress.stop();
    }
    if (bob.G.position.units.some((u) => u.power === bobPower)) {
      const pending = movingOrders(bob.G, bobPower, "pending");
      await order(bob, bobPower, pending);
      secrets.pending = JSON.stringify(pending);
    }
    expect(phaseKey(ada.G)).toBe(secrets.inProgress);
  }, 60_000);

  afterAll(() => {
    for (const c of clients) c.stop();
  });

  it("other seats' credentials, another match's credentials, junk and no key are refused on all four routes", async () => {
    for (const route of MATCH_ROUTES) {
      for (const key of [m.bob.credentials, m.cy.credentials, other.ada.credentials, other.bob.credentials])
        expect([route, (await get(s, m.matchID, route, key)).status]).toEqual([route, 403]);
      expect(codeOf(await get(s, m.matchID, route, m.bob.credentials))).toBe("wrong-key");
      expect((await get(s, m.matchID, route, null)).status).toBe(401);
      expect((await get(s, m.matchID, route, "x".repeat(128))).status).toBe(403);
      // A key too long or with odd characters is no key at all, never a partial match.
      expect((await get(s, m.matchID, route, `${m.ada.credentials}x`.repeat(3))).status).not.toBe(200);
      expect(
        (await raw(s, "GET", `/api/matches/${m.matchID}/${route}`, { Authorization: "Bearer " })).status,
      ).toBe(401);
      // The host's key on another match of theirs is nothing there either.
      expect((await get(s, other.matchID, route, m.ada.credentials)).status).toBe(403);
      // The host is the host: 200.
      expect((await get(s, m.matchID, route, m.ada.credentials)).status).toBe(200);
    }
  }, 60_000);

  it("a seat's key in the query string, in another header or as Basic auth opens nothing", async () => {
    const key = m.ada.credentials;
    for (const route of MATCH_ROUTES) {
      const path = `/api/matches/${m.matchID}/${route}`;
      for (const query of [
        "credentials",
        "key",
        "token",
        "access_token",
        "authorization",
        "playerID=0&credentials",
      ])
        expect((await raw(s, "GET", `${path}?${query}=${key}`)).status).toBe(401);
      expect((await raw(s, "GET", path, { "X-Credentials": key, Cookie: `key=${key}` })).status).toBe(401);
      const basic = Buffer.from(`0:${key}`).toString("base64");
      expect((await raw(s, "GET", path, { Authorization: `Basic ${basic}` })).status).toBe(401);
      expect((await raw(s, "GET", path, { Authorization: key })).status).toBe(401);
      // Another seat's key with the host's in the query: the header decides, and it is Bob's.
      expect((await raw(s, "GET", `${path}?credentials=${key}`, bearer(m.bob.credentials))).status).toBe(403);
    }
  }, 60_000);

  it("duplicate, comma-joined and oddly cased Authorization headers give another seat nothing", async () => {
    for (const route of MATCH_ROUTES) {
      const path = `/api/matches/${m.matchID}/${route}`;
      const [host, bob] = [m.ada.credentials, m.bob.credentials];
      // Two header lines: node keeps the first Authorization; Bob's first must not become the host.
      expect((await raw(s, "GET", path, { Authorization: [`Bearer ${bob}`, `Bearer ${host}`] })).status).toBe(
        403,
      );
      expect((await raw(s, "GET", path, { Authorization: `Bearer ${bob}, Bearer ${host}` })).status).toBe(
        401,
      );
      expect((await raw(s, "GET", path, { Authorization: `Bearer ${bob} ${host}` })).status).toBe(401);
      expect((await raw(s, "GET", path, { Authorization: `Bearer ${host}\t` })).status).toBe(200);
      for (const scheme of ["bearer", "BEARER", "bEaReR"]) {
        expect((await raw(s, "GET", path, { Authorization: `${scheme} ${bob}` })).status).toBe(403);
        expect((await raw(s, "GET", path, { authorization: `${scheme} ${host}` })).status).toBe(200);
      }
      // The key's own case matters: the host's key in upper case is no key of this match.
      expect((await raw(s, "GET", path, bearer(host.toUpperCase()))).status).toBe(
        host.toUpperCase() === host ? 200 : 403,
      );
    }
  }, 60_000);

  it("letter case, trailing slashes, %-encoding, extra params and dot segments of the path give another seat nothing", async () => {
    const id = m.matchID;
    const encodedId = id.replace(/./g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
    const variants = MATCH_ROUTES.flatMap((route) => [
      `/api/matches/${id}/${route}`,
      `/API/MATCHES/${id}/${route.toUpperCase()}`,
      `/api/Matches/${id}/${route}/`,
      `/api/matches/${id}/${route}//`,
      `/api//matches/${id}/${route}`,
      `/api/matches/${encodedId}/${route}`,
      `/api/matches/${id}/${route.replace("r", "%72")}`,
      `/api/matches/${id}/${route}?view=whole&seat=1&playerID=1&reader=teacher&full=1`,
      `/api/matches/${id}/${route};credentials=${m.ada.credentials}`,
      `/api/matches/x/../${id}/${route}`,
      `/api/matches/${id}%2F${route}`,
      `/api/matches/${id}/${route}%00`,
      `/api/matches/${id}/${route}#frag`,
    ]);
    const secretsFound = (text: string): string[] =>
      [secrets.pactText, secrets.letter, secrets.pactText2, secrets.letter2].filter((x) => text.includes(x));
    for (const path of variants) {
      for (const headers of [{}, bearer(m.bob.credentials), bearer(other.ada.credentials)]) {
        const answer = await raw(s, "GET", path, headers);
        expect([path, answer.status === 200 ? "open" : "closed"]).toEqual([path, "closed"]);
        expect(secretsFound(textOf(answer))).toEqual([]);
      }
    }
  }, 120_000);

  it("HEAD, POST, PUT, DELETE and OPTIONS open no route to another seat and change nothing", async () => {
    const before = (await get(s, m.matchID, "record", m.ada.credentials)).bytes.toString("utf8");
    for (const route of MATCH_ROUTES) {
      const path = `/api/matches/${m.matchID}/${route}`;
      const head = await raw(s, "HEAD", path, bearer(m.bob.credentials));
      expect(head.status).toBe(403);
      expect((await raw(s, "HEAD", path)).status).toBe(401);
      const hostHead = await raw(s, "HEAD", path, bearer(m.ada.credentials));
      expect([hostHead.status, hostHead.bytes.length]).toEqual([200, 0]);
      for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
        const answer = await raw(s, method, path, bearer(m.bob.credentials));
        expect([method, answer.status]).not.toEqual([method, 200]);
        expect(textOf(answer)).not.toContain(secrets.pactText);
      }
    }
    expect((await get(s, m.matchID, "record", m.ada.credentials)).bytes.toString("utf8")).toBe(before);
  }, 60_000);

  it("the host of a running match learns none of other seats' pact, notice, draw votes, letters or pending orders through any route", async () => {
    const texts = [
      secrets.pactText,
      secrets.pactText2,
      secrets.letter,
      secrets.letter2,
      ...secrets.letterIds,
    ];
    for (const route of MATCH_ROUTES) {
      const answer = await get(s, m.matchID, route, m.ada.credentials);
      expect(answer.status).toBe(200);
      const text = textOf(answer);
      expect([route, texts.filter((t) => text.includes(t))]).toEqual([route, []]);
    }
    const record = jsonOf<RecordLike>(await get(s, m.matchID, "record", m.ada.credentials));
    const others = record.actions.filter((a) => a.playerID !== m.ada.playerID);
    expect(
      others.filter((a) =>
        ["propose", "accept", "reject", "withdraw", "notice", "drawVote"].includes(a.move),
      ),
    ).toEqual([]);
    const mentioned = JSON.stringify(record.actions);
    for (const id of secrets.pactIds) expect(mentioned).not.toContain(`"${id}"`);
    const debrief = jsonOf<{ commitments: { id: string }[]; drawVotes: unknown[]; view: string }>(
      await get(s, m.matchID, "debrief", m.ada.credentials),
    );
    expect(debrief.view).toBe("seat");
    expect(debrief.commitments.filter((c) => secrets.pactIds.includes(c.id))).toEqual([]);
    expect(debrief.drawVotes).toEqual([]);
    const json = jsonOf<ExportLike>(await get(s, m.matchID, "export.json", m.ada.credentials));
    for (const table of ["commitments", "clauses", "notices"])
      expect(json.tables[table]!.filter((r) => secrets.pactIds.includes(String(r["commitment_id"])))).toEqual(
        [],
      );
    expect(json.tables["messages"]!.filter((r) => r["kind"] !== "communique")).toEqual([]);
    const zip = csvFiles(await get(s, m.matchID, "export.zip", m.ada.credentials));
    for (const id of secrets.pactIds) {
      expect(zip.get("commitments")).not.toMatch(new RegExp(`(^|\\n)${id},`));
      expect(zip.get("notices")).not.toContain(`,${id},`);
    }
  }, 60_000);

  it("the host of a running match cannot read another seat's superseded draft orders in its record", async () => {
    const record = jsonOf<RecordLike>(await get(s, m.matchID, "record", m.ada.credentials));
    const bobsOrders = record.actions
      .filter((a) => a.playerID === m.bob.playerID && a.move === "orders")
      .map((a) => JSON.stringify((a.args as { orders: unknown }).orders));
    // Only the orders that were adjudicated (public in the history) may be in it; the draft never was.
    expect(bobsOrders).not.toContain(secrets.draft);
  }, 30_000);

  it("the host of a running match cannot test whether other seats hide a secret against the record's finalHash", async () => {
    // A control match at the same point (one phase resolved, no host moves since) without any secret.
    const control = await threeHumans(s);
    const controlClients = (await startSeats(s.url, control.matchID, 3, [
      control.ada,
      control.bob,
      control.cy,
    ])) as SeatClient[];
    let controlView: MatchState;
    try {
      await playPhase(controlClients, controlClients[0]!, createRng("control"));
      controlView = structuredClone(controlClients[0]!.G);
    } finally {
      for (const c of controlClients) c.stop();
    }
    /** Whether the host's own view, with a guessed id counter, hashes to the record's finalHash. */
    const guessable = async (matchID: string, key: string, view: MatchState): Promise<boolean> => {
      const record = jsonOf<{ finalHash: string }>(await get(s, matchID, "record", key));
      const rest: Record<string, unknown> = { ...view };
      delete rest["drawOpen"]; // only views carry it
      for (const candidate of [view, rest])
        for (let nextId = 0; nextId < 100; nextId++)
          if (sha256(canonicalJson({ ...candidate, nextId })) === record.finalHash) return true;
      return false;
    };
    const withoutSecret = await guessable(control.matchID, control.ada.credentials, controlView);
    const withSecret = await guessable(m.matchID, m.ada.credentials, hostViewAtCut!);
    // Whatever finalHash is, it must not tell the two apart: today it is the whole state's hash, so
    // the host's guess succeeds exactly when nothing is hidden from them.
    expect({ withoutSecret, withSecret }).toEqual({ withoutSecret, withSecret: withoutSecret });
  }, 60_000);

  it("a running match's answers hold nothing of the phase in progress, for the host and the teacher alike", async () => {
    const record = jsonOf<RecordLike>(await get(s, m.matchID, "record", m.ada.credentials));
    expect(record.complete).toBe(false);
    expect(record.seed).toBeNull();
    expect(record.checkpoints.map((c) => c.phase)).toEqual([secrets.resolved]);
    expect(record.actions.filter((a) => a.phase !== secrets.resolved)).toEqual([]);
    if (secrets.pending !== "") expect(JSON.stringify(record)).not.toContain(secrets.pending);
    const json = jsonOf<ExportLike>(await get(s, m.matchID, "export.json", m.ada.credentials));
    expect(json.tables["orders"]!.filter((r) => r["phase"] === secrets.inProgress)).toEqual([]);
    expect(json.tables["notices"]).toEqual([]);
    const debrief = jsonOf<{ standings: unknown[]; ended: boolean }>(
      await get(s, m.matchID, "debrief", m.ada.credentials),
    );
    expect([debrief.ended, debrief.standings.length]).toEqual([false, 2]);
  }, 30_000);
});

describe("a bot-only match", () => {
  let paced: InProcessServer;
  beforeAll(async () => {
    paced = await startInProcess({ env: { BOT_PACE_SECONDS: "60" } });
  });
  afterAll(async () => {
    await paced.stop();
    removeDataDir(paced.dataDir);
  });

  it("is nobody's while it runs: no key 401, any key 403, and its bots' credentials are nowhere public", async () => {
    const created = await fetch(`${paced.url}/api/matches`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        map: "amber",
        players: 3,
        yearLimit: 1901,
        seats: [
          { kind: "bot", personality: "backstabber" },
          { kind: "bot", personality: "grudger" },
          { kind: "bot", personality: "copycat" },
        ],
      }),
    });
    expect(created.status).toBe(201);
    const created2 = JSON.stringify(await created.json());
    const { matchID } = JSON.parse(created2) as CreateAnswer;
    await waitUntil(
      "the bots play their first phase",
      () =>
        ((paced.server.ctx.storage.fetch(matchID, { state: true }).state?.G as MatchState | undefined)
          ?.history.length ?? 0) >= 1 || undefined,
      20_000,
    ).catch(() => undefined); // with a pace of a minute the first phase may not have resolved: fine
    const metadata = paced.server.ctx.storage.fetch(matchID, { metadata: true }).metadata!;
    const botKeys = Object.values(metadata.players)
      .map((p) => p.credentials)
      .filter((k): k is string => typeof k === "string");
    expect(botKeys).toHaveLength(3);
    for (const route of MATCH_ROUTES) {
      expect((await get(paced, matchID, route, null)).status).toBe(401);
      expect((await get(paced, matchID, route, "x".repeat(40))).status).toBe(403);
    }
    // Where could a bot's key be learned? The create answer, the match, the list, a spectator's socket.
    const publicText = [
      created2,
      (await raw(paced, "GET", `/api/matches/${matchID}`)).bytes.toString("utf8"),
      (await raw(paced, "GET", `/api/matches`)).bytes.toString("utf8"),
    ];
    const watcher = await new SeatClient(paced.url, matchID, 3, null, null).start();
    publicText.push(JSON.stringify(watcher.client.matchData ?? null), JSON.stringify(watcher.G));
    watcher.stop();
    for (const key of botKeys) expect(publicText.join("\n")).not.toContain(key);
    // A bot's key does not open the match either while it runs (as a seat of a running match).
    for (const route of MATCH_ROUTES)
      expect((await get(paced, matchID, route, botKeys[1]!)).status).toBe(403);
  }, 60_000);
});

/** A class session on amber, one year, with the given students; started. */
async function startedClass(
  server: ServerHandle,
  body: Record<string, unknown>,
  names: readonly string[],
): Promise<{ c: CreateClassAnswer; students: { key: string; id: string; seat: StudentView["seat"] }[] }> {
  const kit = classKit();
  const c = await kit.newClass(server, { map: "amber", yearLimit: 1901, ...body });
  const joined = [];
  for (const name of names) joined.push(await kit.join(server, c.code, name));
  const started = await kit.teacher(server, c, "/start");
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const students = [];
  for (const j of joined)
    students.push({ key: j.studentKey, id: j.studentId, seat: (await kit.studentView(server, c, j)).seat });
  return { c, students };
}

describe("class sessions", () => {
  it("a student's key and another class's teacher key are refused on the class routes and on its running matches", async () => {
    const a = await startedClass(s, { name: "Period 1" }, ["Ana", "Ben"]);
    const b = await startedClass(s, { name: "Period 2" }, ["Cleo"]);
    const matchID = a.students[0]!.seat!.matchID;
    for (const route of ["debrief", "export.zip", "export.json"]) {
      const path = `/api/classes/${a.c.classId}/${route}`;
      expect((await raw(s, "GET", path)).status).toBe(401);
      for (const key of [a.students[0]!.key, a.students[1]!.key, b.c.teacherKey, b.students[0]!.key])
        expect([route, (await raw(s, "GET", path, bearer(key))).status]).toEqual([route, 403]);
      expect((await raw(s, "GET", path, bearer(a.c.teacherKey))).status).toBe(200);
      expect((await raw(s, "GET", `${path}?key=${a.c.teacherKey}`)).status).toBe(401);
      expect(
        (
          await raw(
            s,
            "GET",
            path.toUpperCase().replace(a.c.classId.toUpperCase(), a.c.classId),
            bearer(a.students[0]!.key),
          )
        ).status,
      ).not.toBe(200);
    }
    for (const route of MATCH_ROUTES) {
      for (const key of [a.students[0]!.key, a.students[1]!.key, b.c.teacherKey, b.students[0]!.key])
        expect([route, (await get(s, matchID, route, key)).status]).toEqual([route, 403]);
      expect((await get(s, matchID, route, a.c.teacherKey)).status).toBe(200);
    }
  }, 60_000);

  it("private letters of a class match stay out of every teacher answer when the session did not announce teacherReadsPress", async () => {
    const kit = classKit();
    const quiet = await startedClass(s, { name: "Quiet", teacherReadsPress: false }, ["Dora"]);
    const loud = await startedClass(s, { name: "Loud", teacherReadsPress: true }, ["Eve"]);
    const said = new Map<string, string>();
    for (const session of [quiet, loud]) {
      const seat = session.students[0]!.seat!;
      const [client] = (await startSeats(s.url, seat.matchID, 3, [seat])) as SeatClient[];
      const to = client!.G.powers.find((p) => p !== seat.power)!;
      client!.stop();
      const press = await PressClient.open(s.url, seat.matchID, seat);
      try {
        const letter = unique("class-letter");
        await press.send([to], letter);
        said.set(session.c.classId, letter);
      } finally {
        press.stop();
      }
      // Ended by the teacher, so the letter's phase is in every answer (a running match stops before it).
      expect((await kit.teacher(s, session.c, `/matches/${seat.matchID}/end`)).status).toBe(200);
    }
    const quietLetter = said.get(quiet.c.classId)!;
    const quietMatch = quiet.students[0]!.seat!.matchID;
    const classAnswers = (session: typeof quiet): Promise<RawAnswer[]> =>
      Promise.all(
        ["debrief", "export.zip", "export.json"].map((r) =>
          raw(s, "GET", `/api/classes/${session.c.classId}/${r}`, bearer(session.c.teacherKey)),
        ),
      );
    const answers = [
      ...(await Promise.all(MATCH_ROUTES.map((r) => get(s, quietMatch, r, quiet.c.teacherKey)))),
      ...(await Promise.all(MATCH_ROUTES.map((r) => get(s, quietMatch, r, quiet.students[0]!.key)))),
      ...(await classAnswers(quiet)),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(textOf(answer)).not.toContain(quietLetter);
    }
    // The announced session's teacher does read it (so the check above can fail) ...
    const loudLetter = said.get(loud.c.classId)!;
    const loudMatch = loud.students[0]!.seat!.matchID;
    const [, loudZip, loudJson] = await classAnswers(loud);
    expect(textOf(loudZip!)).toContain(loudLetter);
    expect(textOf(loudJson!)).toContain(loudLetter);
    expect(textOf(await get(s, loudMatch, "export.json", loud.c.teacherKey))).toContain(loudLetter);
    // ... and its student, now that it ended, does not.
    for (const route of MATCH_ROUTES) {
      const answer = await get(s, loudMatch, route, loud.students[0]!.key);
      expect(answer.status).toBe(200);
      expect(textOf(answer)).not.toContain(loudLetter);
    }
  }, 60_000);
});

/** The cells of a CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function csvCells(csv: string): string[] {
  const text = csv.replace(/^\uFEFF/, "");
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error("an unterminated quoted field");
        cell += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          cell += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      cell = end < 0 ? text.slice(i) : text.slice(i, i + end);
      i = end < 0 ? text.length : i + end;
    }
    cells.push(cell);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) i += 2;
  }
  return cells;
}

/**
 * Whether a spreadsheet could take a cell for a formula: it begins with =, +, -, @, a tab or a CR,
 * also after blanks (OWASP "CSV injection").
 */
const FORMULA = /^[\s\u00a0]*[=+\-@]/u;

describe("spreadsheet formulas in CSV cells", () => {
  it("student names, communiqués and pact clauses that look like formulas are defused in every CSV of a class", async () => {
    const tag = unique("f");
    const kit = classKit();
    const c = await kit.newClass(s, { name: `=cmd|'/C calc'!A0 ${tag}`, map: "amber", yearLimit: 1901 });
    const names = ["=1+1", "+1", "-1", "@SUM(A1)", '"=1+1', "'=1", " =2", "\t=3"];
    const joined: JoinClassAnswer[] = [];
    for (const [i, name] of names.entries()) {
      const res = await fetch(`${s.url}/api/classes/join`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code: c.code, name: `${name}${tag.slice(0, 6)}${i}` }),
      });
      if (res.status === 200) joined.push((await res.json()) as JoinClassAnswer);
    }
    expect(joined.length).toBeGreaterThanOrEqual(4);
    expect((await kit.teacher(s, c, "/start")).status).toBe(200);
    const seats = [];
    for (const j of joined) {
      const view = await kit.studentView(s, c, j);
      if (view.seat !== null) seats.push(view.seat);
    }
    expect(seats.length).toBeGreaterThan(0);
    const seat = seats[0]!;
    const payloads = [
      `=HYPERLINK("http://evil.test","${tag}")`,
      `+SUM(1,1) ${tag}`,
      `-2+3 ${tag}`,
      `@SUM(1) ${tag}`,
      `\t=1+1 ${tag}`,
      `\r=1+1 ${tag}`,
      `   =1+1 ${tag}`,
      `\u00a0=1+1 ${tag}`,
      `\n=1+1 ${tag}`,
    ];
    const press = await PressClient.open(s.url, seat.matchID, seat);
    let spoken = 0;
    try {
      for (const text of payloads) if ((await press.request("communique", { text })).ok) spoken++;
    } finally {
      press.stop();
    }
    expect(spoken).toBeGreaterThan(3);
    const [client] = (await startSeats(s.url, seat.matchID, 3, [seat])) as SeatClient[];
    try {
      const to = client!.G.powers.find((p) => p !== seat.power)!;
      await client!.act(
        "propose",
        {
          parties: [to],
          clauses: [{ kind: "text", text: `=1+2 ${tag}` }],
          until: null,
          visibility: "public",
        },
        (st) => st.G.commitments.length > 0,
      );
    } finally {
      client!.stop();
    }
    expect((await kit.teacher(s, c, `/matches/${seat.matchID}/end`)).status).toBe(200);
    const bad: string[] = [];
    const short = tag.slice(0, 6);
    for (const path of [`/api/classes/${c.classId}/export.zip`, `/api/matches/${seat.matchID}/export.zip`]) {
      const zip = await raw(s, "GET", path, bearer(c.teacherKey));
      expect(zip.status).toBe(200);
      for (const [table, csv] of csvFiles(zip))
        for (const cell of csvCells(csv))
          if (cell.includes(short) && FORMULA.test(cell)) bad.push(`${table}: ${JSON.stringify(cell)}`);
      expect(csvFiles(zip).get("messages")).toContain(tag);
    }
    expect(bad).toEqual([]);
  }, 60_000);
});

/** Whether a seat client has seen its match end. */
const over = (c: SeatClient): boolean => c.G.result !== null;

/** Every answer of a match's four routes for a key, comparable across servers (no export time). */
async function answersOf(
  server: Pick<ServerHandle, "port">,
  matchID: string,
  key: string | null,
): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const route of MATCH_ROUTES) {
    const answer = await get(server, matchID, route, key);
    expect([route, answer.status]).toEqual([route, 200]);
    if (route === "export.json") out.push(withoutTime(answer));
    else if (route === "export.zip") out.push([...csvFiles(answer).entries()].sort());
    else out.push(JSON.parse(answer.bytes.toString("utf8")));
  }
  return out;
}

describe("the replay cache", () => {
  it("a record asked for while the match ran does not spoil the finished match's record: it replays identical", async () => {
    const { matchID, ada, bob, cy } = await threeHumans(s, 1901);
    const clients = (await startSeats(s.url, matchID, 3, [ada, bob, cy])) as SeatClient[];
    try {
      const rng = createRng("spoil");
      for (let phase = 0; clients[0]!.G.result === null; phase++) {
        if (phase > 12) throw new Error("the match of one year did not end");
        await playPhase(clients, clients[0]!, rng);
        expect((await get(s, matchID, "record", ada.credentials)).status).toBe(200); // the host looks in
      }
    } finally {
      for (const c of clients) c.stop();
    }
    const record = jsonOf<MatchRecord>(await get(s, matchID, "record", bob.credentials));
    const replayed = replayRecord(matchRecordSchema.parse(record), {
      digest: sha256,
    });
    // Each checkpoint counts the actions of the record up to it (docs: "the last one resolved it").
    const resolvedAt = record.actions.map((a, i) => ({ a, i }));
    expect(record.checkpoints.map((c) => c.actions)).toEqual(
      record.checkpoints.map((c) => {
        const last = resolvedAt.filter(({ a }) => a.phase === c.phase).at(-1);
        return (last?.i ?? -1) + 1;
      }),
    );
    expect(replayed.kind).toBe("identical");
  }, 60_000);

  it("answers for interleaved matches and for requests racing a match's resolution equal a fresh server's", async () => {
    const dataDir = tempDataDir("entente-afterlife-cache");
    // Many answers from one address: above the after-match limit (tested on its own elsewhere).
    const env = { AFTER_MATCH_READS_PER_MINUTE: "100000" };
    let first: InProcessServer | null = await startInProcess({ dataDir, env });
    try {
      const a = await threeHumans(first, 1901);
      const b = await threeHumans(first, 1901);
      const clientsA = (await startSeats(first.url, a.matchID, 3, [a.ada, a.bob, a.cy])) as SeatClient[];
      const clientsB = (await startSeats(first.url, b.matchID, 3, [b.ada, b.bob, b.cy])) as SeatClient[];
      try {
        const rng = createRng("cache");
        for (let phase = 0; clientsA[0]!.G.result === null; phase++) {
          if (phase > 12) throw new Error("the match of one year did not end");
          // Requests racing the phase's resolution, for both matches, by the host and a stranger.
          const racing = Promise.all(
            [a, b].flatMap((x) =>
              MATCH_ROUTES.flatMap((r) => [
                get(first!, x.matchID, r, x.ada.credentials),
                get(first!, x.matchID, r, x.bob.credentials),
              ]),
            ),
          );
          await Promise.all([playPhase(clientsA, clientsA[0]!, rng), playPhase(clientsB, clientsB[0]!, rng)]);
          for (const answer of await racing) expect([200, 403]).toContain(answer.status);
          // The running match's host, between phases: equal to what a second request gives.
          if (!over(clientsA[0]!))
            expect(await answersOf(first, a.matchID, a.ada.credentials)).toEqual(
              await answersOf(first, a.matchID, a.ada.credentials),
            );
        }
        while (clientsB[0]!.G.result === null) await playPhase(clientsB, clientsB[0]!, rng);
      } finally {
        for (const c of [...clientsA, ...clientsB]) c.stop();
      }
      // Warm the cache for both, interleaved, with every kind of reader.
      const warm = [];
      for (const x of [a, b, a, b])
        for (const key of [x.ada.credentials, x.bob.credentials, x.cy.credentials])
          warm.push(await answersOf(first, x.matchID, key));
      await first.stop();
      first = null;
      const fresh = await startInProcess({ dataDir, env });
      try {
        let i = 0;
        for (const x of [a, b, a, b])
          for (const key of [x.ada.credentials, x.bob.credentials, x.cy.credentials])
            expect(await answersOf(fresh, x.matchID, key)).toEqual(warm[i++]);
        // And a's answers are not b's.
        expect(await answersOf(fresh, a.matchID, a.ada.credentials)).not.toEqual(
          await answersOf(fresh, b.matchID, b.ada.credentials),
        );
      } finally {
        await fresh.stop();
      }
    } finally {
      await first?.stop();
      removeDataDir(dataDir);
    }
  }, 180_000);
});

/** A classic match of seven bots that the server plays to `yearLimit`; its id. */
async function longBotMatch(server: Pick<ServerHandle, "url">, yearLimit: number): Promise<string> {
  const res = await fetch(`${server.url}/api/matches`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      map: "classic",
      players: 7,
      yearLimit,
      seats: Array.from({ length: 7 }, (_, i) => ({
        kind: "bot",
        personality: ["steady", "copycat", "grudger", "backstabber"][i % 4],
      })),
    }),
  });
  expect(res.status).toBe(201);
  const { matchID } = (await res.json()) as CreateAnswer;
  return matchID;
}

/** The p-quantile of some numbers. */
function quantile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

describe("cost", () => {
  it("fifty concurrent anonymous exports of a long ended bot-only match do not stall the server's other requests", async () => {
    // A server of its own in a child process: in this process the test's own requests would pace the load.
    const dataDir = tempDataDir("entente-afterlife-cost");
    const child = await startChild({ dataDir, env: { BOT_PACE_SECONDS: "0" } });
    try {
      const matchID = await longBotMatch(child, 1930);
      await waitUntil(
        "the bots finish the long match",
        async () =>
          (await get(child, matchID, "debrief", null).catch(() => null))?.status === 200 || undefined,
        240_000,
        500,
      );
      const timed = async (route: MatchRoute): Promise<number> => {
        const t = performance.now();
        expect((await get(child, matchID, route, null)).status).toBe(200);
        return performance.now() - t;
      };
      const times: Record<string, number[]> = {};
      for (const route of MATCH_ROUTES) times[route] = [await timed(route), await timed(route)];
      // The load and the probe run in processes of their own: a process taking in fifty large
      // answers delays its own requests, not the server's.
      const probe = nodeScript<number[]>(HEALTH_PROBE, [String(child.port), "3000"]);
      await new Promise((r) => setTimeout(r, 300));
      const t0 = performance.now();
      const statuses = await nodeScript<number[]>(FIFTY_EXPORTS, [String(child.port), matchID]);
      const total = performance.now() - t0;
      const health = await probe;
      const answers = statuses.map((status) => ({ status }));
      expect(answers.every((x) => x.status === 200)).toBe(true);
      const rounded = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.map(Math.round)]));
      console.log(
        `afterlife cost: first/second ms ${JSON.stringify(rounded)}; 50 concurrent ${Math.round(total)} ms; ` +
          `/health n=${health.length} p50=${Math.round(quantile(health, 0.5))} max=${Math.round(Math.max(...health))} ms`,
      );
      expect(Math.max(...health)).toBeLessThan(1_000);
    } finally {
      await child.kill("SIGTERM");
      removeDataDir(dataDir);
    }
  }, 300_000);
});

/** Times `GET /health` (port, for ms) every 10 ms: prints the times in ms as JSON. */
const HEALTH_PROBE = `
  const http = require("node:http");
  const [port, ms] = process.argv.slice(1).map(Number);
  const times = [];
  const end = Date.now() + ms;
  const once = () => new Promise((resolve) => {
    const t = performance.now();
    http.get({ host: "127.0.0.1", port, path: "/health", agent: false }, (res) => {
      res.resume();
      res.on("end", () => { times.push(performance.now() - t); resolve(); });
    }).on("error", () => resolve());
  });
  (async () => {
    while (Date.now() < end) { await once(); await new Promise((r) => setTimeout(r, 10)); }
    process.stdout.write(JSON.stringify(times));
  })();`;

/** Fifty concurrent anonymous after-match requests (port, match id): prints their statuses as JSON. */
const FIFTY_EXPORTS = `
  const [port, matchID] = process.argv.slice(1);
  const routes = ["record", "debrief", "export.zip", "export.json"];
  Promise.all(Array.from({ length: 50 }, async (_, i) => {
    const res = await fetch("http://127.0.0.1:" + port + "/api/matches/" + matchID + "/" + routes[i % 4]);
    await res.arrayBuffer();
    return res.status;
  })).then((statuses) => process.stdout.write(JSON.stringify(statuses)));`;

/** Runs a script in a Node process of its own; its output parsed as JSON. */
function nodeScript<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["-e", script, ...args], { timeout: 60_000 }, (error, stdout) => {
      if (error) reject(new Error(error.message));
      else resolve(JSON.parse(stdout) as T);
    });
  });
}

describe("kill -9 while exports are made", () => {
  it("a server killed mid-export restarts with every match and answer intact", async () => {
    const dataDir = tempDataDir("entente-afterlife-kill");
    let child = await startChild({ dataDir, env: { BOT_PACE_SECONDS: "0" } });
    try {
      const matchID = await longBotMatch(child, 1912);
      await waitUntil(
        "the bots finish",
        async () =>
          (await get(child, matchID, "record", null).catch(() => null))?.status === 200 || undefined,
        180_000,
        200,
      );
      const hosted = await threeHumans(child, 1901);
      const before = await answersOf(child, matchID, null);
      const hostBefore = await answersOf(child, hosted.matchID, hosted.ada.credentials);
      const inFlight = Array.from({ length: 40 }, (_, i) =>
        get(child, matchID, MATCH_ROUTES[i % 4]!, null).catch(() => null),
      );
      await new Promise((r) => setTimeout(r, 150));
      await child.kill("SIGKILL");
      await Promise.all(inFlight);
      child = await startChild({ dataDir, env: { BOT_PACE_SECONDS: "0" } });
      expect(await answersOf(child, matchID, null)).toEqual(before);
      expect(await answersOf(child, hosted.matchID, hosted.ada.credentials)).toEqual(hostBefore);
      expect((await raw(child, "GET", "/health")).status).toBe(200);
    } finally {
      await child.kill("SIGTERM");
      removeDataDir(dataDir);
    }
  }, 240_000);
});
