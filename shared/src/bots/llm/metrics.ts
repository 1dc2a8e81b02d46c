/**
 * The measured effect of a bot's honesty setting, per game (docs/llm-bots.md#metrics):
 *
 * - `notices`: notices it gave (each accepted `notice` action);
 * - `surpriseDefections`: its defections the engine judged `surprise` (a stab without notice);
 * - `peaceStatements`: messages it sent that promise peace (`isPeaceStatement`);
 * - `contradicted`: those of its peace statements that the paper later contradicted — a defection
 *   by the bot against a recipient of the message, printed in an edition of the same round as the
 *   message or of the two rounds after it (a round: spring, or fall with its winter).
 *
 * Pure, over the match's history and editions and the bot's own sent messages and notices.
 */
import type { PowerId } from "../../map/types";
import type { Edition } from "../../newspaper/types";
import type { PhaseRecord } from "../../match/types";
import type { PhaseRef } from "../../trust/types";
import { roundOf } from "../ledger";
import type { SentStatement } from "./types";

/** Rounds after a peace statement within which a printed defection contradicts it. */
export const CONTRADICTION_ROUNDS = 2;

/** Words that make a message a promise of peace (English; the bots write English). */
const PEACE =
  /\b(peace|peaceful|ally|allies|alliance|friend(ship|s)?|no (attack|threat|aggression)|(will|would|shall) not (attack|move against|strike)|won'?t (attack|move against|strike)|not (attack|strike) you|nothing has changed|keep (my|our) word|trust me|you are safe|safe with me)\b/i;

/** Whether a message promises peace. */
export function isPeaceStatement(text: string): boolean {
  return PEACE.test(text);
}

/** A bot's honesty, as measured in one game. */
export interface HonestyMetrics {
  readonly notices: number;
  readonly surpriseDefections: number;
  readonly peaceStatements: number;
  readonly contradicted: number;
}

/** What the metrics read. */
export interface HonestyRecord {
  readonly power: PowerId;
  readonly history: readonly PhaseRecord[];
  readonly editions: readonly Edition[];
  readonly sent: readonly SentStatement[];
  readonly notices: readonly { readonly commitmentId: string; readonly at: PhaseRef }[];
}

/** The defections by `power` the paper printed: against whom and in which round. */
function printedDefections(
  power: PowerId,
  editions: readonly Edition[],
): { against: PowerId; round: number }[] {
  return editions.flatMap((e) =>
    e.articles.flatMap((a) =>
      a.event.type === "defection" && a.event.by === power
        ? [{ against: a.event.against, round: roundOf(e.phase) }]
        : [],
    ),
  );
}

/** Whether a peace statement was contradicted by a printed defection (see the module header). */
export function contradictedBy(
  statement: SentStatement,
  printed: readonly { readonly against: PowerId; readonly round: number }[],
): boolean {
  const said = roundOf(statement.at);
  return printed.some(
    (d) => statement.to.includes(d.against) && d.round >= said && d.round - said <= CONTRADICTION_ROUNDS,
  );
}

/** The honesty metrics of one bot in one game. */
export function honestyMetrics(record: HonestyRecord): HonestyMetrics {
  const peace = record.sent.filter((s) => isPeaceStatement(s.text));
  const printed = printedDefections(record.power, record.editions);
  return {
    notices: record.notices.length,
    surpriseDefections: record.history
      .flatMap((h) => h.defections)
      .filter((d) => d.by === record.power && d.kind === "surprise").length,
    peaceStatements: peace.length,
    contradicted: peace.filter((s) => contradictedBy(s, printed)).length,
  };
}
