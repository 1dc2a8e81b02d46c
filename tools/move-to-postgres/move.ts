/**
 * Moving a data folder into PostgreSQL, step by step, each refusal before anything is written:
 * 1. the folder must hold a SQLite file, and the target must answer and hold no data (read only);
 * 2. the folder is opened as a server opens it (`openDatabase`): its lock taken — and held until the
 *    end, so no server starts on it meanwhile —, the file checked for damage and for a newer
 *    version's schema, then brought up to date by its migrations;
 * 3. PostgreSQL is brought up to date by the same migrations (`migratePostgres`);
 * 4. every table is copied in one transaction (`./copy`), then checked on a new connection
 *    (`./verify`).
 * The folder is left where it was: it is the backup.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DATABASE_FILE, openDatabase, schemaVersion } from "../../server/src/storage";
import { migratePostgres } from "../../server/src/storage/migrations";
import { describeUrl } from "../../server/src/storage/postgres/connection";
import type { MatchCheck } from "./args";
import { copyTables, sqliteCounts, type Copied, type CopyProgress } from "./copy";
import { planTables } from "./tables";
import { connectTarget, MoveRefusal, reason, refuseHeld, targetSchema } from "./target";
import { verifyMove, type Verification } from "./verify";

/** What a move was asked to do. */
export interface MoveSettings {
  readonly dataDir: string;
  readonly databaseUrl: string;
  readonly check: MatchCheck;
}

/** What a move did. */
export interface MoveReport {
  readonly file: string; // the SQLite file moved
  readonly target: string; // the PostgreSQL server and database, without the password
  readonly schema: string;
  readonly version: string | null; // the last migration both now record
  readonly migratedPostgres: readonly string[]; // the migrations PostgreSQL had now
  readonly copied: Copied;
  readonly seconds: number; // from taking the folder's lock to the commit
  readonly checkSeconds: number; // the check after the commit
  readonly verification: Verification;
}

/** Hears how the move goes: the rows it will copy, then each batch. */
export interface MoveListener {
  start(total: number): void;
  copied: CopyProgress;
}

/** Moves a data folder into PostgreSQL; throws `MoveRefusal` (nothing written) or what failed. */
export async function moveToPostgres(settings: MoveSettings, listener: MoveListener): Promise<MoveReport> {
  const file = path.join(settings.dataDir, DATABASE_FILE);
  if (!fs.existsSync(file))
    throw new MoveRefusal(
      `There is no ${file} to move: --data-dir must be a server's data folder. Nothing was written.`,
    );
  const target = describeUrl(settings.databaseUrl);
  const client = await connectTarget(settings.databaseUrl, target);
  try {
    const schema = await targetSchema(client, target);
    await refuseHeld(client, target, schema);
    const started = performance.now();
    const db = await openDatabase(settings.dataDir).catch((error: unknown) => {
      throw new MoveRefusal(`${reason(error)} Nothing was written.`);
    });
    try {
      const postgres = await migratePostgres(settings.databaseUrl, target).catch((error: unknown) => {
        throw new MoveRefusal(`Could not bring ${target} up to date: ${reason(error)} Nothing was copied.`);
      });
      const plan = await planTables(db, client);
      listener.start(sqliteCounts(db, plan).reduce((sum, t) => sum + t.rows, 0));
      const copied = await copyTables(db, client, plan, { target, schema }, listener.copied);
      const seconds = (performance.now() - started) / 1000;
      let verification: Verification;
      try {
        verification = verifyMove(db, settings.databaseUrl, plan, settings.check);
      } catch (error) {
        throw new Error(`The copy was committed, but the check after it could not run: ${reason(error)}`, {
          cause: error,
        });
      }
      const checkSeconds = (performance.now() - started) / 1000 - seconds;
      return {
        file,
        target,
        schema,
        version: schemaVersion(db),
        migratedPostgres: postgres,
        copied,
        seconds,
        checkSeconds,
        verification,
      };
    } finally {
      db.close(); // lets go of the folder's lock
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
