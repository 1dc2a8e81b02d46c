/**
 * Prompts for discussion (docs/debrief.md): short factual sentences drawn from a match's debrief —
 * the first betrayal without notice and whether its victim signed with the defector again, a
 * broken secret pact the paper exposed, a leak that showed a broken promise, who ended most and
 * least trusted, the winner's reputation against the average, the promises kept and broken. Each
 * states only what the debrief holds. Pure and deterministic.
 */
import type { GameMap, PowerId } from "../map/types";
import { powerName } from "../trust/clauses/facts";
import type { DebriefDefection, MatchDebrief } from "../wire/debrief";

/** A debrief before its prompts are drawn. */
export type DebriefFacts = Omit<MatchDebrief, "prompts">;

/** The most prompts a debrief gives. */
export const MAX_PROMPTS = 8;

/** "Fall 1902 movement" → "fall 1902". */
function seasonOf(label: string): string {
  const [season = "", year = ""] = label.split(" ");
  return `${season.toLowerCase()} ${year}`.trim();
}

/** Names in a list: "France", "France and Italy", "England, France and Italy". */
export function listOf(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}

/** The index of a phase in the debrief's standings (−1 for none), to order phases. */
function phaseIndex(debrief: DebriefFacts, key: string): number {
  return debrief.standings.findIndex((s) => s.phase?.key === key);
}

/** Whether `a` and `b` signed a commitment together after the phase `key`. */
function signedAgainAfter(debrief: DebriefFacts, a: PowerId, b: PowerId, key: string): string | null {
  const after = phaseIndex(debrief, key);
  const again = debrief.commitments.find(
    (c) =>
      c.signedAt !== null &&
      c.parties.includes(a) &&
      c.parties.includes(b) &&
      phaseIndex(debrief, c.signedAt.key) > after,
  );
  return again?.signedAt?.label ?? null;
}

/** The first betrayal without notice, and whether its victim ever signed with the defector again. */
export function firstSurprisePrompt(debrief: DebriefFacts, map: GameMap): string | null {
  const d: DebriefDefection | undefined = debrief.defections.find((x) => x.kind === "surprise");
  if (d === undefined) return null;
  const by = powerName(map, d.by);
  const against = powerName(map, d.against);
  const when = seasonOf(d.phase.label);
  const again = signedAgainAfter(debrief, d.by, d.against, d.phase.key);
  const after =
    again === null ? `never signed with ${by} again` : `signed with ${by} again in ${seasonOf(again)}`;
  return d.learnedFromPaper.includes(d.against)
    ? `${against} learned of ${by}'s betrayal from the paper in ${when} and ${after}.`
    : `${by} broke faith with ${against} without notice in ${when}; the paper did not report it, and ${against} ${after}.`;
}

/** A broken secret pact, and whether the paper exposed it. */
export function secretPactPrompt(debrief: DebriefFacts, map: GameMap): string | null {
  const c = debrief.commitments.find((x) => x.visibility === "secret" && x.outcome === "broken");
  if (c === undefined || c.endedAt === null) return null;
  const who = listOf(c.parties.map((p) => powerName(map, p)));
  const exposed = debrief.defections.some((d) => d.reported && d.commitments.includes(c.id));
  const breaker = debrief.defections.find((d) => d.commitments.includes(c.id))?.by;
  const by = breaker === undefined ? "" : ` by ${powerName(map, breaker)}`;
  return exposed
    ? `A secret pact between ${who} was broken${by} in ${seasonOf(c.endedAt.label)}, and the paper exposed it.`
    : `A secret pact between ${who} was broken${by} in ${seasonOf(c.endedAt.label)}; the paper never printed it.`;
}

/** A leak that showed a broken promise. */
export function leakPrompt(debrief: DebriefFacts, map: GameMap): string | null {
  const leak = debrief.leaks.find((l) => l.exposesBrokenPromise) ?? debrief.leaks[0];
  if (leak === undefined) return null;
  const leaker = powerName(map, leak.leaker);
  const sender = powerName(map, leak.sender);
  const what = leak.exposesBrokenPromise ? ", exposing a broken promise" : "";
  return `${leaker} leaked a letter from ${sender} to the paper in ${seasonOf(leak.phase.label)}${what}.`;
}

/** The powers with the highest and the lowest reputation at the end. */
export function trustPrompt(debrief: DebriefFacts, map: GameMap): string | null {
  const ranked = [...debrief.byPower].sort((a, b) => b.reputation - a.reputation);
  const top = ranked[0];
  const bottom = ranked.at(-1);
  if (top === undefined || bottom === undefined) return null;
  if (top.reputation === bottom.reputation)
    return `Every power ended with the same reputation (${top.reputation}).`;
  const tied = ranked.filter((p) => p.reputation === top.reputation).map((p) => powerName(map, p.power));
  const most =
    tied.length === 1 ? `${tied[0]!} ended as the most trusted power` : `${listOf(tied)} ended most trusted`;
  const least = listOf(
    ranked.filter((p) => p.reputation === bottom.reputation).map((p) => powerName(map, p.power)),
  );
  return `${most} (reputation ${top.reputation}); ${least} the least (${bottom.reputation}).`;
}

/** The powers that tied for the top score of an ended match without a solo winner. */
export function tiePrompt(debrief: DebriefFacts, map: GameMap): string | null {
  const scores = debrief.byPower.flatMap((p) => (p.score === null ? [] : [p.score]));
  if (debrief.outcome === null || scores.length === 0) return null;
  const top = Math.max(...scores);
  const tied = debrief.byPower.filter((p) => p.score === top).map((p) => powerName(map, p.power));
  if (tied.length < 2) return null;
  return `${listOf(tied)} tied for the top score (${Math.round(top * 100) / 100}).`;
}

/** The winner's (or top scorer's) reputation against the average; or who tied for the top. */
export function winnerPrompt(debrief: DebriefFacts, map: GameMap): string | null {
  const winner = debrief.outcome?.winner ?? null;
  const own = debrief.byPower.find((p) => p.power === winner);
  if (winner === null) return tiePrompt(debrief, map);
  if (own === undefined) return null;
  const average = debrief.byPower.reduce((sum, p) => sum + p.reputation, 0) / debrief.byPower.length;
  const rounded = Math.round(average * 10) / 10;
  const verb = debrief.outcome?.kind === "solo" ? "won" : "topped the scores";
  const compare = own.reputation > average ? "above" : own.reputation < average ? "below" : "at";
  return `${powerName(map, winner)} ${verb} with a reputation of ${own.reputation}, ${compare} the average of ${rounded}.`;
}

/** How many commitments came into force, and how they ended. */
export function promisesPrompt(debrief: DebriefFacts): string {
  const signed = debrief.commitments.filter((c) => c.signedAt !== null && c.outcome !== "never-signed");
  if (signed.length === 0) return "No commitment came into force in this match.";
  const count = (o: string): number => signed.filter((c) => c.outcome === o).length;
  const kept = count("kept") + count("in-force");
  const plural = signed.length === 1 ? "commitment" : "commitments";
  return `Of ${signed.length} ${plural} signed, ${kept} ${kept === 1 ? "was" : "were"} kept, ${count("broken")} broken and ${count("renounced")} renounced by notice.`;
}

/** How many defections there were, and how many came with notice. */
export function defectionsPrompt(debrief: DebriefFacts): string {
  const all = debrief.defections;
  if (all.length === 0) return "No power broke its word in this match.";
  const announced = all.filter((d) => d.kind === "announced").length;
  const plural = all.length === 1 ? "defection" : "defections";
  return `There ${all.length === 1 ? "was" : "were"} ${all.length} ${plural}; ${announced} came with notice.`;
}

/** The prompts for discussion of a debrief: 3 to 8 short factual sentences. */
export function promptsOf(debrief: DebriefFacts, map: GameMap): string[] {
  const prompts = [
    firstSurprisePrompt(debrief, map),
    secretPactPrompt(debrief, map),
    leakPrompt(debrief, map),
    trustPrompt(debrief, map),
    winnerPrompt(debrief, map),
    promisesPrompt(debrief),
    defectionsPrompt(debrief),
  ];
  return prompts.filter((p): p is string => p !== null).slice(0, MAX_PROMPTS);
}
