/**
 * Headlines: each news event rendered in newspaper English from a handful of templates, one
 * chosen by the seeded generator, so the same game always prints the same paper.
 *
 * Rendering takes exactly one draw from the generator per headline. It never throws: unknown
 * powers and provinces are printed by id, missing lists read as "no one", and text written by
 * players is quoted safely (control characters dropped, whitespace collapsed, at most
 * `QUOTE_LIMIT` characters with an ellipsis). Headlines are plain text on one line; a renderer
 * that puts them into HTML must escape them.
 */
import type { GameMap, PowerId, ProvinceId, Unit } from "../map/types";
import type { Rng } from "../random";
import type { Clause, PhaseRef } from "../trust/types";
import type { NewsEvent, StandingReason } from "./types";

/** The longest quotation a headline prints, in characters, the ellipsis included. */
export const QUOTE_LIMIT = 280;
/** The longest unknown id (of a power or province) a headline prints. */
const ID_LIMIT = 40;

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/**
 * Player text made fit to print: control characters dropped, runs of whitespace collapsed to one
 * space, trimmed, and cut to `limit` characters (code points) with an ellipsis.
 */
export function quoteText(text: unknown, limit: number = QUOTE_LIMIT): string {
  const clean = (typeof text === "string" ? text : "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const chars = Array.from(clean);
  if (chars.length <= limit) return clean;
  return (
    chars
      .slice(0, Math.max(0, limit - 1))
      .join("")
      .trimEnd() + "…"
  );
}

/** A power's name, or its id when the map does not know it. */
function powerName(map: GameMap, id: PowerId | null | undefined): string {
  if (typeof id !== "string") return "an unknown power";
  return map.power.get(id)?.name ?? (quoteText(id, ID_LIMIT) || "an unknown power");
}

/** A power's adjective, or its name when the map does not know it. */
function powerAdjective(map: GameMap, id: PowerId | null | undefined): string {
  return (typeof id === "string" ? map.power.get(id)?.adjective : undefined) ?? powerName(map, id);
}

/** A province's name (or the province of a location), or its id when the map does not know it. */
function provinceName(map: GameMap, id: ProvinceId | null | undefined): string {
  if (typeof id !== "string") return "an unknown place";
  const province = map.province.get(id) ?? map.province.get(map.location.get(id)?.province ?? "");
  return province?.name ?? (quoteText(id, ID_LIMIT) || "an unknown place");
}

/** Items joined as English: "A", "A and B", "A, B and C". */
function englishList(items: readonly string[], empty: string): string {
  if (items.length === 0) return empty;
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]!}`;
}

/** A list of powers as English, deduplicated. */
function powerList(map: GameMap, ids: readonly PowerId[] | null | undefined, empty = "no one"): string {
  const list: readonly PowerId[] = Array.isArray(ids) ? (ids as readonly PowerId[]) : [];
  return englishList([...new Set(list.map((id) => powerName(map, id)))], empty);
}

/** A list of provinces as English, deduplicated. */
function provinceList(map: GameMap, ids: readonly ProvinceId[] | null | undefined): string {
  const list: readonly ProvinceId[] = Array.isArray(ids) ? (ids as readonly ProvinceId[]) : [];
  return englishList([...new Set(list.map((id) => provinceName(map, id)))], "");
}

/** "army", "fleet", or "unit" for anything else. */
function unitWord(unit: Unit | null | undefined): string {
  return unit?.type === "A" ? "army" : unit?.type === "F" ? "fleet" : "unit";
}

/** A whole number for print; anything not finite reads as 0. */
function num(n: unknown): number {
  return typeof n === "number" && Number.isFinite(n) ? Math.round(n) : 0;
}

/** "+3", "-15", "±0". */
function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `${n}` : "±0";
}

/** "1 centre", "2 centres". */
function centres(n: number): string {
  return `${n} ${Math.abs(n) === 1 ? "centre" : "centres"}`;
}

/** Upper-cases the first letter. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "spring" → "Spring". */
function seasonWord(season: unknown): string {
  return typeof season === "string" && season.length > 0 ? capitalise(quoteText(season, 20)) : "Undated";
}

/** A season and year, e.g. "Spring 1901". */
export function formatSeason(ref: Pick<PhaseRef, "season" | "year"> | null | undefined): string {
  return `${seasonWord(ref?.season)} ${num(ref?.year)}`;
}

/** A phase, e.g. "Spring 1901, Movement". */
export function formatPhase(ref: PhaseRef | null | undefined): string {
  return `${formatSeason(ref)}, ${seasonWord(ref?.phase)}`;
}

/** A clause in a few words, as it would be summarised in a headline. */
function clauseSummary(map: GameMap, clause: Clause): string {
  switch (clause.kind) {
    case "text":
      return "an unwritten understanding";
    case "non-aggression":
      return "a non-aggression pact";
    case "alliance":
      return "an alliance";
    case "demilitarised-zone": {
      const where = provinceList(map, clause.provinces);
      return where ? `a demilitarised zone in ${where}` : "a demilitarised zone";
    }
    case "support-pledge":
      return `a pledge of support in ${provinceName(map, clause.to ?? clause.supported)}`;
    case "no-build": {
      const what = clause.fleetsOnly ? "a ban on new fleets" : "a ban on new units";
      const where = provinceList(map, clause.centers);
      return where ? `${what} in ${where}` : what;
    }
    case "cede":
      return `the cession of ${provinceName(map, clause.province)} to ${powerName(map, clause.to)}`;
    default:
      return "a pact";
  }
}

/** The clauses of a commitment in a few words: at most three phrases, then "N more terms". */
export function clausesSummary(map: GameMap, clauses: readonly Clause[] | null | undefined): string {
  const list: readonly Clause[] = Array.isArray(clauses) ? (clauses as readonly Clause[]) : [];
  const phrases = [...new Set(list.map((c) => clauseSummary(map, c)))];
  if (phrases.length === 0) return "terms unknown";
  if (phrases.length <= 3) return englishList(phrases, "");
  const rest = phrases.length - 2;
  return `${phrases.slice(0, 2).join(", ")} and ${rest} more terms`;
}

/** Why a standing moved, as a trailing phrase. */
const REASONS: Readonly<Record<StandingReason, string>> = {
  "surprise-defection": "after a betrayal without notice",
  "announced-defection": "after an announced break",
  "surprise-victim": "after learning of a betrayal from the papers",
  "announced-victim": "after an ally's announced break",
  "honoured-to-end": "for a promise kept to the end",
  "year-without-defection": "after a year of good faith",
  leak: "over a leaked letter",
};

/** The reason phrase, or nothing for an unknown reason. */
function reasonPhrase(reason: unknown): string {
  return typeof reason === "string" && Object.hasOwn(REASONS, reason)
    ? ` ${REASONS[reason as StandingReason]}`
    : "";
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

/** A template: the words of one event in, a headline out. */
type Template<W> = (w: W) => string;

/** Picks one template with one draw and fills it in. */
function render<W>(rng: Rng, templates: readonly Template<W>[], words: W): string {
  return rng.pick(templates)(words);
}

interface Pair {
  readonly by: string;
  readonly against: string;
}
const SURPRISE: readonly Template<Pair>[] = [
  (w) => `${w.against} learns of ${w.by}'s betrayal from our pages`,
  (w) => `Stab in the back: ${w.by} turns on ${w.against} without a word`,
  (w) => `No warning given: ${w.by} strikes at its ally ${w.against}`,
  (w) => `Treachery! ${w.by} breaks faith with ${w.against}`,
  (w) => `${w.against} wakes to find its friend ${w.by} at the gates`,
];
const ANNOUNCED: readonly Template<Pair>[] = [
  (w) => `${w.by} breaks with ${w.against} — but gave fair warning`,
  (w) => `Notice served, blow struck: ${w.by} moves against ${w.against}`,
  (w) => `${w.by} parts ways with ${w.against}, as announced`,
  (w) => `An honest break: ${w.by} turns on ${w.against} after giving notice`,
];
const RETALIATION: readonly Template<Pair>[] = [
  (w) => `${w.by} strikes back at ${w.against}`,
  (w) => `Tit for tat: ${w.by} repays ${w.against}'s betrayal`,
  (w) => `${w.against} reaps what it sowed as ${w.by} retaliates`,
  (w) => `Retaliation: ${w.by} answers ${w.against}'s treachery in kind`,
];
const DEFECTION_UNKNOWN: readonly Template<Pair>[] = [
  (w) => `${w.by} defects against ${w.against}`,
  (w) => `${w.by} turns on ${w.against}`,
  (w) => `Broken faith: ${w.by} acts against ${w.against}`,
];

interface Pact {
  readonly parties: string;
  readonly terms: string;
}
const SECRET_EXPOSED: readonly Template<Pact>[] = [
  (w) => `Secret pact revealed: ${w.parties} had agreed to ${w.terms}`,
  (w) => `Exposed! ${w.parties} were secretly bound by ${w.terms}`,
  (w) => `What they never told us: ${w.parties} had signed ${w.terms} in secret`,
  (w) => `A breach brings it to light: the hidden pact of ${w.parties} — ${w.terms}`,
];
const SIGNED: readonly Template<Pact>[] = [
  (w) => `${w.parties} sign ${w.terms}`,
  (w) => `New accord: ${w.parties} agree to ${w.terms}`,
  (w) => `The ink is dry: ${w.parties} put their names to ${w.terms}`,
  (w) => `${w.parties} shake hands on ${w.terms}`,
];
const HONOURED: readonly Template<Pact>[] = [
  (w) => `${w.parties} keep their word to the end`,
  (w) => `A promise kept: the accord of ${w.parties} runs its course`,
  (w) => `Faith rewarded: ${w.parties} honour their pact in full`,
  (w) => `${w.parties} see their pact through, every clause kept`,
];

interface Renounced {
  readonly by: string;
  readonly others: string;
}
const RENOUNCED: readonly Template<Renounced>[] = [
  (w) => `${w.by} gives notice: its pact with ${w.others} is at an end`,
  (w) => `${w.by} renounces its pact with ${w.others}`,
  (w) => `Notice served: ${w.by} walks away from ${w.others}`,
  (w) => `End of an accord: ${w.by} withdraws from its commitment to ${w.others}`,
];

interface Leak {
  readonly leaker: string;
  readonly sender: string;
  readonly recipients: string;
  readonly text: string;
  readonly when: string;
}
const LEAK: readonly Template<Leak>[] = [
  (w) =>
    `Leaked: "${w.text}" — ${w.sender} to ${w.recipients}, ${w.when} (authenticity verified by the courier)`,
  (w) =>
    `${w.leaker} hands us ${w.sender}'s letter to ${w.recipients}: "${w.text}" (${w.when}; sender verified by the courier)`,
  (w) =>
    `In ${w.sender}'s own words, to ${w.recipients}, ${w.when}: "${w.text}" — sender verified by the courier`,
  (w) =>
    `Private letter made public: ${w.sender} wrote to ${w.recipients} in ${w.when}, "${w.text}" (sender verified by the courier)`,
];
const LEAK_BROKEN_PROMISE: readonly Template<Leak>[] = [
  (w) =>
    `Broken promise in black and white: ${w.sender} to ${w.recipients}, ${w.when}: "${w.text}" (verified by the courier)`,
  (w) =>
    `What ${w.sender} promised ${w.recipients} in ${w.when}: "${w.text}" — leaked by ${w.leaker}, authenticity verified by the courier`,
  (w) =>
    `Leaked: "${w.text}" — ${w.sender} to ${w.recipients}, ${w.when}. The promise did not hold (sender verified by the courier)`,
];

interface Statement {
  readonly power: string;
  readonly text: string;
}
const COMMUNIQUE: readonly Template<Statement>[] = [
  (w) => `${w.power} declares: "${w.text}"`,
  (w) => `From the government of ${w.power}: "${w.text}"`,
  (w) => `A statement from ${w.power}: "${w.text}"`,
  (w) => `${w.power} speaks to the world: "${w.text}"`,
];

interface Standing {
  readonly power: string;
  readonly what: string; // "reputation" or "prestige"
  readonly value: number;
  readonly delta: string;
  readonly reason: string; // leading space, or empty
}
const STANDING_DOWN: readonly Template<Standing>[] = [
  (w) => `${w.power}'s ${w.what} falls to ${w.value} (${w.delta})${w.reason}`,
  (w) => `${w.power}'s ${w.what} slips to ${w.value} (${w.delta})${w.reason}`,
  (w) => `A blow to ${w.power}: ${w.what} down to ${w.value} (${w.delta})${w.reason}`,
];
const STANDING_UP: readonly Template<Standing>[] = [
  (w) => `${w.power}'s ${w.what} rises to ${w.value} (${w.delta})${w.reason}`,
  (w) => `${w.power}'s ${w.what} climbs to ${w.value} (${w.delta})${w.reason}`,
  (w) => `Good news for ${w.power}: ${w.what} up to ${w.value} (${w.delta})${w.reason}`,
];
const STANDING_SAME: readonly Template<Standing>[] = [
  (w) => `${w.power}'s ${w.what} holds at ${w.value}${w.reason}`,
  (w) => `No change for ${w.power}: ${w.what} steady at ${w.value}${w.reason}`,
  (w) => `${w.power}'s ${w.what} unmoved at ${w.value}${w.reason}`,
];

interface Battle {
  readonly province: string;
  readonly powers: string;
}
const BATTLE: readonly Template<Battle>[] = [
  (w) => `Standoff in ${w.province}: ${w.powers} bounce`,
  (w) => `Deadlock at ${w.province} as ${w.powers} collide`,
  (w) => `Neither side yields: ${w.powers} stand off in ${w.province}`,
  (w) => `${w.province} stays empty after ${w.powers} clash`,
];

interface Capture {
  readonly center: string;
  readonly from: string;
  readonly to: string;
}
const CAPTURE: readonly Template<Capture>[] = [
  (w) => `${w.to} takes ${w.center} from ${w.from}`,
  (w) => `${w.center} falls: ${w.from} loses it to ${w.to}`,
  (w) => `The flag of ${w.to} flies over ${w.center}, lost by ${w.from}`,
  (w) => `${w.from} loses ${w.center} to ${w.to}`,
];
const CAPTURE_NEUTRAL: readonly Template<Capture>[] = [
  (w) => `${w.to} takes ${w.center} from neutrality`,
  (w) => `${w.center}, neutral no longer, falls to ${w.to}`,
  (w) => `${w.to} plants its flag in neutral ${w.center}`,
  (w) => `${w.center} gives up its neutrality to ${w.to}`,
];

interface Dislodged {
  readonly owner: string;
  readonly adjective: string;
  readonly unit: string;
  readonly province: string;
  readonly by: string;
  readonly from: string;
}
const DISLODGED: readonly Template<Dislodged>[] = [
  (w) => `${w.adjective} ${w.unit} driven from ${w.province} by ${w.by}`,
  (w) => `${w.by} storms ${w.province} from ${w.from}, dislodging the ${w.adjective} ${w.unit}`,
  (w) => `Retreat from ${w.province}: ${w.owner} gives way to ${w.by}`,
  (w) => `${w.by} forces ${w.owner} out of ${w.province}`,
];
const DESTROYED: readonly Template<Dislodged>[] = [
  (w) => `${w.adjective} ${w.unit} in ${w.province} destroyed by ${w.by}: nowhere left to run`,
  (w) => `Annihilation in ${w.province}: ${w.by} wipes out the ${w.adjective} ${w.unit}`,
  (w) => `${w.owner} loses its ${w.unit} at ${w.province} to ${w.by}, with no way out`,
];

interface One {
  readonly power: string;
}
const ELIMINATION: readonly Template<One>[] = [
  (w) => `${w.power} is no more`,
  (w) => `The end of ${w.power}: its last forces and centres are gone`,
  (w) => `${w.power} wiped from the map`,
  (w) => `Farewell to ${w.power}, eliminated from the war`,
];

interface Threat {
  readonly power: string;
  readonly centers: number;
  readonly needed: number;
  readonly short: string;
}
const SOLO_THREAT: readonly Template<Threat>[] = [
  (w) => `${w.power} holds ${w.centers} centres — ${w.short} short of outright victory`,
  (w) => `Alarm in every capital: ${w.power} within ${w.short} of a solo`,
  (w) => `${w.power} at ${w.centers} of ${w.needed}: can anyone stop it?`,
  (w) => `The powers take note: ${w.power} nears victory with ${w.centers} centres`,
];

interface End {
  readonly winner: string;
  readonly survivors: string;
}
const SOLO: readonly Template<End>[] = [
  (w) => `${w.winner} triumphs: the war is over`,
  (w) => `Victory for ${w.winner}! The game is won outright`,
  (w) => `${w.winner} stands alone at the summit — a solo win`,
];
const DRAW: readonly Template<End>[] = [
  (w) => `Peace at last: ${w.survivors} agree to share the spoils`,
  (w) => `The guns fall silent: ${w.survivors} accept a draw`,
  (w) => `A draw is declared between ${w.survivors}`,
];
const YEAR_LIMIT: readonly Template<End>[] = [
  (w) => `Time is called: the war ends with ${w.survivors} still standing`,
  (w) => `The final year ends; ${w.survivors} survive to tell the tale`,
  (w) => `The clock runs out on the war — ${w.survivors} remain`,
];

const LATE_NEWS: readonly Template<null>[] = [
  () => "Late news from the front",
  () => "Stop press: events overtake our reporters",
  () => "Our correspondents report developments",
];

// ---------------------------------------------------------------------------------------------
// Headline
// ---------------------------------------------------------------------------------------------

/**
 * The headline of one event, in the map's power and province names, with one of the event type's
 * templates chosen by `rng` (exactly one draw). Never throws, whatever the event holds.
 */
export function headline(event: NewsEvent, map: GameMap, rng: Rng): string {
  return capitalise(words(event, map, rng));
}

/**
 * The headline before its first letter is made upper case. It reads stored and foreign events, in
 * which any field may be missing or malformed whatever the type says (a property test feeds it
 * any value), so its checks of what the type already rules out are kept on purpose.
 */
/* eslint-disable @typescript-eslint/no-unnecessary-condition, @typescript-eslint/no-unnecessary-boolean-literal-compare -- see above */
function words(event: NewsEvent, map: GameMap, rng: Rng): string {
  const name = (id: PowerId | null | undefined): string => powerName(map, id);
  switch (event?.type) {
    case "defection": {
      const pair = { by: name(event.by), against: name(event.against) };
      const set =
        event.kind === "surprise"
          ? SURPRISE
          : event.kind === "announced"
            ? ANNOUNCED
            : event.kind === "retaliation"
              ? RETALIATION
              : DEFECTION_UNKNOWN;
      return render(rng, set, pair);
    }
    case "secret-exposed":
      return render(rng, SECRET_EXPOSED, {
        parties: powerList(map, event.parties),
        terms: clausesSummary(map, event.clauses),
      });
    case "commitment-signed":
      return render(rng, SIGNED, {
        parties: powerList(map, event.parties),
        terms: clausesSummary(map, event.clauses),
      });
    case "commitment-honoured":
      return render(rng, HONOURED, {
        parties: powerList(map, event.parties),
        terms: "",
      });
    case "commitment-renounced": {
      const parties = Array.isArray(event.parties) ? event.parties : [];
      return render(rng, RENOUNCED, {
        by: name(event.by),
        others: powerList(
          map,
          parties.filter((p) => p !== event.by),
          "its partners",
        ),
      });
    }
    case "leak":
      return render(rng, event.exposesBrokenPromise === true ? LEAK_BROKEN_PROMISE : LEAK, {
        leaker: name(event.leaker),
        sender: name(event.sender),
        recipients: powerList(map, event.recipients, "a private correspondent"),
        text: quoteText(event.text),
        when: formatSeason(event.sentAt),
      });
    case "communique":
      return render(rng, COMMUNIQUE, { power: name(event.by), text: quoteText(event.text) });
    case "reputation":
    case "prestige": {
      const delta = num(event.delta);
      const set = delta < 0 ? STANDING_DOWN : delta > 0 ? STANDING_UP : STANDING_SAME;
      return render(rng, set, {
        power: name(event.power),
        what: event.type,
        value: num(event.value),
        delta: signed(delta),
        reason: reasonPhrase(event.reason),
      });
    }
    case "battle":
      return render(rng, BATTLE, {
        province: provinceName(map, event.province),
        powers: powerList(map, event.powers, "rival powers"),
      });
    case "center-captured":
      return render(rng, event.from === null || event.from === undefined ? CAPTURE_NEUTRAL : CAPTURE, {
        center: provinceName(map, event.center),
        from: name(event.from),
        to: name(event.to),
      });
    case "dislodgement":
      return render(rng, event.disbanded === true ? DESTROYED : DISLODGED, {
        owner: name(event.unit?.power),
        adjective: powerAdjective(map, event.unit?.power),
        unit: unitWord(event.unit),
        province: provinceName(map, event.unit?.location),
        by: name(event.by),
        from: provinceName(map, event.from),
      });
    case "elimination":
      return render(rng, ELIMINATION, { power: name(event.power) });
    case "solo-threat": {
      const centers = num(event.centers);
      const needed = num(event.needed);
      return render(rng, SOLO_THREAT, {
        power: name(event.power),
        centers,
        needed,
        short: centres(Math.max(0, needed - centers)),
      });
    }
    case "game-end": {
      const set = event.result === "solo" ? SOLO : event.result === "draw" ? DRAW : YEAR_LIMIT;
      return render(rng, set, {
        winner: name(event.winner),
        survivors: powerList(map, event.survivors),
      });
    }
    default:
      return render(rng, LATE_NEWS, null);
  }
}
/* eslint-enable @typescript-eslint/no-unnecessary-condition, @typescript-eslint/no-unnecessary-boolean-literal-compare */
