/**
 * The lobby API (docs/api.md) as typed functions. Every refusal becomes an `ApiError` carrying the
 * server's `code` and `message`, so pages can show the reason next to the form that caused it.
 */
import type { MatchSettings } from "../../../shared/src/match/types";
import type { PhaseRef } from "../../../shared/src/trust/types";

/** A seat as anyone may see it. */
export interface SeatInfo {
  readonly playerID: string;
  readonly power: string;
  readonly name: string | null;
  readonly kind: "human" | "bot" | "open";
  readonly personality: string | null;
  readonly connected: boolean;
  readonly missed: number;
  readonly botActive: boolean;
  readonly reserved: boolean;
}

/** `GET /api/matches/:id`. */
export interface MatchInfo {
  readonly matchID: string;
  readonly invite: string;
  readonly map: string;
  readonly players: number;
  readonly settings: MatchSettings;
  readonly timing: {
    readonly movement: number;
    readonly retreat: number;
    readonly adjustment: number;
  } | null;
  readonly unlisted: boolean;
  readonly createdAt: number;
  readonly seats: readonly SeatInfo[];
  readonly phase: PhaseRef;
  readonly gameover: unknown;
  readonly deadline: number | null; // null while paused
  readonly nextMatchID: string | null;
  readonly paused: boolean; // nobody has played for `idlePhases` phases: no deadline until resumed
  readonly idlePhases: number; // phases in a row that ended with no person acting
}

/** One seat of a new match. */
export interface SeatSpec {
  readonly kind: "human" | "bot" | "open";
  readonly personality?: string;
  readonly tactics?: string;
}

/** `POST /api/matches` body. */
export interface CreateBody {
  readonly map: string;
  readonly players: number;
  readonly seats: readonly SeatSpec[];
  readonly timing: "live" | "slow";
  readonly pressMode: "full" | "public" | "none";
  readonly preset: string;
  readonly yearLimit: number | null;
  readonly unlisted?: boolean;
  readonly hostName: string;
  readonly hostSeat?: number; // the seat the host takes (default 0)
}

/** `POST /api/matches` answer. */
export interface CreateAnswer {
  readonly matchID: string;
  readonly invite: string;
  readonly seats: readonly SeatInfo[];
  readonly host?: { readonly playerID: string; readonly credentials: string; readonly power: string };
}

/** `POST /api/matches/:id/join` answer. */
export interface JoinAnswer {
  readonly playerID: string;
  readonly credentials: string;
  readonly power: string;
}

/** One entry of `POST /api/my-matches`. */
export type MyMatch =
  | {
      readonly matchID: string;
      readonly playerID: string;
      readonly power: string;
      readonly toAct: boolean;
      readonly match: MatchInfo;
    }
  | { readonly matchID: string; readonly error: { readonly code: string; readonly message: string } };

/** A refusal from the lobby. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "http",
      error?.message ?? `The server answered ${res.status}`,
    );
  }
  return data as T;
}

/** Creates a match; the host takes seat 0. */
export const createMatch = (body: CreateBody) => request<CreateAnswer>("POST", "/api/matches", body);

/** A match as a spectator sees it. */
export const getMatch = (matchID: string) =>
  request<MatchInfo>("GET", `/api/matches/${encodeURIComponent(matchID)}`);

/** Takes a seat (the first free one without `seat`). */
export const joinMatch = (matchID: string, name: string, seat?: number) =>
  request<JoinAnswer>(
    "POST",
    `/api/matches/${encodeURIComponent(matchID)}/join`,
    seat === undefined ? { name } : { name, seat },
  );

/** `POST /api/matches/:id/resume` answer. */
export interface ResumeAnswer {
  readonly resumed: boolean; // false: it was not paused
  readonly match: MatchInfo;
}

/** Resumes a paused match, as the player holding a seat in it. */
export const resumeMatch = (
  matchID: string,
  seat: { readonly playerID: string; readonly credentials: string },
) =>
  request<ResumeAnswer>("POST", `/api/matches/${encodeURIComponent(matchID)}/resume`, {
    playerID: seat.playerID,
    credentials: seat.credentials,
  });

/** The matches of the seats this browser holds. */
export const myMatches = (seats: readonly { matchID: string; playerID: string; credentials: string }[]) =>
  request<{ matches: MyMatch[] }>("POST", "/api/my-matches", { seats });
