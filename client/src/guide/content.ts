/**
 * The "How to play" guide as plain data: its sections (board rules in brief, then the trust
 * rules, each with one worked example). Every number and every list is read from the shared rules — the presets, the
 * personalities, the clause catalogue, the scoring systems, the classic map — and worked
 * examples are computed from them, so the guide cannot drift from the game. The section list,
 * the number words and the contextual help texts are in `help-text.ts`.
 */
import { PERSONALITIES, PERSONALITY_INFO, type Personality } from "../../../shared/src/bots/personality";
import { initialPosition } from "../../../shared/src/game/phases";
import { centreCounts } from "../../../shared/src/game/position";
import { getMap } from "../../../shared/src/map/registry";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { score } from "../../../shared/src/match/scoring";
import { SCORING_SYSTEMS, type ScoringSystem } from "../../../shared/src/match/types";
import { CLAUSE_KINDS, describeClause } from "../../../shared/src/trust/clauses";
import { verificationCapacity } from "../../../shared/src/trust/clauses/capacity";
import { PRESETS } from "../../../shared/src/trust/presets";
import type { ClauseKind, Preset } from "../../../shared/src/trust/types";
import { KIND_LABELS } from "../panels/clause-builder";
import { capacityFormula, honestyWords, moved, percent, signed, type GuideSectionId } from "./help-text";

/** A labelled group of facts (a preset, a personality, a scoring system). */
export interface GuideCard {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly facts: readonly (readonly [label: string, value: string])[];
}

/** One piece of a section. */
export type GuideBlock =
  | { readonly kind: "p"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] }
  | { readonly kind: "example"; readonly text: readonly string[] } // the worked example
  | { readonly kind: "cards"; readonly cards: readonly GuideCard[] };

/** A section with its blocks. */
export interface GuideSection {
  readonly id: GuideSectionId;
  readonly title: string;
  readonly blocks: readonly GuideBlock[];
}

/** The fewest centres that give more capacity than `centres` do (null when capacity never grows). */
export function nextCapacityStep(preset: Preset, centres: number): number | null {
  const now = verificationCapacity(preset, centres);
  if (preset.capacity.centersPerUnit <= 0) return null;
  let c = centres + 1;
  while (verificationCapacity(preset, c) <= now) c++;
  return c;
}

// ---------------------------------------------------------------------------------------------
// The facts the guide is written from

/** What the guide reads from the shared rules. */
export interface GuideFacts {
  readonly preset: Preset; // the preset the worked examples use (the default)
  readonly presets: readonly Preset[];
  readonly map: GameMap; // the classic map
  readonly centresOnMap: number;
  readonly name: (power: PowerId) => string;
}

/** The facts from the shared modules: the default preset, every preset, the classic map. */
export function guideFacts(preset: Preset = PRESETS["default"]!): GuideFacts {
  const map = getMap("classic");
  if (map === null) throw new Error("the classic map is missing");
  return {
    preset,
    presets: Object.values(PRESETS),
    map,
    centresOnMap: map.provinces.filter((p) => p.supplyCenter).length,
    name: (power) => map.power.get(power)?.name ?? power,
  };
}

// ---------------------------------------------------------------------------------------------
// The sections

function board(f: GuideFacts): GuideSection {
  return {
    id: "board",
    title: "The board in brief",
    blocks: [
      {
        kind: "p",
        text: "Each power starts with a few armies (A) and fleets (F) on its home supply centres. Every phase, all players write their orders in secret; then all orders are revealed and carried out at the same time.",
      },
      {
        kind: "list",
        items: [
          "Hold: the unit stays where it is.",
          "Move: the unit goes to a neighbouring province. Armies move on land; fleets move at sea and along coasts.",
          "Support: the unit adds its strength to another unit's hold or move into a province next to it.",
          "Convoy: a fleet at sea carries an army across the water, one sea at a time.",
        ],
      },
      {
        kind: "p",
        text: "The stronger side wins a province; equal strength bounces and nobody moves. A unit beaten in its own province is dislodged: in the retreat phase it retreats to a free neighbour or is disbanded.",
      },
      {
        kind: "p",
        text: "A supply centre belongs to whoever stands on it at the end of a fall. In winter, a power with more centres than units builds new units in its free home centres; one with fewer centres removes units.",
      },
      {
        kind: "example",
        text: [
          `On the classic map there are ${f.centresOnMap} centres. A power that holds ${f.map.victoryCenters} of them after a fall wins outright (a solo).`,
          "Otherwise the game ends when every surviving power votes for a draw, or when the last year the host set is over.",
        ],
      },
    ],
  };
}

/** What each clause kind promises, in plain words. */
export const CLAUSE_MEANINGS: Readonly<Record<ClauseKind, string>> = {
  text: "Anything you like, in your own words. It is recorded with who agreed, but the game never judges it, and it uses no capacity.",
  "non-aggression":
    "One power promises not to move into the other's units or centres, and not to support or convoy anyone who does.",
  alliance: "Non-aggression both ways: neither attacks the other, nor helps a third power attack the other.",
  "demilitarised-zone":
    "The named powers keep out of the named provinces: no moves or builds there, and no unit left there at the end of a movement phase.",
  "support-pledge":
    "In a stated spring or fall, one power's unit gives a stated support to a partner's unit.",
  "no-build": "In winter a power builds nothing (or no fleets) in the named centres, or anywhere.",
  cede: "A power hands a province to a partner by a stated season: it leaves, and does not fight the partner for it.",
};

function commitments(f: GuideFacts): GuideSection {
  const clause = { kind: "non-aggression", from: "ENG", to: "FRA" } as const;
  return {
    id: "commitments",
    title: "Commitments and clauses",
    blocks: [
      {
        kind: "p",
        text: "A commitment is a set of promises. One power proposes it and names the other parties; it comes into force the moment the last of them accepts. It runs until a season you choose, or until a party gives notice. A public commitment is printed in the paper; a secret one is known only to its parties.",
      },
      {
        kind: "p",
        text: "Each promise is a clause. Free text is only recorded; every other kind is verifiable — the game checks it after every phase:",
      },
      { kind: "list", items: CLAUSE_KINDS.map((k) => `${KIND_LABELS[k]}: ${CLAUSE_MEANINGS[k]}`) },
      {
        kind: "p",
        text: "Two powers are allies while any commitment between them is in force. Attacking an ally, or helping someone else attack it, is a defection even if no clause forbade it.",
      },
      {
        kind: "example",
        text: [
          `${f.name("ENG")} proposes to ${f.name("FRA")}: “${describeClause(clause, f.map)}” ${f.name("FRA")} accepts, so it is in force at once.`,
          `In the fall ${f.name("ENG")} orders F eng - bre. Brest is a French centre, so the clause is broken the moment the order is given, whether the fleet gets in or bounces.`,
        ],
      },
    ],
  };
}

function capacity(f: GuideFacts): GuideSection {
  const centres = 3;
  const cap = verificationCapacity(f.preset, centres);
  const next = nextCapacityStep(f.preset, centres);
  return {
    id: "capacity",
    title: "Verification capacity",
    blocks: [
      {
        kind: "p",
        text: `The game will only watch so many clauses for you. Your verification capacity is ${capacityFormula(f.preset)}. Every verifiable clause in force uses one unit of each party's capacity; free text uses none.`,
      },
      {
        kind: "p",
        text: "You cannot propose or accept a commitment that would take a party over its capacity. Losing centres later breaks nothing, but leaves you less room for new commitments. The meter in the Commitments tab shows how much you use.",
      },
      {
        kind: "example",
        text: [
          `${f.name("ENG")} holds ${centres} centres, so its capacity is ${cap}. It signs a commitment with ${f.name("FRA")} of ${cap} verifiable clauses: its capacity is now full.`,
          `${f.name("ENG")} cannot sign another verifiable clause with ${f.name("GER")}${next === null ? "" : ` until it holds ${next} centres (capacity ${verificationCapacity(f.preset, next)})`}; a free-text commitment still fits.`,
        ],
      },
    ],
  };
}

function reputation(f: GuideFacts): GuideSection {
  const r = f.preset.reputation;
  const honoured = r.start + r.honouredToEnd;
  return {
    id: "reputation",
    title: "Reputation",
    blocks: [
      {
        kind: "p",
        text: `Reputation says how far a power's word can be trusted. It is public, runs from 0 to 100 and starts at ${r.start}. It moves only by what the newspaper reports.`,
      },
      {
        kind: "list",
        items: [
          `A surprise defection: ${signed(r.surpriseDefection)} to the defector.`,
          `An announced defection: ${signed(r.announcedDefection)}.`,
          `Retaliation: ${signed(r.retaliation)}.`,
          `A public commitment honoured to its end: ${signed(r.honouredToEnd)} to each party.`,
          `A year with no defection: ${signed(r.yearWithoutDefection)} to each surviving power.`,
          `Leaking a private message: ${signed(r.leak)} to the leaker (${signed(r.leakExposingBrokenPromise)} if it exposes a promise broken to you).`,
        ],
      },
      {
        kind: "example",
        text: [
          `${f.name("ENG")} and ${f.name("FRA")} sign a public non-aggression commitment until spring 1901 and keep it. When spring ends the paper reports it honoured: both go ${moved(r.start, r.honouredToEnd)}.`,
          `Nobody defects for the rest of 1901, so at the end of the year both gain ${signed(r.yearWithoutDefection)} more: ${moved(honoured, r.yearWithoutDefection)}.`,
        ],
      },
      {
        kind: "p",
        text: "Only public commitments earn the bonus: nobody knows a secret one was kept.",
      },
    ],
  };
}

function prestige(f: GuideFacts): GuideSection {
  const p = f.preset.prestige;
  return {
    id: "prestige",
    title: "Prestige",
    blocks: [
      {
        kind: "p",
        text: `Prestige says how well a power is treated by others. Like reputation it is public, runs from 0 to 100, starts at ${p.start} and moves only by what the paper reports. It falls when you are the victim of a defection you learned about from the paper.`,
      },
      {
        kind: "list",
        items: [
          `Victim of a surprise defection: ${signed(p.surpriseVictim)}.`,
          `Victim of an announced defection: ${signed(p.announcedVictim)}.`,
        ],
      },
      {
        kind: "example",
        text: [
          `${f.name("ENG")} breaks its non-aggression commitment and sails into Brest without a word. ${f.name("FRA")}'s prestige goes ${moved(p.start, p.surpriseVictim)}: it was taken in.`,
        ],
      },
    ],
  };
}

function notice(f: GuideFacts): GuideSection {
  return {
    id: "notice",
    title: "Notice",
    blocks: [
      {
        kind: "p",
        text: "Giving notice is renouncing a commitment formally and privately. The other parties learn of it at once. The commitment stays in force until the end of the current phase, then it is over. If it was public, the next paper prints the renunciation. Notice cannot be taken back.",
      },
      {
        kind: "example",
        text: [
          `${f.name("ENG")} and ${f.name("FRA")} have a public non-aggression commitment. In fall 1901 ${f.name("ENG")} gives notice and orders nothing against ${f.name("FRA")}; the fall paper reports the renunciation.`,
          `In spring 1902 ${f.name("ENG")} sails into Brest. The commitment is gone and they are no longer allies, so this is plain war, not a defection: nobody's reputation moves.`,
        ],
      },
    ],
  };
}

function defections(f: GuideFacts): GuideSection {
  const r = f.preset.reputation;
  const p = f.preset.prestige;
  return {
    id: "defections",
    title: "Surprise and announced defections",
    blocks: [
      {
        kind: "p",
        text: "A defection is breaking a verifiable clause that protects someone, or attacking an ally. It is the order that counts, not its success: an attack that bounces is still an attack. All of one power's acts against another in one phase make one defection.",
      },
      {
        kind: "p",
        text: "If you gave notice on the commitment in the same phase, the defection is announced: your victim heard it from you first. Otherwise it is a surprise: your victim learns of it from the newspaper. A surprise costs more.",
      },
      {
        kind: "example",
        text: [
          `Surprise: under a public non-aggression commitment, ${f.name("ENG")} sails into Brest without notice. ${f.name("ENG")}'s reputation goes ${moved(r.start, r.surpriseDefection)}; ${f.name("FRA")}'s prestige ${moved(p.start, p.surpriseVictim)}.`,
          `Announced: the same, but ${f.name("ENG")} gives notice first in the same phase. ${f.name("ENG")}'s reputation goes ${moved(r.start, r.announcedDefection)}; ${f.name("FRA")}'s prestige ${moved(p.start, p.announcedVictim)}.`,
        ],
      },
    ],
  };
}

function retaliation(f: GuideFacts): GuideSection {
  const r = f.preset.reputation;
  return {
    id: "retaliation",
    title: "Retaliation",
    blocks: [
      {
        kind: "p",
        text: "Striking back at a power that defected against you in one of the two movement phases before is a retaliation. The paper reports it as such.",
      },
      {
        kind: "example",
        text: [
          `${f.name("FRA")} pledged to support ${f.name("ENG")} into the English Channel in spring, and sails off instead: a surprise defection, ${f.name("FRA")}'s reputation ${moved(r.start, r.surpriseDefection)}.`,
          `In the fall ${f.name("ENG")} takes Brest, breaking its own promise to ${f.name("FRA")}. That is a retaliation: ${f.name("ENG")}'s reputation ${moved(r.start, r.retaliation)}.`,
        ],
      },
    ],
  };
}

function newspaper(f: GuideFacts): GuideSection {
  const r = f.preset.reputation;
  return {
    id: "newspaper",
    title: "The newspaper",
    blocks: [
      {
        kind: "p",
        text: "After every phase an edition of the paper comes out. It reports defections (and their kind), public commitments signed, renounced and honoured, leaks, communiqués, centres changing hands, and every change of reputation and prestige with its reason. Reputation and prestige follow the paper: you learn through the papers.",
      },
      {
        kind: "list",
        items: [
          "A communiqué is a public statement, printed in the next edition under your power's name.",
          `A leak: any recipient of a private message may hand it to the paper, which prints it with the game's stamp that the sender really wrote it. It costs the leaker ${signed(r.leak)} reputation, unless the sender broke a promise to the leaker.`,
          "Secret commitments never appear in the paper, unless a reported defection breaks one: then it is exposed, clauses and all.",
          "The host may set a chance of miscommunication: the paper then sometimes misses a defection or prints the wrong kind, and the numbers follow what was printed.",
        ],
      },
      {
        kind: "example",
        text: [
          `${f.name("FRA")} writes to ${f.name("ENG")}: “My fleet will support you into the Channel”, then sails off instead. ${f.name("ENG")} leaks the note: it exposes a broken promise, so the leak costs ${f.name("ENG")} ${signed(r.leakExposingBrokenPromise)}.`,
          `Had ${f.name("FRA")} kept its word, the same leak would cost ${f.name("ENG")} ${signed(r.leak)}.`,
        ],
      },
    ],
  };
}

function draw(f: GuideFacts): GuideSection {
  return {
    id: "draw",
    title: "Draw votes",
    blocks: [
      {
        kind: "p",
        text: "In any phase a power may vote for a draw. Votes are secret and lapse when the phase resolves. If every surviving power votes for a draw in the same phase, the game ends in a draw; one holdout and play goes on.",
      },
      {
        kind: "example",
        text: [
          `${f.name("ENG")}, ${f.name("FRA")} and ${f.name("GER")} are the last powers standing. ${f.name("ENG")} and ${f.name("FRA")} vote for a draw; ${f.name("GER")} does not, so the phase resolves and the votes lapse. Next phase all three vote: the game ends in a draw.`,
        ],
      },
    ],
  };
}

function presets(f: GuideFacts): GuideSection {
  return {
    id: "presets",
    title: "Presets",
    blocks: [
      {
        kind: "p",
        text: `A preset is a whole set of trust rules, chosen by the host when the match is created. The game ships ${f.presets.length} of them:`,
      },
      {
        kind: "cards",
        cards: f.presets.map((p) => ({
          id: p.id,
          title: p.name,
          text: p.description,
          facts: [
            ["Surprise defection", signed(p.reputation.surpriseDefection)],
            ["Announced defection", signed(p.reputation.announcedDefection)],
            ["Honoured to its end", signed(p.reputation.honouredToEnd)],
            ["A year with no defection", signed(p.reputation.yearWithoutDefection)],
            ["Victim of a surprise", signed(p.prestige.surpriseVictim)],
            ["Capacity", capacityFormula(p)],
            [
              "Statesman score",
              `centres ${percent(p.scoring.centers)} · reputation ${percent(p.scoring.reputation)} · prestige ${percent(p.scoring.prestige)}`,
            ],
          ],
        })),
      },
      {
        kind: "example",
        text: presetExample(f),
      },
    ],
  };
}

/** The same surprise defection under each preset. */
function presetExample(f: GuideFacts): string[] {
  return [
    `The same surprise defection — ${f.name("ENG")} stabs ${f.name("FRA")} — under each preset:`,
    ...f.presets.map(
      (p) =>
        `${p.name}: ${f.name("ENG")}'s reputation ${moved(p.reputation.start, p.reputation.surpriseDefection)}, ${f.name("FRA")}'s prestige ${moved(p.prestige.start, p.prestige.surpriseVictim)}; standing counts for ${percent(p.scoring.reputation + p.scoring.prestige)} of a statesman score.`,
    ),
  ];
}

/** The name and one line of each scoring system. */
export const SCORING_INFO: Readonly<Record<ScoringSystem, { name: string; text: string }>> = {
  "solo-draw": {
    name: "Solo or draw",
    text: "A solo scores 100 for the winner and nothing for the others; otherwise the survivors share 100 equally.",
  },
  "sum-of-squares": {
    name: "Sum of squares",
    text: "A solo scores 100; otherwise each power scores 100 × its centres² ÷ the sum of every power's centres².",
  },
  statesman: {
    name: "Statesman",
    text: "A mix of your share of the centres a solo needs, your reputation and your prestige, weighed by the preset.",
  },
};

/** Every power's score under each system if the game ended at the start of the classic map. */
export function openingScores(
  f: GuideFacts,
  preset: Preset = f.preset,
): Record<ScoringSystem, Record<PowerId, number>> {
  const position = initialPosition(f.map);
  const powers = f.map.powers.map((p) => p.id);
  const standing = Object.fromEntries(powers.map((p) => [p, preset.reputation.start]));
  const prestigeOf = Object.fromEntries(powers.map((p) => [p, preset.prestige.start]));
  const input = {
    map: f.map,
    powers,
    position,
    reputation: standing,
    prestige: prestigeOf,
    kind: "year-limit" as const,
    winner: null,
    survivors: powers,
  };
  return Object.fromEntries(SCORING_SYSTEMS.map((s) => [s, score(s, preset, input)])) as Record<
    ScoringSystem,
    Record<PowerId, number>
  >;
}

function scoring(f: GuideFacts): GuideSection {
  const counts = centreCounts(f.map, initialPosition(f.map));
  const powers = f.map.powers.map((p) => p.id);
  const big = powers.reduce((a, b) => ((counts.get(b) ?? 0) > (counts.get(a) ?? 0) ? b : a));
  const small = powers.find((p) => p !== big)!;
  const scores = openingScores(f);
  return {
    id: "scoring",
    title: "Scoring",
    blocks: [
      {
        kind: "p",
        text: "When the game ends each power in play gets a score out of 100, by the scoring system of the match:",
      },
      {
        kind: "cards",
        cards: SCORING_SYSTEMS.map((s) => ({
          id: s,
          title: SCORING_INFO[s].name,
          text: SCORING_INFO[s].text,
          facts: [],
        })),
      },
      {
        kind: "example",
        text: [
          `Suppose a match on the classic map reaches its year limit before anyone takes a centre, with reputation still at ${f.preset.reputation.start} and prestige at ${f.preset.prestige.start}: ${f.name(big)} holds ${counts.get(big) ?? 0} centres, every other power ${counts.get(small) ?? 0}.`,
          ...SCORING_SYSTEMS.map(
            (s) =>
              `${SCORING_INFO[s].name}: ${f.name(big)} ${scores[s][big] ?? 0}, ${f.name(small)} and the others ${scores[s][small] ?? 0}.`,
          ),
        ],
      },
    ],
  };
}

/** A personality's card. */
export function personalityCard(id: Personality): GuideCard {
  const info = PERSONALITY_INFO[id];
  return {
    id,
    title: info.name,
    text: info.description,
    facts: [["When it breaks its word", honestyWords(info.honesty)]],
  };
}

function personalities(f: GuideFacts): GuideSection {
  const steady = PERSONALITY_INFO.steady.name;
  return {
    id: "personalities",
    title: "Bot personalities",
    blocks: [
      {
        kind: "p",
        text: "Bots fill empty seats. Each plays the board with the tactics you choose, and deals with other powers by its personality — the strategies of the classic trust game:",
      },
      { kind: "cards", cards: PERSONALITIES.map(personalityCard) },
      {
        kind: "example",
        text: [
          `You play ${f.name("ENG")} against a ${PERSONALITY_INFO.grudger.name} bot in ${f.name("FRA")} and a ${PERSONALITY_INFO.copycat.name} bot in ${f.name("GER")}. You stab both once.`,
          `${PERSONALITY_INFO.copycat.name} strikes back once, then forgives; ${PERSONALITY_INFO.grudger.name} never trusts you again. A ${steady} bot would not have signed anything in the first place.`,
        ],
      },
    ],
  };
}

/** The whole guide, in reading order. */
export function guideSections(f: GuideFacts = guideFacts()): GuideSection[] {
  return [
    board(f),
    commitments(f),
    capacity(f),
    reputation(f),
    prestige(f),
    notice(f),
    defections(f),
    retaliation(f),
    newspaper(f),
    draw(f),
    presets(f),
    scoring(f),
    personalities(f),
  ];
}
