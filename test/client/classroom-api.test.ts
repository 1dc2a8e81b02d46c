/**
 * The class API's client (client/src/classroom/classApi.ts) against a stand-in fetch: every
 * function goes to its route of `CLASS_ROUTES` (method and path), carries the key as a bearer
 * token, sends the long-poll's query, parses answers with the contract's schemas, and turns
 * refusals into `ApiError` with the server's code and message.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../client/src/app/api";
import * as api from "../../client/src/classroom/classApi";
import { fillPath, queryString } from "../../client/src/classroom/classApi";
import { CLASS_ROUTES, type ClassRouteName, type ClassView } from "../../shared/src/wire";

interface Sent {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** Answers every request with `status` and `body`, and records what was sent. */
function stubFetch(status: number, body: unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", (input: string, init: RequestInit = {}) => {
    sent.push({
      method: init.method ?? "GET",
      url: new URL(input, "http://class.test"),
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    });
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { "Content-Type": "application/json", Date: new Date().toUTCString() },
      }),
    );
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const view: ClassView = {
  classId: "c1",
  name: "IR 101",
  code: "ABCD2F",
  joinUrl: "http://class.test/join/ABCD2F",
  status: "waiting",
  version: 4,
  createdAt: 1,
  settings: {
    map: "classic",
    studentsPerPower: 1,
    extras: "teams",
    matches: null,
    timing: { movement: 10, retreat: 3, adjustment: 3 },
    daily: false,
    pressMode: "full",
    presets: ["default"],
    yearLimit: null,
    teacherReadsPress: false,
    seed: "s",
  },
  roster: [],
  students: [],
  matches: [],
  broadcasts: [],
  projector: "rotate",
};
const action = { done: ["m1"], class: view };

describe("paths", () => {
  it("fills a route's parts, encoded", () => {
    expect(fillPath("/api/classes/:classId/students/:studentId", { classId: "c 1", studentId: "s/2" })).toBe(
      "/api/classes/c%201/students/s%2F2",
    );
    expect(() => fillPath("/api/classes/:classId", {})).toThrow();
  });
  it("writes only the query's defined parts", () => {
    expect(queryString({ after: "3", wait: "20" })).toBe("?after=3&wait=20");
    expect(queryString({ after: undefined, wait: "20" })).toBe("?wait=20");
    expect(queryString({})).toBe("");
  });
});

describe("every teacher route", () => {
  const calls: [ClassRouteName, () => Promise<unknown>, unknown][] = [
    ["startClass", () => api.startClass("c1", "tk", { paused: true }), { matches: [] }],
    ["classView", () => api.getClass("c1", "tk", 4, 20), view],
    ["moveStudent", () => api.moveStudent("c1", "tk", "s1", "m1", null), action],
    ["controlMatch", () => api.controlMatch("c1", "tk", "all", "pause"), action],
    ["extendMatch", () => api.extendMatch("c1", "tk", "m1", 5), action],
    ["powerToBot", () => api.powerToBot("c1", "tk", "m1", "FRA"), action],
    ["teacherPress", () => api.teacherPress("c1", "tk", "m1"), { matchId: "m1", press: [] }],
    ["broadcast", () => api.broadcast("c1", "tk", "Five minutes left"), action],
    ["projectorFocus", () => api.setProjectorFocus("c1", "tk", "rotate"), action],
    ["endClass", () => api.endClass("c1", "tk"), action],
  ];
  for (const [name, call, answer] of calls) {
    it(`${name} goes to its route with the teacher key`, async () => {
      const sent = stubFetch(200, answer);
      await call();
      expect(sent).toHaveLength(1);
      const [req] = sent as [Sent];
      expect(req.method).toBe(CLASS_ROUTES[name].method);
      expect(CLASS_ROUTES[name].pattern.test(req.url.pathname), req.url.pathname).toBe(true);
      expect(req.headers["Authorization"]).toBe("Bearer tk");
      const schema = CLASS_ROUTES[name].body;
      if (schema !== null) expect(schema.safeParse(req.body).success).toBe(true);
      else expect(req.body).toBeUndefined();
    });
  }

  it("sends the long-poll's version and wait, the wait at most 25 s", async () => {
    const sent = stubFetch(200, view);
    await api.getClass("c1", "tk", 7, 99);
    expect(sent[0]!.url.searchParams.get("after")).toBe("7");
    expect(sent[0]!.url.searchParams.get("wait")).toBe("25");
    await api.getClass("c1", "tk");
    expect(sent[1]!.url.search).toBe("");
  });

  it("acts on the match its action names", async () => {
    const sent = stubFetch(200, action);
    await api.controlMatch("c1", "tk", "m1", "resolve");
    expect(sent[0]!.url.pathname).toBe("/api/classes/c1/matches/m1/resolve");
  });
});

describe("students and the projector", () => {
  it("joins without a key and previews by code", async () => {
    const sent = stubFetch(200, { classId: "c1", studentId: "s1", studentKey: "sk" });
    await api.joinClass("abc-d2f", "Ada");
    expect(sent[0]!.url.pathname).toBe("/api/classes/join");
    expect(sent[0]!.headers["Authorization"]).toBeUndefined();
    expect(sent[0]!.body).toEqual({ code: "abc-d2f", name: "Ada" });
  });
  it("asks for the projector with no key", async () => {
    const sent = stubFetch(200, {
      classId: "c1",
      name: "IR 101",
      status: "waiting",
      version: 1,
      focus: "rotate",
      matches: [],
      broadcasts: [],
    });
    const timed = await api.getProjectorTimed("c1", 0, 20);
    expect(timed.data.version).toBe(1);
    expect(sent[0]!.headers["Authorization"]).toBeUndefined();
    expect(CLASS_ROUTES.projector.pattern.test(sent[0]!.url.pathname)).toBe(true);
  });
});

describe("answers and refusals", () => {
  it("turns a refusal into an ApiError with the server's code and message", async () => {
    stubFetch(403, { error: { code: "wrong-key", message: "That is not this class's teacher key." } });
    const err = await api.getClass("c1", "bad").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 403,
      code: "wrong-key",
      message: "That is not this class's teacher key.",
    });
  });
  it("refuses an answer that does not fit the contract", async () => {
    stubFetch(200, { ...view, teacherKey: "leaked" });
    await expect(api.getClass("c1", "tk")).rejects.toMatchObject({ code: "bad-answer" });
  });
  it("says when the server cannot be reached", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    await expect(api.getClass("c1", "tk")).rejects.toMatchObject({ status: 0, code: "network" });
  });
  it("checks a new class's body before sending it, naming the field", async () => {
    const sent = stubFetch(201, {});
    await expect(api.createClass({ name: "IR", studentsPerPower: 9 })).rejects.toMatchObject({
      code: "bad-payload",
      message: expect.stringMatching(/^studentsPerPower: /) as unknown,
    });
    expect(sent).toHaveLength(0);
  });
});
