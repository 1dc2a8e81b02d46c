/**
 * Standing over time and the network of commitments, as plain data: the reputation and prestige
 * series rebuilt from the editions (each reputation/prestige event carries the value after the
 * change, starting from the preset's start values), and the edges of who is committed to whom.
 */
import type { PowerId } from "../../../shared/src/map/types";
import type { Edition } from "../../../shared/src/newspaper/types";
import type { Commitment, PhaseRef, Preset } from "../../../shared/src/trust/types";

/** The standing of every power after one edition (or at the start). */
export interface StandingPoint {
  readonly edition: number; // 0: the start of the game
  readonly phase: PhaseRef | null; // the phase the edition reports on; null at the start
  readonly reputation: Readonly<Record<PowerId, number>>;
  readonly prestige: Readonly<Record<PowerId, number>>;
}

/**
 * The reputation and prestige of each power at the start and after each edition, in edition
 * order. A power's value carries over an edition that does not mention it; when an edition
 * reports several changes, the last value printed stands.
 */
export function standingSeries(
  powers: readonly PowerId[],
  preset: Preset,
  editions: readonly Edition[],
): StandingPoint[] {
  let reputation: Record<PowerId, number> = Object.fromEntries(
    powers.map((p) => [p, preset.reputation.start]),
  );
  let prestige: Record<PowerId, number> = Object.fromEntries(powers.map((p) => [p, preset.prestige.start]));
  const points: StandingPoint[] = [{ edition: 0, phase: null, reputation, prestige }];
  for (const edition of [...editions].sort((a, b) => a.number - b.number)) {
    reputation = { ...reputation };
    prestige = { ...prestige };
    for (const { event } of edition.articles) {
      if (event.type === "reputation") reputation[event.power] = event.value;
      else if (event.type === "prestige") prestige[event.power] = event.value;
    }
    points.push({ edition: edition.number, phase: edition.phase, reputation, prestige });
  }
  return points;
}

/** The lowest and highest value of a series, padded to a readable range within 0–100. */
export function seriesRange(
  points: readonly StandingPoint[],
  key: "reputation" | "prestige",
): [number, number] {
  let lo = 100;
  let hi = 0;
  for (const p of points)
    for (const v of Object.values(p[key])) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  if (lo > hi) return [0, 100];
  const low = Math.max(0, Math.floor((lo - 5) / 10) * 10);
  const high = Math.min(100, Math.ceil((hi + 5) / 10) * 10);
  return high - low < 20
    ? [Math.max(0, Math.min(low, high - 20)), Math.max(high, Math.min(100, low + 20))]
    : [low, high];
}

/** One edge of the network: two powers and the commitments in force between them. */
export interface NetworkEdge {
  readonly a: PowerId;
  readonly b: PowerId; // a < b
  readonly publicIds: readonly string[]; // public commitments (or exposed secret ones)
  readonly secretIds: readonly string[]; // secret commitments the viewer is party to
}

/**
 * Who is committed to whom: one edge per pair of powers with a commitment in force that the viewer
 * may show — a public one, or a secret one the viewer is party to. A commitment of three or more
 * parties links every pair of them. Commitments with a notice pending are still in force.
 */
export function networkEdges(
  commitments: readonly Commitment[],
  viewer: PowerId | null,
  noticed: ReadonlySet<string> = new Set(),
): NetworkEdge[] {
  const edges = new Map<string, { a: PowerId; b: PowerId; publicIds: string[]; secretIds: string[] }>();
  for (const c of commitments) {
    const live = c.status === "active" || (c.status === "renounced" && noticed.has(c.id));
    if (!live) continue;
    const open = c.visibility === "public" || c.exposed;
    if (!open && (viewer === null || !c.parties.includes(viewer))) continue;
    const parties = [...new Set(c.parties)].sort();
    for (let i = 0; i < parties.length; i++)
      for (let j = i + 1; j < parties.length; j++) {
        const a = parties[i]!;
        const b = parties[j]!;
        const key = `${a}+${b}`;
        let edge = edges.get(key);
        if (!edge) edges.set(key, (edge = { a, b, publicIds: [], secretIds: [] }));
        (open ? edge.publicIds : edge.secretIds).push(c.id);
      }
  }
  return [...edges.values()];
}
