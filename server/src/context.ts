/**
 * What every server module shares: settings, the database, the boardgame.io game and socket
 * transport, and credentials. Built once in `app.ts` and handed to the lobby, the press channel
 * and the scheduler.
 */
import type { SqlDatabase } from "./storage/sql";
import type { Game } from "boardgame.io";
import type { MatchState } from "../../shared/src";
import type { Cluster } from "./cluster";
import type { ServerConfig } from "./config";
import type { MatchRecords } from "./matches";
import type { SocketBudget } from "./sockets";
import type { Storage } from "./storage";
import type { SecureTransport } from "./transport";

/** The shared parts of a running server. */
export interface ServerContext {
  readonly config: ServerConfig;
  readonly db: SqlDatabase;
  readonly storage: Storage;
  readonly game: Game<MatchState>;
  readonly transport: SecureTransport;
  readonly records: MatchRecords; // seats, timing, deadlines
  readonly sockets: SocketBudget; // sockets per address and per seat, both namespaces
  readonly cluster: Cluster; // which node runs which match (one node runs all on SQLite)
  /** The server's clock (injectable for tests): milliseconds since the epoch. */
  readonly now: () => number;
}
