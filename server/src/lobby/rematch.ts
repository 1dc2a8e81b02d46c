/**
 * "Play again": the match after a finished one, with the same map, settings, timing, listing and
 * seat kinds, whose human seats are held for their previous players for one movement phase's time.
 */
import type { ServerContext } from "../context";
import { TIMING_PRESETS } from "../matches";
import { DEFAULT_PERSONALITY, openMatch } from "./create";
import { load, type Loaded } from "./load";
import { reserve, seatKinds } from "./seats";

/**
 * The match "play again" leads to: the existing one, or a new one made now. Returns it and
 * whether it was made now.
 */
export function nextMatch(ctx: ServerContext, loaded: Loaded): { next: Loaded; created: boolean } {
  const existing = ctx.records.setup(loaded.matchID)?.nextMatchID ?? loaded.metadata.nextMatchID;
  if (existing) return { next: load(ctx, existing), created: false };
  const next = ctx.storage.transaction(() => rematch(ctx, loaded));
  return { next, created: true };
}

/**
 * The host of a finished match who takes their seat of the next one by play again hosts it too.
 * Only then: a seat held for the host that lapses and is taken by a stranger makes them no host.
 */
export function hostOnReturn(ctx: ServerContext, loaded: Loaded, next: Loaded, seat: number): void {
  if (ctx.records.setup(loaded.matchID)?.hostSeat === seat) ctx.records.setHost(next.matchID, seat);
}

/** Makes the next match of `nextMatch` and links the old one to it. */
function rematch(ctx: ServerContext, loaded: Loaded): Loaded {
  const setup = ctx.records.setup(loaded.matchID);
  const kinds = seatKinds(ctx, loaded);
  const records = ctx.records.seats(loaded.matchID);
  const timing = setup?.timing ?? TIMING_PRESETS.live;
  const next = openMatch(ctx, {
    settings: loaded.state.G.settings,
    numPlayers: kinds.length,
    seats: kinds.map((kind, i) => ({
      kind: kind === "bot" ? ("bot" as const) : ("open" as const),
      personality:
        kind === "bot" ? (records.find((r) => r.seat === i)?.personality ?? DEFAULT_PERSONALITY) : null,
    })),
    timing,
    unlisted: setup?.unlisted ?? loaded.metadata.unlisted === true,
    hostSeat: null, // until the host takes their seat by play again (`hostOnReturn`)
  });
  const humans = kinds.flatMap((kind, i) => (kind === "human" ? [i] : []));
  reserve(ctx, next.matchID, humans, ctx.now() + timing.movement * 60_000);
  ctx.records.setNextMatch(loaded.matchID, next.matchID);
  loaded.metadata.nextMatchID = next.matchID;
  ctx.storage.setMetadata(loaded.matchID, loaded.metadata);
  return next;
}
