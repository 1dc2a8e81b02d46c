/**
 * Diplomacy with every clause. What a bot offers beyond an alliance — a demilitarised zone on a
 * shared border, a support pledge for a joint attack, a cession, a mutual limit on fleets — and how
 * it judges a proposal put to it, clause by clause: whether each clause serves it, whether it can
 * keep it, and whether the proposer's record (the ledger and the public reputation) is good enough.
 * Also the small order helpers that keep the clauses a bot signs where the tactics do not look:
 * retreats and builds, and commitments no order set can keep.
 *
 * Everything reads only the bot's own view (the board, the commitments it can see, its ledger), so
 * it is pure and replays from the same view.
 */
import type { Position } from "../game/position";
import { provinceOf } from "../map/locations";
import type { GameMap, PowerId, ProvinceId } from "../map/types";
import { legalOrders } from "../orders/legal";
import type { Order } from "../orders/types";
import { breachesOf } from "../trust/breaches";
import { compareSeasons } from "../trust/calendar";
import type { Clause, Commitment, SeasonRef } from "../trust/types";
import type { LedgerEntry, TrustLedger } from "./ledger";
import type { Personality } from "./personality";

/** Reported surprise defections (against anyone) that make a power a serial backstabber. */
export const SERIAL_SURPRISES = 2;
/** Public reputation at or below which a power counts as a serial backstabber, whatever the count. */
export const SERIAL_REPUTATION = 20;
/** Trust in a partner from which a bot offers an alliance; below it, a demilitarised zone only. */
export const ALLIANCE_TRUST = 0.4;
/** Trust in the proposer a bot needs before it pledges support, cedes a province or limits its builds. */
export const CONCESSION_TRUST = 0.4;
/** Provinces a bot asks to demilitarise on one border, at most. */
const ZONE_SIZE = 2;

/**
 * Whether the paper's record makes a power a serial backstabber: at least `SERIAL_SURPRISES`
 * reported surprise defections against anyone, or a public reputation at `SERIAL_REPUTATION` or below.
 */
export function serialBackstabber(entry: LedgerEntry | undefined, reputation: number): boolean {
  return (entry?.surprisesAgainstAnyone ?? 0) >= SERIAL_SURPRISES || reputation <= SERIAL_REPUTATION;
}

/** The provinces each unit of `power` could move into this movement phase (no convoys), by unit location. */
function movesOf(map: GameMap, position: Position, power: PowerId): Map<string, Set<ProvinceId>> {
  const out = new Map<string, Set<ProvinceId>>();
  const legal = legalOrders(map, position, power);
  if (legal.phase !== "movement") return out;
  for (const u of legal.units) {
    const to = new Set<ProvinceId>();
    for (const o of u.orders) if (o.kind === "move" && !o.viaConvoy) to.add(provinceOf(map, o.to));
    out.set(u.unit.location, to);
  }
  return out;
}

/** How many units of `power` could move into each province this movement phase. */
export function reachCounts(map: GameMap, position: Position, power: PowerId): Map<ProvinceId, number> {
  const counts = new Map<ProvinceId, number>();
  for (const to of movesOf(map, position, power).values())
    for (const p of to) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}

/**
 * The border two powers share: empty provinces that are not supply centres and that a unit of each
 * could move into this phase, most contested first (by the units that could enter), then by id.
 */
export function sharedBorder(map: GameMap, position: Position, a: PowerId, b: PowerId): ProvinceId[] {
  const ra = reachCounts(map, position, a);
  const rb = reachCounts(map, position, b);
  const occupied = new Set(position.units.map((u) => provinceOf(map, u.location)));
  return [...ra.keys()]
    .filter((p) => rb.has(p) && !occupied.has(p) && map.province.get(p)?.supplyCenter !== true)
    .sort((x, y) => ra.get(y)! + rb.get(y)! - (ra.get(x)! + rb.get(x)!) || x.localeCompare(y));
}

/** Two powers in the map's order. */
function pair(powers: readonly PowerId[], a: PowerId, b: PowerId): [PowerId, PowerId] {
  return powers.indexOf(a) <= powers.indexOf(b) ? [a, b] : [b, a];
}

/**
 * A demilitarised zone on the border of `me` and `partner` (at most `ZONE_SIZE` provinces, none of
 * `entering`: where its own orders go), or null when they share no such border.
 */
export function zoneOffer(
  map: GameMap,
  position: Position,
  powers: readonly PowerId[],
  me: PowerId,
  partner: PowerId,
  entering: ReadonlySet<ProvinceId> = new Set(),
): Clause | null {
  const border = sharedBorder(map, position, me, partner)
    .filter((p) => !entering.has(p))
    .slice(0, ZONE_SIZE);
  if (border.length === 0) return null;
  return { kind: "demilitarised-zone", powers: pair(powers, me, partner), provinces: border.sort() };
}

/** The sea provinces a fleet in a province (any of its coasts) could move into. */
function seasBy(map: GameMap, province: ProvinceId): Set<ProvinceId> {
  const seas = new Set<ProvinceId>();
  for (const l of map.locations) {
    if (provinceOf(map, l.id) !== province) continue;
    for (const q of map.fleetAdjacency.get(l.id) ?? [])
      if (map.province.get(provinceOf(map, q))?.kind === "sea") seas.add(provinceOf(map, q));
  }
  return seas;
}

/** The home centres of a power. */
function homeOf(map: GameMap, power: PowerId): readonly ProvinceId[] {
  return map.power.get(power)?.homeCenters ?? [];
}

/** Home centres of `power` on a sea next to a home centre of `other`. */
function homePorts(map: GameMap, power: PowerId, other: PowerId): ProvinceId[] {
  const theirs = new Set(homeOf(map, other).flatMap((c) => [...seasBy(map, c)]));
  return homeOf(map, power).filter((c) => [...seasBy(map, c)].some((s) => theirs.has(s)));
}

/**
 * A mutual limit on fleets between two naval rivals: neither builds a fleet in its home centres on
 * the sea they share (two no-build clauses), or null when they share no such sea.
 */
export function fleetLimitOffer(map: GameMap, me: PowerId, partner: PowerId): Clause[] | null {
  const mine = homePorts(map, me, partner);
  const theirs = homePorts(map, partner, me);
  if (mine.length === 0 || theirs.length === 0) return null;
  return [
    { kind: "no-build", power: me, centers: [...mine].sort(), fleetsOnly: true },
    { kind: "no-build", power: partner, centers: [...theirs].sort(), fleetsOnly: true },
  ];
}

/** The power that holds a province at the start of the phase: its unit there, else its centre's owner. */
export function holderOf(map: GameMap, position: Position, province: ProvinceId): PowerId | null {
  const unit = position.units.find((u) => provinceOf(map, u.location) === province);
  return unit?.power ?? position.supplyCenters[province] ?? null;
}

/** What a bot's request for a pledge rests on: a move it has ordered and an ally that could support it. */
export interface PledgeRequest {
  readonly partner: PowerId;
  readonly clause: Clause;
  readonly victim: PowerId;
}

/**
 * A support pledge a bot asks of an ally for one of its own attacks this season: among its moves
 * into a province another power holds (not the ally), one an ally in `allies` could support with a
 * unit next to it (a support `legalOrders` offers the ally). Attacks on a power in `targets` first,
 * then on a held unit (where support decides the fight), then by province. Null when none.
 */
export function pledgeRequest(
  map: GameMap,
  position: Position,
  me: PowerId,
  orders: readonly Order[],
  allies: readonly PowerId[],
  targets: ReadonlySet<PowerId>,
  when: SeasonRef,
): PledgeRequest | null {
  if (position.phase !== "movement" || allies.length === 0) return null;
  const supports = new Map(allies.map((a) => [a, legalOrders(map, position, a)]));
  const options: { request: PledgeRequest; rank: number; key: string }[] = [];
  for (const o of orders) {
    if (o.kind !== "move" || o.viaConvoy) continue;
    const from = provinceOf(map, o.unit.location);
    const to = provinceOf(map, o.to);
    const victim = holderOf(map, position, to);
    if (victim === null || victim === me || allies.includes(victim)) continue;
    const guarded = position.units.some((u) => provinceOf(map, u.location) === to);
    for (const ally of allies) {
      const legal = supports.get(ally)!;
      if (legal.phase !== "movement") continue;
      for (const u of legal.units) {
        const support = u.orders.find(
          (s) =>
            s.kind === "support" &&
            s.to !== undefined &&
            provinceOf(map, s.target.location) === from &&
            provinceOf(map, s.to) === to,
        );
        if (support === undefined) continue;
        const clause: Clause = {
          kind: "support-pledge",
          power: ally,
          beneficiary: me,
          supporter: provinceOf(map, u.unit.location),
          supported: from,
          to,
          when,
        };
        options.push({
          request: { partner: ally, clause, victim },
          rank: (targets.has(victim) ? 2 : 0) + (guarded ? 1 : 0),
          key: `${to}|${ally}|${clause.supporter}`,
        });
      }
    }
  }
  options.sort((a, b) => b.rank - a.rank || a.key.localeCompare(b.key));
  return options[0]?.request ?? null;
}

/**
 * A cession a bot asks of a partner whose centre it is moving into: the partner leaves it and does
 * not contest the move (by the end of this season), so that the centre changes hands without a
 * fight. Only for a centre that is not one of the partner's home centres, when no other order of the
 * bot attacks that partner. Null when none.
 */
export function cessionRequest(
  map: GameMap,
  position: Position,
  me: PowerId,
  orders: readonly Order[],
  partners: readonly PowerId[],
  when: SeasonRef,
): { partner: PowerId; clause: Clause } | null {
  if (position.phase !== "movement") return null;
  const home = (p: PowerId): readonly ProvinceId[] => homeOf(map, p);
  const into = orders
    .filter((o) => o.kind === "move" && !o.viaConvoy)
    .map((o) => (o.kind === "move" ? provinceOf(map, o.to) : ""));
  const supportedInto = orders
    .filter((o) => o.kind === "support" && o.to !== undefined)
    .map((o) => (o.kind === "support" && o.to !== undefined ? provinceOf(map, o.to) : ""));
  for (const partner of partners) {
    const hits = [...into, ...supportedInto].filter((p) => holderOf(map, position, p) === partner);
    const centres = [...new Set(hits)].filter(
      (p) => position.supplyCenters[p] === partner && !home(partner).includes(p),
    );
    // Exactly one province of the partner attacked, a centre it could give up.
    if (new Set(hits).size !== 1 || centres.length !== 1) continue;
    return {
      partner,
      clause: { kind: "cede", power: partner, to: me, province: centres[0]!, by: when },
    };
  }
  return null;
}

/** What a bot weighs when it judges a proposal put to it. */
export interface ProposalContext {
  readonly map: GameMap;
  readonly position: Position;
  readonly me: PowerId;
  readonly personality: Personality;
  readonly ledger: TrustLedger;
  readonly reputation: Readonly<Record<PowerId, number>>;
  /** The commitments in force the bot is party to (its other words). */
  readonly ties: readonly Commitment[];
  /** Powers it attacks this round (its stance). */
  readonly attacking: ReadonlySet<PowerId>;
  /** The season now. */
  readonly now: SeasonRef;
}

/** Whether a clause binds `me` to act or refrain (as opposed to binding others only). */
function binds(clause: Clause, me: PowerId): boolean {
  switch (clause.kind) {
    case "text":
      return true;
    case "non-aggression":
      return clause.from === me;
    case "alliance":
      return clause.powers.includes(me);
    case "demilitarised-zone":
      return clause.powers.includes(me);
    case "support-pledge":
    case "no-build":
    case "cede":
      return clause.power === me;
  }
}

/** Whether the pledged support is an order `me` may give now. */
function pledgedOrder(
  ctx: ProposalContext,
  clause: Extract<Clause, { kind: "support-pledge" }>,
): Order | null {
  const legal = legalOrders(ctx.map, ctx.position, ctx.me);
  if (legal.phase !== "movement") return null;
  for (const u of legal.units) {
    if (provinceOf(ctx.map, u.unit.location) !== clause.supporter) continue;
    const found = u.orders.find(
      (o) =>
        o.kind === "support" &&
        provinceOf(ctx.map, o.target.location) === clause.supported &&
        (o.to === undefined ? null : provinceOf(ctx.map, o.to)) === clause.to,
    );
    if (found) return found;
  }
  return null;
}

/**
 * Why a bot turns down one clause of `c`, in its own words, or null when the clause serves it (or
 * binds only others and does it no harm). The proposer's standing is weighed for the clauses that
 * cost the bot something: a pledge of support, a cession, a limit on its builds.
 */
export function clauseRefusal(ctx: ProposalContext, c: Commitment, clause: Clause): string | null {
  const { map, position, me } = ctx;
  const proposerTrust = ctx.ledger[c.proposer]?.trust ?? 0.5;
  const province = (p: ProvinceId): string => map.province.get(p)?.name ?? p;
  if (!binds(clause, me)) {
    // A clause that binds others: refuse only one that helps an attack on the bot.
    if (clause.kind === "support-pledge" && clause.to !== null && holderOf(map, position, clause.to) === me)
      return "I will not sign to a support against my own units.";
    return null;
  }
  switch (clause.kind) {
    case "text":
    case "non-aggression":
    case "alliance":
      return null;
    case "demilitarised-zone": {
      if (!clause.powers.some((p) => p !== me))
        return "A zone binds both sides or none: name yourself in it too.";
      const own = clause.provinces.find((p) => position.supplyCenters[p] === me);
      if (own !== undefined) return `I will not leave ${province(own)} undefended.`;
      const standing = clause.provinces.find((p) =>
        position.units.some((u) => u.power === me && provinceOf(map, u.location) === p),
      );
      if (standing !== undefined) return `My units stand in ${province(standing)}; I do not sign that zone.`;
      return null;
    }
    case "support-pledge": {
      if (compareSeasons(clause.when, ctx.now) !== 0 || position.phase !== "movement")
        return "I pledge support only for this season's orders.";
      if (proposerTrust < CONCESSION_TRUST) return "I do not trust you enough to fight beside you.";
      const order = pledgedOrder(ctx, clause);
      if (order === null) return "I cannot give that support.";
      const victim = clause.to === null ? null : holderOf(map, position, clause.to);
      if (victim !== null && victim !== c.proposer) {
        const broken = breachesOf(map, position, ctx.ties, me, [order])[0] ?? [];
        if (broken.length > 0) return "That support would break my word to another.";
        const victimTrust = ctx.ledger[victim]?.trust ?? 0.5;
        const shared =
          ctx.attacking.has(victim) ||
          serialBackstabber(ctx.ledger[victim], ctx.reputation[victim] ?? 50) ||
          victimTrust < proposerTrust;
        if (!shared) return "I have no quarrel with the power you would attack.";
      }
      return null;
    }
    case "cede": {
      if (clause.to !== c.proposer && !c.parties.includes(clause.to)) return "I cede only to a party.";
      if (homeOf(map, me).includes(clause.province))
        return `I will never give up ${province(clause.province)}.`;
      if (proposerTrust < CONCESSION_TRUST) return "I do not trust you enough to hand you anything.";
      const theirs = reachCounts(map, position, clause.to).get(clause.province) ?? 0;
      const held = position.units.some(
        (u) => u.power === me && provinceOf(map, u.location) === clause.province,
      );
      const mine = (reachCounts(map, position, me).get(clause.province) ?? 0) + (held ? 1 : 0);
      if (theirs <= mine) return `I can hold ${province(clause.province)}; I keep it.`;
      return null;
    }
    case "no-build": {
      const mutual = c.clauses.some((x) => x.kind === "no-build" && x.power !== me);
      if (!clause.fleetsOnly && (!mutual || clause.centers.length === 0))
        return "I will not give up building armies.";
      if (!mutual && proposerTrust < CONCESSION_TRUST + 0.1)
        return "A limit on my builds alone is no bargain.";
      return null;
    }
  }
}

/**
 * The commitments of `keep` that the orders of `power` can all keep together this movement phase:
 * a commitment is dropped (newest first) while some unit of the power would have no legal order
 * left that keeps the rest — a pledged support that is no longer possible, a zone a unit cannot
 * leave. The tactics need at least one order per unit; what is dropped will be broken.
 */
export function keepableCommitments(
  map: GameMap,
  position: Position,
  power: PowerId,
  keep: readonly Commitment[],
  avoid: ReadonlySet<PowerId>,
): { kept: Commitment[]; dropped: Commitment[] } {
  // Peace clauses and build limits leave every unit its hold: only zones, cessions and pledges
  // can leave a unit with no order that keeps them.
  const binding = keep.some((c) =>
    c.clauses.some(
      (cl) => cl.kind === "demilitarised-zone" || cl.kind === "cede" || cl.kind === "support-pledge",
    ),
  );
  if (!binding || avoid.size === 0 || position.phase !== "movement") return { kept: [...keep], dropped: [] };
  const legal = legalOrders(map, position, power);
  if (legal.phase !== "movement") return { kept: [...keep], dropped: [] };
  const kept = [...keep];
  const dropped: Commitment[] = [];
  const all = legal.units.flatMap((u) => u.orders);
  for (;;) {
    const found = breachesOf(map, position, kept, power, all);
    const breaking = new Set<Order>();
    found.forEach((b, i) => {
      if (b.some((x) => x.against.some((p) => avoid.has(p)))) breaking.add(all[i]!);
    });
    const stuck = legal.units.some((u) => u.orders.every((o) => breaking.has(o)));
    if (!stuck || kept.length === 0) break;
    // Drop the newest of the commitments that forbid the stuck unit's orders.
    const blamed = new Set<string>();
    found.forEach((b) => b.forEach((x) => blamed.add(x.commitmentId)));
    const index = kept.map((c) => blamed.has(c.id)).lastIndexOf(true);
    if (index < 0) break;
    dropped.push(...kept.splice(index, 1));
  }
  return { kept, dropped };
}

/**
 * Retreats and builds that keep the bot's word: a retreat into a zone it must keep empty (or a
 * province it ceded) becomes another retreat that breaks nothing, or a disband; a build a clause
 * forbids becomes another build that breaks nothing, or a waive. Movement orders are returned as
 * they are (the tactics keep those through the intent). The tactics do not look at the commitments
 * outside movement; this does, on their orders.
 */
export function keepWordOutsideMovement(
  map: GameMap,
  position: Position,
  power: PowerId,
  orders: readonly Order[],
  keep: readonly Commitment[],
  avoid: ReadonlySet<PowerId>,
): Order[] {
  if (position.phase === "movement" || keep.length === 0 || avoid.size === 0) return [...orders];
  const breaks = (list: readonly Order[]): boolean[] =>
    breachesOf(map, position, keep, power, list).map((b) =>
      b.some((x) => x.against.some((p) => avoid.has(p))),
    );
  const broken = breaks(orders);
  if (!broken.includes(true)) return [...orders];
  const legal = legalOrders(map, position, power);
  const out = [...orders];
  if (legal.phase === "retreat") {
    const taken = new Set(
      out.flatMap((o, i) => (o.kind === "retreat" && !broken[i] ? [provinceOf(map, o.to)] : [])),
    );
    out.forEach((o, i) => {
      if (!broken[i] || o.kind !== "retreat") return;
      const u = legal.units.find((x) => x.unit.location === o.unit.location);
      const choices = (u?.orders ?? []).filter(
        (x) => x.kind === "retreat" && !taken.has(provinceOf(map, x.to)),
      );
      const fine = choices.filter((_, j) => !breaks([choices[j]!])[0]);
      const next = fine[0] ?? u?.orders.find((x) => x.kind === "disband");
      if (next) {
        out[i] = next;
        if (next.kind === "retreat") taken.add(provinceOf(map, next.to));
      }
    });
    return out;
  }
  if (legal.phase === "adjustment") {
    const used = new Set(
      out.flatMap((o, i) => (o.kind === "build" && !broken[i] ? [provinceOf(map, o.unit.location)] : [])),
    );
    const fine = legal.builds.filter((b) => !breaks([b])[0]);
    out.forEach((o, i) => {
      if (!broken[i] || o.kind !== "build") return;
      const next = fine.find((b) => !used.has(provinceOf(map, b.unit.location)));
      if (next) {
        out[i] = next;
        used.add(provinceOf(map, next.unit.location));
      } else out[i] = { kind: "waive", power };
    });
    return legal.canWaive ? out : out.filter((o) => o.kind !== "waive");
  }
  return out;
}

/**
 * A joint attack: when its orders attack no power it targets, one of its units that could move
 * into a province a target holds, with an ally's unit able to support that move, is sent there
 * (a unit guarding its own threatened centre stays). Returns the orders with that move, another own
 * move into the same province turned into a support of it (or a hold), and the pledge to ask the
 * ally for; null when there is no such attack. The move is one `legalOrders` offers.
 */
export function jointAttack(
  map: GameMap,
  position: Position,
  me: PowerId,
  orders: readonly Order[],
  allies: readonly PowerId[],
  targets: ReadonlySet<PowerId>,
  when: SeasonRef,
): { orders: Order[]; request: PledgeRequest } | null {
  if (position.phase !== "movement" || allies.length === 0 || targets.size === 0) return null;
  const legal = legalOrders(map, position, me);
  if (legal.phase !== "movement") return null;
  const threatened = new Set<ProvinceId>();
  for (const p of position.units.map((u) => u.power))
    if (p !== me && !allies.includes(p))
      for (const [q] of reachCounts(map, position, p))
        if (position.supplyCenters[q] === me) threatened.add(q);
  const candidates: Order[][] = [];
  for (const u of legal.units) {
    const here = provinceOf(map, u.unit.location);
    if (threatened.has(here) && position.supplyCenters[here] === me) continue;
    const i = orders.findIndex((o) => "unit" in o && o.unit.location === u.unit.location);
    if (i < 0) continue;
    for (const move of u.orders) {
      if (move.kind !== "move" || move.viaConvoy) continue;
      const holder = holderOf(map, position, provinceOf(map, move.to));
      if (holder === null || !targets.has(holder)) continue;
      const next = [...orders];
      next[i] = move;
      const to = provinceOf(map, move.to);
      next.forEach((o, j) => {
        if (j === i || o.kind !== "move" || provinceOf(map, o.to) !== to) return;
        const own = legal.units.find((x) => x.unit.location === o.unit.location);
        next[j] =
          own?.orders.find(
            (s) =>
              s.kind === "support" &&
              s.target.location === u.unit.location &&
              s.to !== undefined &&
              provinceOf(map, s.to) === to,
          ) ?? own!.orders[0]!;
      });
      candidates.push(next);
    }
  }
  for (const next of candidates) {
    const request = pledgeRequest(map, position, me, next, allies, targets, when);
    if (request !== null && targets.has(request.victim)) return { orders: next, request };
  }
  return null;
}
