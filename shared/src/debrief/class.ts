/**
 * A class session's debrief (docs/debrief.md "Class debrief"): every match summed up side by side
 * (outcome, defections by kind, commitments kept, the winner's reputation, average standing), the
 * matches of each preset taken together, and short factual prompts comparing the presets. Built
 * from each match's debrief (`debriefOf`); pure.
 */
import { getPreset } from "../trust/presets";
import { DEFECTION_KINDS, type DefectionKind } from "../trust/types";
import type {
  ClassDebrief,
  ClassDebriefMatch,
  ClassDebriefPreset,
  DebriefCommitment,
  MatchDebrief,
} from "../wire/debrief";

/** A match of the session and its debrief. */
export interface ClassMatchDebrief {
  readonly matchID: string;
  readonly label: string; // "Match 1"
  readonly debrief: MatchDebrief;
}

/** Zero of every defection kind. */
function noDefections(): Record<DefectionKind, number> {
  return Object.fromEntries(DEFECTION_KINDS.map((kind) => [kind, 0])) as Record<DefectionKind, number>;
}

/** The mean of some numbers; 0 for none. */
function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The mean of the numbers that are there; null for none. */
function meanOrNull(values: readonly (number | null)[]): number | null {
  const there = values.filter((v): v is number => v !== null);
  return there.length === 0 ? null : mean(there);
}

/** A number rounded to two decimals, so answers read cleanly. */
function tidy(value: number): number {
  return Math.round(value * 100) / 100;
}

/** How many commitments ended each way. */
function outcomeCount(
  commitments: readonly DebriefCommitment[],
  outcome: DebriefCommitment["outcome"],
): number {
  return commitments.filter((c) => c.outcome === outcome).length;
}

/** The share of ended commitments that were kept; null when none ended. */
export function keptShare(kept: number, broken: number, renounced: number): number | null {
  const ended = kept + broken + renounced;
  return ended === 0 ? null : tidy(kept / ended);
}

/** The standing a debrief ends with. */
function finalStanding(debrief: MatchDebrief): MatchDebrief["standings"][number] | undefined {
  return debrief.standings.at(-1);
}

/** One match summed up. */
export function matchSummary(entry: ClassMatchDebrief): ClassDebriefMatch {
  const { debrief } = entry;
  const defections = noDefections();
  for (const d of debrief.defections) defections[d.kind] += 1;
  const { commitments } = debrief;
  const kept = outcomeCount(commitments, "kept");
  const broken = outcomeCount(commitments, "broken");
  const renounced = outcomeCount(commitments, "renounced");
  const last = finalStanding(debrief);
  const reputations = debrief.powers.map((p) => last?.reputation[p] ?? 0);
  const winner = debrief.outcome?.winner ?? null;
  return {
    matchID: entry.matchID,
    label: entry.label,
    preset: debrief.preset,
    phases: Math.max(0, debrief.standings.length - 1),
    outcome: debrief.outcome,
    defections,
    signed: commitments.filter((c) => c.signedAt !== null).length,
    kept,
    broken,
    keptShare: keptShare(kept, broken, renounced),
    winnerReputation: winner === null ? null : (last?.reputation[winner] ?? null),
    averageReputation: tidy(mean(reputations)),
    averageCentres: tidy(mean(debrief.powers.map((p) => last?.centres[p] ?? 0))),
    leaks: debrief.leaks.length,
    notices: debrief.notices.length,
    debrief,
  };
}

/** How a match ended, as a preset's tally counts it. */
function outcomeKey(match: ClassDebriefMatch): string {
  return match.outcome?.kind ?? "running";
}

/** The matches of one preset taken together. */
export function presetSummary(preset: string, matches: readonly ClassDebriefMatch[]): ClassDebriefPreset {
  const defections = noDefections();
  for (const kind of DEFECTION_KINDS) defections[kind] = tidy(mean(matches.map((m) => m.defections[kind])));
  const outcomes: Record<string, number> = {};
  for (const m of matches) outcomes[outcomeKey(m)] = (outcomes[outcomeKey(m)] ?? 0) + 1;
  const sum = (pick: (m: ClassDebriefMatch) => number): number => matches.reduce((a, m) => a + pick(m), 0);
  const renounced = sum((m) => outcomeCount(m.debrief.commitments, "renounced"));
  const winnerReputation = meanOrNull(matches.map((m) => m.winnerReputation));
  return {
    preset,
    matches: matches.length,
    defections,
    keptShare: keptShare(
      sum((m) => m.kept),
      sum((m) => m.broken),
      renounced,
    ),
    winnerReputation: winnerReputation === null ? null : tidy(winnerReputation),
    averageReputation: tidy(mean(matches.map((m) => m.averageReputation))),
    averageCentres: tidy(mean(matches.map((m) => m.averageCentres))),
    outcomes,
  };
}

/** A preset's name in words ("Realist"), or its id when it is not a shipped one. */
export function presetName(id: string): string {
  return getPreset(id)?.name ?? id;
}

/** A count with its noun, singular or plural: "1 match", "2 matches". */
function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A number for a sentence: at most one decimal. */
function said(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A share as a percentage for a sentence. */
function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The presets ordered by a figure, highest first, leaving out those without it. */
function rankedBy(
  presets: readonly ClassDebriefPreset[],
  figure: (p: ClassDebriefPreset) => number | null,
): { preset: ClassDebriefPreset; value: number }[] {
  return presets
    .flatMap((preset) => {
      const value = figure(preset);
      return value === null ? [] : [{ preset, value }];
    })
    .sort((a, b) => b.value - a.value);
}

/** A comparison of the highest and lowest preset on a figure, when they differ. */
function comparison(
  presets: readonly ClassDebriefPreset[],
  figure: (p: ClassDebriefPreset) => number | null,
  sentence: (high: string, low: string, highValue: number, lowValue: number) => string,
): string[] {
  const ranked = rankedBy(presets, figure);
  const high = ranked[0];
  const low = ranked.at(-1);
  if (high === undefined || low === undefined || high === low || high.value === low.value) return [];
  return [sentence(presetName(high.preset.preset), presetName(low.preset.preset), high.value, low.value)];
}

/** Prompts comparing the presets, when the session ran more than one. */
function presetPrompts(presets: readonly ClassDebriefPreset[]): string[] {
  if (presets.length < 2) return [];
  return [
    ...comparison(
      presets,
      (p) => p.defections.surprise,
      (high, low, h, l) =>
        `Matches under ${high} saw ${said(h)} surprise betrayals each on average; under ${low}, ${said(l)}.`,
    ),
    ...comparison(
      presets,
      (p) => p.keptShare,
      (high, low, h, l) =>
        `Commitments were kept ${percent(h)} of the time under ${high}, ${percent(l)} under ${low}.`,
    ),
    ...comparison(
      presets,
      (p) => p.winnerReputation,
      (high, low, h, l) =>
        `Winners under ${high} ended with a reputation of ${said(h)} on average; under ${low}, ${said(l)}.`,
    ),
  ];
}

/** Prompts about the session as a whole. */
function sessionPrompts(matches: readonly ClassDebriefMatch[]): string[] {
  const out: string[] = [];
  const betrayals = matches.map((m) => ({ m, count: m.defections.surprise }));
  const most = [...betrayals].sort((a, b) => b.count - a.count)[0];
  const none = betrayals.filter((b) => b.count === 0).length;
  if (most !== undefined && most.count > 0 && matches.length > 1)
    out.push(
      `${most.m.label} had the most surprise betrayals (${most.count})${none === 0 ? "" : `; ${counted(none, "match", "matches")} had none`}.`,
    );
  const signed = matches.reduce((a, m) => a + m.signed, 0);
  const broken = matches.reduce((a, m) => a + m.broken, 0);
  if (signed > 0)
    out.push(
      `Across the session ${counted(signed, "commitment", "commitments")} came into force and ${broken} of them ${broken === 1 ? "was" : "were"} broken.`,
    );
  const leaks = matches.reduce((a, m) => a + m.leaks, 0);
  if (leaks > 0)
    out.push(
      `${counted(leaks, "private message was", "private messages were")} leaked to the papers across the session.`,
    );
  return out;
}

/** A class session's debrief from its matches' debriefs (in the session's order). */
export function classDebriefOf(
  classId: string,
  name: string,
  entries: readonly ClassMatchDebrief[],
): ClassDebrief {
  const matches = entries.map(matchSummary);
  const presetIds = [...new Set(matches.map((m) => m.preset))];
  const presets = presetIds.map((id) =>
    presetSummary(
      id,
      matches.filter((m) => m.preset === id),
    ),
  );
  return {
    classId,
    name,
    matches,
    presets,
    prompts: [...presetPrompts(presets), ...sessionPrompts(matches)],
  };
}
