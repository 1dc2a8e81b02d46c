/**
 * Scripted matches for `npm run play`: the script format (JSON with one readable line per action
 * and standard notation for orders), its parser, and `runScript`, which plays a script through the
 * real boardgame.io `Game` — one client per seat and a spectator, all on one Local master — and
 * returns the public record of the match. Everything here but `runScript` is pure; `runScript`
 * does no I/O and is deterministic for a given script. docs/play.md documents the format.
 */
import { Client } from "boardgame.io/client";
import { Local } from "boardgame.io/multiplayer";
import { z } from "zod";
import type { Season } from "../shared/src/game/position";
import { getMap, MAP_IDS, provinceOf } from "../shared/src/map";
import type { GameMap, PowerId, ProvinceId } from "../shared/src/map/types";
import { applyAction } from "../shared/src/match/actions";
import { createGame, MOVE_NAMES, powersForCount } from "../shared/src/match/game";
import { isActionType, parseAction } from "../shared/src/match/schemas";
import { DEFAULT_SETTINGS } from "../shared/src/match/setup";
import { PRESS_MODES, SCORING_SYSTEMS } from "../shared/src/match/types";
import type { Action, MatchResult, MatchSettings, MatchState } from "../shared/src/match/types";
import type { Article } from "../shared/src/newspaper/types";
import { formatOrder, parseOrder } from "../shared/src/orders";
import type { Order, OrderOutcome, PhaseKind } from "../shared/src/orders/types";
import { err, ok, type Result } from "../shared/src/result";
import { PRESET_IDS } from "../shared/src/trust/presets";
import type { Clause, PhaseRef, SeasonRef } from "../shared/src/trust/types";

// ---------------------------------------------------------------------------------------------
// The script format

/** One action as written: a line of the action syntax, or an action object (`{"type": …}`). */
const actionEntrySchema = z.union([z.string().max(4000), z.record(z.string(), z.unknown())]);
/** Orders as written: notation lines (a list, or one string split at `;` or new lines), or order objects. */
const ordersEntrySchema = z.union([
  z.string().max(4000),
  z.array(z.union([z.string().max(200), z.record(z.string(), z.unknown())])).max(60),
]);

/** One phase of a script. */
const scriptPhaseSchema = z.strictObject({
  phase: z.exactOptional(z.string().max(40)), // an optional check, e.g. "fall 1901" or "F1901R"
  note: z.exactOptional(z.string().max(2000)), // what the phase is about; copied into the record
  actions: z.exactOptional(
    z.union([
      z.record(z.string(), z.array(actionEntrySchema).max(100)), // per power, powers in order written
      z.array(z.string().max(4000)).max(500), // "ENG: message FRA: hi", in order
    ]),
  ),
  orders: z.exactOptional(z.record(z.string(), ordersEntrySchema)),
});

/** A whole script. */
export const scriptSchema = z.strictObject({
  title: z.exactOptional(z.string().max(200)),
  description: z.exactOptional(z.string().max(4000)),
  map: z.exactOptional(z.string().max(32)),
  players: z.exactOptional(z.number().int().min(1).max(64)),
  seed: z.exactOptional(z.union([z.string().max(200), z.number()])),
  preset: z.exactOptional(z.string().max(32)),
  pressMode: z.exactOptional(z.enum(PRESS_MODES)),
  yearLimit: z.exactOptional(z.number().int().nullable()),
  miscommunication: z.exactOptional(z.number().min(0).max(1)),
  scoring: z.exactOptional(z.enum(SCORING_SYSTEMS)),
  phases: z.array(scriptPhaseSchema).max(500),
});

/** A script as written. */
export type Script = z.infer<typeof scriptSchema>;
/** One phase of a script. */
export type ScriptPhase = z.infer<typeof scriptPhaseSchema>;

/** Why a script cannot be played: where (phase number from 1, power, line) and what. */
export interface ScriptError {
  readonly phase: number | null;
  readonly phaseName: string | null;
  readonly power: PowerId | null;
  readonly line: string | null;
  readonly message: string;
}

/** A script error as one line for a person, e.g. `phase 2 (fall 1901 movement), FRA, "accept c9": …`. */
export function formatScriptError(e: ScriptError): string {
  const where: string[] = [];
  if (e.phase !== null) where.push(`phase ${e.phase}${e.phaseName === null ? "" : ` (${e.phaseName})`}`);
  if (e.power !== null) where.push(e.power);
  if (e.line !== null)
    where.push(JSON.stringify(e.line.length > 120 ? `${e.line.slice(0, 117)}...` : e.line));
  return where.length === 0 ? e.message : `${where.join(", ")}: ${e.message}`;
}

// ---------------------------------------------------------------------------------------------
// Words: powers, provinces, seasons, phases

/** "spring 1901 movement". */
export function phaseLabel(p: PhaseRef): string {
  return `${p.season} ${p.year} ${p.phase}`;
}

/** The power a word names on the map (id or name, any case), or null. */
export function powerWord(map: GameMap, word: string): PowerId | null {
  const w = word.trim().toLowerCase();
  const found = map.powers.find((p) => p.id.toLowerCase() === w || p.name.toLowerCase() === w);
  return found?.id ?? null;
}

/** A list of powers written `FRA, GER`, `FRA GER`, `FRA & GER` or `FRA and GER`. */
export function parsePowerList(map: GameMap, text: string): Result<PowerId[], string> {
  const words = text.split(/[\s,&+]+|\band\b/i).filter((w) => w !== "");
  if (words.length === 0) return err("name at least one power");
  const out: PowerId[] = [];
  for (const w of words) {
    const p = powerWord(map, w);
    if (p === null)
      return err(`"${w}" is not a power on this map (${map.powers.map((x) => x.id).join(", ")})`);
    out.push(p);
  }
  return ok(out);
}

/** The province a word names (id, name or alias, any case; a coast is dropped), or null. */
export function provinceWord(map: GameMap, word: string): ProvinceId | null {
  const w = provinceOf(map, word.trim().toLowerCase());
  if (map.province.has(w)) return w;
  const found = map.provinces.find(
    (p) => p.name.toLowerCase() === w || p.aliases.some((a) => a.toLowerCase() === w),
  );
  return found?.id ?? null;
}

/** A list of provinces separated by spaces or commas. */
function parseProvinceList(map: GameMap, text: string): Result<ProvinceId[], string> {
  const out: ProvinceId[] = [];
  for (const w of text.split(/[\s,]+/).filter((x) => x !== "")) {
    const p = provinceWord(map, w);
    if (p === null) return err(`"${w}" is not a province on this map`);
    out.push(p);
  }
  return out.length === 0 ? err("name at least one province") : ok(out);
}

/** A season word: spring, fall (or autumn), winter. */
function seasonWord(word: string): Season | null {
  const w = word.toLowerCase();
  if (w === "spring" || w === "fall" || w === "winter") return w;
  return w === "autumn" ? "fall" : null;
}

/** `fall 1902` as a season reference. */
export function parseSeasonRef(text: string): Result<SeasonRef, string> {
  const m = /^\s*(\w+)\s+(\d{1,5})\s*$/.exec(text);
  const season = m ? seasonWord(m[1]!) : null;
  if (!m || season === null) return err(`"${text.trim()}" is not a season; write e.g. "fall 1902"`);
  return ok({ season, year: Number(m[2]) });
}

const PHASE_WORDS: Readonly<Record<string, PhaseKind>> = {
  movement: "movement",
  moves: "movement",
  m: "movement",
  retreat: "retreat",
  retreats: "retreat",
  r: "retreat",
  adjustment: "adjustment",
  adjustments: "adjustment",
  builds: "adjustment",
  a: "adjustment",
};

/**
 * A phase label: `spring 1901` (movement), `fall 1901 retreat`, `winter 1901` (adjustment), or the
 * short forms `S1901M`, `F1901R`, `W1901A`.
 */
export function parsePhaseLabel(text: string): Result<PhaseRef, string> {
  const short = /^\s*([SFW])(\d{3,5})([MRA])\s*$/i.exec(text);
  const long = /^\s*(\w+)\s+(\d{1,5})(?:\s+(\w+))?\s*$/.exec(text);
  const bad = err(`"${text}" is not a phase; write e.g. "spring 1901", "fall 1901 retreat" or "W1901A"`);
  if (short) {
    const season = ({ s: "spring", f: "fall", w: "winter" } as const)[
      short[1]!.toLowerCase() as "s" | "f" | "w"
    ];
    const phase = PHASE_WORDS[short[3]!.toLowerCase()]!;
    return ok({ season, year: Number(short[2]), phase });
  }
  if (!long) return bad;
  const season = seasonWord(long[1]!);
  if (season === null) return bad;
  const phase =
    long[3] === undefined
      ? season === "winter"
        ? "adjustment"
        : "movement"
      : PHASE_WORDS[long[3].toLowerCase()];
  return phase === undefined ? bad : ok({ season, year: Number(long[2]), phase });
}

// ---------------------------------------------------------------------------------------------
// The action syntax

/** What a line of the action syntax means: the action, and a label to remember its new id by. */
export interface ParsedActionLine {
  readonly action: Action;
  readonly label: string | null;
}

/** What parsing an action line needs to know. */
export interface LineContext {
  readonly map: GameMap;
  readonly power: PowerId;
  readonly labels: ReadonlyMap<string, string>; // label → commitment or message id
}

/** Splits at top-level `;`, and at `,` where the next words start a new clause; quotes protect. */
function splitClauses(text: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (quoted || (ch !== ";" && ch !== ",")) continue;
    if (ch === "," && !CLAUSE_START.test(text.slice(i + 1))) continue;
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** The first word of a clause, for splitting clauses at commas. */
const CLAUSE_START =
  /^\s*(?:"|text\b|non-?aggression\b|na\b|alliance\b|dmz\b|demilitari[sz]ed(?:-zone)?\b|pledge\b|support-pledge\b|no-build\b|cede\b)/i;

/** `A->B`, `A -> B`, `A to B`, `A<->B` (both ways). */
function parsePair(map: GameMap, text: string): Result<{ a: PowerId; b: PowerId; both: boolean }, string> {
  const m = /^\s*(\w+)\s*(<->|<=>|↔|->|=>|→|>|\bto\b|-|&|\band\b|\s)\s*(\w+)\s*$/i.exec(text);
  if (!m) return err(`"${text.trim()}" is not a pair of powers; write e.g. "ENG->FRA" or "ENG<->FRA"`);
  const a = powerWord(map, m[1]!);
  const b = powerWord(map, m[3]!);
  if (a === null) return err(`"${m[1]}" is not a power on this map`);
  if (b === null) return err(`"${m[3]}" is not a power on this map`);
  return ok({ a, b, both: ["<->", "<=>", "↔"].includes(m[2]!) });
}

/** One clause as written; `non-aggression A<->B` gives two. `parties` are the commitment's parties. */
export function parseClause(
  map: GameMap,
  text: string,
  parties: readonly PowerId[],
): Result<Clause[], string> {
  const quoted = /^\s*"([^"]*)"\s*$/.exec(text);
  if (quoted) return ok([{ kind: "text", text: quoted[1]! }]);
  const m = /^\s*([\w-]+)\s*:?\s*([\s\S]*)$/.exec(text);
  const keyword = (m?.[1] ?? "").toLowerCase();
  const rest = (m?.[2] ?? "").trim();
  switch (keyword) {
    case "text":
      return ok([{ kind: "text", text: rest.replace(/^"([\s\S]*)"$/, "$1") }]);
    case "non-aggression":
    case "nonaggression":
    case "na": {
      const pair = parsePair(map, rest);
      if (!pair.ok) return pair;
      const { a, b, both } = pair.value;
      const one: Clause = { kind: "non-aggression", from: a, to: b };
      return ok(both ? [one, { kind: "non-aggression", from: b, to: a }] : [one]);
    }
    case "alliance": {
      const pair = parsePair(map, rest);
      return pair.ok ? ok([{ kind: "alliance", powers: [pair.value.a, pair.value.b] }]) : pair;
    }
    case "dmz":
    case "demilitarised":
    case "demilitarized":
    case "demilitarised-zone":
    case "demilitarized-zone":
      return parseDmz(map, rest, parties);
    case "pledge":
    case "support-pledge":
      return parsePledge(map, rest);
    case "no-build":
      return parseNoBuild(map, rest);
    case "cede":
      return parseCede(map, rest);
    default:
      return err(
        `"${text.trim()}" is not a clause; clauses start with non-aggression, alliance, dmz, pledge, no-build, cede, text, or are "quoted text"`,
      );
  }
}

/** `dmz bur pic [for ENG FRA]` (the powers default to every party). */
function parseDmz(map: GameMap, rest: string, parties: readonly PowerId[]): Result<Clause[], string> {
  const m = /^([\s\S]*?)(?:\s+for\s+([\s\S]+))?$/i.exec(rest)!;
  const provinces = parseProvinceList(map, m[1]!);
  if (!provinces.ok) return provinces;
  const powers = m[2] === undefined ? ok([...parties]) : parsePowerList(map, m[2]);
  if (!powers.ok) return powers;
  return ok([{ kind: "demilitarised-zone", powers: powers.value, provinces: provinces.value }]);
}

/** `pledge ENG lon S FRA bre - pic in fall 1901` (unit letters allowed; no `- x`: a support to hold). */
function parsePledge(map: GameMap, rest: string): Result<Clause[], string> {
  const unit = String.raw`(?:[AF]\s+)?([\w/]+)`;
  const re = new RegExp(
    String.raw`^(\w+)\s*:?\s+${unit}\s+(?:S|supports?)\s+(\w+)\s+${unit}(?:\s*(?:-|->|to)\s*([\w/]+))?\s+(?:in\s+)?(\w+\s+\d+)$`,
    "i",
  );
  const m = re.exec(rest);
  if (!m)
    return err(
      `"pledge ${rest}" is not a support pledge; write e.g. "pledge ENG lon S FRA bre - pic in fall 1901"`,
    );
  const power = powerWord(map, m[1]!);
  const beneficiary = powerWord(map, m[3]!);
  if (power === null) return err(`"${m[1]}" is not a power on this map`);
  if (beneficiary === null) return err(`"${m[3]}" is not a power on this map`);
  const places = [m[2]!, m[4]!, ...(m[5] === undefined ? [] : [m[5]])].map(
    (w) => [w, provinceWord(map, w)] as const,
  );
  const unknown = places.find(([, p]) => p === null);
  if (unknown) return err(`"${unknown[0]}" is not a province on this map`);
  const when = parseSeasonRef(m[6]!);
  if (!when.ok) return when;
  const [supporter, supported, to] = places.map(([, p]) => p!);
  return ok([
    {
      kind: "support-pledge",
      power,
      beneficiary,
      supporter: supporter!,
      supported: supported!,
      to: to ?? null,
      when: when.value,
    },
  ]);
}

/** `no-build GER [fleets] [in kie ber]` (no centres: every centre). */
function parseNoBuild(map: GameMap, rest: string): Result<Clause[], string> {
  const m = /^(\w+)(\s+fleets?)?(?:\s+(?:in|at)\s+([\s\S]+))?$/i.exec(rest);
  if (!m) return err(`"no-build ${rest}" is not a no-build clause; write e.g. "no-build GER fleets in kie"`);
  const power = powerWord(map, m[1]!);
  if (power === null) return err(`"${m[1]}" is not a power on this map`);
  const centers = m[3] === undefined ? ok([]) : parseProvinceList(map, m[3]);
  if (!centers.ok) return centers;
  return ok([{ kind: "no-build", power, centers: centers.value, fleetsOnly: m[2] !== undefined }]);
}

/** `cede AUS ser to RUS by fall 1902`. */
function parseCede(map: GameMap, rest: string): Result<Clause[], string> {
  const m = /^(\w+)\s+([\w/]+)\s+to\s+(\w+)\s+by\s+(\w+\s+\d+)$/i.exec(rest);
  if (!m) return err(`"cede ${rest}" is not a cede clause; write e.g. "cede AUS ser to RUS by fall 1902"`);
  const power = powerWord(map, m[1]!);
  const to = powerWord(map, m[3]!);
  const province = provinceWord(map, m[2]!);
  if (power === null) return err(`"${m[1]}" is not a power on this map`);
  if (to === null) return err(`"${m[3]}" is not a power on this map`);
  if (province === null) return err(`"${m[2]}" is not a province on this map`);
  const by = parseSeasonRef(m[4]!);
  return by.ok ? ok([{ kind: "cede", power, to, province, by: by.value }]) : by;
}

/** Strips the trailing `public`/`secret` and `until <season> <year>`/`until renounced` of a proposal. */
function proposalTerms(body: string): {
  clauses: string;
  until: string | null;
  visibility: "public" | "secret";
} {
  let rest = body.trim();
  let until: string | null = null;
  let visibility: "public" | "secret" = "public";
  for (;;) {
    const vis = /[\s,;]+(public|secret)\s*$/i.exec(rest);
    if (vis) {
      visibility = vis[1]!.toLowerCase() as "public" | "secret";
      rest = rest.slice(0, vis.index);
      continue;
    }
    const term = /[\s,;]+until\s+(renounced|\w+\s+\d+)\s*$/i.exec(rest);
    if (term) {
      until = term[1]!.toLowerCase() === "renounced" ? null : term[1]!;
      rest = rest.slice(0, term.index);
      continue;
    }
    return { clauses: rest, until, visibility };
  }
}

/** `propose FRA GER: <clause>; <clause> [until fall 1902] [public|secret]`. */
function parsePropose(ctx: LineContext, rest: string): Result<Action, string> {
  const colon = rest.indexOf(":");
  if (colon < 0)
    return err('write "propose <powers>: <clauses>", e.g. "propose FRA: non-aggression ENG<->FRA"');
  const named = parsePowerList(ctx.map, rest.slice(0, colon));
  if (!named.ok) return named;
  const others = named.value.filter((p) => p !== ctx.power);
  const parties = ctx.map.powers.map((p) => p.id).filter((p) => p === ctx.power || others.includes(p));
  const terms = proposalTerms(rest.slice(colon + 1));
  const clauses: Clause[] = [];
  const written = splitClauses(terms.clauses);
  if (written.length === 0) return err("a proposal needs at least one clause");
  for (const text of written) {
    const parsed = parseClause(ctx.map, text, parties);
    if (!parsed.ok) return parsed;
    clauses.push(...parsed.value);
  }
  let until: SeasonRef | null = null;
  if (terms.until !== null) {
    const season = parseSeasonRef(terms.until);
    if (!season.ok) return season;
    until = season.value;
  }
  return ok({ type: "propose", parties: others, clauses, until, visibility: terms.visibility });
}

/** A commitment or message reference: a label defined earlier, or an id such as `c1` or `m3`. */
function resolveRef(ctx: LineContext, ref: string): Result<string, string> {
  const word = ref.trim();
  const labelled = ctx.labels.get(word);
  if (labelled !== undefined) return ok(labelled);
  if (/^[a-z]\d+$/i.test(word)) return ok(word.toLowerCase());
  return err(`"${word}" is neither a label defined earlier (label = propose …) nor an id such as c1 or m3`);
}

/** `yes`/`no` and friends. */
function yesNo(word: string): boolean | null {
  const w = word.trim().toLowerCase();
  if (["yes", "y", "true", "on", "for"].includes(w)) return true;
  if (["no", "n", "false", "off", "against"].includes(w)) return false;
  return null;
}

const VERBS =
  "propose, accept, reject, withdraw, notice (or renounce), message, leak, communique, draw, ready";

/**
 * Reads one line of the action syntax for `ctx.power`:
 * `propose FRA: non-aggression ENG<->FRA until fall 1902 secret`, `accept c1`, `reject c1`,
 * `withdraw c1`, `notice c1`, `message GER, RUS: Let's split Austria`, `leak m3`,
 * `communique We come in peace`, `draw yes`, `ready`. A line may start with `label =` to name the
 * commitment or message it creates (`pact = propose FRA: …`, later `accept pact`).
 */
export function parseActionLine(line: string, ctx: LineContext): Result<ParsedActionLine, string> {
  const labelled = /^\s*([A-Za-z_][\w-]*)\s*=\s*([\s\S]*)$/.exec(line);
  const label = labelled ? labelled[1]! : null;
  const text = (labelled ? labelled[2]! : line).trim();
  if (text.startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return err("not valid JSON");
    }
    const action = structuredAction(value);
    return action.ok ? ok({ action: action.value, label }) : action;
  }
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!m) return err(`an empty line; actions are ${VERBS}`);
  const verb = m[1]!.toLowerCase().replace(/:$/, "");
  const rest = m[2]!.trim();
  const done = (action: Result<Action, string>): Result<ParsedActionLine, string> =>
    action.ok ? ok({ action: action.value, label }) : action;
  const refAction = (type: "accept" | "reject" | "withdraw" | "notice"): Result<ParsedActionLine, string> => {
    const id = resolveRef(ctx, rest);
    return done(id.ok ? ok({ type, commitmentId: id.value }) : id);
  };
  switch (verb) {
    case "propose":
      return done(parsePropose(ctx, rest));
    case "accept":
    case "reject":
    case "withdraw":
    case "notice":
      return refAction(verb);
    case "renounce":
      return refAction("notice");
    case "message":
    case "msg":
    case "tell": {
      const colon = rest.indexOf(":");
      if (colon < 0) return err('write "message <powers>: <text>", e.g. "message GER: hello"');
      const to = parsePowerList(ctx.map, rest.slice(0, colon));
      if (!to.ok) return to;
      return done(ok({ type: "message", to: to.value, text: rest.slice(colon + 1).trim() }));
    }
    case "leak": {
      const id = resolveRef(ctx, rest);
      return done(id.ok ? ok({ type: "leak", messageId: id.value }) : id);
    }
    case "communique":
    case "communiqué":
    case "announce":
      return done(ok({ type: "communique", text: rest.replace(/^:\s*/, "") }));
    case "draw": {
      const vote = yesNo(rest);
      return vote === null ? err('write "draw yes" or "draw no"') : done(ok({ type: "draw-vote", vote }));
    }
    case "ready": {
      const ready = rest === "" ? true : yesNo(rest);
      return ready === null ? err('write "ready" or "ready no"') : done(ok({ type: "ready", ready }));
    }
    default:
      return err(`"${m[1]}" is not an action; actions are ${VERBS}, or a JSON action object`);
  }
}

/** An action object as JSON (`{"type": "message", "to": ["GER"], "text": "…"}`), checked by the schemas. */
export function structuredAction(value: unknown): Result<Action, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return err("an action object must be a JSON object");
  const { type, ...payload } = value as Record<string, unknown>;
  if (typeof type !== "string" || !isActionType(type))
    return err(`an action object needs a "type": one of ${Object.keys(MOVE_NAMES).join(", ")}`);
  const parsed = parseAction(type, payload);
  return parsed.ok ? parsed : err(parsed.error.message);
}

/** An action object from a script's list, without a label. */
function unlabelled(value: unknown): Result<ParsedActionLine, string> {
  const action = structuredAction(value);
  return action.ok ? ok({ action: action.value, label: null }) : action;
}

// ---------------------------------------------------------------------------------------------
// The record

/** One adjudicated order and what it did. */
export interface OrderOutcomeRecord {
  readonly order: string; // `ENG F lon - nth`
  readonly outcome: OrderOutcome;
  readonly reason?: string; // why an order was invalid
}

/** An action the script took, and the id of what it created. */
export interface ActionRecord {
  readonly power: PowerId;
  readonly line: string;
  readonly id?: string; // the new commitment or message
}

/** One resolved phase, as the public saw it (the record is built from the spectator's view). */
export interface PhaseOutput {
  readonly phase: string; // "spring 1901 movement"
  readonly note?: string;
  readonly actions: readonly ActionRecord[];
  readonly orders: Readonly<Record<PowerId, readonly string[]>>; // as submitted, revealed after adjudication
  readonly adjudication: readonly OrderOutcomeRecord[];
  readonly edition: { readonly number: number; readonly articles: readonly Article[] } | null;
  readonly standing: Readonly<Record<PowerId, { readonly reputation: number; readonly prestige: number }>>;
}

/** The record of a scripted match. */
export interface PlayRecord {
  readonly title?: string;
  readonly map: string;
  readonly seed: string | number;
  readonly settings: MatchSettings;
  readonly powers: readonly PowerId[];
  readonly phases: readonly PhaseOutput[];
  readonly result: MatchResult | null;
}

/** The settings a script asks for. */
export function scriptSettings(script: Script): MatchSettings {
  return {
    mapId: script.map ?? DEFAULT_SETTINGS.mapId,
    preset: script.preset ?? DEFAULT_SETTINGS.preset,
    pressMode: script.pressMode ?? DEFAULT_SETTINGS.pressMode,
    yearLimit: script.yearLimit === undefined ? DEFAULT_SETTINGS.yearLimit : script.yearLimit,
    miscommunication: script.miscommunication ?? DEFAULT_SETTINGS.miscommunication,
    scoring: script.scoring ?? DEFAULT_SETTINGS.scoring,
  };
}

/** The public record of the phase just resolved, from the spectator's state. */
function phaseOutput(G: MatchState, note: string | undefined, actions: readonly ActionRecord[]): PhaseOutput {
  const record = G.history[G.history.length - 1]!;
  const edition = G.editions[G.editions.length - 1];
  const orders: Record<PowerId, string[]> = {};
  for (const p of G.powers) {
    const list = record.orders[p] ?? [];
    if (list.length > 0) orders[p] = list.map((o) => formatOrder(o));
  }
  const standing: Record<PowerId, { reputation: number; prestige: number }> = {};
  for (const p of G.powers) standing[p] = { reputation: G.reputation[p] ?? 0, prestige: G.prestige[p] ?? 0 };
  return {
    phase: phaseLabel(record.phase),
    ...(note === undefined ? {} : { note }),
    actions,
    orders,
    adjudication: record.resolved.resolution.results.map((r) => ({
      order: formatOrder(r.order, { withPower: true }),
      outcome: r.outcome,
      ...(r.reason === undefined ? {} : { reason: r.reason.message }),
    })),
    edition:
      edition === undefined
        ? null
        : {
            number: edition.number,
            articles: edition.articles.map((a) => ({ headline: a.headline, event: a.event })),
          },
    standing,
  };
}

// ---------------------------------------------------------------------------------------------
// Running

/** A boardgame.io client as the runner uses it. */
type MatchClient = ReturnType<typeof Client<MatchState>>;

/** Lets the Local master deliver what it has queued (it answers synchronously today; this is cheap insurance). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The state a client sees now. */
function stateOf(client: MatchClient): { G: MatchState; _stateID: number } {
  const s = client.getState();
  if (s === null) throw new Error("a client has no state");
  return s;
}

/** The entries of a phase's actions, in the order written: power and line (or object). */
function actionEntries(
  map: GameMap,
  actions: ScriptPhase["actions"],
): Result<
  { power: string; entry: string | Record<string, unknown> }[],
  { power: string | null; line: string; message: string }
> {
  if (actions === undefined) return ok([]);
  if (!Array.isArray(actions)) {
    return ok(Object.entries(actions).flatMap(([power, list]) => list.map((entry) => ({ power, entry }))));
  }
  const out: { power: string; entry: string }[] = [];
  for (const line of actions) {
    const m = /^\s*(\w+)\s*:\s*([\s\S]*)$/.exec(line);
    if (!m || powerWord(map, m[1]!) === null) {
      return err({
        power: null,
        line,
        message: 'in a list of actions, each line starts with its power, e.g. "ENG: accept c1"',
      });
    }
    out.push({ power: m[1]!, entry: m[2]! });
  }
  return ok(out);
}

/** The order entries of one power as a list. */
function orderEntries(entry: z.infer<typeof ordersEntrySchema>): (string | Record<string, unknown>)[] {
  if (typeof entry === "string")
    return entry
      .split(/[;\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== "");
  return entry;
}

/**
 * Plays a script (already parsed from JSON) through the real `Game`: a client per seat and a
 * spectator on one Local master, the script's seed as the game's seed. In each phase the actions
 * run first, in the order written, then every power's orders, then every seat says it is ready and
 * the phase resolves. Returns the record (built from the spectator's view) or the first error.
 */
export async function runScript(input: unknown): Promise<Result<PlayRecord, ScriptError>> {
  const top = (message: string): Result<never, ScriptError> =>
    err({ phase: null, phaseName: null, power: null, line: null, message });
  const parsed = scriptSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return top(`the script is not valid: ${issue.path.join(".") || "script"}: ${issue.message}`);
  }
  const script = parsed.data;
  const settings = scriptSettings(script);
  const map = getMap(settings.mapId);
  if (map === null) return top(`"${settings.mapId}" is not a map; maps: ${MAP_IDS.join(", ")}`);
  if (!PRESET_IDS.includes(settings.preset))
    return top(`"${settings.preset}" is not a preset; presets: ${PRESET_IDS.join(", ")}`);
  const numPlayers = script.players ?? map.powers.length;
  if (powersForCount(map, numPlayers) === null)
    return top(`the ${map.name} map is not played by ${numPlayers} players`);
  const seed = script.seed ?? "entente";

  const game = createGame({ settings, seed });
  const multiplayer = Local();
  const seats: MatchClient[] = [];
  for (let i = 0; i < numPlayers; i++) {
    seats.push(Client<MatchState>({ game, numPlayers, multiplayer, playerID: String(i), debug: false }));
  }
  const spectator = Client<MatchState>({ game, numPlayers, multiplayer, debug: false });
  for (const c of [...seats, spectator]) c.start();
  try {
    await settle();
    const powers = stateOf(spectator).G.powers;
    const seatOf = (power: PowerId): MatchClient | null => {
      const i = powers.indexOf(power);
      return i < 0 ? null : seats[i]!;
    };
    const labels = new Map<string, string>();
    const phases: PhaseOutput[] = [];

    for (const [index, phase] of script.phases.entries()) {
      const G0 = stateOf(spectator).G;
      const name = phaseLabel({ ...G0.position });
      const fail = (power: string | null, line: string | null, message: string): Result<never, ScriptError> =>
        err({ phase: index + 1, phaseName: name, power, line, message });
      if (G0.result !== null)
        return fail(null, null, `the game is already over (${G0.result.kind}); remove this phase`);
      if (phase.phase !== undefined) {
        const wanted = parsePhaseLabel(phase.phase);
        if (!wanted.ok) return fail(null, phase.phase, wanted.error);
        if (phaseLabel(wanted.value) !== name) {
          return fail(
            null,
            phase.phase,
            `the script says ${phaseLabel(wanted.value)}, but the game is at ${name}`,
          );
        }
      }

      // Actions, in the order written.
      const entries = actionEntries(map, phase.actions);
      if (!entries.ok) return fail(entries.error.power, entries.error.line, entries.error.message);
      const actions: ActionRecord[] = [];
      for (const { power: written, entry } of entries.value) {
        const line = typeof entry === "string" ? entry : JSON.stringify(entry);
        const power = powerWord(map, written);
        const seat = power === null ? null : seatOf(power);
        if (power === null || seat === null)
          return fail(written, line, `"${written}" is not a power in this match (${powers.join(", ")})`);
        const read =
          typeof entry === "string" ? parseActionLine(entry, { map, power, labels }) : unlabelled(entry);
        if (!read.ok) return fail(power, line, read.error);
        const before = stateOf(seat);
        const sent = await send(map, seat, power, read.value.action);
        if (!sent.ok) return fail(power, line, sent.error);
        const id = newId(before.G, stateOf(seat).G, read.value.action);
        if (read.value.label !== null) {
          if (id === null) return fail(power, line, "only a proposal or a message can be labelled");
          labels.set(read.value.label, id);
        }
        actions.push({ power, line, ...(id === null ? {} : { id }) });
      }

      // Orders, power by power.
      for (const [written, entry] of Object.entries(phase.orders ?? {})) {
        const power = powerWord(map, written);
        const seat = power === null ? null : seatOf(power);
        if (power === null || seat === null)
          return fail(written, null, `"${written}" is not a power in this match (${powers.join(", ")})`);
        const position = stateOf(seat).G.position;
        const units = [...position.units, ...position.dislodged.map((d) => d.unit)];
        const orders: Order[] = [];
        for (const item of orderEntries(entry)) {
          const line = typeof item === "string" ? item : JSON.stringify(item);
          if (typeof item === "string") {
            const order = parseOrder(item, { map, power, phase: position.phase, units });
            if (!order.ok) return fail(power, line, order.error.message);
            orders.push(order.value);
          } else {
            const action = parseAction("orders", { orders: [item] });
            if (!action.ok || action.value.type !== "orders")
              return fail(power, line, action.ok ? "not an order" : action.error.message);
            orders.push(...action.value.orders);
          }
        }
        const sent = await send(map, seat, power, { type: "orders", orders });
        if (!sent.ok) return fail(power, orders.map((o) => formatOrder(o)).join("; "), sent.error);
      }

      // Everyone ready: the phase resolves.
      const resolvedBefore = G0.history.length;
      for (const seat of seats) {
        if (stateOf(spectator).G.history.length > resolvedBefore) break;
        seat.moves[MOVE_NAMES.ready]!({ ready: true });
        await settle();
      }
      const G1 = stateOf(spectator).G;
      if (G1.history.length === resolvedBefore)
        return fail(null, null, "the phase did not resolve when every seat was ready");
      phases.push(phaseOutput(G1, phase.note, actions));
    }

    const G = stateOf(spectator).G;
    return ok({
      ...(script.title === undefined ? {} : { title: script.title }),
      map: map.id,
      seed,
      settings: G.settings,
      powers: G.powers,
      phases,
      result: G.result,
    });
  } finally {
    for (const c of [...seats, spectator]) c.stop();
  }
}

/**
 * Sends one action as its move and reports whether the game took it. When it did not, the reason
 * is found by replaying the action on the seat's own view with the pure `applyAction` (the seat
 * sees everything its own actions depend on).
 */
async function send(
  map: GameMap,
  seat: MatchClient,
  power: PowerId,
  action: Action,
): Promise<Result<null, string>> {
  const before = stateOf(seat);
  const { type, ...payload } = action;
  seat.moves[MOVE_NAMES[type]]!(payload);
  await settle();
  if (stateOf(seat)._stateID !== before._stateID) return ok(null);
  const checked = parseAction(type, payload);
  if (!checked.ok) return err(checked.error.message);
  const applied = applyAction(map, before.G, power, checked.value);
  return err(applied.ok ? "the game refused the action" : `${applied.error.message} (${applied.error.code})`);
}

/** The id of the commitment or message an action just created, from the actor's view. */
function newId(before: MatchState, after: MatchState, action: Action): string | null {
  if (action.type === "propose") {
    const known = new Set(before.commitments.map((c) => c.id));
    return after.commitments.find((c) => !known.has(c.id))?.id ?? null;
  }
  if (action.type === "message") {
    const known = new Set(before.messages.map((m) => m.id));
    return after.messages.find((m) => !known.has(m.id))?.id ?? null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Output

/** `JSON.stringify` typed as it behaves: no text (`undefined`) for `undefined`, a function, a symbol. */
const stringify = JSON.stringify as (value: unknown) => string | undefined;

/** JSON on one line with a space after each `:` and `,`: `{"a": 1, "b": [1, 2]}`. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(", ")}}`;
  }
  return stringify(value) ?? "null";
}

/**
 * JSON for people: indented like `JSON.stringify(value, null, 2)`, but any array or object whose
 * one-line form fits in `width` characters stays on one line, so a record reads phase by phase.
 */
export function compactJson(value: unknown, width = 100, indent = ""): string {
  const flat = inlineJson(value);
  if (typeof value !== "object" || value === null || flat.length + indent.length <= width) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${compactJson(v, width, inner)}`).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, width, inner)}`);
  return `{\n${lines.join(",\n")}\n${indent}}`;
}
