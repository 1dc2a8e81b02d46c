/**
 * The press channel's signer and the `Game`'s verifier of leaks: a leak can only enter `G` with a
 * message signed here, by an HMAC under a key kept in the database (table `press_key`) and never
 * sent, bound to the match's `pressSeal` (docs/security.md).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SqlDatabase } from "../storage/sql";
import {
  pressMessageSchema,
  type LeakProof,
  type PressChannel,
  type PressMessage,
} from "../../../shared/src";
import { pressKey } from "./store";

/** The press channel's signer and the `Game`'s verifier of leaks. */
export interface PressVerifier extends PressChannel {
  /** The proof that the server delivered `message` in the match sealed with `seal`. */
  sign(message: PressMessage, seal: string): string;
}

/** What the HMAC covers: the match's seal and every field of the message, in a fixed order. */
function signedContent(message: PressMessage, seal: string): string {
  const { id, from, to, text, at } = message;
  return JSON.stringify(["entente-leak-v1", seal, id, from, [...to], text, at.year, at.season, at.phase]);
}

/**
 * The press channel's HMAC signer and verifier over a key kept in the database (table
 * `press_key`, made on first use), so proofs survive a restart. Give it to
 * `createGame({ pressChannel })`; `attachPress` makes its own over the same database.
 */
export function pressVerifier(db: SqlDatabase): PressVerifier {
  const key = pressKey(db, () => randomBytes(32));
  const mac = (message: PressMessage, seal: string): Buffer =>
    createHmac("sha256", key).update(signedContent(message, seal)).digest();
  return {
    seal: () => randomBytes(16).toString("base64url"),
    sign: (message, seal) => mac(message, seal).toString("base64url"),
    verify: (leak: LeakProof, seal: string): PressMessage | null => {
      try {
        const parsed = pressMessageSchema.safeParse(leak.message);
        if (!parsed.success || parsed.data.id !== leak.messageId || typeof leak.proof !== "string")
          return null;
        const message: PressMessage = parsed.data;
        const given = Buffer.from(leak.proof, "base64url");
        const expected = mac(message, seal);
        return given.length === expected.length && timingSafeEqual(given, expected) ? message : null;
      } catch {
        return null;
      }
    },
  };
}
