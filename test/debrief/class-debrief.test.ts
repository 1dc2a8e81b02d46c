/**
 * The class debrief (shared/src/debrief/class.ts): each match summed up from its debrief, the
 * presets compared, and prompts that say only what the figures say. Table-driven on hand-built
 * debriefs; every answer parses with the wire schema.
 */
import { describe, expect, it } from "vitest";
import { classDebriefOf, keptShare, matchSummary, presetSummary } from "../../shared/src/debrief/class";
import {
  classDebriefSchema,
  type DebriefCommitment,
  type DebriefDefection,
  type MatchDebrief,
} from "../../shared/src/wire/debrief";

const POWERS = ["amber", "blue", "crimson"];
const PHASE = { key: "1901-spring-movement", label: "Spring 1901 movement" };

/** A commitment that ended `outcome`. */
function commitment(id: string, outcome: DebriefCommitment["outcome"]): DebriefCommitment {
  const signed = outcome !== "never-signed";
  const status = { kept: "expired", broken: "broken", renounced: "renounced", "in-force": "active" } as const;
  return {
    id,
    proposer: "amber",
    parties: ["amber", "blue"],
    clauses: ["Amber and Blue make no move against each other"],
    visibility: "public",
    status: outcome === "never-signed" ? "rejected" : status[outcome],
    proposedAt: PHASE,
    signedAt: signed ? PHASE : null,
    endedAt: outcome === "kept" || outcome === "broken" || outcome === "renounced" ? PHASE : null,
    outcome,
  };
}

/** A defection of a kind. */
function defection(kind: DebriefDefection["kind"]): DebriefDefection {
  return {
    phase: PHASE,
    by: "amber",
    against: "blue",
    kind,
    acts: ["ordered A x - y"],
    commitments: ["c1"],
    reported: true,
    learnedFromPaper: kind === "surprise" ? ["blue"] : [],
    reputationCost: -2,
    prestigeCost: 1,
  };
}

/** A debrief with the given parts; the final standing gives reputations and centres. */
function debrief(parts: {
  preset: string;
  commitments?: DebriefCommitment[];
  defections?: DebriefDefection[];
  reputation?: number[];
  centres?: number[];
  winner?: string | null | undefined;
  phases?: number;
}): MatchDebrief {
  const per = (values: number[] | undefined, fallback: number) =>
    Object.fromEntries(POWERS.map((p, i) => [p, values?.[i] ?? fallback]));
  const standing = {
    phase: PHASE,
    centres: per(parts.centres, 3),
    units: per(parts.centres, 3),
    reputation: per(parts.reputation, 5),
    prestige: per(undefined, 5),
    ties: [],
  };
  const phases = parts.phases ?? 2;
  return {
    matchID: "m",
    map: "amber",
    preset: parts.preset,
    pressMode: "full",
    scoring: "solo-draw",
    powers: POWERS,
    ended: parts.winner !== undefined,
    view: "whole",
    outcome:
      parts.winner === undefined
        ? null
        : {
            kind: parts.winner === null ? "draw" : "solo",
            winner: parts.winner,
            survivors: POWERS,
            at: PHASE,
          },
    standings: [{ ...standing, phase: null }, ...Array.from({ length: phases }, () => standing)],
    commitments: parts.commitments ?? [],
    defections: parts.defections ?? [],
    notices: [],
    leaks: [],
    drawVotes: [],
    byPower: [],
    prompts: [],
  };
}

describe("one match summed up", () => {
  it.each([
    { name: "nothing signed", commitments: [], kept: 0, broken: 0, signed: 0, share: null },
    {
      name: "two kept, one broken, one renounced, one never signed",
      commitments: [
        commitment("c1", "kept"),
        commitment("c2", "kept"),
        commitment("c3", "broken"),
        commitment("c4", "renounced"),
        commitment("c5", "never-signed"),
      ],
      kept: 2,
      broken: 1,
      signed: 4,
      share: 0.5,
    },
    {
      name: "one still in force",
      commitments: [commitment("c1", "in-force")],
      kept: 0,
      broken: 0,
      signed: 1,
      share: null,
    },
  ])("$name", ({ commitments, kept, broken, signed, share }) => {
    const m = matchSummary({
      matchID: "m1",
      label: "Match 1",
      debrief: debrief({ preset: "default", commitments }),
    });
    expect({ kept: m.kept, broken: m.broken, signed: m.signed, share: m.keptShare }).toEqual({
      kept,
      broken,
      signed,
      share,
    });
  });

  it("counts defections by kind, phases, the winner's reputation and the averages", () => {
    const m = matchSummary({
      matchID: "m1",
      label: "Match 1",
      debrief: debrief({
        preset: "realist",
        defections: [defection("surprise"), defection("surprise"), defection("retaliation")],
        reputation: [2, 6, 7],
        centres: [6, 2, 1],
        winner: "amber",
        phases: 5,
      }),
    });
    expect(m.defections).toEqual({ surprise: 2, announced: 0, retaliation: 1 });
    expect(m.phases).toBe(5);
    expect(m.winnerReputation).toBe(2);
    expect(m.averageReputation).toBe(5);
    expect(m.averageCentres).toBe(3);
    expect(m.outcome?.kind).toBe("solo");
  });

  it("has no winner's reputation for a draw or a running match", () => {
    for (const winner of [null, undefined]) {
      const m = matchSummary({ matchID: "m", label: "M", debrief: debrief({ preset: "default", winner }) });
      expect(m.winnerReputation).toBeNull();
    }
  });
});

describe("kept share", () => {
  it.each([
    [0, 0, 0, null],
    [1, 0, 0, 1],
    [1, 1, 1, 0.33],
    [0, 3, 1, 0],
  ])("kept %i broken %i renounced %i → %s", (kept, broken, renounced, share) => {
    expect(keptShare(kept, broken, renounced)).toBe(share);
  });
});

describe("presets compared", () => {
  const realist = [
    debrief({
      preset: "realist",
      defections: [defection("surprise"), defection("surprise")],
      winner: "amber",
      reputation: [1, 5, 5],
    }),
    debrief({
      preset: "realist",
      defections: [defection("surprise")],
      winner: "blue",
      reputation: [5, 3, 5],
    }),
  ];
  const liberal = [
    debrief({
      preset: "liberal",
      commitments: [commitment("c1", "kept"), commitment("c2", "kept"), commitment("c3", "broken")],
      winner: null,
    }),
  ];
  const entries = [...realist, ...liberal].map((d, i) => ({
    matchID: `m${i}`,
    label: `Match ${i + 1}`,
    debrief: d,
  }));

  it("averages each preset's matches", () => {
    const summary = presetSummary(
      "realist",
      realist.map((d, i) => matchSummary({ matchID: `m${i}`, label: "M", debrief: d })),
    );
    expect(summary.matches).toBe(2);
    expect(summary.defections.surprise).toBe(1.5);
    expect(summary.winnerReputation).toBe(2);
    expect(summary.outcomes).toEqual({ solo: 2 });
  });

  it("compares the presets in prompts that say the figures", () => {
    const answer = classDebriefOf("c1", "Year 11", entries);
    expect(classDebriefSchema.safeParse(answer).success).toBe(true);
    expect(answer.presets.map((p) => p.preset)).toEqual(["realist", "liberal"]);
    expect(answer.prompts).toContain(
      "Matches under Realist saw 1.5 surprise betrayals each on average; under Liberal, 0.",
    );
    expect(answer.prompts).toContain("Match 1 had the most surprise betrayals (2); 1 match had none.");
    expect(answer.prompts).toContain(
      "Across the session 3 commitments came into force and 1 of them was broken.",
    );
    // Only the liberal matches kept or broke commitments: no comparison of kept shares.
    expect(answer.prompts.some((p) => p.startsWith("Commitments were kept"))).toBe(false);
  });

  it("makes no preset comparison when the session ran one preset", () => {
    const answer = classDebriefOf("c1", "Year 11", entries.slice(0, 2));
    expect(answer.prompts.some((p) => p.startsWith("Matches under"))).toBe(false);
    expect(classDebriefOf("c1", "Empty", []).prompts).toEqual([]);
  });
});

describe("the session's prompts", () => {
  it("leaves out the matches without betrayals when there are none", () => {
    const entries = [2, 1].map((count, i) => ({
      matchID: `m${i}`,
      label: `Match ${i + 1}`,
      debrief: debrief({
        preset: "default",
        defections: Array.from({ length: count }, () => defection("surprise")),
      }),
    }));
    expect(classDebriefOf("c", "C", entries).prompts).toContain(
      "Match 1 had the most surprise betrayals (2).",
    );
  });
});
