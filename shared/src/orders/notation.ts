/**
 * Order notation, both ways. `formatOrder` writes the canonical standard notation with lower-case
 * location ids (`A par - bur`, `F nth C A lon - nwy`, `build F stp/nc`); `parseOrder` reads what
 * players actually type — any case, full province names and aliases, coasts in several spellings,
 * verbs as letters or words — and returns an `Order` or an `OrderError` with a stable code from
 * `NOTATION_ERROR_CODES`. Parsing never throws and knows no particular map.
 */
import type { CoastId, GameMap, LocationId, PowerId, ProvinceId, Unit, UnitType } from "../map/types";
import { provinceOf } from "../map/locations";
import { err, ok, type Result } from "../result";
import {
  ORDER_KINDS_BY_PHASE,
  type Order,
  type OrderError,
  type OrderErrorFamily,
  type OrderKind,
  type PhaseKind,
  type UnitRef,
} from "./types";

// ---------------------------------------------------------------------------------------------
// Error codes

/** Every error `parseOrder` can return: its stable code, its family, and what it means. */
export const NOTATION_ERROR_CODES = {
  empty: { family: "invalid", meaning: "the text is blank" },
  "unknown-province": { family: "invalid", meaning: "a word where a place belongs names no province" },
  "unknown-coast": {
    family: "invalid",
    meaning: "a coast the province does not have, or any coast on one without coasts",
  },
  "unknown-power": { family: "invalid", meaning: "the order, or the context, names a power not on the map" },
  "missing-power": { family: "invalid", meaning: "neither the text nor the context says whose order it is" },
  "power-mismatch": { family: "invalid", meaning: "the text names a power other than the context's" },
  "missing-unit-type": { family: "invalid", meaning: "a unit without A or F that the board cannot supply" },
  "unexpected-words": {
    family: "invalid",
    meaning: "words left over, or in a place where they make no sense",
  },
  "not-an-order": { family: "invalid", meaning: "the text does not have the shape of any order" },
  "wrong-phase": { family: "illegal", meaning: "an order kind the given phase does not allow" },
  "via-convoy-fleet": { family: "illegal", meaning: "a fleet ordered to move via convoy" },
} as const satisfies Record<string, { readonly family: OrderErrorFamily; readonly meaning: string }>;

/** One of the codes in `NOTATION_ERROR_CODES`. */
export type NotationErrorCode = keyof typeof NOTATION_ERROR_CODES;

/** Builds the failure for a notation error; the family comes from `NOTATION_ERROR_CODES`. */
function fail(code: NotationErrorCode, message: string): { readonly ok: false; readonly error: OrderError } {
  return err({ family: NOTATION_ERROR_CODES[code].family, code, message });
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** Options of `formatOrder`. */
export interface FormatOptions {
  /** Put the power id first, e.g. `ENG F lon - nth`. */
  readonly withPower?: boolean;
}

/** Formats a unit as `T location`, e.g. `F stp/nc`. */
function formatRef(unit: UnitRef): string {
  return `${unit.type} ${unit.location}`;
}

/** The order without its power, in canonical notation. */
function formatBody(order: Order): string {
  switch (order.kind) {
    case "hold":
      return `${formatRef(order.unit)} H`;
    case "move":
      return `${formatRef(order.unit)} - ${order.to}${order.viaConvoy ? " via convoy" : ""}`;
    case "support":
      return `${formatRef(order.unit)} S ${formatRef(order.target)}${order.to === undefined ? "" : ` - ${order.to}`}`;
    case "convoy":
      return `${formatRef(order.unit)} C ${formatRef(order.target)} - ${order.to}`;
    case "retreat":
      return `${formatRef(order.unit)} R ${order.to}`;
    case "disband":
      return `${formatRef(order.unit)} D`;
    case "build":
      return `build ${formatRef(order.unit)}`;
    case "remove":
      return `remove ${formatRef(order.unit)}`;
    case "waive":
      return "waive";
  }
}

/**
 * Writes an order in canonical standard notation with lower-case location ids:
 * `A par - bur`, `A lon - bel via convoy`, `F nth C A lon - nwy`, `A mun S A par - bur`,
 * `A mun S A ber`, `A par H`, `F tri R alb`, `F tri D`, `build F stp/nc`, `remove A war`, `waive`.
 * With `withPower` the power id comes first: `ENG F lon - nth`, `GER waive`.
 * `parseOrder` reads every string this returns back into an equal order.
 */
export function formatOrder(order: Order, options: FormatOptions = {}): string {
  const body = formatBody(order);
  return options.withPower === true ? `${order.power} ${body}` : body;
}

// ---------------------------------------------------------------------------------------------
// Tokens and the map's vocabulary

/** A word or a punctuation mark of the input: as written (for messages) and normalised. */
interface Token {
  readonly raw: string;
  readonly norm: string;
}

// Dashes and arrows, the punctuation that matters (`/ ( ) :`), and words. Anything else —
// spaces, dots, commas, `+` — only separates words.
const TOKEN_PATTERN = /-+>?|=+>|→|[–—]|[/():]|[^\s/():,;.+=>\-–—→]+/gu;

/** Splits text into tokens; all dashes and arrows become `-`, words become lower case. */
function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN_PATTERN), (m) => {
    const raw = m[0];
    return { raw, norm: /^(?:-+>?|=+>|→|[–—])$/u.test(raw) ? "-" : raw.toLowerCase() };
  });
}

/** Phrases of one or more normalised tokens, looked up longest first. */
interface PhraseIndex<T> {
  readonly byKey: ReadonlyMap<string, T>;
  readonly maxWords: number;
}

/** Indexes names (tokenised like input); hyphenated names also match without the hyphen. */
function phraseIndex<T>(entries: Iterable<readonly [string, T]>): PhraseIndex<T> {
  const byKey = new Map<string, T>();
  let maxWords = 1;
  for (const [name, value] of entries) {
    const words = tokenize(name).map((t) => t.norm);
    for (const variant of [words, words.filter((w) => w !== "-")]) {
      if (variant.length === 0) continue;
      const key = variant.join(" ");
      if (!byKey.has(key)) byKey.set(key, value);
      maxWords = Math.max(maxWords, variant.length);
    }
  }
  return { byKey, maxWords };
}

/** The longest phrase of the index starting at `at`, and the index after it. */
function matchPhrase<T>(
  index: PhraseIndex<T>,
  tokens: readonly Token[],
  at: number,
): { readonly value: T; readonly next: number } | null {
  for (let n = Math.min(index.maxWords, tokens.length - at); n >= 1; n--) {
    const key = tokens
      .slice(at, at + n)
      .map((t) => t.norm)
      .join(" ");
    const value = index.byKey.get(key);
    if (value !== undefined) return { value, next: at + n };
  }
  return null;
}

/** What `parseOrder` needs to know about a map, built once per map. */
interface Lexicon {
  readonly map: GameMap;
  readonly provinces: PhraseIndex<ProvinceId>;
  readonly powers: PhraseIndex<PowerId>;
  readonly coastIds: ReadonlySet<string>;
}

const lexicons = new WeakMap<GameMap, Lexicon>();

/** The vocabulary of a map: province ids, names and aliases; power ids, names and adjectives. */
function lexiconOf(map: GameMap): Lexicon {
  const cached = lexicons.get(map);
  if (cached) return cached;
  const lexicon: Lexicon = {
    map,
    provinces: phraseIndex(
      map.provinces.flatMap((p) => [p.id, p.name, ...p.aliases].map((n) => [n, p.id] as const)),
    ),
    powers: phraseIndex(
      map.powers.flatMap((p) => [p.id, p.name, p.adjective].map((n) => [n, p.id] as const)),
    ),
    coastIds: new Set(map.provinces.flatMap((p) => p.coasts)),
  };
  lexicons.set(map, lexicon);
  return lexicon;
}

// ---------------------------------------------------------------------------------------------
// Keywords

const TYPE_WORDS: Readonly<Record<string, UnitType>> = { a: "A", army: "A", f: "F", fleet: "F" };
const MOVE_WORDS = new Set(["-", "to", "m", "move", "moves", "moving"]);
const HOLD_WORDS = new Set(["h", "hold", "holds", "holding"]);
const SUPPORT_WORDS = new Set(["s", "support", "supports", "supporting"]);
const CONVOY_WORDS = new Set(["c", "convoy", "convoys", "convoying"]);
const RETREAT_WORDS = new Set(["r", "retreat", "retreats"]);
const DISBAND_WORDS = new Set(["d", "disband", "disbands"]);
const BUILD_WORDS = new Set(["b", "build", "builds"]);
const REMOVE_WORDS = new Set(["remove", "removes"]);
const WAIVE_WORDS = new Set(["waive", "waives"]);
const VERB_SETS = [
  MOVE_WORDS,
  HOLD_WORDS,
  SUPPORT_WORDS,
  CONVOY_WORDS,
  RETREAT_WORDS,
  DISBAND_WORDS,
  BUILD_WORDS,
  REMOVE_WORDS,
  WAIVE_WORDS,
];
/** Compass words and letters, as coasts: `north`/`n` is `nc`, and so on. */
const DIRECTIONS: Readonly<Record<string, CoastId>> = {
  n: "nc",
  north: "nc",
  s: "sc",
  south: "sc",
  e: "ec",
  east: "ec",
  w: "wc",
  west: "wc",
};
const STANDARD_COASTS = new Set(["nc", "sc", "ec", "wc"]);
/** Words of some order shape; used to tell a misspelt province from text that is no order. */
const KEYWORDS = new Set([...Object.keys(TYPE_WORDS), ...VERB_SETS.flatMap((s) => [...s]), "via"]);

function isVerb(norm: string): boolean {
  return VERB_SETS.some((s) => s.has(norm));
}

// ---------------------------------------------------------------------------------------------
// Parsing: the shape of the text

/** Context for `parseOrder`. */
export interface ParseContext {
  /** The map the order is on. */
  readonly map: GameMap;
  /** Whose order it is; a power named in the text must agree. */
  readonly power?: PowerId;
  /** The phase it is for: decides `-` (move or retreat) and `disband` (disband or remove). */
  readonly phase?: PhaseKind;
  /** The board, to supply unit types the text leaves out (`par - bur`). */
  readonly units?: readonly Unit[];
}

/** A place as written: a province, and a coast checked against it. */
interface WrittenPlace {
  readonly province: ProvinceId;
  readonly coast: CoastId | null;
}
/** A unit as written; `type` is null when the text leaves it out. */
interface WrittenUnit {
  readonly type: UnitType | null;
  readonly place: WrittenPlace;
}
/** What the text says, before power and phase are settled; `U` is a unit as written or settled. */
type Draft<U> =
  | { readonly verb: "hold" | "disband" | "build" | "remove"; readonly unit: U }
  | { readonly verb: "move"; readonly unit: U; readonly to: WrittenPlace; readonly via: boolean }
  | { readonly verb: "retreat"; readonly unit: U; readonly to: WrittenPlace }
  | { readonly verb: "support"; readonly unit: U; readonly target: U; readonly to: WrittenPlace | null }
  | { readonly verb: "convoy"; readonly unit: U; readonly target: U; readonly to: WrittenPlace }
  | { readonly verb: "waive" };

/** A parser's position in the tokens. */
interface Cursor {
  readonly tokens: readonly Token[];
  readonly lex: Lexicon;
  pos: number;
}

type Parsed<T> = Result<T, OrderError>;

function peek(c: Cursor, ahead = 0): string | undefined {
  return c.tokens[c.pos + ahead]?.norm;
}

/** Consumes the next token if it is in `words`. */
function accept(c: Cursor, words: ReadonlySet<string>): boolean {
  const t = peek(c);
  if (t === undefined || !words.has(t)) return false;
  c.pos++;
  return true;
}

/** The raw text of tokens `from` (inclusive) to `to` (exclusive), for messages. */
function rawText(tokens: readonly Token[], from: number, to = tokens.length): string {
  return tokens
    .slice(from, to)
    .map((t) => t.raw)
    .join(" ")
    .replace(/\s*([/()])\s*/gu, "$1")
    .replace(/\(/gu, " (")
    .trim();
}

/** The error for words left over at the cursor. */
function leftover(c: Cursor): Parsed<never> {
  const rest = rawText(c.tokens, c.pos);
  const before = rawText(c.tokens, 0, c.pos);
  return fail("unexpected-words", `"${rest}" after "${before}" is not part of any order`);
}

/** Fails unless every token was read. */
function expectEnd(c: Cursor): Parsed<null> {
  return c.pos >= c.tokens.length ? ok(null) : leftover(c);
}

/** Reads a coast after `/`, or inside `( )`: `nc`, `n`, `north`, `north coast`, `n.c.`. */
function readCoastWord(c: Cursor, inParens: boolean): { readonly id: CoastId; readonly raw: string } | null {
  const t = c.tokens[c.pos];
  if (t === undefined || !/^[a-z0-9]+$/u.test(t.norm)) return null;
  c.pos++;
  const id = DIRECTIONS[t.norm] ?? t.norm;
  if (t.norm in DIRECTIONS || STANDARD_COASTS.has(t.norm)) {
    if (inParens) accept(c, new Set(["c", "coast"]));
    else if (t.norm.length > 1) accept(c, new Set(["coast"]));
  }
  return { id, raw: t.raw };
}

/** Reads a coast written without `/` or `( )`: a coast id (`stp nc`) or `north coast`. */
function readBareCoast(c: Cursor): { readonly id: CoastId; readonly raw: string } | null {
  const t = c.tokens[c.pos];
  if (t === undefined) return null;
  if ((STANDARD_COASTS.has(t.norm) || c.lex.coastIds.has(t.norm)) && !KEYWORDS.has(t.norm)) {
    c.pos++;
    return { id: t.norm, raw: t.raw };
  }
  const direction = DIRECTIONS[t.norm];
  if (direction !== undefined && t.norm.length > 1 && peek(c, 1) === "coast") {
    c.pos += 2;
    return { id: direction, raw: `${t.raw} coast` };
  }
  return null;
}

/** Reads the optional coast after a province and checks the province has it. */
function parseCoast(c: Cursor, province: ProvinceId): Parsed<CoastId | null> {
  const start = c.pos;
  let coast: { readonly id: CoastId; readonly raw: string } | null;
  if (peek(c) === "/") {
    c.pos++;
    coast = readCoastWord(c, false);
  } else if (peek(c) === "(" && peek(c, 1) !== "via" && peek(c, 1) !== "by") {
    c.pos++;
    coast = readCoastWord(c, true);
    if (coast !== null && !accept(c, new Set([")"]))) coast = null;
  } else {
    coast = readBareCoast(c);
    if (coast === null) return ok(null);
  }
  const p = c.lex.map.province.get(province);
  const name = p?.name ?? province;
  if (coast === null) {
    const written = rawText(c.tokens, start, Math.min(c.pos + 1, c.tokens.length));
    return fail("unknown-coast", `"${written}" after ${name} is not a coast`);
  }
  if (p === undefined || !p.coasts.includes(coast.id)) {
    const has =
      p && p.coasts.length > 0 ? `; its coasts are ${p.coasts.join(", ")}` : " (it has no separate coasts)";
    return fail("unknown-coast", `${name} has no coast "${coast.raw}"${has}`);
  }
  return ok(coast.id);
}

/** The run of words at the cursor that are neither keywords nor punctuation, for a message. */
function unknownWords(c: Cursor): string {
  let end = c.pos;
  while (end < c.tokens.length) {
    const t = c.tokens[end]!.norm;
    if (KEYWORDS.has(t) || !/^[\p{L}\p{N}'’]+$/u.test(t)) break;
    end++;
  }
  return rawText(c.tokens, c.pos, Math.max(end, c.pos + 1));
}

/** Reads a place: a province (id, name or alias) and its optional coast. */
function parsePlace(c: Cursor): Parsed<WrittenPlace> {
  if (c.pos >= c.tokens.length) {
    return fail("not-an-order", `"${rawText(c.tokens, 0)}" stops where a province should follow`);
  }
  const m = matchPhrase(c.lex.provinces, c.tokens, c.pos);
  if (m === null) return fail("unknown-province", `"${unknownWords(c)}" is not a province on this map`);
  c.pos = m.next;
  const coast = parseCoast(c, m.value);
  if (!coast.ok) return coast;
  return ok({ province: m.value, coast: coast.value });
}

/** Reads a unit: an optional type (`A`, `F`, `army`, `fleet`) and a place. */
function parseUnit(c: Cursor): Parsed<WrittenUnit> {
  const typeWord = peek(c);
  const type = typeWord === undefined ? undefined : TYPE_WORDS[typeWord];
  if (type !== undefined) c.pos++;
  const place = parsePlace(c);
  if (!place.ok) return place;
  return ok({ type: type ?? null, place: place.value });
}

/** Reads an optional `via convoy`, `via`, `by convoy`, also in parentheses. */
function parseVia(c: Cursor): boolean {
  const start = c.pos;
  const parens = accept(c, new Set(["("]));
  if (accept(c, new Set(["via"]))) {
    accept(c, CONVOY_WORDS);
  } else if (peek(c) === "by" && CONVOY_WORDS.has(peek(c, 1) ?? "")) {
    c.pos += 2;
  } else {
    c.pos = start;
    return false;
  }
  if (parens) accept(c, new Set([")"]));
  return true;
}

/** Reads a move verb: `-`, `->`, `to`, `m`, `moves`, `moves to`. */
function acceptMoveVerb(c: Cursor): boolean {
  const t = peek(c);
  if (t === undefined || !MOVE_WORDS.has(t)) return false;
  c.pos++;
  if (t !== "-" && t !== "to") accept(c, new Set(["to", "-"]));
  return true;
}

/** Whether the first tokens look like no order at all, rather than a misspelt province. */
function firstWordError(c: Cursor): Parsed<never> | null {
  const t = peek(c);
  if (t === undefined) return fail("not-an-order", "There is no order after the power");
  if (t in TYPE_WORDS || isVerb(t) || matchPhrase(c.lex.provinces, c.tokens, c.pos) !== null) return null;
  const colon = c.tokens.findIndex((x, i) => i >= c.pos && x.norm === ":");
  const next = peek(c, 1) ?? "";
  if (
    colon >= 0 ||
    next in TYPE_WORDS ||
    BUILD_WORDS.has(next) ||
    REMOVE_WORDS.has(next) ||
    WAIVE_WORDS.has(next)
  ) {
    const words = rawText(c.tokens, c.pos, colon >= 0 ? colon : c.pos + 1);
    return fail("unknown-power", `"${words}" is not a power on this map`);
  }
  const rest = c.tokens.slice(c.pos + 1).map((x) => x.norm);
  if (rest.some((w) => isVerb(w) || w === "via")) {
    return fail("unknown-province", `"${unknownWords(c)}" is not a province on this map`);
  }
  return fail("not-an-order", `"${rawText(c.tokens, c.pos)}" is not an order`);
}

/** Reads what follows a unit in a movement or retreat order: the verb and its arguments. */
function parseTail(c: Cursor, unit: WrittenUnit): Parsed<Draft<WrittenUnit>> {
  if (c.pos >= c.tokens.length || accept(c, HOLD_WORDS)) return ok({ verb: "hold", unit });
  if (acceptMoveVerb(c)) {
    const to = parsePlace(c);
    return to.ok ? ok({ verb: "move", unit, to: to.value, via: parseVia(c) }) : to;
  }
  if (accept(c, RETREAT_WORDS)) {
    accept(c, new Set(["to", "-"]));
    const to = parsePlace(c);
    return to.ok ? ok({ verb: "retreat", unit, to: to.value }) : to;
  }
  if (accept(c, DISBAND_WORDS)) return ok({ verb: "disband", unit });
  if (accept(c, BUILD_WORDS)) return ok({ verb: "build", unit });
  if (accept(c, REMOVE_WORDS)) return ok({ verb: "remove", unit });
  if (accept(c, SUPPORT_WORDS)) return parseSupport(c, unit);
  if (accept(c, CONVOY_WORDS)) return parseConvoy(c, unit);
  return ok({ verb: "hold", unit }); // leftover words are reported by expectEnd
}

/** Reads the rest of a support: `A par - bur`, `A ber`, `A ber H`. */
function parseSupport(c: Cursor, unit: WrittenUnit): Parsed<Draft<WrittenUnit>> {
  const target = parseUnit(c);
  if (!target.ok) return target;
  if (acceptMoveVerb(c)) {
    const to = parsePlace(c);
    if (!to.ok) return to;
    parseVia(c); // a supported convoy route changes nothing about the support
    return ok({ verb: "support", unit, target: target.value, to: to.value });
  }
  accept(c, HOLD_WORDS);
  return ok({ verb: "support", unit, target: target.value, to: null });
}

/** Reads the rest of a convoy: `A lon - nwy`. */
function parseConvoy(c: Cursor, unit: WrittenUnit): Parsed<Draft<WrittenUnit>> {
  const target = parseUnit(c);
  if (!target.ok) return target;
  if (!acceptMoveVerb(c)) {
    if (c.pos < c.tokens.length) return leftover(c);
    return fail("not-an-order", `"${rawText(c.tokens, 0)}" does not say where the convoyed army goes`);
  }
  const to = parsePlace(c);
  if (!to.ok) return to;
  parseVia(c);
  return ok({ verb: "convoy", unit, target: target.value, to: to.value });
}

/** Reads an order body (after any power): adjustment verbs first, else a unit and its tail. */
function parseBody(c: Cursor): Parsed<Draft<WrittenUnit>> {
  if (accept(c, WAIVE_WORDS)) {
    accept(c, BUILD_WORDS);
    return ok({ verb: "waive" });
  }
  const prefix = accept(c, BUILD_WORDS)
    ? "build"
    : accept(c, REMOVE_WORDS)
      ? "remove"
      : accept(c, DISBAND_WORDS)
        ? "disband"
        : null;
  if (prefix === null) {
    const bad = firstWordError(c);
    if (bad !== null) return bad;
  }
  const unit = parseUnit(c);
  if (!unit.ok) return unit;
  return prefix === null ? parseTail(c, unit.value) : ok({ verb: prefix, unit: unit.value });
}

// ---------------------------------------------------------------------------------------------
// Parsing: settling unit types, power and phase

/** The location id of a written place for a unit type: armies ignore coasts. */
function locationFor(type: UnitType, place: WrittenPlace): LocationId {
  return type === "F" && place.coast !== null ? `${place.province}/${place.coast}` : place.province;
}

/**
 * Settles a written unit's type: as written; else the board's unit in that province (and its
 * coast, when none was written); else `fallback` where the order allows only one type.
 */
function resolveUnit(
  unit: WrittenUnit,
  ctx: ParseContext,
  fallback: UnitType | null,
  useBoard = true,
): Parsed<UnitRef> {
  if (unit.type !== null) return ok({ type: unit.type, location: locationFor(unit.type, unit.place) });
  const onBoard = useBoard
    ? ctx.units?.find((u) => provinceOf(ctx.map, u.location) === unit.place.province)
    : undefined;
  if (onBoard !== undefined) {
    const location =
      unit.place.coast === null && onBoard.type === "F"
        ? onBoard.location
        : locationFor(onBoard.type, unit.place);
    return ok({ type: onBoard.type, location });
  }
  if (fallback !== null) return ok({ type: fallback, location: locationFor(fallback, unit.place) });
  const name = ctx.map.province.get(unit.place.province)?.name ?? unit.place.province;
  const why = ctx.units === undefined || !useBoard ? "" : `; there is no unit in ${name}`;
  return fail("missing-unit-type", `Say which unit in ${name}: "A" for an army or "F" for a fleet${why}`);
}

/**
 * Settles the types of every unit of a draft. Only one type fits a convoying unit (a fleet), a
 * convoyed unit or one moving via convoy (an army), so those need not be written.
 */
function settleUnits(draft: Draft<WrittenUnit>, ctx: ParseContext): Parsed<Draft<UnitRef>> {
  if (draft.verb === "waive") return ok(draft);
  const own = draft.verb === "convoy" ? "F" : draft.verb === "move" && draft.via ? "A" : null;
  const unit = resolveUnit(draft.unit, ctx, own, draft.verb !== "build");
  if (!unit.ok) return unit;
  if (draft.verb !== "support" && draft.verb !== "convoy") return ok({ ...draft, unit: unit.value });
  const target = resolveUnit(draft.target, ctx, draft.verb === "convoy" ? "A" : null);
  if (!target.ok) return target;
  return ok({ ...draft, unit: unit.value, target: target.value });
}

/** Which power the order is for: the text's, the context's, and whether they agree. */
function resolvePower(textPower: PowerId | null, ctx: ParseContext): Parsed<PowerId> {
  const { power } = ctx;
  if (power !== undefined && !ctx.map.power.has(power)) {
    return fail("unknown-power", `"${power}" is not a power on this map`);
  }
  if (textPower !== null && power !== undefined && textPower !== power) {
    const name = (id: PowerId): string => ctx.map.power.get(id)?.name ?? id;
    return fail(
      "power-mismatch",
      `The order is written for ${name(textPower)}, but it is given for ${name(power)}`,
    );
  }
  const resolved = textPower ?? power;
  if (resolved === undefined) return fail("missing-power", 'Say whose order this is, e.g. "ENG F lon - nth"');
  return ok(resolved);
}

const KIND_LABELS: Readonly<Record<OrderKind, string>> = {
  hold: "A hold",
  move: "A move",
  support: "A support",
  convoy: "A convoy",
  retreat: "A retreat",
  disband: "A disband",
  build: "A build",
  remove: "A removal",
  waive: "Waiving a build",
};

/** The order kind the verb means in the phase, or `wrong-phase`. */
function resolveKind(draft: Draft<UnitRef>, phase: PhaseKind | undefined): Parsed<OrderKind> {
  if (draft.verb === "move" && phase === "retreat" && draft.via) {
    return fail("wrong-phase", "A retreat cannot go via convoy");
  }
  const kind: OrderKind =
    draft.verb === "move" && phase === "retreat"
      ? "retreat"
      : draft.verb === "disband" && phase === "adjustment"
        ? "remove"
        : draft.verb;
  if (phase !== undefined && !ORDER_KINDS_BY_PHASE[phase].includes(kind)) {
    return fail("wrong-phase", `${KIND_LABELS[kind]} cannot be ordered in the ${phase} phase`);
  }
  return ok(kind);
}

/** Builds the order of the settled kind from a settled draft. */
function assemble(draft: Draft<UnitRef>, kind: OrderKind, power: PowerId): Parsed<Order> {
  switch (draft.verb) {
    case "waive":
      return ok({ kind: "waive", power });
    case "hold":
    case "build":
    case "remove":
      return ok({ kind: draft.verb, power, unit: draft.unit });
    case "disband":
      return ok({ kind: kind === "remove" ? "remove" : "disband", power, unit: draft.unit });
    case "retreat":
      return ok({ kind: "retreat", power, unit: draft.unit, to: locationFor(draft.unit.type, draft.to) });
    case "move": {
      const to = locationFor(draft.unit.type, draft.to);
      if (kind === "retreat") return ok({ kind: "retreat", power, unit: draft.unit, to });
      if (draft.via && draft.unit.type === "F") {
        return fail("via-convoy-fleet", "Only armies move via convoy; a fleet cannot be convoyed");
      }
      return ok({ kind: "move", power, unit: draft.unit, to, viaConvoy: draft.via });
    }
    case "support": {
      const { unit, target } = draft;
      if (draft.to === null) return ok({ kind: "support", power, unit, target });
      return ok({ kind: "support", power, unit, target, to: locationFor(target.type, draft.to) });
    }
    case "convoy": {
      const { unit, target } = draft;
      return ok({ kind: "convoy", power, unit, target, to: locationFor(target.type, draft.to) });
    }
  }
}

/** Parses the tokens from `start` as an order of `textPower` (null: the text names no power). */
function parseFrom(
  tokens: readonly Token[],
  start: number,
  textPower: PowerId | null,
  lex: Lexicon,
  ctx: ParseContext,
): Parsed<Order> {
  const c: Cursor = { tokens, lex, pos: start };
  const draft = parseBody(c);
  if (!draft.ok) return draft;
  const end = expectEnd(c);
  if (!end.ok) return end;
  // Invalid before illegal: unit types and power first, then the phase and convoy rules.
  const settled = settleUnits(draft.value, ctx);
  if (!settled.ok) return settled;
  const power = resolvePower(textPower, ctx);
  if (!power.ok) return power;
  const kind = resolveKind(settled.value, ctx.phase);
  if (!kind.ok) return kind;
  return assemble(settled.value, kind.value, power.value);
}

/**
 * The readings of a leading power word, most likely first: `ENG F lon - nth` names a power, but
 * `eng` is also the English Channel, so `eng - nth` is tried as a province too.
 */
function powerReadings(
  tokens: readonly Token[],
  lex: Lexicon,
): readonly { readonly start: number; readonly power: PowerId | null }[] {
  const plain = { start: 0, power: null };
  const m = matchPhrase(lex.powers, tokens, 0);
  if (m === null) return [plain];
  const colon = tokens[m.next]?.norm === ":";
  const powered = { start: colon ? m.next + 1 : m.next, power: m.value };
  if (matchPhrase(lex.provinces, tokens, 0) === null) return [powered];
  const next = tokens[m.next]?.norm ?? "";
  const looksPowered =
    colon || next in TYPE_WORDS || BUILD_WORDS.has(next) || REMOVE_WORDS.has(next) || WAIVE_WORDS.has(next);
  return looksPowered ? [powered, plain] : [plain, powered];
}

/**
 * How far a reading got before it failed: a shapeless reading explains less than one that was
 * understood up to a province, a unit type, the power or the phase.
 */
function errorDepth(error: OrderError): number {
  if (error.family === "illegal") return 3;
  if (error.code === "unexpected-words" || error.code === "not-an-order") return 0;
  return ["missing-power", "power-mismatch", "unknown-power"].includes(error.code) ? 2 : 1;
}

/**
 * Reads an order as players write it. Tolerant of case and spacing; accepts an optional leading
 * power (`ENG`, `England:`), province ids, names and aliases, coasts as `stp/nc`, `stp nc`,
 * `stp(nc)` or `(north coast)`, and verbs as letters or words (`-`, `->`, `to`, `moves to`, `S`,
 * `supports`, `C`, `H`, `R`, `D`, `build`, `remove`, `waive`, `via convoy`).
 *
 * With `phase`, `-` is a retreat in a retreat phase and `disband` a removal in an adjustment
 * phase, and an order kind the phase does not allow is an illegal `wrong-phase` error. With
 * `units`, a unit written without `A`/`F` takes its type from the board. Armies ignore coasts.
 *
 * @returns the order, or an error whose code is one of `NOTATION_ERROR_CODES`. Never throws.
 */
export function parseOrder(text: string, context: ParseContext): Result<Order, OrderError> {
  const tokens = tokenize(text);
  if (tokens.length === 0) return fail("empty", "The order is blank");
  const lex = lexiconOf(context.map);
  let best: { readonly error: OrderError } | null = null;
  for (const reading of powerReadings(tokens, lex)) {
    const parsed = parseFrom(tokens, reading.start, reading.power, lex, context);
    if (parsed.ok) return parsed;
    if (best === null || errorDepth(parsed.error) > errorDepth(best.error)) best = parsed;
  }
  return err(best!.error);
}
