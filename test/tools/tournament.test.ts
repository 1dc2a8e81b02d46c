/**
 * `npm run tournament`: the bots spec, seat rotation, the statistics and the table, the same
 * records for the same seed whatever the worker count, failures that fail the run, the files, and
 * the command itself end to end.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { botProfile, type BotMatchRecord, type BotSeat, type PowerRecord } from "../../shared/src/bots";
import { parseCommand } from "../../tools/tournament/args";
import { csvCell, gamesCsv, summaryCsv } from "../../tools/tournament/csv";
import { formatComparison, formatTable } from "../../tools/tournament/format";
import type { TournamentSettings } from "../../tools/tournament/game";
import { jsonText, tournamentJson } from "../../tools/tournament/output";
import { barChart, escapeHtml, lineChart } from "../../tools/tournament/svg";
import { reportHtml } from "../../tools/tournament/report-html";
import { gameSeed, powerIndexOf, seatsOf } from "../../tools/tournament/rotation";
import { chunksOf, runTournament } from "../../tools/tournament/run";
import { parseBotEntry, parseBotSpec, parseTable } from "../../tools/tournament/spec";
import { ci95, mean, t975, variance, welch } from "../../tools/tournament/stats";
import { carryForward, summarize } from "../../tools/tournament/summary";

const ROOT = new URL("../../", import.meta.url);
const MERGE = new URL("tools/tournament/merge.ts", ROOT).pathname;
const TSX = new URL("node_modules/.bin/tsx", ROOT).pathname;
const CLI = new URL("tools/tournament/cli.ts", ROOT).pathname;
const scratch = mkdtempSync(join(tmpdir(), "tournament-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A table that must parse. */
function table(spec: string, powers: number): BotSeat[] {
  const t = parseTable(spec, powers);
  if (!t.ok) throw new Error(t.error);
  return t.value;
}

/** The error of a spec that must not parse. */
function specError(spec: string, powers = 7): string {
  const t = parseTable(spec, powers);
  if (t.ok) throw new Error(`"${spec}" parsed`);
  return t.error;
}

describe("the bots spec", () => {
  it("reads personality, tactics, honesty and count", () => {
    const e = parseBotEntry("copycat/lookahead:0.9*3");
    expect(e).toEqual({
      ok: true,
      value: { label: "copycat/lookahead:0.9", profile: botProfile("copycat", "lookahead", 0.9), count: 3 },
    });
    const plain = parseBotEntry("grudger");
    expect(plain.ok && plain.value).toEqual({
      label: "grudger/baseline",
      profile: botProfile("grudger"),
      count: 1,
    });
  });

  it("leaves the personality's own honesty out of the label", () => {
    const e = parseBotEntry("copycat:0.5");
    expect(e.ok && e.value.label).toBe("copycat/baseline");
    const f = parseBotEntry("always-cheat/random:1");
    expect(f.ok && f.value.label).toBe("always-cheat/random:1");
  });

  it("takes a bare tactics name for a steady bot of those tactics", () => {
    expect(table("baseline,random*6", 7).map((s) => s.label)).toEqual([
      "steady/baseline",
      ...Array<string>(6).fill("steady/random"),
    ]);
    expect(table("lookahead", 1)[0]!.profile).toEqual(botProfile("steady", "lookahead"));
    // The random personality needs its tactics written out.
    expect(table("random/baseline", 1)[0]!.profile.personality).toBe("random");
  });

  it("cycles the bots to fill the seats", () => {
    expect(table("copycat, grudger", 7).map((s) => s.label)).toEqual([
      "copycat/baseline",
      "grudger/baseline",
      "copycat/baseline",
      "grudger/baseline",
      "copycat/baseline",
      "grudger/baseline",
      "copycat/baseline",
    ]);
    expect(table("copycat*2,grudger", 5).map((s) => s.label[0])).toEqual(["c", "c", "g", "c", "c"]);
  });

  it("names the bad entry and the valid names", () => {
    const unknown = specError("copycat,sneaky*2");
    expect(unknown).toContain('bad bot "sneaky*2"');
    expect(unknown).toContain("always-cooperate");
    expect(unknown).toContain("lookahead");
    expect(specError("copycat/fast")).toMatch(/unknown tactics "fast".*random, baseline, lookahead/);
    expect(specError("baseline/lookahead")).toMatch(/unknown personality "baseline".*steady/);
    expect(specError("copycat:1.5")).toContain('honesty "1.5" is not a number from 0 to 1');
    expect(specError("copycat:")).toContain("honesty");
    expect(specError("copycat*0")).toContain('count "0"');
    expect(specError("copycat*two")).toContain('count "two"');
    expect(specError("Copycat")).toContain('bad bot "Copycat"');
    expect(specError("")).toContain("no bots given");
    expect(specError("copycat,,grudger")).toContain("empty entry");
    expect(specError("copycat*5,grudger*3")).toBe("8 bots given for a map of 7 powers; give at most 7");
    expect(parseBotSpec("copycat*8").ok).toBe(true); // too many only against a map
  });
});

describe("seat rotation", () => {
  it("gives every bot every power over as many games as powers", () => {
    for (const powers of [5, 7]) {
      const bots: BotSeat[] = Array.from({ length: powers }, (_, k) => ({
        label: `bot${k}`,
        profile: botProfile("steady"),
      }));
      const played = new Map<string, Set<number>>(bots.map((b) => [b.label, new Set()]));
      for (let game = 0; game < powers; game++) {
        const seats = seatsOf(bots, game);
        expect(new Set(seats.map((s) => s.label)).size).toBe(powers); // one seat each
        seats.forEach((s, power) => played.get(s.label)!.add(power));
      }
      for (const powersPlayed of played.values()) expect(powersPlayed.size).toBe(powers);
    }
  });

  it("puts bot k on power (k + g) mod P, seeded seed:g", () => {
    expect(powerIndexOf(0, 0, 7)).toBe(0);
    expect(powerIndexOf(6, 1, 7)).toBe(0);
    expect(powerIndexOf(2, 10, 7)).toBe(5);
    const bots = table("copycat,grudger,detective", 3);
    expect(seatsOf(bots, 1).map((s) => s.label)).toEqual([
      "detective/baseline",
      "copycat/baseline",
      "grudger/baseline",
    ]);
    expect(gameSeed("s1", 4)).toBe("s1:4");
  });

  it("cuts the games into chunks", () => {
    expect(chunksOf(7, 3)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(chunksOf(2, 5)).toEqual([[0, 1]]);
  });
});

describe("statistics", () => {
  it("gives means, variances and t quantiles", () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(mean([])).toBe(0);
    expect(variance([1, 2, 3, 6])).toBeCloseTo(14 / 3, 12);
    expect(variance([5])).toBe(0);
    expect(t975(1)).toBeCloseTo(12.706, 3);
    expect(t975(10)).toBeCloseTo(2.228, 3);
    expect(t975(10.5)).toBeCloseTo((2.228 + 2.201) / 2, 3);
    expect(t975(60)).toBeCloseTo(2.0003, 3);
    expect(t975(1e9)).toBeCloseTo(1.96, 3);
  });

  it("gives the 95% interval of a mean", () => {
    expect(ci95([1, 2, 3, 6])).toBeCloseTo(3.182 * Math.sqrt(14 / 3 / 4), 6);
    expect(ci95([4])).toBeNull();
  });

  it("gives Welch's interval for a difference", () => {
    const a = [10, 12, 14, 9, 11];
    const b = [5, 6, 4, 7, 5, 6, 3];
    const d = welch(a, b)!;
    const va = variance(a) / a.length;
    const vb = variance(b) / b.length;
    const df = (va + vb) ** 2 / (va ** 2 / 4 + vb ** 2 / 6);
    expect(d.difference).toBeCloseTo(mean(a) - mean(b), 12);
    expect(d.df).toBeCloseTo(df, 12);
    expect(d.high - d.difference).toBeCloseTo(t975(df) * Math.sqrt(va + vb), 12);
    expect(d.difference - d.low).toBeCloseTo(d.high - d.difference, 12);
    expect(welch([1], b)).toBeNull();
  });
});

/** A power's record with everything zero but what is given. */
function power(p: Partial<PowerRecord> & Pick<PowerRecord, "power" | "label" | "centres">): PowerRecord {
  return {
    eliminatedIn: null,
    reputation: 50,
    prestige: 50,
    score: 0,
    signed: 0,
    kept: 0,
    broken: 0,
    surpriseDefections: 0,
    announcedDefections: 0,
    retaliations: 0,
    betrayed: 0,
    centresByYear: [],
    reputationByYear: [],
    ...p,
  };
}

/** A hand-made game of three powers. */
function game(
  seed: string,
  kind: BotMatchRecord["result"]["kind"],
  winner: string | null,
  powers: PowerRecord[],
): BotMatchRecord {
  return {
    seed,
    mapId: "test",
    yearLimit: 1903,
    result: { kind, winner, at: { year: 1903, season: "fall", phase: "adjustment" } as never },
    survivors: powers.filter((p) => p.eliminatedIn === null).map((p) => p.power),
    phases: kind === "solo" ? 6 : 9,
    refused: kind === "solo" ? 1 : 0,
    powers,
  };
}

const HAND_MADE: BotMatchRecord[] = [
  game("h:0", "solo", "A", [
    power({
      power: "A",
      label: "hawk",
      centres: 9,
      score: 100,
      centresByYear: [3, 6, 9],
      reputationByYear: [50, 40, 30],
      signed: 2,
      kept: 1,
      broken: 1,
      surpriseDefections: 1,
    }),
    power({
      power: "B",
      label: "dove",
      centres: 0,
      eliminatedIn: 1902,
      centresByYear: [3, 1, 0],
      reputationByYear: [50, 52, 54],
      signed: 2,
      kept: 2,
      betrayed: 1,
    }),
    power({
      power: "C",
      label: "dove",
      centres: 3,
      centresByYear: [3, 3, 3],
      reputationByYear: [50, 52, 54],
    }),
  ]),
  game("h:1", "draw", null, [
    power({
      power: "A",
      label: "dove",
      centres: 4,
      centresByYear: [3, 4, 4, 4],
      reputationByYear: [50, 52, 54, 56],
    }),
    power({
      power: "B",
      label: "hawk",
      centres: 5,
      centresByYear: [3, 4, 5, 5],
      reputationByYear: [50, 50, 50, 50],
      score: 30,
    }),
    power({
      power: "C",
      label: "dove",
      centres: 3,
      centresByYear: [3, 3, 3, 3],
      reputationByYear: [50, 52, 54, 56],
    }),
  ]),
];

describe("the summary", () => {
  const summary = summarize(HAND_MADE, {
    labels: ["hawk", "dove", "dove"],
    supplyCentres: 12,
    powers: 3,
    firstYear: 1901,
  });
  const [hawk, dove] = summary.bots;

  it("has one row per bot, in table order, over all its seats", () => {
    expect(summary.bots.map((b) => b.label)).toEqual(["hawk", "dove"]);
    expect(hawk).toMatchObject({ games: 2, wins: 1, draws: 1, eliminations: 0, centres: 7, score: 65 });
    expect(dove).toMatchObject({ games: 4, wins: 0, draws: 2, eliminations: 1, centres: 2.5 });
    expect(hawk!.centresCi).toBeCloseTo(12.706 * Math.sqrt(variance([9, 5]) / 2), 3);
    expect(dove!.centresCi).toBeCloseTo(3.182 * Math.sqrt(variance([0, 3, 4, 3]) / 4), 3);
    expect(hawk!.share).toBeCloseTo(7 / 4, 12);
    expect(hawk!.winRate).toBe(0.5);
    expect(hawk).toMatchObject({ signed: 2, kept: 1, broken: 1, surprise: 1 });
    expect(dove).toMatchObject({ signed: 2, kept: 2, broken: 0, surprise: 0, betrayed: 1 });
  });

  it("carries a finished game's last count on through the years", () => {
    expect(carryForward([3, 6, 9], 4)).toEqual([3, 6, 9, 9]);
    expect(hawk!.centresByYear).toEqual([3, 5, 7, 7]);
    expect(dove!.reputationByYear).toEqual([50, 52, 54, 55]);
  });

  it("counts the outcomes and compares two bots", () => {
    expect(summary.overall).toEqual({
      games: 2,
      solos: 1,
      draws: 1,
      yearLimitEnds: 0,
      meanPhases: 7.5,
      refused: 1,
    });
    const c = summary.comparison!;
    expect(c).toMatchObject({ first: "hawk", second: "dove", difference: 4.5, na: 2, nb: 4 });
    expect(formatComparison(c)).toMatch(
      /^hawk vs dove: \+4\.50 centres per game \(95% CI -\d+\.\d\d to \+\d+\.\d\d\), n=2 vs 4$/,
    );
  });

  it("prints an aligned table and CSV files", () => {
    const lines = formatTable(summary.bots);
    expect(lines[0]).toMatch(/^bot\s+games\s+wins\s+draws\s+elim\s+centres\s+±95%\s+share/);
    expect(lines[2]).toMatch(/^hawk\s+2\s+1\s+1\s+0\s+7\.00\s/);
    expect(new Set(lines.slice(0, 2).map((l) => l.length)).size).toBe(1);
    expect(summaryCsv(summary.bots).split("\n")[1]).toMatch(/^hawk,2,1,1,0,7,/);
    const games = gamesCsv(HAND_MADE).trimEnd().split("\n");
    expect(games).toHaveLength(7);
    expect(games[2]).toBe("0,h:0,B,dove,0,1902,50,50,0,2,2,0,0,0,0,1,solo,A");
    expect(csvCell('say "no", twice')).toBe('"say ""no"", twice"');
    expect(csvCell(null)).toBe("");
  });

  it("writes a report with the table, escaped text and no network", () => {
    const settings: TournamentSettings = {
      map: "classic",
      bots: "<script>alert(1)</script>",
      table: [],
      games: 2,
      seed: `"quoted" & <b>`,
      yearLimit: 1903,
      preset: "default",
      pressMode: "full",
      miscommunication: 0,
    };
    const html = reportHtml(settings, summary);
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;quoted&quot; &amp; &lt;b&gt;");
    expect(html).toMatch(/<table>.*<td>.*hawk<\/td>/s);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe("&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("keeps short arrays on one line in tournament.json", () => {
    expect(jsonText({ a: [1, 2], b: [{ c: null }] })).toBe(
      '{\n  "a": [1,2],\n  "b": [\n    {\n      "c": null\n    }\n  ]\n}',
    );
    expect(JSON.parse(jsonText(HAND_MADE))).toEqual(HAND_MADE);
  });

  it("draws the charts' grids on round ticks enclosing the data (shared/src/charts)", () => {
    const labels = (svg: string, anchor: string) =>
      [...svg.matchAll(new RegExp(`text-anchor="${anchor}" fill="#666">([^<]+)<`, "g"))].map((m) => m[1]);
    const bars = barChart({
      title: "t",
      axis: "a",
      bars: [{ label: "x", value: 9.6, colour: "#000" }],
    });
    expect(labels(bars, "middle")).toEqual(["0", "2", "4", "6", "8", "10"]);
    const lines = lineChart({
      title: "t",
      axis: "a",
      xLabels: [],
      series: [{ name: "s", colour: "#000", values: [3.1, 9.6] }],
    });
    // d3's ticks: steps of 1 between 3 and 10 (the old hand-made ticks were 2, 4, …, 10).
    expect(labels(lines, "end")).toEqual(["3", "4", "5", "6", "7", "8", "9", "10"]);
  });
});

/** A small, quick tournament on the Amber Sea. */
const TINY: TournamentSettings = {
  map: "amber",
  bots: "copycat,always-cheat,steady/random",
  table: table("copycat,always-cheat,steady/random", 5),
  games: 3,
  seed: "tiny",
  yearLimit: 1903,
  preset: "default",
  pressMode: "full",
  miscommunication: 0,
};

describe("playing a tournament", () => {
  it("gives the same records for the same seed, on one thread or on two workers", async () => {
    let progress = 0;
    const here = await runTournament(TINY, { workers: 1, onGame: (n) => (progress = n) });
    expect(progress).toBe(3);
    const again = await runTournament(TINY, { workers: 1 });
    const pooled = await runTournament(TINY, { workers: 2, chunkSize: 1 });
    expect(here.map((r) => r.seed)).toEqual(["tiny:0", "tiny:1", "tiny:2"]);
    expect(here[1]!.powers.map((p) => p.label)).toEqual([
      "always-cheat/baseline",
      "copycat/baseline",
      "always-cheat/baseline",
      "steady/random",
      "copycat/baseline",
    ]);
    expect(JSON.stringify(again)).toBe(JSON.stringify(here));
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(here));
    const other = await runTournament({ ...TINY, seed: "other" }, { workers: 1 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(here));
  });

  it("fails the run, not hangs, when a game throws", async () => {
    const broken = { ...TINY, map: "atlantis" };
    await expect(runTournament(broken, { workers: 1 })).rejects.toThrow(
      /game 0 \(seed "tiny:0"\) failed: .*unknown map "atlantis"/,
    );
    await expect(runTournament(broken, { workers: 2 })).rejects.toThrow(/game \d \(seed "tiny:\d"\) failed/);
  });

  it("fails the run when a worker crashes or stops", async () => {
    const crashing = join(scratch, "crash.mjs");
    writeFileSync(crashing, 'throw new Error("boom");\n');
    await expect(runTournament(TINY, { workers: 2, workerEntry: pathToFileURL(crashing) })).rejects.toThrow(
      /tournament worker \d crashed: .*boom/s,
    );
    const quitting = join(scratch, "quit.mjs");
    writeFileSync(quitting, "process.exit(3);\n");
    await expect(runTournament(TINY, { workers: 2, workerEntry: pathToFileURL(quitting) })).rejects.toThrow(
      /tournament worker \d stopped \(exit code 3\) before its games were done/,
    );
  });
});

describe("the command line", () => {
  it("reads and checks the options", () => {
    const c = parseCommand(["--map", "amber", "--bots", "copycat", "--workers", "3", "--years", "1905"]);
    expect(c.ok && c.value.kind === "run" && c.value).toMatchObject({
      workers: 3,
      out: null,
      settings: { map: "amber", games: 5, seed: "entente", yearLimit: 1905, pressMode: "full" },
    });
    const classic = parseCommand(["--bots", "copycat"]);
    expect(classic.ok && classic.value.kind === "run" && classic.value.settings.yearLimit).toBe(1920);
    const error = (args: string[]): string => {
      const r = parseCommand(args);
      return r.ok ? "" : r.error;
    };
    expect(error(["--bots", "copycat", "--games", "0"])).toContain("--games must be a whole number ≥ 1");
    expect(error(["--bots", "copycat", "--workers", "1.5"])).toContain(
      "--workers must be a whole number ≥ 1",
    );
    expect(error(["--bots", "copycat", "--years", "1850"])).toContain(
      "--years must be a whole number ≥ 1901",
    );
    expect(error(["--bots", "copycat", "--press", "loud"])).toContain("press modes: full, public, none");
    expect(error(["--bots", "copycat", "--preset", "x"])).toContain("presets: default, realist, liberal");
    expect(error(["--bots", "copycat", "--miscommunication", "2"])).toContain("--miscommunication");
    expect(error(["--bots", "copycat", "--map", "mars"])).toContain("maps: classic, amber");
    expect(error(["--map", "amber"])).toContain("--bots is required");
    expect(error(["--bots", "copycat", "--colour", "red"])).toContain("--colour");
    expect(parseCommand(["--help"])).toEqual({ ok: true, value: { kind: "help" } });
  });

  /** Runs the command. */
  function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(TSX, [CLI, ...args], { cwd: ROOT.pathname, encoding: "utf8", timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it("plays a tiny tournament end to end and writes its files, the same bytes on any worker count", () => {
    const common = [
      "--map",
      "amber",
      "--bots",
      "copycat,grudger*2",
      "--games",
      "3",
      "--years",
      "1902",
      "--seed",
      "e2e",
    ];
    const one = join(scratch, "one");
    const two = join(scratch, "two");
    const a = cli([...common, "--workers", "1", "--out", one]);
    expect(a.stderr).not.toMatch(/error/i);
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/^bot\s+games\s+wins/);
    expect(a.stdout).toContain("copycat/baseline vs grudger/baseline:");
    expect(a.stdout).toContain("games 3 · solos");
    for (const f of ["games.csv", "summary.csv", "tournament.json", "report.html"])
      expect(existsSync(join(one, f))).toBe(true);
    const html = readFileSync(join(one, "report.html"), "utf8");
    expect(html).toContain("<table>");
    expect(html).toContain("grudger/baseline");
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//);
    const b = cli([...common, "--workers", "2", "--out", two]);
    expect(b.status).toBe(0);
    const json = readFileSync(join(one, "tournament.json"), "utf8");
    expect(readFileSync(join(two, "tournament.json"), "utf8")).toBe(json);
    const record = JSON.parse(json) as { settings: TournamentSettings; records: BotMatchRecord[] };
    expect(record.settings.games).toBe(3);
    expect(record.records).toHaveLength(3);
    expect(tournamentJson(record as never)).toBe(json);
    expect(readFileSync(join(one, "games.csv"), "utf8").trimEnd().split("\n")).toHaveLength(1 + 3 * 5);
  });

  it("merges the folders of a measure played in parts into one table, and refuses another field", () => {
    const common = ["--map", "amber", "--bots", "copycat,grudger*2", "--games", "3", "--years", "1902"];
    const part = join(scratch, "part");
    expect(cli([...common, "--seed", "e2e-part", "--workers", "1", "--out", part]).status).toBe(0);
    const merge = (dirs: string[]) => {
      const r = spawnSync(TSX, [MERGE, ...dirs], { cwd: ROOT.pathname, encoding: "utf8", timeout: 60_000 });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const merged = merge([join(scratch, "one"), part]);
    expect(merged.stderr).toBe("");
    expect(merged.status).toBe(0);
    expect(merged.stdout).toContain('6 games of "copycat,grudger*2" from seeds e2e (3), e2e-part (3)');
    expect(merged.stdout).toMatch(/^copycat\/baseline\s+12\s/m); // two seats of five, in every game of both parts
    expect(merged.stdout).toMatch(/^copycat\/baseline: centre share /m);
    const other = join(scratch, "other");
    expect(
      cli(["--map", "amber", "--bots", "copycat*3", "--games", "3", "--years", "1902", "--out", other])
        .status,
    ).toBe(0);
    const refused = merge([part, other]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("played another field");
    expect(merge([join(scratch, "missing")]).status).toBe(2);
  });

  it("exits 2 on a bad spec, says why, and writes nothing", () => {
    const out = join(scratch, "bad");
    const r = cli(["--map", "amber", "--bots", "copycat,sneaky", "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad bot "sneaky"');
    expect(r.stderr).toContain("personalities: steady, always-cooperate");
    expect(existsSync(out)).toBe(false);
    const help = cli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("usage: npm run tournament");
  });
});
