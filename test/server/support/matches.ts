/**
 * Creating and joining matches the way a player does — `POST /api/matches` and
 * `POST /api/matches/:id/join` on the lobby — with a fallback for a server whose lobby has not
 * landed yet (the route answers 404): the match is then written straight into the server's SQLite
 * file with boardgame.io's `createMatch`, the storage adapter and the match records, and seats get
 * credentials in the metadata as the lobby would give them. Also read-backs of the stored state
 * straight from the file, for comparing what a socket received with the truth.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { Server, State } from "boardgame.io";
import { createMatch as bgioCreateMatch } from "boardgame.io/internal";
import { MatchRecords } from "../../../server/src/matches";
import type { SeatKind, SeatProof, SeatSpec, Timing } from "../../../shared/src/wire";
import { Storage, type SqlDatabase } from "../../../server/src/storage";
import { inspectServerDatabase } from "./database";
import { createGame, type MatchState, type PressMode } from "../../../shared/src";
import type { ServerHandle } from "./server";
import { lobbyContractProblem } from "./wire";

/** A JSON answer of the HTTP API. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Sends one JSON request to the server (node:http: no Origin header, like a headless client). An
 * answer of a lobby route that breaks the shared wire contract rejects (see `./wire`).
 */
export function api(
  server: Pick<ServerHandle, "url">,
  method: string,
  route: string,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<ApiResponse> {
  const url = new URL(route, server.url);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: {
          ...(data === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(data) }),
          ...headers,
        },
        timeout: 10_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          let parsed: unknown = text;
          try {
            parsed = text === "" ? null : JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          const status = res.statusCode ?? 0;
          const problem = lobbyContractProblem(method, route, status, parsed);
          if (problem !== null) reject(new Error(`wire contract: ${problem}\n${text.slice(0, 2000)}`));
          else resolve({ status, body: parsed });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${route} timed out`)));
    req.on("error", reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

/** A seat a test holds. */
export interface Seat {
  readonly playerID: string;
  readonly credentials: string;
  readonly power: string;
}

/** A match a test created, with every human seat joined. */
export interface CreatedMatch {
  readonly matchID: string;
  readonly numPlayers: number;
  readonly seats: readonly (Seat | null)[]; // null: a bot or open seat nobody joined
  readonly via: "api" | "direct";
}

/** What a test asks for (the lobby's body, minus what the helper fills in). */
export interface MatchOptions {
  readonly map?: string; // default classic
  readonly players?: number; // default 7
  readonly seats?: readonly { kind: SeatKind }[];
  readonly timing?: Timing;
  readonly pressMode?: PressMode;
  readonly preset?: string;
  readonly yearLimit?: number | null;
  /** Join the human seats (default true). */
  readonly join?: boolean;
}

/** The classic powers in seat order. */
const CLASSIC_POWERS = ["AUS", "ENG", "FRA", "GER", "ITA", "RUS", "TUR"];

/**
 * Creates a match and joins its human seats, through the lobby when it is there, else directly
 * in the SQLite file (only for a server whose lobby answers 404).
 */
export async function createMatch(server: ServerHandle, options: MatchOptions = {}): Promise<CreatedMatch> {
  const numPlayers = options.players ?? options.seats?.length ?? 7;
  const seats = options.seats ?? Array.from({ length: numPlayers }, () => ({ kind: "human" as const }));
  const body = {
    map: options.map ?? "classic",
    players: numPlayers,
    seats,
    ...(options.timing ? { timing: options.timing } : {}),
    ...(options.pressMode ? { pressMode: options.pressMode } : {}),
    ...(options.preset ? { preset: options.preset } : {}),
    ...(options.yearLimit !== undefined ? { yearLimit: options.yearLimit } : {}),
  };
  const created = await api(server, "POST", "/api/matches", body);
  if (created.status === 404 || created.status === 405) return createDirect(server, options, seats);
  if (created.status >= 300)
    throw new Error(`POST /api/matches: ${created.status} ${JSON.stringify(created.body)}`);
  const matchID = (created.body as { matchID: string }).matchID;
  const joined: (Seat | null)[] = [];
  for (const [i, s] of seats.entries()) {
    if (s.kind !== "human" || options.join === false) {
      joined.push(null);
      continue;
    }
    joined.push(await joinSeat(server, matchID, i, `Player ${i}`));
  }
  return { matchID, numPlayers, seats: joined, via: "api" };
}

/** A hosted amber match of three humans: Ada hosts seat 0, Bob and Cy joined seats 1 and 2. */
export interface ThreeHumans {
  readonly matchID: string;
  readonly ada: Seat;
  readonly bob: Seat;
  readonly cy: Seat;
}

/** Creates a `ThreeHumans` match through the lobby (and joins Bob and Cy); throws when refused. */
export async function threeHumans(
  server: ServerHandle,
  options: { readonly yearLimit?: number } = {},
): Promise<ThreeHumans> {
  const res = await api(server, "POST", "/api/matches", {
    map: "amber",
    players: 3,
    hostName: "Ada",
    ...(options.yearLimit !== undefined ? { yearLimit: options.yearLimit } : {}),
    seats: [{ kind: "human" }, { kind: "human" }, { kind: "human" }],
  });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  const { matchID, host } = res.body as { matchID: string; host: Seat };
  const bob = await joinSeat(server, matchID, 1, "Bob");
  const cy = await joinSeat(server, matchID, 2, "Cy");
  return { matchID, ada: host, bob, cy };
}

/** Joins one seat through the lobby. */
export async function joinSeat(
  server: ServerHandle,
  matchID: string,
  seat: number,
  name: string,
): Promise<Seat> {
  const res = await api(server, "POST", `/api/matches/${encodeURIComponent(matchID)}/join`, { name, seat });
  if (res.status >= 300)
    throw new Error(`join ${matchID} seat ${seat}: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { playerID: string; credentials: string; power: string };
  return { playerID: body.playerID, credentials: body.credentials, power: body.power };
}

/** Writes a match straight into the server's file, as the lobby would. */
function createDirect(
  server: ServerHandle,
  options: MatchOptions,
  seats: readonly { kind: SeatKind }[],
): CreatedMatch {
  const numPlayers = seats.length;
  const game = createGame();
  const setupData = {
    mapId: options.map ?? "classic",
    ...(options.pressMode ? { pressMode: options.pressMode } : {}),
    ...(options.preset ? { preset: options.preset } : {}),
    ...(options.yearLimit !== undefined ? { yearLimit: options.yearLimit } : {}),
  };
  const made = bgioCreateMatch({ game, numPlayers, setupData, unlisted: true });
  if ("setupDataError" in made) throw new Error(made.setupDataError);
  const matchID = `t${randomBytes(6).toString("hex")}`;
  const G = made.initialState.G as MatchState;
  const joined: (Seat | null)[] = [];
  for (const [i, s] of seats.entries()) {
    const player = made.metadata.players[i]!;
    if (s.kind !== "human" || options.join === false) {
      joined.push(null);
      continue;
    }
    const credentials = randomBytes(16).toString("hex");
    player.name = `Player ${i}`;
    player.credentials = credentials;
    joined.push({ playerID: String(i), credentials, power: G.powers[i] ?? CLASSIC_POWERS[i]! });
  }
  withDatabase(server.dataDir, (db) => {
    new Storage(db).createMatch(matchID, made);
    new MatchRecords(db).create(
      {
        matchID,
        timing: options.timing ?? { movement: 60, retreat: 30, adjustment: 30 },
        unlisted: true,
        createdAt: Date.now(),
        nextMatchID: null,
        hostSeat: null,
      },
      seats.map((s) => ({ kind: s.kind, personality: s.kind === "bot" ? "baseline" : null })),
    );
  });
  return { matchID, numPlayers, seats: joined, via: "direct" };
}

/** Opens the server's SQLite file on a second connection (beside the running server), runs `work`, closes it. */
export function withDatabase<T>(dataDir: string, work: (db: SqlDatabase) => T): T {
  const db = inspectServerDatabase(dataDir);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** What the file holds of a match right now. */
export interface StoredMatch {
  readonly state: State<MatchState>;
  readonly initialState: State<MatchState>;
  readonly metadata: Server.MatchData;
}

/** Reads a match's stored state, initial state and metadata from the file (a second connection). */
export function readStored(dataDir: string, matchID: string): StoredMatch {
  return withDatabase(dataDir, (db) => {
    const stored = new Storage(db).fetch(matchID, { state: true, initialState: true, metadata: true });
    if (!stored.state || !stored.initialState || !stored.metadata)
      throw new Error(`no match ${matchID} in the file`);
    return {
      state: stored.state as State<MatchState>,
      initialState: stored.initialState as State<MatchState>,
      metadata: stored.metadata,
    };
  });
}

/** How many matches the file holds. */
export function matchCount(dataDir: string): number {
  return withDatabase(
    dataDir,
    (db) => (db.prepare(`SELECT COUNT(*) AS n FROM matches`).get() as { n: number }).n,
  );
}

/**
 * A three-seat amber match made over HTTP by Ada, its host at seat 0, with `others` as seats 1 and
 * 2 (e.g. open, or a bot): its id and Ada's proof of her seat.
 */
export async function hostedAmberMatch(
  server: Pick<ServerHandle, "url">,
  others: readonly [SeatSpec, SeatSpec],
): Promise<{ matchID: string; ada: SeatProof }> {
  const res = await api(server, "POST", "/api/matches", {
    map: "amber",
    players: 3,
    hostName: "Ada",
    seats: [{ kind: "human" }, ...others],
  });
  if (res.status !== 201)
    throw new Error(`creating the hosted match failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { matchID: string; host: SeatProof };
  return { matchID: body.matchID, ada: { playerID: body.host.playerID, credentials: body.host.credentials } };
}
