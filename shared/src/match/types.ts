/**
 * A match: the board and the trust layer together — the state the boardgame.io `Game` keeps as
 * `G`, the actions a seat can take, and the record of each resolved phase. Plain JSON data. Secret
 * parts (pending orders, private messages, secret commitments, notices, draw votes) are removed
 * from each seat's view by `playerView`.
 */
import type { PhaseResolution } from "../game/phases";
import type { Position } from "../game/position";
import type { PowerId } from "../map/types";
import type { Edition } from "../newspaper/types";
import type { Order } from "../orders/types";
import type { Clause, Commitment, Defection, Notice, PhaseRef, SeasonRef } from "../trust/types";

/** Who may talk to whom. */
export const PRESS_MODES = ["full", "public", "none"] as const;
/** `full`: private conversations and communiqués; `public`: communiqués only; `none`: gunboat. */
export type PressMode = (typeof PRESS_MODES)[number];

/** How a match is set up; public. */
export interface MatchSettings {
  readonly mapId: string; // a shipped map
  readonly preset: string; // a preset id: "default", "realist", "liberal"
  readonly pressMode: PressMode;
  readonly yearLimit: number | null; // the last year played; null: no limit
  readonly miscommunication: number; // probability 0–1 that the paper misses or misreports a defection
  readonly scoring: ScoringSystem;
}

/** The scoring systems. */
export const SCORING_SYSTEMS = ["solo-draw", "sum-of-squares", "statesman"] as const;
/** One of `SCORING_SYSTEMS`. */
export type ScoringSystem = (typeof SCORING_SYSTEMS)[number];

/** A private message between powers. The server is the courier, so the sender is proven. */
export interface PressMessage {
  readonly id: string; // e.g. "m7"
  readonly from: PowerId;
  readonly to: readonly PowerId[]; // one or more recipients
  readonly text: string;
  readonly at: PhaseRef;
}

/** A public statement waiting for the next edition. */
export interface Communique {
  readonly by: PowerId;
  readonly text: string;
}

/** A leak waiting for the next edition. */
export interface PendingLeak {
  readonly by: PowerId; // the leaker, a recipient of the message
  readonly messageId: string;
  /** The leaked message as the server delivered it, when private press runs outside `G`. */
  readonly message?: PressMessage;
}

/**
 * A leak as the server's press channel vouches for it: the message (kept outside `G`) and the
 * server's proof that it delivered exactly that message in this match.
 */
export interface LeakProof {
  readonly messageId: string;
  readonly message: PressMessage;
  readonly proof: string;
}

/**
 * The server's press channel, as the `Game` sees it (docs/security.md): private press is carried and
 * stored by the server outside `G`, so a leak can only name a message the server vouches for.
 * Implemented by the server (an HMAC under a key the clients never see).
 */
export interface PressChannel {
  /** A fresh random value for a new match (`MatchState.pressSeal`); its leak proofs are bound to it. */
  seal(): string;
  /** The message a proof vouches for in the match with this seal, or null when it is not genuine. */
  verify(leak: LeakProof, seal: string): PressMessage | null;
}

/** What happened in one resolved phase: every order (revealed after adjudication) and its results. */
export interface PhaseRecord {
  readonly phase: PhaseRef;
  readonly orders: Readonly<Record<PowerId, readonly Order[]>>;
  readonly resolved: PhaseResolution;
  readonly defections: readonly Defection[]; // as detected (the paper may report otherwise)
}

/** How the game ended. */
export interface MatchResult {
  readonly kind: "solo" | "draw" | "year-limit" | "called"; // called: a teacher ended the match
  readonly winner: PowerId | null;
  readonly survivors: readonly PowerId[];
  readonly scores: Readonly<Record<PowerId, number>>;
  readonly at: PhaseRef;
}

/** The whole state of a match (boardgame.io's `G`). */
export interface MatchState {
  readonly settings: MatchSettings;
  readonly powers: readonly PowerId[]; // powers in play; seat i (playerID "i") plays powers[i]
  readonly position: Position;
  readonly orders: Readonly<Record<PowerId, readonly Order[]>>; // pending; secret to each power
  readonly ready: Readonly<Record<PowerId, boolean>>;
  readonly commitments: readonly Commitment[]; // secret ones visible to their parties only
  readonly notices: readonly Notice[]; // given this phase; private to the commitment's parties
  readonly messages: readonly PressMessage[]; // private to sender and recipients
  readonly communiques: readonly Communique[]; // for the next edition
  readonly leaks: readonly PendingLeak[]; // for the next edition
  readonly drawVotes: Readonly<Record<PowerId, boolean>>; // secret
  /**
   * In a seat's view only (`playerView`), never in the match itself or a spectator's view: whether
   * some power votes for a draw this phase — that a vote is open, not who voted or how.
   */
  readonly drawOpen?: boolean;
  readonly reputation: Readonly<Record<PowerId, number>>;
  readonly prestige: Readonly<Record<PowerId, number>>;
  readonly editions: readonly Edition[];
  readonly history: readonly PhaseRecord[];
  readonly result: MatchResult | null;
  readonly nextId: number; // for commitment and message ids
  /**
   * Set when a server's press channel carries private press (`createGame({ pressChannel })`): a
   * public, per-match random value that leak proofs are bound to, so that one match's proof cannot
   * be replayed in another. Then private messages are not moves, and a leak must carry the
   * server's proof. Absent in headless play, where `messages` holds the private press.
   */
  readonly pressSeal?: string;
}

/** Everything a seat can do. Each is one boardgame.io move with the same name. */
export type Action =
  | { readonly type: "orders"; readonly orders: readonly Order[] } // replaces the power's pending orders
  | { readonly type: "ready"; readonly ready: boolean }
  | {
      readonly type: "propose";
      readonly parties: readonly PowerId[]; // the others named; the proposer is added
      readonly clauses: readonly Clause[];
      readonly until: SeasonRef | null;
      readonly visibility: "public" | "secret";
    }
  | { readonly type: "accept"; readonly commitmentId: string }
  | { readonly type: "reject"; readonly commitmentId: string }
  | { readonly type: "withdraw"; readonly commitmentId: string }
  | { readonly type: "notice"; readonly commitmentId: string }
  | { readonly type: "message"; readonly to: readonly PowerId[]; readonly text: string }
  | {
      readonly type: "leak";
      readonly messageId: string;
      /** With a press channel: the message, as the server vouches for it with `proof`. */
      readonly message?: PressMessage;
      readonly proof?: string;
    }
  | { readonly type: "communique"; readonly text: string }
  | { readonly type: "draw-vote"; readonly vote: boolean }
  /** Ends the match where it stands, scored as at a year limit: only the server makes it (a teacher's "end"). */
  | { readonly type: "call-time" };

/** The type tag of an action. */
export type ActionType = Action["type"];

/** Why an action was refused; the state is unchanged. */
export interface ActionError {
  readonly code: string; // stable, kebab-case
  readonly message: string; // for the player
}

/** What kind of press an item of the press channel is. */
export type PressKind = "message" | "communique";

/** One item of press as the server's press channel sends it (`press:message`, `press:communique`, `press:history`). */
export interface PressItem {
  readonly id: string; // random and opaque
  readonly kind: PressKind;
  readonly from: PowerId;
  readonly to: readonly PowerId[]; // empty for a communiqué
  readonly text: string;
  readonly at: PhaseRef; // the phase it was sent in
  readonly sentAt: number; // ms since the epoch, by the server's clock
}
