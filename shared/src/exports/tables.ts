/**
 * The tables of a data export (docs/exports.md): what a match came to, as rows — its phases,
 * orders with their results, commitments and their clauses, notices, defections, the newspaper's
 * articles, the standings after each phase, and its press — each made from a `DebriefSource` (the
 * match as its reader may see it) and the press its reader may have. A class export adds a
 * `match_id` to each and a table of students. Pure: the server and a record file's viewer both
 * call these.
 */
import { phaseKey } from "../game/position";
import { getMap } from "../map/registry";
import type { GameMap, PowerId, ProvinceId } from "../map/types";
import type { DebriefSource } from "../debrief/source";
import type { PhaseRecord, PressItem } from "../match/types";
import { clausesSummary } from "../newspaper/headlines";
import type { Article, Edition } from "../newspaper/types";
import { formatOrder } from "../orders/notation";
import type { OrderResult } from "../adjudicator/types";
import { phaseName } from "../trust/calendar";
import type { Clause, Commitment, Defection, PhaseRef, SeasonRef } from "../trust/types";
import { cellsOf, column, type Cell, type Column, type ColumnSpec, type TableRows } from "./table";

/** A match as an export reads it. */
export interface MatchFacts {
  readonly source: DebriefSource; // the match as its reader may see it
  /** Its press as the reader may have it: communiqués, and private messages only where allowed. */
  readonly press: readonly PressItem[];
}

/** A student of a class session, as its export names them (never a key or a key's hash). */
export interface StudentFacts {
  readonly name: string;
  readonly matchId: string | null; // null: not placed in a match
  readonly power: PowerId | null; // null: not playing a power (waiting, or watching)
  readonly joinedAt: number; // ms since the epoch
}

/** What a match's table reads. */
interface MatchContext {
  readonly facts: MatchFacts;
  readonly map: GameMap;
}

/** A table of a match: its columns and how its rows are made. */
export interface MatchTable {
  readonly name: string; // the CSV file is `<name>.csv`
  readonly about: string; // what one row is
  readonly keyed: boolean; // it has a match_id column of its own (a class export adds none)
  readonly columns: readonly ColumnSpec[];
  readonly make: (m: MatchContext) => Cell[][];
}

/** A match table of rows of type `R`. */
function matchTable<R>(
  name: string,
  about: string,
  columns: readonly Column<R>[],
  rows: (m: MatchContext) => readonly R[],
  keyed = false,
): MatchTable {
  return { name, about, keyed, columns, make: (m) => rows(m).map((r) => cellsOf(columns, r)) };
}

/** Words joined by one space (powers, provinces, ids). */
const spaced = (words: readonly string[]): string => words.join(" ");
/** A phase's key, e.g. `1901-spring-movement`, or nothing. */
const keyOf = (ref: PhaseRef | null): string | null => (ref === null ? null : phaseKey(ref));
/** A season, e.g. `1902-fall`, or nothing. */
const seasonKey = (ref: SeasonRef | null): string | null =>
  ref === null ? null : `${ref.year}-${ref.season}`;

/** Two digits (or three, with `width` 3). */
const padded = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * A time (ms since the epoch) in UTC as ISO 8601, e.g. `2026-12-03T09:30:00.000Z` — worked out
 * by the proleptic Gregorian calendar, since the rules package reads no clock and no `Date`.
 */
export function isoTime(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const inDay = ms - days * 86_400_000;
  // Days since 1970-01-01 to a civil date (H. Hinnant's `civil_from_days`).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const [h, m, sec, milli] = [
    Math.floor(inDay / 3_600_000),
    Math.floor(inDay / 60_000) % 60,
    Math.floor(inDay / 1000) % 60,
    inDay % 1000,
  ];
  return `${padded(year, 4)}-${padded(month)}-${padded(day)}T${padded(h)}:${padded(m)}:${padded(sec)}.${padded(milli, 3)}Z`;
}

/** The edition that reports on a phase, by phase key. */
function editionsByPhase(editions: readonly Edition[]): Map<string, Edition> {
  return new Map(editions.map((e) => [phaseKey(e.phase), e]));
}

// ---------------------------------------------------------------------------------------------
// matches

const matches = matchTable<MatchContext>(
  "matches",
  "one row per match",
  [
    column("match_id", "text", "the match's id", (m) => m.facts.source.matchID),
    column("map", "text", "the map's id", (m) => m.facts.source.start.settings.mapId),
    column(
      "preset",
      "text",
      "the trust preset (reputation, prestige and scoring numbers)",
      (m) => m.facts.source.start.settings.preset,
    ),
    column(
      "press_mode",
      "text",
      "who may talk: full, public (communiqués only) or none",
      (m) => m.facts.source.start.settings.pressMode,
    ),
    column(
      "scoring",
      "text",
      "the scoring system: solo-draw, sum-of-squares or statesman",
      (m) => m.facts.source.start.settings.scoring,
    ),
    column(
      "year_limit",
      "integer",
      "the last year played; empty for no limit",
      (m) => m.facts.source.start.settings.yearLimit,
    ),
    column(
      "miscommunication",
      "number",
      "the chance (0–1) that the paper misses or misreports a defection",
      (m) => m.facts.source.start.settings.miscommunication,
    ),
    column("powers", "text", "the powers in play, in seat order, separated by spaces", (m) =>
      spaced(m.facts.source.start.powers),
    ),
    column(
      "view",
      "text",
      "whole: everything; seat: what the host's seat sees while the match runs",
      (m) => m.facts.source.view,
    ),
    column("complete", "boolean", "the export reaches the match's end", (m) => m.facts.source.ended),
    column(
      "outcome",
      "text",
      "how it ended: solo, draw, year-limit or called; empty while it runs",
      (m) => m.facts.source.last.result?.kind ?? null,
    ),
    column(
      "winner",
      "text",
      "the power that won a solo; empty otherwise",
      (m) => m.facts.source.last.result?.winner ?? null,
    ),
    column("survivors", "text", "the powers left at the end, separated by spaces", (m) => {
      const result = m.facts.source.last.result;
      return result === null ? null : spaced(result.survivors);
    }),
    column("ended_at", "text", "the phase it ended in (a phase key); empty while it runs", (m) =>
      keyOf(m.facts.source.last.result?.at ?? null),
    ),
    column("phases", "integer", "how many phases resolved", (m) => m.facts.source.last.history.length),
    column(
      "editions",
      "integer",
      "how many editions of the paper were printed",
      (m) => m.facts.source.last.editions.length,
    ),
  ],
  (m) => [m],
  true,
);

// ---------------------------------------------------------------------------------------------
// phases

/** A resolved phase with its place in the match and the edition that reported it. */
interface PhaseRow {
  readonly number: number;
  readonly record: PhaseRecord;
  readonly edition: Edition | null;
}

/** Every resolved phase, in order. */
function phaseRows(m: MatchContext): PhaseRow[] {
  const { last } = m.facts.source;
  const editions = editionsByPhase(last.editions);
  return last.history.map((record, i) => ({
    number: i + 1,
    record,
    edition: editions.get(phaseKey(record.phase)) ?? null,
  }));
}

const phases = matchTable<PhaseRow>(
  "phases",
  "one row per resolved phase",
  [
    column("phase_number", "integer", "1 for the first phase resolved, 2 for the next, …", (p) => p.number),
    column("phase", "text", "the phase key, e.g. 1901-spring-movement", (p) => phaseKey(p.record.phase)),
    column("label", "text", "the phase in words, e.g. Spring 1901 movement", (p) =>
      phaseName(p.record.phase),
    ),
    column("year", "integer", "the game year", (p) => p.record.phase.year),
    column("season", "text", "spring, fall or winter", (p) => p.record.phase.season),
    column("kind", "text", "movement, retreat or adjustment", (p) => p.record.phase.phase),
    column(
      "orders",
      "integer",
      "how many orders were adjudicated",
      (p) => p.record.resolved.resolution.results.length,
    ),
    column("defections", "integer", "how many defections were detected", (p) => p.record.defections.length),
    column(
      "edition",
      "integer",
      "the number of the edition that reported it; empty if none",
      (p) => p.edition?.number ?? null,
    ),
  ],
  phaseRows,
);

// ---------------------------------------------------------------------------------------------
// orders

/** An adjudicated order of a phase. */
interface OrderRow {
  readonly phase: PhaseRef;
  readonly result: OrderResult;
}

const orders = matchTable<OrderRow>(
  "orders",
  "one row per order of each resolved phase, with its result",
  [
    column("phase", "text", "the phase key it was given in", (o) => phaseKey(o.phase)),
    column("power", "text", "the power that gave it", (o) => o.result.order.power),
    column("unit", "text", "the unit ordered, e.g. A par (empty for a waived build)", (o) =>
      "unit" in o.result.order ? `${o.result.order.unit.type} ${o.result.order.unit.location}` : null,
    ),
    column("order", "text", "the order in standard notation, e.g. A par - bur", (o) =>
      formatOrder(o.result.order),
    ),
    column(
      "kind",
      "text",
      "hold, move, support, convoy, retreat, disband, build, remove or waive",
      (o) => o.result.order.kind,
    ),
    column("result", "text", "succeeds, fails, or invalid (ignored: the unit held)", (o) => o.result.outcome),
    column(
      "reason",
      "text",
      "why an invalid order was ignored; empty otherwise",
      (o) => o.result.reason?.message ?? null,
    ),
  ],
  (m) =>
    m.facts.source.last.history.flatMap((record) =>
      record.resolved.resolution.results.map((result) => ({ phase: record.phase, result })),
    ),
);

// ---------------------------------------------------------------------------------------------
// commitments and clauses

/** A commitment with what the table needs to word it. */
interface CommitmentRow {
  readonly commitment: Commitment;
  readonly map: GameMap;
}

const commitments = matchTable<CommitmentRow>(
  "commitments",
  "one row per commitment proposed (those the reader may see)",
  [
    column("commitment_id", "text", "the commitment's id, e.g. c3", (c) => c.commitment.id),
    column("proposer", "text", "the power that proposed it", (c) => c.commitment.proposer),
    column("parties", "text", "every party, the proposer included, separated by spaces", (c) =>
      spaced(c.commitment.parties),
    ),
    column("visibility", "text", "public or secret", (c) => c.commitment.visibility),
    column(
      "status",
      "text",
      "proposed, active, rejected, withdrawn, expired, renounced or broken",
      (c) => c.commitment.status,
    ),
    column("accepted_by", "text", "the parties that accepted it, separated by spaces", (c) =>
      spaced(c.commitment.acceptedBy),
    ),
    column("proposed_at", "text", "the phase key it was proposed in", (c) =>
      phaseKey(c.commitment.proposedAt),
    ),
    column("signed_at", "text", "the phase key its last party accepted in; empty if never", (c) =>
      keyOf(c.commitment.signedAt),
    ),
    column(
      "ended_at",
      "text",
      "the phase key at whose end it stopped being in force; empty if it did not",
      (c) => keyOf(c.commitment.endedAt),
    ),
    column("until", "text", "the last season it was to hold, e.g. 1903-fall; empty: until renounced", (c) =>
      seasonKey(c.commitment.until),
    ),
    column("exposed", "boolean", "a secret commitment revealed by a breach", (c) => c.commitment.exposed),
    column(
      "clauses",
      "integer",
      "how many clauses it has (see clauses.csv)",
      (c) => c.commitment.clauses.length,
    ),
    column("summary", "text", "its clauses in a few words, as the newspaper sums them up", (c) =>
      clausesSummary(c.map, c.commitment.clauses),
    ),
  ],
  (m) => m.facts.source.last.commitments.map((commitment) => ({ commitment, map: m.map })),
);

/** The powers, provinces and season a clause names. */
function clauseTerms(clause: Clause): {
  powers: readonly PowerId[];
  provinces: readonly ProvinceId[];
  season: SeasonRef | null;
} {
  switch (clause.kind) {
    case "text":
      return { powers: [], provinces: [], season: null };
    case "non-aggression":
      return { powers: [clause.from, clause.to], provinces: [], season: null };
    case "demilitarised-zone":
      return { powers: clause.powers, provinces: clause.provinces, season: null };
    case "support-pledge": {
      const where = [clause.supporter, clause.supported, ...(clause.to === null ? [] : [clause.to])];
      return { powers: [clause.power, clause.beneficiary], provinces: where, season: clause.when };
    }
    case "no-build":
      return { powers: [clause.power], provinces: clause.centers, season: null };
    case "cede":
      return { powers: [clause.power, clause.to], provinces: [clause.province], season: clause.by };
    case "alliance":
      return { powers: clause.powers, provinces: [], season: null };
  }
}

/** A clause of a commitment. */
interface ClauseRow {
  readonly commitmentId: string;
  readonly number: number;
  readonly clause: Clause;
  readonly map: GameMap;
}

const clauses = matchTable<ClauseRow>(
  "clauses",
  "one row per clause of each commitment in commitments.csv",
  [
    column("commitment_id", "text", "the commitment it belongs to", (c) => c.commitmentId),
    column("clause_number", "integer", "1 for its first clause, 2 for the next, …", (c) => c.number),
    column(
      "kind",
      "text",
      "text, non-aggression, demilitarised-zone, support-pledge, no-build, cede or alliance",
      (c) => c.clause.kind,
    ),
    column("words", "text", "the clause in a few words", (c) => clausesSummary(c.map, [c.clause])),
    column("powers", "text", "the powers it names, separated by spaces", (c) =>
      spaced(clauseTerms(c.clause).powers),
    ),
    column("provinces", "text", "the provinces or centres it names, separated by spaces", (c) =>
      spaced(clauseTerms(c.clause).provinces),
    ),
    column(
      "season",
      "text",
      "the season it names (a pledge's date, a cession's deadline), e.g. 1902-spring",
      (c) => seasonKey(clauseTerms(c.clause).season),
    ),
    column("fleets_only", "boolean", "a no-build clause that bans only fleets; empty for other kinds", (c) =>
      c.clause.kind === "no-build" ? c.clause.fleetsOnly : null,
    ),
    column("text", "text", "the free text of a text clause, as its proposer wrote it", (c) =>
      c.clause.kind === "text" ? c.clause.text : null,
    ),
  ],
  (m) =>
    m.facts.source.last.commitments.flatMap((c) =>
      c.clauses.map((clause, i) => ({ commitmentId: c.id, number: i + 1, clause, map: m.map })),
    ),
);

// ---------------------------------------------------------------------------------------------
// notices

/** A notice given on a commitment, as an action of the source. */
interface NoticeRow {
  readonly phase: string;
  readonly by: PowerId;
  readonly commitmentId: string;
}

/** The notices among the source's actions. */
function noticeRows(m: MatchContext): NoticeRow[] {
  const { actions, start } = m.facts.source;
  return actions.flatMap((a): NoticeRow[] => {
    const args = a.args as { commitmentId?: unknown } | null | undefined;
    if (a.move !== "notice" || typeof args?.commitmentId !== "string") return [];
    return [
      { phase: a.phase, by: start.powers[Number(a.playerID)] ?? a.playerID, commitmentId: args.commitmentId },
    ];
  });
}

const notices = matchTable<NoticeRow>(
  "notices",
  "one row per notice given (a party's formal renunciation of a commitment)",
  [
    column("phase", "text", "the phase key it was given in", (n) => n.phase),
    column("commitment_id", "text", "the commitment renounced", (n) => n.commitmentId),
    column("by", "text", "the power that gave it", (n) => n.by),
  ],
  noticeRows,
);

// ---------------------------------------------------------------------------------------------
// defections

/** A defection detected in a phase, and whether the paper reported it. */
interface DefectionRow {
  readonly defection: Defection;
  readonly reported: boolean;
}

/** Whether an edition prints a defection of `by` against `against`. */
function reports(edition: Edition | undefined, d: Defection): boolean {
  return (edition?.articles ?? []).some(
    (a) => a.event.type === "defection" && a.event.by === d.by && a.event.against === d.against,
  );
}

const defections = matchTable<DefectionRow>(
  "defections",
  "one row per defection detected (those the reader may see)",
  [
    column("phase", "text", "the phase key it happened in", (d) => phaseKey(d.defection.at)),
    column("by", "text", "the power that defected", (d) => d.defection.by),
    column("against", "text", "the power defected against", (d) => d.defection.against),
    column(
      "kind",
      "text",
      "surprise (no notice), announced (notice given) or retaliation",
      (d) => d.defection.kind,
    ),
    column(
      "acts",
      "integer",
      "how many acts make it (orders, or clauses left unkept)",
      (d) => d.defection.acts.length,
    ),
    column("commitments", "text", "the commitments it broke, separated by spaces", (d) =>
      spaced([...new Set(d.defection.acts.map((a) => a.commitmentId))]),
    ),
    column("what", "text", "each act in plain words, separated by semicolons", (d) =>
      d.defection.acts.map((a) => a.description).join("; "),
    ),
    column("reported", "boolean", "the paper printed it (it may miss one)", (d) => d.reported),
  ],
  (m) => {
    const { last } = m.facts.source;
    const editions = editionsByPhase(last.editions);
    return last.history.flatMap((record) =>
      record.defections.map((defection) => ({
        defection,
        reported: reports(editions.get(phaseKey(record.phase)), defection),
      })),
    );
  },
);

// ---------------------------------------------------------------------------------------------
// articles

/** An article of an edition. */
interface ArticleRow {
  readonly edition: Edition;
  readonly number: number;
  readonly article: Article;
}

/** The words an article quotes: a communiqué's or a leaked letter's text. */
function quoted(article: Article): string | null {
  const event = article.event;
  return event.type === "communique" || event.type === "leak" ? event.text : null;
}

const articles = matchTable<ArticleRow>(
  "articles",
  "one row per article of each edition of the newspaper",
  [
    column("edition", "integer", "the edition's number (1, 2, …)", (a) => a.edition.number),
    column("phase", "text", "the phase key the edition reports on", (a) => phaseKey(a.edition.phase)),
    column("article_number", "integer", "its place in the edition, most important first", (a) => a.number),
    column(
      "kind",
      "text",
      "what it reports: battle, defection, leak, communique, reputation, …",
      (a) => a.article.event.type,
    ),
    column("headline", "text", "the headline as printed", (a) => a.article.headline),
    column("text", "text", "the words it quotes (a communiqué or a leaked letter); empty otherwise", (a) =>
      quoted(a.article),
    ),
  ],
  (m) =>
    m.facts.source.last.editions.flatMap((edition) =>
      edition.articles.map((article, i) => ({ edition, number: i + 1, article })),
    ),
);

// ---------------------------------------------------------------------------------------------
// standings

/** Where one power stood after one phase (phase 0: the start). */
interface StandingRow {
  readonly number: number;
  readonly phase: string;
  readonly power: PowerId;
  readonly centres: number;
  readonly units: number;
  readonly reputation: number | null;
  readonly prestige: number | null;
}

/** Every power's standing at the start and after each resolved phase. */
function standingRows(m: MatchContext): StandingRow[] {
  const { source } = m.facts;
  const states = [{ phase: "start", G: source.start }, ...source.phases];
  return states.flatMap(({ phase, G }, number) =>
    G.powers.map((power) => ({
      number,
      phase,
      power,
      centres: Object.values(G.position.supplyCenters).filter((owner) => owner === power).length,
      units: G.position.units.filter((u) => u.power === power).length,
      reputation: G.reputation[power] ?? null,
      prestige: G.prestige[power] ?? null,
    })),
  );
}

const standings = matchTable<StandingRow>(
  "standings",
  "one row per power at the start and after each resolved phase",
  [
    column("phase_number", "integer", "0 for the start, then as in phases.csv", (s) => s.number),
    column("phase", "text", "the phase key just resolved, or start", (s) => s.phase),
    column("power", "text", "the power", (s) => s.power),
    column("centres", "integer", "supply centres it owned", (s) => s.centres),
    column("units", "integer", "units it had on the board", (s) => s.units),
    column("reputation", "number", "its public reputation (0–100)", (s) => s.reputation),
    column("prestige", "number", "its public prestige", (s) => s.prestige),
  ],
  standingRows,
);

// ---------------------------------------------------------------------------------------------
// messages

/**
 * The press items a source covers: all of them once it reaches the match's end, else only those
 * of phases that resolved (what was said in the phase in progress stays out, like its orders).
 */
export function pressInView(source: DebriefSource, press: readonly PressItem[]): PressItem[] {
  if (source.ended) return [...press];
  const resolved = new Set(source.phases.map((p) => p.phase));
  return press.filter((item) => resolved.has(phaseKey(item.at)));
}

const messages = matchTable<PressItem>(
  "messages",
  "one row per item of press: every communiqué, and private messages only in a teacher's export when the session announced it",
  [
    column("message_id", "text", "the item's id", (p) => p.id),
    column("phase", "text", "the phase key it was sent in", (p) => phaseKey(p.at)),
    column("sent_at", "text", "when the server received it (UTC, ISO 8601)", (p) => isoTime(p.sentAt)),
    column("kind", "text", "message (private) or communique (public)", (p) => p.kind),
    column("from", "text", "the power that sent it", (p) => p.from),
    column("to", "text", "the recipients, separated by spaces; empty for a communiqué", (p) => spaced(p.to)),
    column("text", "text", "what it says", (p) => p.text),
  ],
  (m) => pressInView(m.facts.source, m.facts.press),
);

// ---------------------------------------------------------------------------------------------
// The tables together.

/** Every table of a match, in the order the export writes them. */
export const MATCH_TABLES: readonly MatchTable[] = [
  matches,
  phases,
  orders,
  commitments,
  clauses,
  notices,
  defections,
  articles,
  standings,
  messages,
];

/** The column a class export puts first in each table that has none of its own. */
export const MATCH_ID_COLUMN: ColumnSpec = {
  name: "match_id",
  kind: "text",
  about: "the match the row belongs to (a class export only)",
};

/** The students of a class session (a class export only). */
const studentColumns: readonly Column<StudentFacts>[] = [
  column("student", "text", "the name the student joined with", (s) => s.name),
  column("match_id", "text", "the match they were placed in; empty if none", (s) => s.matchId),
  column("power", "text", "the power they played; empty if they played none", (s) => s.power),
  column("joined_at", "text", "when they joined (UTC, ISO 8601)", (s) => isoTime(s.joinedAt)),
];

/** The students table: its name, row and columns. */
export const STUDENTS_TABLE = {
  name: "students",
  about: "one row per student of the class session (never a key)",
  columns: studentColumns as readonly ColumnSpec[],
} as const;

/** Which export: one match's, or a class session's. */
export type ExportScope = "match" | "class";

/** The columns of every table of an export, by table name, in the order the export writes them. */
export function exportColumns(scope: ExportScope): { name: string; about: string; columns: ColumnSpec[] }[] {
  const tables = MATCH_TABLES.map((t) => ({
    name: t.name,
    about: t.about,
    columns: scope === "class" && !t.keyed ? [MATCH_ID_COLUMN, ...t.columns] : [...t.columns],
  }));
  if (scope === "match") return tables;
  return [
    ...tables,
    { name: STUDENTS_TABLE.name, about: STUDENTS_TABLE.about, columns: [...studentColumns] },
  ];
}

/** The map a source's match is played on. */
function mapOf(source: DebriefSource): GameMap {
  const map = getMap(source.start.settings.mapId);
  if (map === null) throw new Error(`match ${source.matchID}: no map ${source.start.settings.mapId}`);
  return map;
}

/** One match's export: every table with its rows. */
export function matchExport(facts: MatchFacts): TableRows[] {
  const m: MatchContext = { facts, map: mapOf(facts.source) };
  return MATCH_TABLES.map((t) => ({ name: t.name, columns: t.columns, rows: t.make(m) }));
}

/** A class session's export: each table holds every match's rows (after a match_id), then the students. */
export function classExport(
  matchFacts: readonly MatchFacts[],
  students: readonly StudentFacts[],
): TableRows[] {
  const contexts = matchFacts.map((facts): MatchContext => ({ facts, map: mapOf(facts.source) }));
  const tables = MATCH_TABLES.map((t): TableRows => {
    const columns = t.keyed ? t.columns : [MATCH_ID_COLUMN, ...t.columns];
    const rows = contexts.flatMap((m) =>
      t.make(m).map((cells) => (t.keyed ? cells : [m.facts.source.matchID, ...cells])),
    );
    return { name: t.name, columns, rows };
  });
  const studentRows = students.map((s) => cellsOf(studentColumns, s));
  return [...tables, { name: STUDENTS_TABLE.name, columns: STUDENTS_TABLE.columns, rows: studentRows }];
}

/** A table's rows as objects keyed by column name (the JSON export's form). */
export function rowsAsRecords(table: TableRows): Record<string, Cell>[] {
  return table.rows.map((cells) =>
    Object.fromEntries(table.columns.map((c, i) => [c.name, cells[i] ?? null])),
  );
}
