/**
 * The record viewer's pure parts (issue 15, items 4 and 5): a record file read at the edge (not
 * JSON, not a record, no seed), checked by replay with the browser's sha256 (identical, diverged),
 * and the pictures' frames, file names, sizes, SVG document and a GIF's frame count. A record is made here by
 * playing a one-year Amber match through the rules with random legal orders, as the server records
 * one (actions, a checkpoint per resolved phase, the editions, the final state's hash).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { randomOrders } from "../../shared/src/game/random-play";
import { getMap } from "../../shared/src/map/registry";
import { mustAct } from "../../shared/src/match/actions";
import { canonicalJson, initialOf, stepActions } from "../../shared/src/match/replay";
import { DEFAULT_SETTINGS } from "../../shared/src/match/setup";
import { sourceOfRecord } from "../../shared/src/debrief/source";
import { createRng } from "../../shared/src/random";
import {
  RECORD_FORMAT,
  RECORD_VERSION,
  type MatchRecord,
  type RecordAction,
  type RecordCheckpoint,
} from "../../shared/src/wire/record";
import {
  FRAME_MS,
  framePhase,
  gifFrameCount,
  LAST_FRAME_MS,
  pictureFileName,
  pictureSize,
  replayFileName,
  replayFrames,
  svgDocument,
  TITLE_HEIGHT,
} from "../../client/src/replay/pictures";
import {
  checkRecord,
  phaseKeyWords,
  readRecordFile,
  sha256Hex,
  verdictWords,
} from "../../client/src/replay/recordFile";

const amber = getMap("amber")!;

/** A one-year, three-player Amber match played to its end with random legal orders, as a record. */
function playedRecord(seed: string): MatchRecord {
  const settings = { ...DEFAULT_SETTINGS, mapId: "amber" as const, yearLimit: 1901 };
  const base: MatchRecord = {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    matchID: "testMatch01",
    map: "amber",
    settings,
    numPlayers: 3,
    seed,
    complete: true,
    actions: [],
    checkpoints: [],
    editions: [],
    finalHash: "0".repeat(64),
  };
  const { game, initial } = initialOf({ ...base, seed });
  const rng = createRng(seed);
  const actions: RecordAction[] = [];
  const checkpoints: RecordCheckpoint[] = [];
  let state = initial;
  for (let phase = 0; state.G.result === null; phase++) {
    if (phase > 12) throw new Error("the match of one year did not end");
    const G = state.G;
    const acting = G.powers.flatMap((power, seat) => (mustAct(amber, G, power) ? [{ power, seat }] : []));
    const planned: Omit<RecordAction, "phase">[] = [
      ...acting.map(({ power, seat }) => ({
        playerID: String(seat),
        move: "orders",
        args: { orders: randomOrders(amber, G.position, rng).filter((o) => o.power === power) },
      })),
      ...acting.map(({ seat }) => ({ playerID: String(seat), move: "ready", args: { ready: true } })),
    ];
    for (const step of stepActions(game, state, planned)) {
      if (step.after === null) throw new Error(`refused: ${step.refusal ?? "?"}`);
      actions.push({ phase: step.phase, ...planned[step.index]! });
      if (step.checkpoint !== null) checkpoints.push({ ...step.checkpoint, actions: actions.length });
      state = step.after;
    }
  }
  return {
    ...base,
    actions,
    checkpoints,
    editions: state.G.editions as unknown as MatchRecord["editions"],
    finalHash: createHash("sha256").update(canonicalJson(state.G)).digest("hex"),
  };
}

const record = playedRecord("viewer");

describe("a record file read in the browser", () => {
  it("reads a record and checks it identical, with the server's sha256", () => {
    const read = readRecordFile(JSON.stringify(record));
    expect(read.ok).toBe(true);
    expect(sha256Hex("abc")).toBe(createHash("sha256").update("abc").digest("hex"));
    const outcome = checkRecord(record);
    expect(outcome).toEqual({ kind: "identical", hash: record.finalHash });
    expect(verdictWords(outcome)).toBe(
      `Checked: every phase and the final state match · ${record.finalHash}`,
    );
  });

  it("refuses a file that is not JSON, not a record, or a running match's record", () => {
    const notJson = readRecordFile("{ not json");
    expect(notJson).toMatchObject({ ok: false, code: "not-json" });
    const notRecord = readRecordFile(JSON.stringify({ hello: "world" }));
    expect(notRecord).toMatchObject({ ok: false, code: "not-record" });
    expect(!notRecord.ok && notRecord.message).toMatch(/^This file is not a match record: format: /);
    const badPhase = structuredClone(record);
    badPhase.checkpoints[0]!.phase = "spring";
    const badRead = readRecordFile(JSON.stringify(badPhase));
    expect(!badRead.ok && badRead.message).toMatch(/: checkpoints\[0\]\.phase: /);
    const running = readRecordFile(JSON.stringify({ ...record, seed: null, complete: false }));
    expect(running).toMatchObject({ ok: false, code: "no-seed" });
  });

  it("says where a record with one order altered diverges", () => {
    const altered = structuredClone(record);
    const action = altered.actions.find((a) => a.move === "orders")!;
    const orders = (action.args as { orders: { kind: string; to?: string; unit: { location: string } }[] })
      .orders;
    const move = orders.find((o) => o.kind === "move") ?? orders[0]!;
    move.kind = "move";
    move.to = move.unit.location;
    const outcome = checkRecord(altered);
    expect(outcome.kind).toBe("diverged");
    expect(verdictWords(outcome)).toMatch(/^Diverged at Spring 1901, Movement: action \d+ \(orders/);
    expect(phaseKeyWords("1901-fall-retreat")).toBe("Fall 1901, Retreat");
    expect(phaseKeyWords("the start")).toBe("the start");
  });
});

describe("pictures of a match", () => {
  const source = sourceOfRecord(record);
  if (!source.ok) throw new Error(source.why);
  const G = source.source.last;

  it("names the files by match and phase", () => {
    expect(pictureFileName("abc123", G.history[0]!.phase)).toBe("entente-abc123-1901-spring-movement.png");
    expect(replayFileName("abc123")).toBe("entente-abc123.gif");
    expect(replayFileName("../odd id")).toBe("entente-_odd_id.gif");
  });

  it("has a frame per resolved phase, then the final board, longer", () => {
    const frames = replayFrames(amber, G, "m1");
    expect(frames).toHaveLength(G.history.length + 1);
    expect(frames.map((f) => f.delayMs)).toEqual([...G.history.map(() => FRAME_MS), LAST_FRAME_MS]);
    expect(frames[0]!.title).toBe("Spring 1901, Movement");
    expect(frames[0]!.caption).toBe("Entente · match m1");
    expect(frames[0]!.orders.length).toBeGreaterThan(0);
    expect(frames[0]!.results).toHaveLength(frames[0]!.orders.length);
    expect(frames.at(-1)!.title).toMatch(/^Final board · /);
    expect(frames.at(-1)!.orders).toEqual([]);
    expect(framePhase(amber, G, 1, "m1")).toEqual(frames[1]);
  });

  it("makes the board's markup a standalone SVG document at the full view, with its styles", () => {
    const size = pictureSize(amber, 1200);
    expect(size).toEqual({ width: 1200, height: TITLE_HEIGHT + 880, board: 880 });
    // MapView's static markup: its wrapper, its stylesheet, its help, then the SVG (zoomed in).
    const markup =
      '<div class="mv-root" role="group"><style>.mv-svg{}</style><p class="mv-help">Arrow keys…</p>' +
      '<svg class="mv-svg" viewBox="120.0 80.0 480.0 352.0" style="aspect-ratio:960 / 704" ' +
      'xmlns="http://www.w3.org/2000/svg"><g class="mv-orders"><path d="M0 0L10 10"></path></g></svg>' +
      '<div class="mv-controls"><button>+</button></div></div>';
    const svg = svgDocument(markup, amber, 1200);
    expect(svg.startsWith('<svg width="1200" height="880" viewBox="0 0 960 704" class="mv-svg"')).toBe(true);
    expect(svg).not.toContain("aspect-ratio");
    expect(svg).not.toContain("120.0 80.0");
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"><style><![CDATA[');
    expect(svg).toContain(".mv-label"); // the board's own stylesheet, MAP_CSS
    expect(svg.endsWith('<g class="mv-orders"><path d="M0 0L10 10"></path></g></svg>')).toBe(true);
    expect(svg).toContain("svg.mv-svg { width: 1200px; height: 880px;");
    expect(svg).not.toContain("<button"); // the zoom buttons stay on the screen
    expect(() => svgDocument("<div></div>", amber, 1200)).toThrow(/no SVG/);
  });

  it("counts a GIF's frames, and knows a cut or foreign file", () => {
    // The smallest GIF (1×1, a two-colour table): header, screen, table | one frame | trailer.
    const one = Uint8Array.from(atob("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="), (c) =>
      c.charCodeAt(0),
    );
    const [head, frame, trailer] = [one.slice(0, 19), one.slice(19, -1), one.slice(-1)];
    const gifOf = (frames: number) =>
      Uint8Array.from([...head, ...Array.from({ length: frames }, () => [...frame]).flat(), ...trailer]);
    expect(gifFrameCount(one)).toBe(1);
    expect(gifFrameCount(gifOf(4))).toBe(4);
    expect(gifFrameCount(gifOf(0))).toBe(0);
    expect(gifFrameCount(gifOf(3).slice(0, -1))).toBeNull(); // no trailer: cut short
    expect(gifFrameCount(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
  });
});
