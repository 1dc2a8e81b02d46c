/**
 * `npm run bench:storage`: what one ordinary action costs the storage early and late in a match.
 * Bots play a classic match headless to 1916 (`test/server/support/long-match.ts`, seeded); then,
 * for the spring movement of 1901 and of 1915, a fresh match in a fresh SQLite file is brought to
 * the phase's first state and every action of that phase is written with `Storage.setState`, one
 * state after the other, as the server does. Prints per year: the actions timed, the median and
 * mean time of one `setState`, the size of the whole state as JSON, and the bytes that reached the
 * write-ahead log per `setState` (its growth, with automatic checkpoints off while timing).
 * `--rounds N` repeats each phase N times (default 20).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { State } from "boardgame.io";
import { openDatabase, Storage } from "../server/src/storage";
import { phaseKey, type MatchState } from "../shared/src";
import { playLongMatch, springOf, type LongMatch } from "../test/server/support/long-match";

/** What one year's phase measured. */
interface Figures {
  readonly year: number;
  readonly actions: number;
  readonly micros: number[];
  readonly walBytes: number;
  readonly stateBytes: number;
}

/** The states of the spring movement of `year`: its first state and every action until resolution. */
function springActions(match: LongMatch, year: number): State<MatchState>[] {
  const first = springOf(match, year);
  const key = (s: State<MatchState>): string => phaseKey(s.G.position);
  const rest = match.states.slice(first._stateID);
  const end = rest.findIndex((s) => key(s) !== key(first));
  return rest.slice(0, end);
}

/** The size of a file, 0 when it does not exist. */
function sizeOf(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

/** Writes the phase `rounds` times into fresh matches and times every `setState` after the first. */
async function measureYear(match: LongMatch, year: number, rounds: number): Promise<Figures> {
  const states = springActions(match, year);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-bench-storage-"));
  const db = await openDatabase(dir);
  const storage = new Storage(db);
  const wal = path.join(dir, "entente.sqlite-wal");
  const micros: number[] = [];
  let walBytes = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      const matchID = `bench-${year}-${r}`;
      storage.createMatch(matchID, {
        initialState: match.states[0]!,
        metadata: { gameName: "entente", players: {}, createdAt: 0, updatedAt: 0 },
      });
      storage.setState(matchID, states[0]!);
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.pragma("wal_autocheckpoint = 0");
      const before = sizeOf(wal);
      for (const state of states.slice(1)) {
        const start = process.hrtime.bigint();
        storage.setState(matchID, state);
        micros.push(Number(process.hrtime.bigint() - start) / 1000);
      }
      walBytes += sizeOf(wal) - before;
      db.pragma("wal_autocheckpoint = 1000");
    }
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const actions = (states.length - 1) * rounds;
  return {
    year,
    actions,
    micros,
    walBytes: walBytes / actions,
    stateBytes: JSON.stringify(states[0]).length,
  };
}

/** The value at quantile `q` of sorted numbers. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** One printed line. */
function line(f: Figures): string {
  const sorted = [...f.micros].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return (
    `spring ${f.year}: ${f.actions} setState, median ${(quantile(sorted, 0.5) / 1000).toFixed(3)} ms, ` +
    `mean ${(mean / 1000).toFixed(3)} ms, p90 ${(quantile(sorted, 0.9) / 1000).toFixed(3)} ms; ` +
    `state ${(f.stateBytes / 1024).toFixed(1)} kB as JSON; WAL ${(f.walBytes / 1024).toFixed(1)} kB per setState`
  );
}

const flag = process.argv.indexOf("--rounds");
const rounds = flag >= 0 ? Number(process.argv[flag + 1]) : 20;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds takes a whole number of at least 1");
const match = playLongMatch({ seed: "bench-storage", untilYear: 1916 });
for (const year of [1901, 1915]) console.log(line(await measureYear(match, year, rounds)));
