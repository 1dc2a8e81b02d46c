/**
 * Making matches: the seats and settings of `POST /api/matches` checked against the map, and a
 * new match with its bot seats and records (also for "play again").
 */
import crypto from "node:crypto";
import type { State } from "boardgame.io";
import { createMatch } from "boardgame.io/internal";
import { getMap, type MatchSettings, type MatchState, type Personality } from "../../../shared/src";
import type { CreateBody, SeatKind, SeatSpec, Timing } from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { TIMING_PRESETS } from "../matches";
import { badField, LobbyError } from "./guards";
import type { Loaded } from "./load";
import { newCredentials } from "./seats";

/** The personality of a bot seat created without one. */
export const DEFAULT_PERSONALITY: Personality = "steady";

/** What a new match is made of (by `create` and by `play-again`). */
export interface NewMatch {
  readonly settings: MatchSettings;
  readonly numPlayers: number;
  readonly seats: readonly { readonly kind: SeatKind; readonly personality: string | null }[];
  readonly timing: Timing;
  readonly unlisted: boolean;
  readonly hostSeat: number | null; // the seat of the player who makes it (with `hostName`); null: none
}

/** A fresh match id: 12 url-safe characters (72 bits). */
function newMatchID(): string {
  return crypto.randomBytes(9).toString("base64url");
}

// Changing matches. Each runs synchronously from its first read to its last write, so no other
// request of this process can interleave with it.

/** Creates a match, its bot seats and its records. */
export function openMatch(ctx: ServerContext, spec: NewMatch): Loaded {
  const { mapId, preset, pressMode, yearLimit, miscommunication, scoring } = spec.settings;
  const created = createMatch({
    game: ctx.game,
    numPlayers: spec.numPlayers,
    setupData: { mapId, preset, pressMode, yearLimit, miscommunication, scoring },
    unlisted: spec.unlisted,
  });
  if ("setupDataError" in created) throw new LobbyError(400, "bad-setup", created.setupDataError);
  const { metadata, initialState } = created;
  spec.seats.forEach((seat, i) => {
    if (seat.kind !== "bot") return;
    metadata.players[i] = { id: i, name: `Bot (${seat.personality})`, credentials: newCredentials() };
  });
  const matchID = newMatchID();
  ctx.storage.transaction(() => {
    ctx.storage.createMatch(matchID, { metadata, initialState });
    ctx.records.create(
      {
        matchID,
        timing: spec.timing,
        unlisted: spec.unlisted,
        createdAt: ctx.now(),
        nextMatchID: null,
        hostSeat: spec.hostSeat,
      },
      // A seat waits for a player as `open` whatever the host asked; it turns `human` when claimed.
      spec.seats.map((seat) => (seat.kind === "bot" ? seat : { kind: "open" as const, personality: null })),
    );
  });
  return { matchID, metadata, state: initialState as State<MatchState> };
}

/** Whether a bot seat's personality is a language-model bot's (`llm` or `llm:<honesty>`). */
export function isLlmPersonality(personality: string | null | undefined): boolean {
  return personality === "llm" || (personality?.startsWith("llm:") ?? false);
}

/**
 * The seats and settings of `POST /api/matches`, checked against the map; `llmOffered`: whether
 * this server has a language-model endpoint (else a language-model bot seat is refused `no-llm`).
 */
export function newMatchFromBody(body: CreateBody, llmOffered = false): NewMatch {
  const map = getMap(body.map)!;
  const numPlayers = body.players ?? body.seats?.length ?? maxPlayers(body.map);
  if (map.playerCounts !== undefined ? !map.playerCounts.has(numPlayers) : numPlayers !== map.powers.length) {
    const counts = map.playerCounts ? [...map.playerCounts.keys()].join(", ") : String(map.powers.length);
    throw badField("players", `map ${body.map} takes ${counts} players, not ${numPlayers}`);
  }
  const hostSeat = body.hostSeat ?? 0;
  if (hostSeat >= numPlayers) throw badField("hostSeat", `must be a seat from 0 to ${numPlayers - 1}`);
  const specs: readonly SeatSpec[] =
    body.seats ??
    Array.from({ length: numPlayers }, (_, i): SeatSpec => ({ kind: i === hostSeat ? "human" : "open" }));
  if (specs.length !== numPlayers) throw badField("seats", `must list ${numPlayers} seats, one per player`);
  if (body.hostName !== undefined && specs[hostSeat]?.kind === "bot")
    throw badField("hostName", `seat ${hostSeat} is a bot's`);
  const llmSeat = specs.findIndex((s) => s.kind === "bot" && isLlmPersonality(s.personality));
  if (llmSeat >= 0 && !llmOffered)
    throw new LobbyError(
      400,
      "no-llm",
      `seats.${llmSeat}: this server offers no language-model bots (LLM_BASE_URL is not set)`,
    );
  if (typeof body.yearLimit === "number" && body.yearLimit < map.start.year) {
    throw badField("yearLimit", `must be ${map.start.year} (the first year) or later`);
  }
  const settings: MatchSettings = {
    mapId: body.map,
    preset: body.preset ?? "default",
    pressMode: body.pressMode ?? "full",
    yearLimit: body.yearLimit ?? null,
    miscommunication: body.miscommunication ?? 0,
    scoring: body.scoring ?? "statesman",
  };
  const timing = typeof body.timing === "object" ? body.timing : TIMING_PRESETS[body.timing ?? "live"];
  const seats = specs.map((s) => ({
    kind: s.kind,
    personality: s.kind === "bot" ? botPersonality(s.personality ?? DEFAULT_PERSONALITY, s.tactics) : null,
  }));
  return {
    settings,
    numPlayers,
    seats,
    timing,
    unlisted: body.unlisted ?? true,
    hostSeat: body.hostName === undefined ? null : hostSeat,
  };
}

/** How a bot seat is recorded: its personality, with its tactics after a slash unless baseline. */
export function botPersonality(personality: string, tactics: string | undefined): string {
  return tactics === undefined || tactics === "baseline" ? personality : `${personality}/${tactics}`;
}

/** The most players a map supports. */
function maxPlayers(mapId: string): number {
  const map = getMap(mapId)!;
  return map.playerCounts ? Math.max(...map.playerCounts.keys()) : map.powers.length;
}
