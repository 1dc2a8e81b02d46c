/**
 * Each seat's sequence number (`seq`, docs/seat-api.md): it grows by one each time the seat's
 * context is found changed (anything the seat may see: the board, its orders, who is ready, its
 * commitments and notices, editions, press, its draw vote…), and never otherwise — so it tells a
 * seat nothing about moves it may not see. It starts at the server's start time in milliseconds,
 * so a `seq` from before a restart is always lower than every `seq` after it. Each seq keeps how
 * many press items and editions the seat had then, so `since` can cut those lists.
 */
import { createHash } from "node:crypto";
import type { SeatView } from "./context";

/** How many seats are tracked before the longest unseen are dropped. */
const SEATS_KEPT = 4096;
/** How many past seqs of a seat `since` can refer to. */
const MARKS_KEPT = 256;

/** How long the press and editions lists were at a seq. */
export interface SeqMark {
  readonly seq: number;
  readonly press: number;
  readonly editions: number;
}

/** One seat's last seen context and its recent seqs. */
interface Track {
  digest: string;
  marks: SeqMark[]; // oldest first; the last is the current seq
}

/** The seqs of every seat of a running server. */
export class SeatSeqs {
  private readonly tracks = new Map<string, Track>(); // `${matchID}/${playerID}` → track

  /** @param start the first seq of every seat (the server's start time in ms). */
  constructor(private readonly start: number) {}

  /** The seat's seq for this view: the last one if nothing changed, the next one otherwise. */
  observe(seat: string, view: SeatView): SeqMark {
    const digest = createHash("sha256").update(JSON.stringify(view)).digest("base64url");
    let track = this.tracks.get(seat);
    if (track !== undefined && track.digest === digest) {
      this.tracks.delete(seat); // most recently seen last
      this.tracks.set(seat, track);
      return track.marks[track.marks.length - 1]!;
    }
    const last = track?.marks[track.marks.length - 1]?.seq ?? this.start;
    const mark: SeqMark = { seq: last + 1, press: view.press.length, editions: view.editions.length };
    if (track === undefined) track = { digest, marks: [] };
    track.digest = digest;
    track.marks.push(mark);
    if (track.marks.length > MARKS_KEPT) track.marks.shift();
    this.tracks.delete(seat);
    this.tracks.set(seat, track);
    if (this.tracks.size > SEATS_KEPT) this.tracks.delete(this.tracks.keys().next().value!);
    return mark;
  }

  /** What the seat had at `seq`, or null when that seq is not one of its kept ones. */
  markAt(seat: string, seq: number): SeqMark | null {
    return this.tracks.get(seat)?.marks.find((m) => m.seq === seq) ?? null;
  }
}
