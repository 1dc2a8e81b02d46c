/**
 * The lobby API under `/api`: create a match (map, seats, timing, settings), join it by invite
 * with a display name, leave, spectate, list listed matches, list my matches, play again with the
 * same seats, resume a paused match, carry a seat to another browser by a private device link. JSON in and out; every request and answer has its shape in
 * `shared/src/wire/lobby.ts`, and a refusal comes back as `{ "error": { "code", "message" } }`
 * (codes in `shared/src/wire/errors.ts`) with a fitting status. Seat credentials live in
 * boardgame.io's match metadata and never leave the server except to the player who holds the
 * seat. boardgame.io's own `/games` lobby routes are not served at all. Reference: docs/api.md.
 *
 * - `guards.ts`: refusals, the JSON frame, bounded bodies, rate limits, credentials;
 * - `load.ts`: reading matches (finished ones' facts kept in memory);
 * - `seats.ts`: seat kinds, public seats, seating players, reservations after play again;
 * - `info.ts`: a match's public info; `create.ts`: new matches; `rematch.ts`: play again;
 * - `device-links.ts`: a seat's private link to another browser, and revoking it;
 * - `routes.ts`: the routes.
 */
export type { MatchInfo, PublicSeat, SeatGrant } from "../../../shared/src/wire";
export { MAX_LISTED } from "../../../shared/src/wire";
export { LobbyError, MAX_BODY_BYTES } from "./guards";
export { lobbyRouter, type LobbyHooks } from "./routes";
