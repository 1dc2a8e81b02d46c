/**
 * What every part of the press channel shares once it is attached: the server's context, the
 * typed `/press` namespace, the store, the signer, the seats' watch and the send limits.
 */
import type { PressItem } from "../../../shared/src";
import type { ServerContext } from "../context";
import type { RateLimits } from "../rate-limit";
import type { SeatWatch } from "./seats";
import type { PressNamespace } from "./session";
import type { PressStore } from "./store";
import type { PressVerifier } from "./verifier";

/** The attached press channel's parts. */
export interface PressHost {
  readonly ctx: ServerContext;
  readonly nsp: PressNamespace;
  readonly store: PressStore;
  readonly verifier: PressVerifier;
  readonly seats: SeatWatch;
  readonly limits: RateLimits; // sends per seat (`PRESS_PER_MINUTE`)
  /** Told of each private message a player sent, once it is stored and delivered. */
  readonly heard?: (matchID: string, item: PressItem) => void;
  /** Told of each message and communiqué delivered (the seat API wakes its waits). */
  readonly delivered?: (matchID: string, item: PressItem) => void;
}
