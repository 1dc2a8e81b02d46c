/**
 * The clause builder as plain data: the verifiable kinds a proposal can use, a sensible starting
 * clause of each kind for the chosen parties, the check that a built clause is a valid `Clause`
 * (the shared `clauseSchema`, then the clause module's own rules against the map and parties),
 * and the seasons a term or a date can name.
 */
import type { Season } from "../../../shared/src/game/position";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { clauseSchema, validateClause } from "../../../shared/src/trust/clauses";
import type { Clause, ClauseKind, SeasonRef } from "../../../shared/src/trust/types";

/** The verifiable clause kinds, in the order the builder offers them. */
export const BUILDER_KINDS = [
  "non-aggression",
  "alliance",
  "demilitarised-zone",
  "support-pledge",
  "no-build",
  "cede",
] as const satisfies readonly ClauseKind[];
/** A kind the builder offers. */
export type BuilderKind = (typeof BUILDER_KINDS)[number];

/** How each clause kind is named in the builder. */
export const KIND_LABELS: Readonly<Record<ClauseKind, string>> = {
  "non-aggression": "Non-aggression (A → B)",
  alliance: "Alliance (A ↔ B)",
  "demilitarised-zone": "Demilitarised zone",
  "support-pledge": "Support pledge",
  "no-build": "No build",
  cede: "Cede a province",
  text: "Free text",
};

/** The parties of a proposal: the proposer and the chosen powers, each once, in the given order of powers. */
export function proposalParties(
  powers: readonly PowerId[],
  me: PowerId,
  chosen: readonly PowerId[],
): PowerId[] {
  return powers.filter((p) => p === me || chosen.includes(p));
}

const SEASON_ORDER: readonly Season[] = ["spring", "fall", "winter"];

/** The season after a season. */
export function nextSeason(s: SeasonRef): SeasonRef {
  const i = SEASON_ORDER.indexOf(s.season);
  return i === SEASON_ORDER.length - 1
    ? { year: s.year + 1, season: "spring" }
    : { year: s.year, season: SEASON_ORDER[i + 1]! };
}

/** `count` seasons from `from` on (itself included); without winters when `movementOnly`. */
export function seasonsFrom(from: SeasonRef, count: number, movementOnly = false): SeasonRef[] {
  const out: SeasonRef[] = [];
  for (let s = from; out.length < count; s = nextSeason(s))
    if (!movementOnly || s.season !== "winter") out.push(s);
  return out;
}

/** A season as a form value, e.g. `1902-fall`. */
export function seasonValue(s: SeasonRef): string {
  return `${s.year}-${s.season}`;
}

/** A form value back into a season, or null (`""` and anything else malformed). */
export function parseSeasonValue(value: string): SeasonRef | null {
  const m = /^(\d{1,5})-(spring|fall|winter)$/.exec(value);
  return m ? { year: Number(m[1]), season: m[2] as Season } : null;
}

/**
 * A starting clause of a kind: the proposer promises, to the first other party where the kind names
 * one; provinces left to choose; dates at the first fitting season from `now`.
 */
export function defaultClause(
  kind: BuilderKind,
  me: PowerId,
  parties: readonly PowerId[],
  now: SeasonRef,
): Clause {
  const other = parties.find((p) => p !== me) ?? me;
  switch (kind) {
    case "non-aggression":
      return { kind, from: me, to: other };
    case "alliance":
      return { kind, powers: [me, other] };
    case "demilitarised-zone":
      return { kind, powers: [...parties], provinces: [] };
    case "support-pledge":
      return {
        kind,
        power: me,
        beneficiary: other,
        supporter: "",
        supported: "",
        to: null,
        when: seasonsFrom(now, 1, true)[0]!,
      };
    case "no-build":
      return { kind, power: me, centers: [], fleetsOnly: false };
    case "cede":
      return { kind, power: me, to: other, province: "", by: now };
  }
}

/** A plain message for a field the player has not filled in yet, or null. */
function missingField(clause: Clause): string | null {
  switch (clause.kind) {
    case "text":
      return clause.text.trim() === "" ? "Write the clause's text." : null;
    case "demilitarised-zone":
      if (clause.powers.length === 0) return "Choose at least one power to keep the zone.";
      return clause.provinces.length === 0 ? "Choose at least one province for the zone." : null;
    case "support-pledge":
      if (clause.supporter === "") return "Choose where the supporting unit stands.";
      return clause.supported === "" ? "Choose where the supported unit stands." : null;
    case "cede":
      return clause.province === "" ? "Choose the province to cede." : null;
    default:
      return null;
  }
}

/**
 * Why a built clause cannot be proposed with these parties, in plain words, or null when it is a
 * valid `Clause` (it passes `clauseSchema` and the clause module's own checks).
 */
export function clauseProblem(clause: Clause, map: GameMap, parties: readonly PowerId[]): string | null {
  const missing = missingField(clause);
  if (missing !== null) return missing;
  const parsed = clauseSchema.safeParse(clause);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "This clause is not well formed.";
  return validateClause(parsed.data, map, parties);
}
