/**
 * The lobby API (docs/api.md) as typed functions over the shared wire contract
 * (`shared/src/wire/lobby.ts`): requests are typed by its request types, and every answer is
 * parsed with its answer schema before a page sees it. Every refusal becomes an `ApiError`
 * carrying the server's `code` and `message`, so pages can show the reason next to the form that
 * caused it.
 */
import type { z } from "zod";
import {
  continueAnswerSchema,
  createAnswerSchema,
  createBodySchema,
  deviceLinkAnswerSchema,
  deviceLinkRevokeAnswerSchema,
  joinAnswerSchema,
  matchInfoSchema,
  myMatchesAnswerSchema,
  resumeAnswerSchema,
  seatGrantSchema,
  seatToBotAnswerSchema,
  serverInfoSchema,
  type ContinueAnswer,
  type CreateAnswer,
  type CreateRequest,
  type DeviceLinkAnswer,
  type DeviceLinkRevokeAnswer,
  type JoinAnswer,
  type MatchInfo,
  type MyMatch,
  type MyMatchesAnswer,
  type PublicSeat,
  type ResumeAnswer,
  type SeatGrant,
  type SeatProof,
  type SeatToBotAnswer,
  type ServerInfo,
} from "../../../shared/src/wire";
import type { Personality } from "../../../shared/src/bots/personality";
import { describeIssues } from "../../../shared/src/match/schemas";
import { clockOffset } from "../game/serverClock";

export type {
  ContinueAnswer,
  CreateAnswer,
  DeviceLinkAnswer,
  DeviceLinkRevokeAnswer,
  JoinAnswer,
  MatchInfo,
  MyMatch,
  ResumeAnswer,
};
/** A seat as anyone may see it. */
export type SeatInfo = PublicSeat;

/**
 * One seat of a new match as a form holds it: its personality is any string the form picked,
 * checked against the wire schema (`seatSpecSchema`) by `createMatch` before anything is sent.
 */
export type SeatSpec = Omit<NonNullable<CreateRequest["seats"]>[number], "personality"> & {
  readonly personality?: string;
};
/** `POST /api/matches` body as a form holds it (see `SeatSpec`). */
export type CreateBody = Omit<CreateRequest, "seats"> & { readonly seats?: readonly SeatSpec[] };

/**
 * A refusal from the lobby: its code (one of the shared `ERROR_CODES`, or this client's own
 * `network`, `http` or `bad-answer`) and message.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<S extends z.ZodType>(
  answer: S,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<z.infer<S>> {
  return (await timedRequest(answer, method, path, body)).data;
}

/** What else a request may carry: a key (`Authorization: Bearer`), and a signal that aborts it. */
export interface RequestExtras {
  readonly key?: string;
  readonly signal?: AbortSignal;
}

/**
 * A request whose answer comes with the server's clock offset (`serverClock.ts`), parsed with its
 * answer schema; every refusal an `ApiError` (an abort is rethrown as it is). The one request
 * function of the lobby and class APIs.
 */
export async function timedRequest<S extends z.ZodType>(
  answer: S,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  extras: RequestExtras = {},
): Promise<{ data: z.infer<S>; offset: number | null }> {
  let res: Response;
  const sentAt = Date.now();
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (extras.key !== undefined) headers["Authorization"] = `Bearer ${extras.key}`;
  try {
    res = await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(extras.signal === undefined ? {} : { signal: extras.signal }),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  const offset = clockOffset({ serverDate: res.headers.get("Date"), sentAt, receivedAt: Date.now() });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "http",
      error?.message ?? `The server answered ${res.status}`,
    );
  }
  const parsed = answer.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(res.status, "bad-answer", "The server's answer was not understood; reload the page.");
  }
  return { data: parsed.data, offset };
}

/**
 * Creates a match; the host takes `hostSeat` (default 0). The body is checked with the lobby's own
 * schema first, so a refusal the server would give comes back the same (`bad-payload`, naming the
 * field) without a request.
 */
export const createMatch = async (body: CreateBody): Promise<CreateAnswer> => {
  const checked = createBodySchema.safeParse(body);
  if (!checked.success) throw new ApiError(400, "bad-payload", describeIssues(checked.error));
  return request(createAnswerSchema, "POST", "/api/matches", body);
};

/** A match as a spectator sees it. */
export const getMatch = (matchID: string): Promise<MatchInfo> =>
  request(matchInfoSchema, "GET", `/api/matches/${encodeURIComponent(matchID)}`);

/**
 * A match as a spectator sees it, with how far the server's clock is ahead of this browser's
 * (null: the answer did not say), for counting down to its deadline.
 */
export const getMatchTimed = async (matchID: string): Promise<{ info: MatchInfo; offset: number | null }> => {
  const { data, offset } = await timedRequest(
    matchInfoSchema,
    "GET",
    `/api/matches/${encodeURIComponent(matchID)}`,
  );
  return { info: data, offset };
};

/** Takes a seat (the first free one without `seat`). */
export const joinMatch = (matchID: string, name: string, seat?: number): Promise<JoinAnswer> =>
  request(
    joinAnswerSchema,
    "POST",
    `/api/matches/${encodeURIComponent(matchID)}/join`,
    seat === undefined ? { name } : { name, seat },
  );

/**
 * Play again: the next match with the same seats (made by the first player who asks), and this
 * seat in it, held for this player.
 */
export const playAgain = (matchID: string, seat: SeatProof): Promise<SeatGrant> =>
  request(seatGrantSchema, "POST", `/api/matches/${encodeURIComponent(matchID)}/play-again`, {
    playerID: seat.playerID,
    credentials: seat.credentials,
  });

/** Resumes a paused match, as the player holding a seat in it. */
export const resumeMatch = (matchID: string, seat: SeatProof): Promise<ResumeAnswer> =>
  request(resumeAnswerSchema, "POST", `/api/matches/${encodeURIComponent(matchID)}/resume`, {
    playerID: seat.playerID,
    credentials: seat.credentials,
  });

/**
 * The host hands a seat to a bot: an open seat for good (of `personality`, default steady), an
 * absent player's seat until they return (`personality` null).
 */
export const seatToBot = (
  matchID: string,
  seat: string,
  host: SeatProof,
  personality: Personality | null,
): Promise<SeatToBotAnswer> =>
  request(
    seatToBotAnswerSchema,
    "POST",
    `/api/matches/${encodeURIComponent(matchID)}/seats/${encodeURIComponent(seat)}/bot`,
    {
      playerID: host.playerID,
      credentials: host.credentials,
      ...(personality === null ? {} : { personality }),
    },
  );

/** The path of a seat's device link routes. */
const deviceLinkPath = (matchID: string, seat: SeatProof): string =>
  `/api/matches/${encodeURIComponent(matchID)}/seats/${encodeURIComponent(seat.playerID)}/device-link`;

/** Makes the seat's private link to another device (replacing its older one). */
export const makeDeviceLink = (matchID: string, seat: SeatProof): Promise<DeviceLinkAnswer> =>
  request(deviceLinkAnswerSchema, "POST", deviceLinkPath(matchID, seat), {
    playerID: seat.playerID,
    credentials: seat.credentials,
  });

/**
 * Revokes the seat's device link and signs every other device out of the seat: the answer holds the
 * seat's new credentials, for this browser only.
 */
export const revokeDeviceLink = (matchID: string, seat: SeatProof): Promise<DeviceLinkRevokeAnswer> =>
  request(deviceLinkRevokeAnswerSchema, "POST", `${deviceLinkPath(matchID, seat)}/revoke`, {
    playerID: seat.playerID,
    credentials: seat.credentials,
  });

/** Takes the seat a device link carries (its token, from the link's fragment). */
export const continueOnDevice = (matchID: string, token: string): Promise<ContinueAnswer> =>
  request(continueAnswerSchema, "POST", `/api/matches/${encodeURIComponent(matchID)}/continue`, { token });

/** The matches of the seats this browser holds. */
export const myMatches = (
  seats: readonly { matchID: string; playerID: string; credentials: string }[],
): Promise<MyMatchesAnswer> => request(myMatchesAnswerSchema, "POST", "/api/my-matches", { seats });

/** What this server offers (e.g. language-model bots), for the create page's choices. */
export const serverInfo = (): Promise<ServerInfo> => request(serverInfoSchema, "GET", "/api/server");
