/**
 * `npm run play`: every bundled example script through the runner's pure entry, checked for the
 * facts of its story; the action syntax, clause syntax and phase labels; script errors that name
 * the phase, power and line; determinism; and one run of the real command.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getMap } from "../../shared/src/map";
import type { NewsEvent } from "../../shared/src/newspaper/types";
import {
  compactJson,
  formatScriptError,
  parseActionLine,
  parseClause,
  parsePhaseLabel,
  runScript,
  type PhaseOutput,
  type PlayRecord,
  type ScriptError,
} from "../../tools/play-script";

const map = getMap("classic")!;
const EXAMPLES = new URL("../../examples/", import.meta.url);

// boardgame.io logs refused moves as "ERROR: …"; the error tests below provoke them on purpose.
beforeAll(() => {
  const original = console.error.bind(console);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (args[0] !== "ERROR:") original(...args);
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** Reads an example script. */
function example(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, EXAMPLES), "utf8"));
}

/** Plays a script that must play. */
async function play(script: unknown): Promise<PlayRecord> {
  const r = await runScript(script);
  if (!r.ok) throw new Error(formatScriptError(r.error));
  return r.value;
}

/** Plays a script that must fail, and returns its error. */
async function failure(script: unknown): Promise<ScriptError> {
  const r = await runScript(script);
  if (r.ok) throw new Error("the script played");
  return r.error;
}

/** The record of a phase by label. */
function phase(record: PlayRecord, label: string): PhaseOutput {
  const p = record.phases.find((x) => x.phase === label);
  if (!p) throw new Error(`no phase ${label}: ${record.phases.map((x) => x.phase).join(", ")}`);
  return p;
}

/** The events of a phase's edition, optionally of one type. */
function events(p: PhaseOutput, type?: NewsEvent["type"]): NewsEvent[] {
  return (p.edition?.articles ?? []).map((a) => a.event).filter((e) => type === undefined || e.type === type);
}

/** What a reader answers when it refuses a line: an error whose text contains `part`. */
function refusal(part: string): { error: unknown } {
  return { error: expect.stringContaining(part) };
}

/** Every event of every edition. */
const allEvents = (r: PlayRecord): NewsEvent[] => r.phases.flatMap((p) => events(p));

describe("the bundled examples tell their stories", () => {
  it("ships seven examples, each of which plays", async () => {
    // The scripted games; beside them are the seat API's example bots and their tsconfig.json.
    const names = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json") && f !== "tsconfig.json");
    expect(names.sort()).toEqual([
      "announced-stab.json",
      "kept-pact.json",
      "leak-exposes-broken-word.json",
      "renounced-then-attack.json",
      "retaliation.json",
      "secret-deal-exposed.json",
      "surprise-stab.json",
    ]);
    for (const name of names) {
      const r = await play(example(name));
      for (const p of r.phases) expect(p.edition, `${name} ${p.phase}`).not.toBeNull();
    }
  });

  it("kept-pact: the pact is honoured to its end and both gain reputation", async () => {
    const r = await play(example("kept-pact.json"));
    expect(events(phase(r, "spring 1901 movement"), "commitment-signed")).toHaveLength(1);
    const fall = phase(r, "fall 1901 movement");
    expect(events(fall, "commitment-honoured")).toMatchObject([{ parties: ["ENG", "FRA"] }]);
    expect(fall.standing.ENG).toEqual({ reputation: 53, prestige: 50 });
    expect(fall.standing.FRA).toEqual({ reputation: 53, prestige: 50 });
    expect(allEvents(r).filter((e) => e.type === "defection")).toEqual([]);
    expect(r.result?.kind).toBe("year-limit");
    expect(r.result?.survivors).toHaveLength(7);
  });

  it("surprise-stab: a surprise defection costs England 15 reputation and France 5 prestige", async () => {
    const r = await play(example("surprise-stab.json"));
    const fall = phase(r, "fall 1901 movement");
    expect(fall.orders.ENG).toContain("F eng - bre");
    expect(fall.adjudication).toContainEqual({ order: "ENG F eng - bre", outcome: "succeeds" });
    expect(events(fall, "defection")).toMatchObject([{ by: "ENG", against: "FRA", kind: "surprise" }]);
    expect(events(fall, "center-captured")).toContainEqual({
      type: "center-captured",
      center: "bre",
      from: "FRA",
      to: "ENG",
    });
    expect(fall.standing.ENG!.reputation).toBe(35);
    expect(fall.standing.FRA!.prestige).toBe(45);
    const headlines = fall.edition!.articles.map((a) => a.headline);
    expect(headlines.some((h) => h.includes("England") && h.includes("France"))).toBe(true);
  });

  it("announced-stab: with notice the defection is announced — 5 reputation, no lost prestige", async () => {
    const r = await play(example("announced-stab.json"));
    const fall = phase(r, "fall 1901 movement");
    expect(events(fall, "defection")).toMatchObject([{ by: "ENG", against: "FRA", kind: "announced" }]);
    expect(events(fall, "commitment-renounced")).toMatchObject([{ by: "ENG" }]);
    expect(fall.standing.ENG!.reputation).toBe(45);
    expect(fall.standing.FRA!.prestige).toBe(50);
  });

  it("renounced-then-attack: an attack a phase after notice is no defection at all", async () => {
    const r = await play(example("renounced-then-attack.json"));
    expect(events(phase(r, "fall 1901 movement"), "commitment-renounced")).toHaveLength(1);
    const spring = phase(r, "spring 1902 movement");
    expect(spring.adjudication).toContainEqual({ order: "ENG F eng - bre", outcome: "fails" });
    expect(allEvents(r).filter((e) => e.type === "defection")).toEqual([]);
    expect(spring.standing.ENG).toEqual({ reputation: 52, prestige: 50 });
    expect(spring.standing.FRA).toEqual({ reputation: 52, prestige: 50 });
    expect(r.result).toBeNull(); // the script stops mid-game
  });

  it("retaliation: Germany strikes back at France unpunished", async () => {
    const r = await play(example("retaliation.json"));
    const spring = phase(r, "spring 1901 movement");
    expect(events(spring, "defection")).toMatchObject([{ by: "FRA", against: "GER", kind: "surprise" }]);
    expect(spring.standing.FRA!.reputation).toBe(35);
    const fall = phase(r, "fall 1901 movement");
    expect(events(fall, "defection")).toMatchObject([{ by: "GER", against: "FRA", kind: "retaliation" }]);
    expect(events(fall, "dislodgement")).toHaveLength(1);
    expect(fall.standing.GER!.reputation).toBe(50);
    expect(phase(r, "fall 1901 retreat").adjudication).toContainEqual({
      order: "FRA A bur R pic",
      outcome: "succeeds",
    });
  });

  it("leak-exposes-broken-word: leaking a broken promise is free, a harmless note costs 3", async () => {
    const r = await play(example("leak-exposes-broken-word.json"));
    const winter = phase(r, "winter 1901 adjustment");
    const leaks = events(winter, "leak");
    expect(leaks).toMatchObject([
      { leaker: "FRA", sender: "ENG", exposesBrokenPromise: true },
      { leaker: "ITA", sender: "AUS", exposesBrokenPromise: false },
    ]);
    expect(JSON.stringify(leaks)).toContain("England will never attack Brest");
    expect(winter.standing.FRA!.reputation).toBe(52); // +2 for the year, nothing for the leak
    expect(winter.standing.ITA!.reputation).toBe(49); // −3 for the leak, +2 for the year
    expect(winter.actions.map((a) => a.line)).toEqual(["leak promise", "leak note"]);
  });

  it("secret-deal-exposed: the secret pact goes unreported until a breach exposes it", async () => {
    const r = await play(example("secret-deal-exposed.json"));
    expect(events(phase(r, "spring 1901 movement"))).toEqual([]);
    const fall = phase(r, "fall 1901 movement");
    expect(events(fall, "secret-exposed")).toMatchObject([{ parties: ["GER", "RUS"] }]);
    expect(events(fall, "defection")).toMatchObject([{ by: "GER", against: "RUS", kind: "surprise" }]);
  });

  it("plays a smaller map with fewer seats", async () => {
    const r = await play({ map: "amber", players: 3, seed: "amber", phases: [{}] });
    expect(r.powers).toEqual(["BRY", "ORO", "SEL"]);
    expect(r.phases).toHaveLength(1);
    expect((await failure({ map: "amber", players: 7, phases: [] })).message).toContain("not played by 7");
  });

  it("plays the same record twice", async () => {
    const script = example("surprise-stab.json");
    expect(await play(script)).toEqual(await play(script));
  });
});

describe("the action syntax", () => {
  const ctx = { map, power: "ENG", labels: new Map([["pact", "c4"]]) };
  const read = (line: string): unknown => {
    const r = parseActionLine(line, ctx);
    return r.ok ? r.value : { error: r.error };
  };

  it("reads every action", () => {
    expect(
      read("propose FRA: non-aggression ENG->FRA, non-aggression FRA->ENG until fall 1902 public"),
    ).toEqual({
      label: null,
      action: {
        type: "propose",
        parties: ["FRA"],
        clauses: [
          { kind: "non-aggression", from: "ENG", to: "FRA" },
          { kind: "non-aggression", from: "FRA", to: "ENG" },
        ],
        until: { season: "fall", year: 1902 },
        visibility: "public",
      },
    });
    expect(
      read('deal = propose France, GER: alliance ENG<->FRA; "no fleets, please" secret until spring 1903'),
    ).toEqual({
      label: "deal",
      action: {
        type: "propose",
        parties: ["FRA", "GER"],
        clauses: [
          { kind: "alliance", powers: ["ENG", "FRA"] },
          { kind: "text", text: "no fleets, please" },
        ],
        until: { season: "spring", year: 1903 },
        visibility: "secret",
      },
    });
    expect(read("accept c1")).toEqual({ label: null, action: { type: "accept", commitmentId: "c1" } });
    expect(read("reject pact")).toEqual({ label: null, action: { type: "reject", commitmentId: "c4" } });
    expect(read("withdraw C2")).toEqual({ label: null, action: { type: "withdraw", commitmentId: "c2" } });
    expect(read("notice pact")).toEqual({ label: null, action: { type: "notice", commitmentId: "c4" } });
    expect(read("renounce c1")).toEqual({ label: null, action: { type: "notice", commitmentId: "c1" } });
    expect(read("message GER,RUS: Let's split Austria: half each")).toEqual({
      label: null,
      action: { type: "message", to: ["GER", "RUS"], text: "Let's split Austria: half each" },
    });
    expect(read("tip = msg GER: psst")).toMatchObject({
      label: "tip",
      action: { type: "message", to: ["GER"] },
    });
    expect(read("leak m3")).toEqual({ label: null, action: { type: "leak", messageId: "m3" } });
    expect(read("communique We come in peace")).toEqual({
      label: null,
      action: { type: "communique", text: "We come in peace" },
    });
    expect(read("draw yes")).toEqual({ label: null, action: { type: "draw-vote", vote: true } });
    expect(read("draw no")).toEqual({ label: null, action: { type: "draw-vote", vote: false } });
    expect(read("ready")).toEqual({ label: null, action: { type: "ready", ready: true } });
    expect(read('{"type": "leak", "messageId": "m9"}')).toEqual({
      label: null,
      action: { type: "leak", messageId: "m9" },
    });
  });

  it("explains what it cannot read", () => {
    expect(read("fly to the moon")).toMatchObject(refusal("is not an action"));
    expect(read("propose XYZ: text hello")).toMatchObject(refusal('"XYZ" is not a power'));
    expect(read("propose FRA")).toMatchObject(refusal("propose <powers>"));
    expect(read("propose FRA: friendship")).toMatchObject(refusal("is not a clause"));
    expect(read("accept the-deal")).toMatchObject(refusal("neither a label"));
    expect(read("draw maybe")).toMatchObject(refusal("draw yes"));
    expect(read('{"type": "leak"}')).toMatchObject(refusal("messageId"));
    expect(read("{oops")).toMatchObject({ error: "not valid JSON" });
  });

  it("reads every clause", () => {
    const parties = ["ENG", "FRA"];
    const clause = (text: string): unknown => {
      const r = parseClause(map, text, parties);
      return r.ok ? r.value : { error: r.error };
    };
    expect(clause("non-aggression ENG<->FRA")).toHaveLength(2);
    expect(clause("alliance England France")).toEqual([{ kind: "alliance", powers: ["ENG", "FRA"] }]);
    expect(clause("dmz eng, Belgium")).toEqual([
      { kind: "demilitarised-zone", powers: ["ENG", "FRA"], provinces: ["eng", "bel"] },
    ]);
    expect(clause("dmz nth for ENG GER")).toEqual([
      { kind: "demilitarised-zone", powers: ["ENG", "GER"], provinces: ["nth"] },
    ]);
    expect(clause("pledge ENG F lon S FRA A bre - pic in spring 1902")).toEqual([
      {
        kind: "support-pledge",
        power: "ENG",
        beneficiary: "FRA",
        supporter: "lon",
        supported: "bre",
        to: "pic",
        when: { season: "spring", year: 1902 },
      },
    ]);
    expect(clause("pledge ENG eng S FRA bre fall 1901")).toMatchObject([{ to: null, supporter: "eng" }]);
    expect(clause("no-build GER fleets in kie ber")).toEqual([
      { kind: "no-build", power: "GER", centers: ["kie", "ber"], fleetsOnly: true },
    ]);
    expect(clause("no-build GER")).toEqual([
      { kind: "no-build", power: "GER", centers: [], fleetsOnly: false },
    ]);
    expect(clause("cede AUS ser to RUS by fall 1902")).toEqual([
      { kind: "cede", power: "AUS", to: "RUS", province: "ser", by: { season: "fall", year: 1902 } },
    ]);
    expect(clause("text we split the Balkans")).toEqual([{ kind: "text", text: "we split the Balkans" }]);
    expect(clause("dmz atlantis")).toMatchObject(refusal("not a province"));
    expect(clause("cede AUS ser RUS")).toMatchObject(refusal("cede AUS ser to RUS"));
  });

  it("reads phase labels", () => {
    expect(parsePhaseLabel("spring 1901")).toEqual({
      ok: true,
      value: { season: "spring", year: 1901, phase: "movement" },
    });
    expect(parsePhaseLabel("Fall 1901 retreat")).toMatchObject({ value: { phase: "retreat" } });
    expect(parsePhaseLabel("winter 1902")).toMatchObject({ value: { phase: "adjustment", year: 1902 } });
    expect(parsePhaseLabel("F1903R")).toEqual({
      ok: true,
      value: { season: "fall", year: 1903, phase: "retreat" },
    });
    expect(parsePhaseLabel("summer 1901").ok).toBe(false);
  });
});

describe("script errors name the phase, the power and the line", () => {
  const base = { map: "classic", seed: "errors" };

  it("an unknown action", async () => {
    const e = await failure({ ...base, phases: [{}, { actions: { FRA: ["accept c1", "hug GER"] } }] });
    expect(e).toMatchObject({ phase: 2, power: "FRA", line: "accept c1" }); // refused before "hug"
    expect(e.message).toContain("unknown-commitment");
    expect(formatScriptError(e)).toMatch(/^phase 2 \(fall 1901 movement\), FRA, "accept c1": /);
    const e2 = await failure({ ...base, phases: [{ actions: { FRA: ["hug GER"] } }] });
    expect(e2).toMatchObject({ phase: 1, power: "FRA", line: "hug GER" });
  });

  it("an unknown power, a bad order, a wrong phase label, a bad script", async () => {
    expect(await failure({ ...base, phases: [{ orders: { XYZ: ["A par - bur"] } }] })).toMatchObject({
      phase: 1,
      power: "XYZ",
    });
    const order = await failure({
      ...base,
      phases: [{ orders: { FRA: ["A par - bur", "A par - atlantis"] } }],
    });
    expect(order).toMatchObject({ phase: 1, power: "FRA", line: "A par - atlantis" });
    const illegal = await failure({ ...base, phases: [{ orders: { FRA: ["A par - lon"] } }] });
    expect(illegal).toMatchObject({ phase: 1, power: "FRA" });
    expect(illegal.message).toContain("illegal-order");
    const label = await failure({ ...base, phases: [{ phase: "fall 1901" }] });
    expect(label.message).toContain("the game is at spring 1901 movement");
    expect((await failure({ ...base, phases: "none" })).message).toContain("phases");
    expect((await failure({ ...base, map: "mars", phases: [] })).message).toContain("not a map");
    expect((await failure({ ...base, typo: 1, phases: [] })).message).toContain("typo");
    const over = await failure({ ...base, yearLimit: 1900, phases: [{}, {}] });
    expect(over).toMatchObject({ phase: 2 });
    expect(over.message).toContain("already over");
  });
});

describe("output", () => {
  it("compact JSON reads back as the same value", async () => {
    const r = await play(example("kept-pact.json"));
    const text = compactJson(r);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(r)));
    expect(text.split("\n").every((line) => line.length <= 200 || !line.trim().startsWith("{"))).toBe(true);
  });

  it("npm run play prints the record, and exits 2 with a clear message on a bad script", () => {
    // What `npm run play` runs (`tsx tools/play.ts`), without npm's start-up time.
    const run = (...args: string[]): SpawnSyncReturns<string> =>
      spawnSync(process.execPath, ["--import", "tsx", "tools/play.ts", ...args], { encoding: "utf8" });
    const ok = run("examples/surprise-stab.json");
    expect(ok.status).toBe(0);
    const record = JSON.parse(ok.stdout) as PlayRecord;
    expect(record.phases.map((p) => p.phase)).toEqual([
      "spring 1901 movement",
      "fall 1901 movement",
      "winter 1901 adjustment",
    ]);
    const dir = mkdtempSync(join(tmpdir(), "entente-play-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ phases: [{ actions: { ENG: ["propose FRA: hugs"] } }] }));
    const bad = run(file);
    rmSync(dir, { recursive: true });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain('phase 1 (spring 1901 movement), ENG, "propose FRA: hugs": ');
    expect(bad.stderr).not.toContain("ERROR:");
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("usage");
  });
});
