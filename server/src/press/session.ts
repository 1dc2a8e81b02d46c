/**
 * Who a press socket is — its match and the seat its credentials proved at the handshake, or none
 * for a spectator — the budget slots it holds, the rooms it is in, and the socket types the wire's
 * event maps give it.
 */
import type { DefaultEventsMap, Namespace, Socket } from "socket.io";
import type { PowerId } from "../../../shared/src";
import type { PressClientToServer, PressServerToClient } from "../../../shared/src/wire/press";

/** A seat a press socket holds, proven by its credentials. */
export interface HeldSeat {
  readonly playerID: string;
  readonly credentials: string;
  readonly power: PowerId;
}

/**
 * Who sends press: the match and the seat its credentials proved — a press socket's session, or a
 * seat API request (server/src/seat) — so both go through the same handlers and checks.
 */
export interface PressFrom {
  readonly matchID: string;
  readonly seat: HeldSeat | null; // null: a spectator's view
  readonly lost: boolean; // it held a seat whose credentials have changed since
  /** The seat's credentials no longer hold it: a socket is cut off its seat's view. */
  readonly seatLost: () => void;
}

/** The socket budget's slots a press socket took (each given back once). */
export interface Slots {
  address: string | null;
  seat: { readonly matchID: string; readonly playerID: string; readonly holder: string } | null;
}

/** Who a press socket is: fixed at the handshake, except that its seat can be lost. */
export interface PressSession {
  readonly matchID: string;
  seat: HeldSeat | null; // null: a spectator's view
  lost: boolean; // it held a seat whose credentials have changed since
  readonly slots: Slots;
}

/** The `/press` namespace, typed by the wire's event maps; each socket's `data` is its session. */
export type PressNamespace = Namespace<
  PressClientToServer,
  PressServerToClient,
  DefaultEventsMap,
  PressSession
>;

/** A press socket, typed by the wire's event maps; its `data` is its session. */
export type PressSocket = Socket<PressClientToServer, PressServerToClient, DefaultEventsMap, PressSession>;

/** The room of every socket of a match (players and spectators). */
export const matchRoom = (matchID: string): string => `match:${matchID}`;
/** The room of the sockets of one power in a match. */
export const powerRoom = (matchID: string, power: PowerId): string => `match:${matchID}:power:${power}`;
