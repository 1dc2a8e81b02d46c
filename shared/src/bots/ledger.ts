/**
 * A bot's trust ledger: what it knows of each other power, learned only from the newspaper — who
 * harmed it and when (a reported defection against it, one of its units dislodged, one of its
 * centres taken), whom it harmed, how many commitments each kept with it to their end. With
 * miscommunication the paper can miss or misreport a defection, and the ledger believes the paper.
 *
 * A centre taken, or a unit dislodged, in a province its owner had agreed to cede to the taker (a
 * cede clause between them) is no harm: it was given, not taken.
 *
 * Time is counted in rounds, one per movement phase: the retreats and adjustments that follow a
 * movement phase belong to its round.
 */
import type { PowerId } from "../map/types";
import type { MatchState } from "../match/types";
import type { Commitment, SeasonRef } from "../trust/types";

/** What a bot knows of one other power. */
export interface LedgerEntry {
  readonly partner: PowerId;
  /** Rounds in which the paper reported the partner harming the bot, oldest first. */
  readonly harmedMe: readonly number[];
  /** Rounds in which the paper reported a defection of the partner against the bot, oldest first. */
  readonly betrayedMe: readonly number[];
  /** Rounds in which the paper reported the bot harming the partner, oldest first. */
  readonly harmedByMe: readonly number[];
  /** Reported defections of the partner against the bot. */
  readonly defectionsAgainstMe: number;
  /** Public commitments with the bot that the partner honoured to their end. */
  readonly keptWithMe: number;
  /** Reported defections of the partner against anyone. */
  readonly defectionsAgainstAnyone: number;
  /** Reported surprise defections of the partner against anyone (no notice, no reprisal): its record as a backstabber. */
  readonly surprisesAgainstAnyone?: number;
  /** 0–1: how far the bot trusts the partner (0.5 for a stranger). */
  readonly trust: number;
}

/** A bot's ledger: one entry per other power in the match. */
export type TrustLedger = Readonly<Record<PowerId, LedgerEntry>>;

/** The round of a season: two a year — spring, then fall with the winter adjustments after it. */
export function roundOf(season: SeasonRef): number {
  return season.year * 2 + (season.season === "spring" ? 0 : 1);
}

/** Trust from the counts: kept commitments raise it, defections and attacks lower it. */
function trustFrom(e: Omit<LedgerEntry, "trust">, reputation: number): number {
  const raw =
    0.5 +
    0.1 * e.keptWithMe -
    0.25 * e.defectionsAgainstMe -
    0.05 * e.harmedMe.length -
    0.03 * e.defectionsAgainstAnyone +
    (reputation - 50) / 250;
  return Math.max(0, Math.min(1, raw));
}

/** A ledger entry while it is being counted. */
type Tally = { -readonly [K in keyof Omit<LedgerEntry, "trust">]-?: LedgerEntry[K] } & {
  harmedMe: number[];
  betrayedMe: number[];
  harmedByMe: number[];
  surprisesAgainstAnyone: number;
};

/** Whether `from` agreed (in a commitment that came into force) to cede `province` to `to`. */
function ceded(commitments: readonly Commitment[], from: PowerId, to: PowerId, province: string): boolean {
  return commitments.some(
    (c) =>
      c.signedAt !== null &&
      c.clauses.some(
        (cl) => cl.kind === "cede" && cl.power === from && cl.to === to && cl.province === province,
      ),
  );
}

/** Adds a round to a sorted list of rounds, once. */
function addRound(list: number[], round: number): void {
  if (list[list.length - 1] !== round) list.push(round);
}

/** Reads the editions `view` holds and builds `me`'s ledger of every other power in play. */
export function trustLedger(view: MatchState, me: PowerId): TrustLedger {
  const entries = new Map<PowerId, Tally>();
  for (const p of view.powers)
    if (p !== me)
      entries.set(p, {
        partner: p,
        harmedMe: [],
        betrayedMe: [],
        harmedByMe: [],
        defectionsAgainstMe: 0,
        keptWithMe: 0,
        defectionsAgainstAnyone: 0,
        surprisesAgainstAnyone: 0,
      });
  const harm = (by: PowerId, victim: PowerId | null, round: number): void => {
    if (by === victim) return;
    if (victim === me) {
      const e = entries.get(by);
      if (e) addRound(e.harmedMe, round);
    } else if (by === me && victim !== null) {
      const e = entries.get(victim);
      if (e) addRound(e.harmedByMe, round);
    }
  };
  for (const edition of view.editions) {
    const round = roundOf(edition.phase);
    for (const { event } of edition.articles) {
      switch (event.type) {
        case "defection": {
          harm(event.by, event.against, round);
          const e = entries.get(event.by);
          if (!e) break;
          e.defectionsAgainstAnyone++;
          if (event.kind === "surprise") e.surprisesAgainstAnyone++;
          if (event.against === me) {
            addRound(e.betrayedMe, round);
            e.defectionsAgainstMe++;
          }
          break;
        }
        case "dislodgement":
          if (!ceded(view.commitments, event.unit.power, event.by, event.unit.location.split("/")[0]!))
            harm(event.by, event.unit.power, round);
          break;
        case "center-captured":
          if (event.from === null || !ceded(view.commitments, event.from, event.to, event.center))
            harm(event.to, event.from, round);
          break;
        case "commitment-honoured":
          if (event.parties.includes(me))
            for (const p of event.parties) {
              const e = entries.get(p);
              if (e) e.keptWithMe++;
            }
          break;
        default:
          break;
      }
    }
  }
  const ledger: Record<PowerId, LedgerEntry> = {};
  for (const [p, e] of entries) ledger[p] = { ...e, trust: trustFrom(e, view.reputation[p] ?? 50) };
  return ledger;
}
