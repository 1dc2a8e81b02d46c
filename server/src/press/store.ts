/**
 * The press channel's SQL over its tables in the server's SQLite file (`press`, one row per item;
 * `press_key`, the signing key; both made by the storage migrations): the statements that store,
 * take back, read and find items. Nothing here decides who may read what; the callers do.
 */
import type { PhaseRef, PowerId, PressItem, PressKind } from "../../../shared/src";
import { dialectSql, prepared, type SqlDatabase } from "../storage";

/** The signing key of the press channel, made on first use (`fresh` gives its 32 random bytes). */
export function pressKey(db: SqlDatabase, fresh: () => Buffer): Buffer {
  db.prepare(`INSERT INTO press_key (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING`).run(fresh());
  const row = db.prepare(`SELECT secret FROM press_key WHERE id = 1`).get() as { secret: Buffer };
  return Buffer.from(row.secret);
}

/** A row of `press`. */
interface PressRow {
  id: string;
  match_id: string;
  sender: string;
  recipients: string; // JSON list of powers
  text: string;
  kind: PressKind;
  phase: string; // JSON `PhaseRef`
  created_at: number;
}

function itemOf(row: PressRow): PressItem {
  return {
    id: row.id,
    kind: row.kind,
    from: row.sender,
    to: JSON.parse(row.recipients) as PowerId[],
    text: row.text,
    at: JSON.parse(row.phase) as PhaseRef,
    sentAt: row.created_at,
  };
}

/** The press items of the server's file. Every method may throw the database's error. */
export interface PressStore {
  /** Stores an item of a match. */
  insert(matchID: string, item: PressItem): void;
  /** Takes a stored item back. */
  remove(id: string): void;
  /** Every communiqué of the match and, for a power, every message it sent or received; oldest first. */
  history(matchID: string, power: PowerId | null): PressItem[];
  /** A private message of the match, or null. */
  findMessage(matchID: string, id: string): PressItem | null;
  /** Every item of the match, private messages too (a class's teacher, when the session said so); oldest first. */
  everything(matchID: string): PressItem[];
}

/** The press store over the server's database. */
export function pressStore(db: SqlDatabase): PressStore {
  const insert = prepared(
    db,
    `INSERT INTO press (id, match_id, sender, recipients, text, kind, phase, created_at)
     VALUES (@id, @match_id, @sender, @recipients, @text, @kind, @phase, @created_at)`,
  );
  const remove = prepared(db, `DELETE FROM press WHERE id = ?`);
  const history = prepared(
    db,
    dialectSql(db, {
      sqlite: `SELECT * FROM press WHERE match_id = @match AND (kind = 'communique' OR (@power IS NOT NULL AND
       (sender = @power OR EXISTS (SELECT 1 FROM json_each(press.recipients) WHERE json_each.value = @power))))
     ORDER BY created_at, rowid`,
      postgres: `SELECT * FROM press WHERE match_id = @match AND (kind = 'communique' OR (@power::text IS NOT NULL AND
       (sender = @power OR EXISTS (SELECT 1 FROM json_array_elements_text(press.recipients::json) AS r(value) WHERE r.value = @power))))
     ORDER BY created_at, rowid`,
    }),
  );
  const findMessage = prepared(db, `SELECT * FROM press WHERE id = ? AND match_id = ? AND kind = 'message'`);
  const everything = prepared(db, `SELECT * FROM press WHERE match_id = ? ORDER BY created_at, rowid`);
  return {
    insert(matchID, item) {
      insert.run({
        id: item.id,
        match_id: matchID,
        sender: item.from,
        recipients: JSON.stringify(item.to),
        text: item.text,
        kind: item.kind,
        phase: JSON.stringify(item.at),
        created_at: item.sentAt,
      });
    },
    remove(id) {
      remove.run(id);
    },
    history(matchID, power) {
      return (history.all({ match: matchID, power }) as PressRow[]).map(itemOf);
    },
    findMessage(matchID, id) {
      const row = findMessage.get(id, matchID) as PressRow | undefined;
      return row === undefined ? null : itemOf(row);
    },
    everything(matchID) {
      return (everything.all(matchID) as PressRow[]).map(itemOf);
    },
  };
}
