/**
 * Editions: the events of one resolved phase put in order of importance and given headlines,
 * and a plain-text front page for tools and tests.
 *
 * The order is fixed by event type (see `IMPORTANCE`) and stable within a rank, so events keep
 * the order they were given in. Headlines are drawn from the generator in the final order, one
 * draw each: the same seed and the same events always give the same paper.
 */
import type { GameMap } from "../map/types";
import type { Rng } from "../random";
import type { PhaseRef } from "../trust/types";
import { formatPhase, headline } from "./headlines";
import type { Article, Edition, NewsEvent, NewsEventType } from "./types";

/** The paper's name, printed on every front page. */
export const GAZETTE_TITLE = "The Entente Gazette";

/** The rank of each event type on the page: lower comes first. */
export const IMPORTANCE: Readonly<Record<NewsEventType, number>> = {
  "game-end": 0,
  defection: 1,
  "secret-exposed": 1,
  elimination: 2,
  "solo-threat": 3,
  leak: 4,
  "commitment-signed": 5,
  "commitment-renounced": 5,
  "commitment-honoured": 5,
  dislodgement: 6,
  "center-captured": 7,
  battle: 8,
  communique: 9,
  reputation: 10,
  prestige: 10,
};

/** The rank of an event; unknown types go last. */
function rankOf(event: NewsEvent): number {
  const ranks: Partial<Record<string, number>> = IMPORTANCE; // a stored edition may hold any type
  return ranks[event.type] ?? Number.MAX_SAFE_INTEGER;
}

/** The events in order of importance, stable within a rank. */
export function orderEvents(events: readonly NewsEvent[]): NewsEvent[] {
  return events
    .map((event, index) => ({ event, index, rank: rankOf(event) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ event }) => event);
}

/**
 * One edition of the paper: the events ordered by importance, each with its headline drawn from
 * `rng` in that order.
 */
export function composeEdition(
  number: number,
  phase: PhaseRef,
  events: readonly NewsEvent[],
  map: GameMap,
  rng: Rng,
): Edition {
  const articles: Article[] = orderEvents(events).map((event) => ({
    event,
    headline: headline(event, map, rng),
  }));
  return { number, phase, articles };
}

/**
 * The front page as plain text: the title with the phase reported on, the edition number and map,
 * a rule, then one numbered headline a line (or a note that there is no news).
 */
export function editionText(edition: Edition, map: GameMap): string {
  const title = `${GAZETTE_TITLE} — ${formatPhase(edition.phase)}`;
  const subtitle = `No. ${edition.number} · ${map.name}`;
  const rule = "=".repeat(Math.max(title.length, subtitle.length));
  const body =
    edition.articles.length === 0
      ? ["All quiet: nothing to report this phase."]
      : edition.articles.map((a, i) => `${i + 1}. ${a.headline}`);
  return [title, subtitle, rule, ...body].join("\n") + "\n";
}
