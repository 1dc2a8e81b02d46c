/**
 * Attack: one seat under several spellings of its number. A seat is "0", "1", …; spellings such as
 * "00" or "001" name the same seat to `Number()`, so each spelling must be refused — else every
 * limit kept per seat (moves per second, sockets per seat, press per minute) is multiplied by the
 * number of spellings, and the seat's `connected` flag says no while it plays.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rawMove, RawRecorder } from "./support/clients";
import { api, createMatch, type CreatedMatch, type Seat } from "./support/matches";
import { PressClient } from "./support/press";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

let s: InProcessServer;
const closers: (() => void)[] = [];

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  s = await startInProcess({ env: { SOCKETS_PER_SEAT: "1", PRESS_PER_MINUTE: "2" } });
});

afterAll(async () => {
  for (const close of closers.splice(0)) close();
  await s.stop();
  removeDataDir(s.dataDir);
});

async function raw(): Promise<RawRecorder> {
  const r = await new RawRecorder(s.url).connected();
  closers.push(() => r.close());
  return r;
}

const SPELLINGS = ["00", "000", "01", "001", "0x1", " 1", "1 ", "+1", "1.0", "1e0"];

describe("attack: seat numbers in other spellings", () => {
  let match: CreatedMatch;
  let seat: Seat;
  beforeAll(async () => {
    match = await createMatch(s);
    seat = match.seats[1]!;
  });

  it("attack: a game sync under another spelling of the seat's number is refused", async () => {
    for (const spelling of SPELLINGS) {
      const r = await raw();
      const got = await r.sync(match.matchID, spelling, seat.credentials);
      expect(got.event, `${JSON.stringify(spelling)}: ${JSON.stringify(got.args)}`).toBe("entente:error");
      r.close();
    }
  });

  it("attack: a press socket under another spelling of the seat's number is refused", async () => {
    for (const spelling of SPELLINGS) {
      let refused: string | null = null;
      try {
        const p = await PressClient.open(s.url, match.matchID, {
          playerID: spelling,
          credentials: seat.credentials,
        });
        p.stop();
      } catch (e) {
        refused = (e as Error).message;
      }
      expect(refused, JSON.stringify(spelling)).toMatch(/bad-credentials|unauthorized|bad-handshake/);
    }
  });

  it("attack: spellings do not multiply the seat's socket or move budget", async () => {
    const first = await raw();
    expect((await first.sync(match.matchID, "1", seat.credentials)).event).toBe("sync");
    const second = await raw();
    const got = await second.sync(match.matchID, "01", seat.credentials);
    expect(got.event).toBe("entente:error");
    // The one seated socket plays; the seat shows as connected.
    expect(await rawMove(first, seat, match.matchID, "ready", { ready: true })).toBeNull();
    const info = await api(s, "GET", `/api/matches/${match.matchID}`);
    const seats = (info.body as { seats: { playerID: string; connected: boolean }[] }).seats;
    expect(seats[1]!.connected).toBe(true);
  });

  it("attack: lobby routes refuse other spellings of a seat number", async () => {
    const other = match.seats[2]!;
    for (const playerID of ["02", "002"]) {
      const res = await api(s, "POST", `/api/matches/${match.matchID}/resume`, {
        playerID,
        credentials: other.credentials,
      });
      expect(res.status, `${playerID}: ${JSON.stringify(res.body)}`).toBe(400);
    }
    const mine = await api(s, "POST", "/api/my-matches", {
      seats: [{ matchID: match.matchID, playerID: "02", credentials: other.credentials }],
    });
    expect(mine.status).toBe(400);
  });
});
