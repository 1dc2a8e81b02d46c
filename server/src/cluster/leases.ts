/**
 * One owner per match (docs/deploy.md). On a shared database each live match is run — its moves,
 * its deadline, its bots — by one node at a time: the node holding its row of `match_leases`. A
 * lease lasts `LEASE_MS` from its last renewal, timed by the database's own clock (nodes' clocks
 * may differ). A node takes a match's lease when it is free, has run out, or is its own already
 * (which renews it); a node that dies stops renewing, and once the time passes another takes the
 * match, reloads it from the database and goes on. Every state write is a compare-and-set besides
 * (`Storage.setState`), so even two nodes that both believed they held a match could not both
 * store a move made from the same state.
 */
import { prepared, type SqlDatabase } from "../storage";

/** Who holds a match's lease, and for how much longer (ms, by the database's clock). */
export interface LeaseHolder {
  readonly node: string;
  readonly leftMs: number;
}

/** The database's clock in milliseconds (PostgreSQL: several nodes share only PostgreSQL). */
export const NOW_MS = `(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint`;

/** The leases of one node. */
export class Leases {
  private readonly held = new Map<string, number>(); // match → when this node last took or renewed it (performance.now)

  /**
   * `acquired` hears of each match this node takes that it did not hold just before (a new match,
   * one handed over or adopted): what it remembers of that match may be older than another
   * node's last write, and must be read again.
   */
  constructor(
    private readonly db: SqlDatabase,
    readonly node: string,
    readonly leaseMs: number,
    private readonly acquired: (matchID: string) => void = () => undefined,
  ) {}

  /**
   * Takes or renews the lease of a match for this node; false when another node holds it. A match
   * that no longer exists is nobody's (false).
   */
  take(matchID: string): boolean {
    const row = prepared(
      this.db,
      `INSERT INTO match_leases (match_id, node, until, since)
         SELECT ?::text, ?::text, ${NOW_MS} + ?::bigint, ${NOW_MS} WHERE EXISTS (SELECT 1 FROM matches WHERE id = ?::text)
       ON CONFLICT (match_id) DO UPDATE SET node = excluded.node, until = excluded.until,
         since = CASE WHEN match_leases.node = excluded.node THEN match_leases.since ELSE excluded.since END
         WHERE match_leases.node = excluded.node OR match_leases.until < ${NOW_MS}
       RETURNING node`,
    ).get(matchID, this.node, this.leaseMs, matchID) as { node: string } | undefined;
    if (row?.node === this.node) {
      const renewed = this.held.has(matchID);
      this.held.set(matchID, performance.now());
      if (!renewed) this.acquired(matchID);
      return true;
    }
    this.held.delete(matchID);
    return false;
  }

  /**
   * Whether this node holds a match now: a lease taken or renewed less than a third of its length
   * ago is trusted without asking the database; an older one is renewed (or found lost).
   */
  holds(matchID: string): boolean {
    const at = this.held.get(matchID);
    if (at !== undefined && performance.now() - at < this.leaseMs / 3) return true;
    return this.take(matchID);
  }

  /**
   * Whether this node holds a match's lease for sure, by its memory alone (no database): it took
   * or renewed it less than half a lease ago, so the lease cannot have run out for another node
   * to take (renewals come every third of a lease; a node that cannot renew soon stops trusting).
   */
  surelyHolds(matchID: string): boolean {
    const at = this.held.get(matchID);
    return at !== undefined && performance.now() - at < this.leaseMs / 2;
  }

  /** Who holds a match's lease now (null: nobody, or it ran out). */
  holder(matchID: string): LeaseHolder | null {
    const row = prepared(
      this.db,
      `SELECT node, until - ${NOW_MS} AS left_ms FROM match_leases WHERE match_id = ? AND until >= ${NOW_MS}`,
    ).get(matchID) as { node: string; left_ms: number } | undefined;
    return row ? { node: row.node, leftMs: row.left_ms } : null;
  }

  /**
   * Live matches whose lease ran out: their node stopped renewing (it died, or let go). A node that
   * finds one looks at it — taking the lease is atomic, so one node wins — and plays what is due.
   */
  orphans(limit = 20): string[] {
    const rows = prepared(
      this.db,
      `SELECT l.match_id AS id FROM match_leases l JOIN matches m ON m.id = l.match_id
         WHERE l.until < ${NOW_MS} AND m.gameover = 0 ORDER BY l.until LIMIT ?`,
    ).all(limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Renews every lease this node holds; returns the matches whose lease it lost. */
  renewAll(): string[] {
    const lost: string[] = [];
    for (const matchID of [...this.held.keys()]) if (!this.take(matchID)) lost.push(matchID);
    return lost;
  }

  /** Lets go of a match (a finished match, a node stopping). */
  release(matchID: string): void {
    this.held.delete(matchID);
    prepared(this.db, `DELETE FROM match_leases WHERE match_id = ? AND node = ?`).run(matchID, this.node);
  }

  /** Lets go of every lease this node holds (a clean stop: others take its matches at once). */
  releaseAll(): void {
    for (const matchID of [...this.held.keys()]) this.release(matchID);
  }

  /** How many matches this node holds now. */
  count(): number {
    return this.held.size;
  }
}
