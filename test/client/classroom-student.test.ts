/**
 * Classroom sessions (issue 14), the student's side in the client's words and decisions
 * (client/src/classroom/student.ts and classSeats.ts): the join code as typed and shown, why a
 * join was refused, the key in a rejoin link's fragment, where a student's view sends them and
 * whether the teacher moved them, which teacher broadcast is new, who drafted each order, and the
 * class seats this browser keeps.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  draftLine,
  draftsInOrder,
  joinedText,
  joinRefusal,
  keyFromFragment,
  newBroadcast,
  placeMoved,
  placePath,
  pressNotice,
  readJoinCode,
  retryDelayMs,
  shortOrder,
  studentPlace,
  teammatesText,
  worthRetrying,
  type ScreenAt,
} from "../../client/src/classroom/student";
import { spacedCode } from "../../client/src/classroom/dashboard";
import {
  classSeatForMatch,
  classSeatOf,
  dismissBroadcast,
  dismissedBroadcast,
  loadClassSeats,
  placeClassSeat,
  saveClassSeat,
} from "../../client/src/classroom/classSeats";
import { ERROR_CODES, JOIN_CODE_ALPHABET, type Broadcast, type DraftMark } from "../../shared/src/wire";

describe("the join code, as students type it and pages show it", () => {
  it.each([
    ["ABCD2F", "ABCD2F"],
    ["abcd2f", "ABCD2F"],
    [" abc-d2f ", "ABCD2F"],
    ["ABC D2F", "ABCD2F"],
    ["a-b-c d 2 f", "ABCD2F"],
  ])("%j reads as %s", (typed, code) => {
    expect(readJoinCode(typed)).toEqual({ ok: true, code });
  });

  it("says what is wrong with a code that cannot be one", () => {
    expect(readJoinCode("  ")).toEqual({ ok: false, message: "Type the code your teacher shows." });
    expect(readJoinCode("ABC2")).toEqual({
      ok: false,
      message: "A class code has 6 letters and digits; this has 4.",
    });
    const lookAlike = readJoinCode("ABCDE1");
    expect(lookAlike.ok).toBe(false);
    if (!lookAlike.ok) expect(lookAlike.message).toContain("no I, L, O, 0 or 1");
  });

  it("reads back every code the pages show (in two halves), whatever the case", () => {
    const code = fc.string({
      unit: fc.constantFrom(...Array.from(JOIN_CODE_ALPHABET)),
      minLength: 6,
      maxLength: 6,
    });
    fc.assert(
      fc.property(code, fc.boolean(), (c, lower) => {
        const shown = spacedCode(c);
        expect(readJoinCode(lower ? shown.toLowerCase() : shown)).toEqual({ ok: true, code: c });
      }),
    );
  });
});

describe("a refused preview or join says why, and asks again for the code or the name", () => {
  it.each([
    ["unknown-code", "code", "No class has that code, or it has ended."],
    ["class-ended", "code", "No class has that code, or it has ended."],
    ["name-taken", "name", "That name is taken in this class — add an initial."],
    ["rate-limited", "name", "Too many tries — wait a minute, then try again."],
  ] as const)("%s", (code, askFor, start) => {
    expect(ERROR_CODES).toContain(code);
    const refusal = joinRefusal(code, "the server's words");
    expect(refusal.askFor).toBe(askFor);
    expect(refusal.text.startsWith(start)).toBe(true);
  });

  it("any other refusal in the server's words, as a sentence", () => {
    expect(joinRefusal("bad-payload", "name: must not be blank")).toEqual({
      text: "Name: must not be blank.",
      askFor: "name",
    });
  });

  it("counts who joined, and says up front whether the teacher reads private messages", () => {
    expect(joinedText(0)).toBe("Nobody has joined yet");
    expect(joinedText(1)).toBe("1 student has joined");
    expect(joinedText(12)).toBe("12 students have joined");
    expect(pressNotice(true)).toBe("Your teacher can read your private messages in this class.");
    expect(pressNotice(false)).toMatch(/^Your teacher cannot read your private messages/);
  });
});

describe("the key in a rejoin link's fragment", () => {
  it.each([
    ["#k3y-_AbC", "k3y-_AbC"],
    ["k3y", "k3y"],
    ["#a%2Bb", "a+b"],
    ["", null],
    ["#", null],
    ["#   ", null],
    ["#two words", null],
    ["#%E0%A4%A", null], // a broken escape
  ])("%j → %j", (hash, key) => {
    expect(keyFromFragment(hash)).toBe(key);
  });
});

const SEAT = { matchID: "m1", playerID: "2", credentials: "key-ana", power: "FRA" };

describe("where a student's view sends them", () => {
  it("waiting, playing a seat, watching a match, or done", () => {
    expect(studentPlace({ status: "waiting", matchId: null, seat: null })).toEqual({ kind: "waiting" });
    expect(studentPlace({ status: "running", matchId: "m1", seat: SEAT })).toEqual({
      kind: "play",
      seat: SEAT,
    });
    expect(studentPlace({ status: "running", matchId: "m1", seat: null })).toEqual({
      kind: "watch",
      matchId: "m1",
    });
    expect(studentPlace({ status: "ended", matchId: null, seat: null })).toEqual({ kind: "ended" });
  });

  it("each place has its page", () => {
    expect(placePath({ kind: "play", seat: SEAT }, "c1", "s1")).toBe("/m/m1");
    expect(placePath({ kind: "watch", matchId: "m 2" }, "c1", "s1")).toBe("/watch/m%202");
    expect(placePath({ kind: "waiting" }, "c1", "s1")).toBe("/class/c1/s/s1");
  });

  const playing: ScreenAt = { matchID: "m1", playerID: "2", credentials: "key-ana" };
  const watching: ScreenAt = { matchID: "m1", playerID: null, credentials: null };

  it("the seat on screen is where the student is: nothing moved", () => {
    expect(placeMoved(playing, { kind: "play", seat: SEAT })).toBe(false);
    expect(placeMoved(watching, { kind: "watch", matchId: "m1" })).toBe(false);
    expect(placeMoved(playing, { kind: "ended" })).toBe(false);
  });

  it.each([
    ["to another match", playing, { kind: "play", seat: { ...SEAT, matchID: "m2" } }],
    ["to another power", playing, { kind: "play", seat: { ...SEAT, playerID: "4", power: "GER" } }],
    ["from a seat to watching", playing, { kind: "watch", matchId: "m1" }],
    ["from watching to a power", watching, { kind: "play", seat: SEAT }],
    ["to watch another match", watching, { kind: "watch", matchId: "m3" }],
    ["back to waiting", playing, { kind: "waiting" }],
  ] as const)("the teacher moved the student %s", (_what, screen, place) => {
    expect(placeMoved(screen, place)).toBe(true);
  });
});

describe("teacher broadcasts: the newest not dismissed shows", () => {
  const b = (id: number, text = `message ${id}`): Broadcast => ({ id, text, at: 1_000 * id });
  it("none, or the newest", () => {
    expect(newBroadcast([], null)).toBeNull();
    expect(newBroadcast([b(1), b(3), b(2)], null)).toEqual(b(3));
  });
  it("a dismissed one stays away; a newer one shows again", () => {
    expect(newBroadcast([b(1), b(2)], 2)).toBeNull();
    expect(newBroadcast([b(1), b(2), b(3)], 2)).toEqual(b(3));
  });
});

describe("who drafted each order this phase", () => {
  const mark = (unit: string, order: string, studentId: string, name: string): DraftMark => ({
    unit,
    order,
    studentId,
    name,
    at: 0,
  });

  it.each([
    ["A par - bur", "A Par–Bur"],
    ["FRA A par - bur", "A Par–Bur"],
    ["F nth C A lon - nwy", "F Nth C A Lon–Nwy"],
    ["A mun S A par - bur", "A Mun S A Par–Bur"],
    ["A lon - bel via convoy", "A Lon–Bel via convoy"],
    ["build F stp/nc", "build F Stp/nc"],
    ["remove A war", "remove A War"],
    ["F tri R alb", "F Tri R Alb"],
    ["waive", "waive"],
  ])("%s → %s", (order, shown) => {
    expect(shortOrder(order)).toBe(shown);
  });

  it("names the drafter, or says it was you", () => {
    expect(draftLine(mark("par", "A par - bur", "s1", "Ana"), "s2")).toBe("A Par–Bur · drafted by Ana");
    expect(draftLine(mark("par", "A par - bur", "s1", "Ana"), "s1")).toBe("A Par–Bur · drafted by you");
  });

  it("lists the drafts by unit, whoever drafted last", () => {
    const drafts = [mark("par", "A par H", "s1", "Ana"), mark("bre", "F bre - mao", "s2", "Ben")];
    expect(draftsInOrder(drafts).map((d) => d.unit)).toEqual(["bre", "par"]);
    expect(drafts.map((d) => d.unit)).toEqual(["par", "bre"]); // the view's list is left as it was
  });

  it("names the teammates", () => {
    const m = (studentId: string, name: string) => ({ studentId, name, connected: true });
    expect(teammatesText([m("s1", "Ana")], "s1")).toBeNull();
    expect(teammatesText([m("s1", "Ana"), m("s2", "Ben")], "s1")).toBe("With Ben");
    expect(teammatesText([m("s1", "Ana"), m("s2", "Ben"), m("s3", "Cy")], "s2")).toBe("With Ana and Cy");
    expect(teammatesText([m("s1", "A"), m("s2", "B"), m("s3", "C"), m("s4", "D")], "s4")).toBe(
      "With A, B and C",
    );
  });
});

describe("asking for the student's view again", () => {
  it("a wrong key or a missing student is final; a blip is asked again", () => {
    for (const code of ["wrong-key", "no-key", "unknown-student", "unknown-class"]) {
      expect(ERROR_CODES).toContain(code);
      expect(worthRetrying(code)).toBe(false);
    }
    for (const code of ["network", "rate-limited", "server-error", "http"])
      expect(worthRetrying(code)).toBe(true);
  });

  it("waits longer after each failure, up to 15 s, with at most 20% jitter", () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n, 0))).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
    expect(retryDelayMs(1, 1)).toBe(1200);
    expect(retryDelayMs(1, 7)).toBe(1200);
  });
});

describe("the class seats this browser keeps (localStorage)", () => {
  let store: Map<string, string>;
  beforeEach(() => {
    store = new Map();
    const localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    Object.defineProperty(globalThis, "localStorage", { value: localStorage, configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, "localStorage");
  });

  const ana = { classId: "c1", studentId: "s1", studentKey: "key-ana", name: "Ana", className: "IR 101" };

  it("keeps a seat once per student, with its code and match when a later record does not say", () => {
    saveClassSeat({ ...ana, code: "ABCD2F", matchId: null });
    placeClassSeat("c1", "s1", "m1");
    saveClassSeat({ ...ana, name: "Ana B." }); // the student page, after the view came
    expect(loadClassSeats()).toEqual([{ ...ana, name: "Ana B.", code: "ABCD2F", matchId: "m1" }]);
    expect(placeClassSeat("c1", "nobody", "m1")).toBe(false);
  });

  it("finds the class seat of a game screen by its key, else by the match it was placed in", () => {
    saveClassSeat({ ...ana, matchId: "m1" });
    saveClassSeat({
      classId: "c1",
      studentId: "s2",
      studentKey: "key-ben",
      name: "Ben",
      className: "IR 101",
    });
    expect(classSeatForMatch("m9", "key-ben")?.studentId).toBe("s2");
    expect(classSeatForMatch("m1", null)?.studentId).toBe("s1");
    expect(classSeatForMatch("m2", null)).toBeNull();
    expect(classSeatForMatch("m2", "someone-else")).toBeNull();
  });

  it("reads past records that are not class seats, and storage that is not JSON", () => {
    store.set("entente.classSeats", JSON.stringify([{ classId: "c1" }, ana, 7]));
    expect(loadClassSeats()).toEqual([ana]);
    expect(classSeatOf("c1", "s1")).toEqual(ana);
    store.set("entente.classSeats", "{not json");
    expect(loadClassSeats()).toEqual([]);
  });

  it("remembers the last broadcast dismissed, per class", () => {
    expect(dismissedBroadcast("c1")).toBeNull();
    dismissBroadcast("c1", 3);
    dismissBroadcast("c2", 1);
    expect(dismissedBroadcast("c1")).toBe(3);
    expect(dismissedBroadcast("c2")).toBe(1);
  });
});
