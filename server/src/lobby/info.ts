/** What the lobby shows of a match: its public info, and whether a seat has something to do. */
import { awaitsOrders, getMap } from "../../../shared/src";
import type { MatchInfo } from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { seatCount, type Loaded } from "./load";
import { publicSeats } from "./seats";

/** A match as anyone may see it. */
export function matchInfo(ctx: ServerContext, loaded: Loaded, origin: string): MatchInfo {
  const setup = ctx.records.setup(loaded.matchID);
  const idle = ctx.records.idleness(loaded.matchID);
  const teacherHeld = ctx.records.teacherHeld(loaded.matchID);
  const paused = teacherHeld || (idle?.pausedLeft ?? null) !== null;
  const hostSeat = setup?.hostSeat ?? null;
  const { G, ctx: flow } = loaded.state;
  return {
    matchID: loaded.matchID,
    invite: `${origin}/m/${loaded.matchID}`,
    map: G.settings.mapId,
    players: seatCount(loaded.metadata),
    settings: G.settings,
    timing: setup?.timing ?? null,
    unlisted: setup?.unlisted ?? loaded.metadata.unlisted === true,
    createdAt: setup?.createdAt ?? loaded.metadata.createdAt,
    seats: publicSeats(ctx, loaded),
    phase: { year: G.position.year, season: G.position.season, phase: G.position.phase },
    gameover: flow.gameover ?? null,
    deadline: paused ? null : (ctx.records.clock(loaded.matchID)?.deadline ?? null),
    nextMatchID: setup?.nextMatchID ?? loaded.metadata.nextMatchID ?? null,
    host: hostSeat === null ? null : String(hostSeat),
    paused,
    teacherHeld,
    idlePhases: idle?.idlePhases ?? 0,
  };
}

/** Whether a seat has something to do now: the game runs, its power must order and is not ready. */
export function toAct(loaded: Loaded, seat: number): boolean {
  const { G, ctx: flow } = loaded.state;
  const power = G.powers[seat];
  const map = getMap(G.settings.mapId);
  if (flow.gameover !== undefined || power === undefined || map === null) return false;
  return awaitsOrders(map, G, power);
}
