/**
 * The logic of `npm run adjudicate`: one JSON line in, one JSON line out, pure and total.
 *
 * A line names a map, a date, the units on the board, optionally who owns which supply centre, and
 * a list of phases with their orders. Each phase is adjudicated on the state the previous one left
 * (see docs/adjudicate.md for the fields, the calendar and the error codes). A line that cannot be
 * used yields `{"error":{"code","message"}}` instead; nothing here throws for any input.
 */
import { z } from "zod";
import { adjudicateAdjustments, adjudicateMovement, adjudicateRetreats } from "../shared/src/adjudicator";
import type { OrderResult } from "../shared/src/adjudicator";
import { captureCentres } from "../shared/src/game/phases";
import { SEASONS, type Dislodgement, type Season } from "../shared/src/game/position";
import { formatUnit, getMap, MAP_IDS, parseUnitString } from "../shared/src/map";
import type { GameMap, PowerId, ProvinceId, Unit } from "../shared/src/map/types";
import { parseOrder } from "../shared/src/orders";
import { PHASE_KINDS, type Order, type OrderOutcome, type PhaseKind } from "../shared/src/orders/types";
import { err, ok, type Result } from "../shared/src/result";

// ---------------------------------------------------------------------------------------------
// Errors

/** Every error a whole line can get, by stable code, with what it means. */
export const LINE_ERROR_CODES = {
  "empty-line": "the line is blank (only a trailing newline at the end of the input is ignored)",
  "bad-json": "the line is not valid JSON",
  "bad-input": "the JSON does not have the shape of an input line; the message names the field",
  "unknown-variant": "`variant` is not the id of a shipped map; the message lists the known ones",
  "bad-unit": "a unit is not `POWER T location`, or cannot stand where it is written",
  "units-collide": "two units stand in the same province",
  "bad-supply-centers":
    "an owner or province in `supplyCenters` is unknown, not a supply centre, or listed twice",
  "bad-phase-sequence": "the phases cannot follow each other (or the start season) in a game year",
  "internal-error": "a defect of the tool; please report the line",
} as const;

/** One of the codes in `LINE_ERROR_CODES`. */
export type LineErrorCode = keyof typeof LINE_ERROR_CODES;

/** Why a whole line could not be adjudicated. */
export interface LineError {
  readonly code: LineErrorCode;
  readonly message: string;
}

/** Code of an order longer than `MAX_ORDER_LENGTH`, reported as invalid without parsing it. */
export const ORDER_TOO_LONG = "order-too-long";
/** The longest order text that is parsed at all. */
export const MAX_ORDER_LENGTH = 500;

function lineError(code: LineErrorCode, message: string): { readonly ok: false; readonly error: LineError } {
  return err({ code, message });
}

/** Quotes user text for a message, cut short when long. */
function show(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

// ---------------------------------------------------------------------------------------------
// Input

const phaseSchema = z.strictObject({
  phase: z.enum(PHASE_KINDS),
  orders: z.array(z.string()),
});

/** The shape of an input line, checked before anything else. */
export const inputLineSchema = z.strictObject({
  variant: z.string(),
  season: z.enum(SEASONS),
  year: z.number().int(),
  units: z.array(z.string()),
  supplyCenters: z.record(z.string(), z.array(z.string())).optional(),
  phases: z.array(phaseSchema),
});

/** An input line that passed the schema. */
export type InputLine = z.infer<typeof inputLineSchema>;

/** Writes a schema issue path as `phases[0].orders[2]`. */
function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out === "" ? "" : "."}${String(p)}`;
  return out === "" ? "(the line)" : out;
}

/** The schema issues as one readable message (the first few of them). */
function schemaMessage(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((i) => `${pathText(i.path)}: ${i.message}`);
  const more = error.issues.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

/** Reads the units of a line, checking each against the map and against each other. */
export function readUnits(map: GameMap, texts: readonly string[]): Result<Unit[], LineError> {
  const units: Unit[] = [];
  const byProvince = new Map<ProvinceId, string>();
  for (const [i, text] of texts.entries()) {
    const at = `units[${i}] ${show(text)}`;
    const unit = parseUnitString(text);
    if (!unit) return lineError("bad-unit", `${at} is not "POWER A|F location", e.g. "ENG F lon"`);
    if (!map.power.has(unit.power))
      return lineError("bad-unit", `${at}: ${show(unit.power)} is not a power (${powerList(map)})`);
    const location = map.location.get(unit.location);
    if (!location)
      return lineError("bad-unit", `${at}: ${show(unit.location)} is not a location id on this map`);
    const province = map.province.get(location.province)!;
    if (unit.type === "A" && !location.army) {
      return lineError(
        "bad-unit",
        province.kind === "sea"
          ? `${at}: an army cannot stand at sea`
          : `${at}: an army stands on the whole province, write "${unit.power} A ${province.id}"`,
      );
    }
    if (unit.type === "F" && !location.fleet) {
      return lineError(
        "bad-unit",
        province.coasts.length > 0
          ? `${at}: say which coast the fleet is on, e.g. ${province.coasts.map((c) => `"${province.id}/${c}"`).join(" or ")}`
          : `${at}: a fleet cannot stand inland`,
      );
    }
    const other = byProvince.get(province.id);
    if (other !== undefined)
      return lineError(
        "units-collide",
        `units ${show(other)} and ${show(text)} both stand in ${province.name}`,
      );
    byProvince.set(province.id, text);
    units.push(unit);
  }
  return ok(units);
}

/** The map's power ids, for messages. */
function powerList(map: GameMap): string {
  return map.powers.map((p) => p.id).join(" ");
}

/**
 * Reads `supplyCenters` (power → province ids) into province → owner. Absent, the map's starting
 * ownership is used. Power ids are read in any case, province ids too.
 */
export function readCentres(
  map: GameMap,
  given: Readonly<Record<string, readonly string[]>> | undefined,
): Result<Record<ProvinceId, PowerId>, LineError> {
  const owners: Record<ProvinceId, PowerId> = {};
  const source = given ?? map.start.supplyCenters;
  for (const [key, centres] of Object.entries(source)) {
    const power = key.toUpperCase();
    if (!map.power.has(power))
      return lineError(
        "bad-supply-centers",
        `supplyCenters: ${show(key)} is not a power (${powerList(map)})`,
      );
    for (const raw of centres) {
      const id = raw.toLowerCase();
      const province = map.province.get(id);
      if (!province)
        return lineError("bad-supply-centers", `supplyCenters.${power}: ${show(raw)} is not a province id`);
      if (!province.supplyCenter)
        return lineError(
          "bad-supply-centers",
          `supplyCenters.${power}: ${province.name} is not a supply centre`,
        );
      const owner = owners[id];
      if (owner !== undefined)
        return lineError(
          "bad-supply-centers",
          `supplyCenters: ${province.name} is listed for ${owner === power ? `${power} twice` : `both ${owner} and ${power}`}`,
        );
      owners[id] = power;
    }
  }
  return ok(owners);
}

/**
 * The season of each phase, or why the phases cannot follow each other. The line's season is the
 * season of the first phase, except that an adjustment first in a `fall` line is that fall's
 * winter. A retreat stays in the season of its movement; a movement after a movement or retreat
 * starts the next season (fall's winter is skipped, as when nobody adjusts); an adjustment comes
 * only after fall; a movement after an adjustment is the next spring.
 */
export function phaseSeasons(start: Season, kinds: readonly PhaseKind[]): Result<Season[], LineError> {
  const seasons: Season[] = [];
  let season = start;
  let previous: PhaseKind | null = null;
  for (const [i, kind] of kinds.entries()) {
    const next = nextSeason(season, previous, kind);
    if (next === null) {
      const what = kind === "adjustment" ? "an adjustment" : `a ${kind}`;
      const message =
        previous === null
          ? `phases[${i}]: a ${season} line cannot start with ${what} phase (${FIRST_PHASE_HINT[season]})`
          : `phases[${i}]: ${what} phase cannot come after a ${season} ${previous} phase`;
      return lineError("bad-phase-sequence", message);
    }
    seasons.push(next);
    season = next;
    previous = kind;
  }
  return ok(seasons);
}

/** Why a line of each season cannot start with some phase kind. */
const FIRST_PHASE_HINT: Readonly<Record<Season, string>> = {
  spring: "adjustments come in winter: start the line in fall or winter",
  fall: "any phase may start a fall line",
  winter: "winter holds only adjustments",
};

/** The season of a phase of kind `kind` after a phase `previous` in `season`, or null if impossible. */
function nextSeason(season: Season, previous: PhaseKind | null, kind: PhaseKind): Season | null {
  const afterSeason: Season = season === "spring" ? "fall" : "spring";
  if (previous === null) {
    if (kind === "adjustment") return season === "spring" ? null : "winter";
    return season === "winter" ? null : season;
  }
  if (previous === "adjustment") return kind === "movement" ? "spring" : null;
  if (kind === "adjustment") return season === "fall" ? "winter" : null;
  if (kind === "movement") return afterSeason;
  return previous === "movement" ? season : null; // a retreat follows its movement only
}

// ---------------------------------------------------------------------------------------------
// Output

/** Why an order was invalid or ignored as illegal. */
export interface OrderReason {
  readonly code: string;
  readonly message: string;
}

/** The outcome of one phase of a line. */
export interface PhaseOutput {
  readonly phase: PhaseKind;
  readonly results: Record<string, OrderOutcome>; // by order text, in input order
  readonly reasons?: Record<string, OrderReason>; // only for invalid or illegal orders
  readonly dislodged: string[]; // where they were dislodged from; empty after retreats and adjustments
  readonly units_after: string[];
  readonly disbanded?: string[]; // retreat phases
  readonly built?: string[]; // adjustment phases
  readonly removed?: string[]; // adjustment phases
  readonly supply_centers: Record<PowerId, ProvinceId[]>; // every power, after the phase
}

/** What a line yields: its phases, or an error. */
export type LineOutput = { readonly phases: PhaseOutput[] } | { readonly error: LineError };

/**
 * The keys of a phase's results: each order text as received; a text given again gets `#2`, `#3`
 * and so on (the first free suffix), so that no result is lost.
 */
export function resultKeys(texts: readonly string[]): string[] {
  const used = new Set(texts);
  const seen = new Set<string>();
  return texts.map((text) => {
    if (!seen.has(text)) {
      seen.add(text);
      return text;
    }
    let n = 2;
    while (used.has(`${text}#${n}`)) n++;
    const key = `${text}#${n}`;
    used.add(key);
    return key;
  });
}

/** Owner lists per power, every power of the map listed, province ids sorted. */
function ownership(
  map: GameMap,
  owners: Readonly<Record<ProvinceId, PowerId>>,
): Record<PowerId, ProvinceId[]> {
  const lists = new Map<PowerId, ProvinceId[]>(map.powers.map((p) => [p.id, []]));
  for (const [province, power] of Object.entries(owners)) lists.get(power)?.push(province);
  return Object.fromEntries([...lists].map(([p, l]) => [p, l.sort()]));
}

// ---------------------------------------------------------------------------------------------
// Adjudication

/** An order text read for a phase: the order, or why it was not understood. */
type ReadOrder = { readonly order: Order } | { readonly invalid: OrderReason };

/** Reads one order text; `units` supply a unit type the text leaves out (DATC 4.C). */
function readOrder(map: GameMap, phase: PhaseKind, units: readonly Unit[], text: string): ReadOrder {
  if (text.length > MAX_ORDER_LENGTH)
    return {
      invalid: { code: ORDER_TOO_LONG, message: `an order is at most ${MAX_ORDER_LENGTH} characters` },
    };
  const parsed = parseOrder(text, { map, phase, units });
  return parsed.ok
    ? { order: parsed.value }
    : { invalid: { code: parsed.error.code, message: parsed.error.message } };
}

/** The board between phases. */
interface State {
  readonly units: readonly Unit[];
  readonly dislodged: readonly Dislodgement[];
  readonly owners: Readonly<Record<ProvinceId, PowerId>>;
}

/** What the adjudicator of a phase kind gives back, in the shape the output needs. */
interface Adjudicated {
  readonly results: readonly OrderResult[];
  readonly state: State;
  readonly extra: Partial<Pick<PhaseOutput, "disbanded" | "built" | "removed">>;
}

function adjudicatePhase(map: GameMap, kind: PhaseKind, state: State, orders: readonly Order[]): Adjudicated {
  const texts = (units: readonly Unit[]) => units.map(formatUnit);
  switch (kind) {
    case "movement": {
      const r = adjudicateMovement(map, state.units, orders);
      return { results: r.results, state: { ...state, units: r.units, dislodged: r.dislodged }, extra: {} };
    }
    case "retreat": {
      const r = adjudicateRetreats(map, state.units, state.dislodged, orders);
      const next = { ...state, units: r.units, dislodged: [] };
      return { results: r.results, state: next, extra: { disbanded: texts(r.disbanded) } };
    }
    case "adjustment": {
      const r = adjudicateAdjustments(map, state.units, state.owners, orders);
      const extra = { built: texts(r.built), removed: texts(r.removed) };
      return { results: r.results, state: { ...state, units: r.units, dislodged: [] }, extra };
    }
  }
}

/** Runs one phase: reads its orders, adjudicates them, and reports by order text. */
function runPhase(
  map: GameMap,
  kind: PhaseKind,
  state: State,
  texts: readonly string[],
): { readonly output: Omit<PhaseOutput, "supply_centers">; readonly state: State } {
  // Dislodged units that get no retreat phase are disbanded.
  const before: State = kind === "retreat" ? state : { ...state, dislodged: [] };
  const ordered = kind === "retreat" ? before.dislodged.map((d) => d.unit) : before.units;
  const read = texts.map((t) => readOrder(map, kind, ordered, t));
  const orders = read.flatMap((r) => ("order" in r ? [r.order] : []));
  const adjudicated = adjudicatePhase(map, kind, before, orders);
  const keys = resultKeys(texts);
  const results: [string, OrderOutcome][] = [];
  const reasons: [string, OrderReason][] = [];
  let next = 0;
  read.forEach((r, i) => {
    const key = keys[i]!;
    if ("invalid" in r) {
      results.push([key, "invalid"]);
      reasons.push([key, r.invalid]);
      return;
    }
    const result = adjudicated.results[next++];
    results.push([key, result?.outcome ?? "fails"]);
    if (result?.reason) reasons.push([key, { code: result.reason.code, message: result.reason.message }]);
  });
  const output = {
    phase: kind,
    results: Object.fromEntries(results),
    ...(reasons.length > 0 ? { reasons: Object.fromEntries(reasons) } : {}),
    dislodged: adjudicated.state.dislodged.map((d) => formatUnit(d.unit)),
    units_after: adjudicated.state.units.map(formatUnit),
    ...adjudicated.extra,
  };
  return { output, state: adjudicated.state };
}

/**
 * Whether the season ends with phase `i`: after a retreat, or after a movement not followed by a
 * retreat phase (when the movement is the last phase, only if it dislodged nobody).
 */
function endsSeason(phases: InputLine["phases"], i: number, dislodgedNow: number): boolean {
  const kind = phases[i]!.phase;
  if (kind === "retreat") return true;
  if (kind !== "movement") return false;
  const following = phases[i + 1];
  return following === undefined ? dislodgedNow === 0 : following.phase !== "retreat";
}

/** Adjudicates a line that passed the schema. */
export function adjudicateInput(input: InputLine): LineOutput {
  const map = getMap(input.variant);
  if (!map)
    return {
      error: {
        code: "unknown-variant",
        message: `variant ${show(input.variant)} is not a shipped map; known: ${MAP_IDS.join(", ")}`,
      },
    };
  const units = readUnits(map, input.units);
  if (!units.ok) return { error: units.error };
  const owners = readCentres(map, input.supplyCenters);
  if (!owners.ok) return { error: owners.error };
  const seasons = phaseSeasons(
    input.season,
    input.phases.map((p) => p.phase),
  );
  if (!seasons.ok) return { error: seasons.error };

  let state: State = { units: units.value, dislodged: [], owners: owners.value };
  const phases: PhaseOutput[] = [];
  input.phases.forEach((phase, i) => {
    const run = runPhase(map, phase.phase, state, phase.orders);
    state = run.state;
    if (seasons.value[i] === "fall" && endsSeason(input.phases, i, state.dislodged.length))
      state = { ...state, owners: captureCentres(map, state.units, state.owners) };
    phases.push({ ...run.output, supply_centers: ownership(map, state.owners) });
  });
  return { phases };
}

/** Whether a raw line gives a `__proto__` owner, which the schema drops from records silently. */
function hasProtoOwner(value: unknown): boolean {
  if (typeof value !== "object" || value === null || !Object.hasOwn(value, "supplyCenters")) return false;
  const centres: unknown = (value as { supplyCenters: unknown }).supplyCenters;
  return typeof centres === "object" && centres !== null && Object.hasOwn(centres, "__proto__");
}

/** Adjudicates any JSON value as an input line. */
export function adjudicateValue(value: unknown): LineOutput {
  const parsed = inputLineSchema.safeParse(value);
  if (!parsed.success) return { error: { code: "bad-input", message: schemaMessage(parsed.error) } };
  if (hasProtoOwner(value))
    return { error: { code: "bad-supply-centers", message: 'supplyCenters: "__proto__" is not a power' } };
  return adjudicateInput(parsed.data);
}

/** Adjudicates one line of text into a structured output. Never throws. */
export function adjudicateLineValue(line: string): LineOutput {
  try {
    if (line.trim() === "") return { error: { code: "empty-line", message: "the line is blank" } };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return { error: { code: "bad-json", message: `the line is not JSON: ${why.slice(0, 200)}` } };
    }
    return adjudicateValue(value);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { error: { code: "internal-error", message: why.slice(0, 500) } };
  }
}

/**
 * Adjudicates one input line and returns one output line (JSON, without the newline): the phases,
 * or `{"error":{"code","message"}}`. Never throws.
 */
export function adjudicateLine(line: string): string {
  return JSON.stringify(adjudicateLineValue(line));
}
