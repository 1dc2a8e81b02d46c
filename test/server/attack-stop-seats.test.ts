/**
 * Attack (outsider, live server): moves naming another seat from a synced socket, class routes in
 * other letter cases, extra fields on every class body and query, and the socket budget of a team
 * seat (a key not on the seat gets no socket at all).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateClassAnswer, JoinClassAnswer, StudentView } from "../../shared/src/wire";
import { latestState, RawRecorder, type Received } from "./support/clients";
import { classKit } from "./support/classes";
import { createMatch } from "./support/matches";
import { PressClient } from "./support/press";
import { removeDataDir, sleep, startInProcess, type InProcessServer } from "./support/server";

let s: InProcessServer;
const closers: (() => void)[] = [];
beforeAll(async () => {
  s = await startInProcess({ env: { SOCKETS_PER_SEAT: "4" } }); // the default budget
});
afterAll(async () => {
  for (const close of closers.splice(0)) close();
  await s.stop();
  removeDataDir(s.dataDir);
});

const kit = classKit();
const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });

interface Answer {
  readonly status: number;
  readonly code: string | undefined;
}

/** A request with no wire-contract check (odd paths are the point). */
async function raw(
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${s.url}${route}`, {
    method,
    headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed = (await res.json().catch(() => null)) as { error?: { code: string } } | null;
  return { status: res.status, code: parsed?.error?.code };
}

async function synced(matchID: string, playerID: string, credentials: string): Promise<RawRecorder> {
  const r = await new RawRecorder(s.url).connected();
  closers.push(() => r.close());
  expect((await r.sync(matchID, playerID, credentials)).event).toBe("sync");
  return r;
}

/** Sends a hold for `power` with the given seat fields; the refusal code, or "applied". */
async function foreignHold(
  r: RawRecorder,
  matchID: string,
  power: string,
  payloadSeat: { playerID: string; credentials: string },
  argsPlayerID: string,
): Promise<string> {
  const unit = latestState(r)!.G.position.units.find((u) => u.power === power)!;
  const hold = { kind: "hold", power, unit: { type: unit.type, location: unit.location } };
  const from = r.received.length;
  r.emit(
    "update",
    { type: "MAKE_MOVE", payload: { type: "orders", args: [{ orders: [hold] }], ...payloadSeat } },
    latestState(r)!._stateID,
    matchID,
    argsPlayerID,
  );
  const got: Received = await r.next((x) => x.event === "entente:error" || x.event === "patch", from, 5_000);
  return got.event === "patch" ? "applied" : (got.args[0] as { code: string }).code;
}

describe("attack: another seat's moves from a synced socket", () => {
  it("attack: a lobby seat cannot order for another seat, in the args or in the payload", async () => {
    const m = await createMatch(s, {});
    const [a, b] = [m.seats[0]!, m.seats[1]!];
    const r = await synced(m.matchID, a.playerID, a.credentials);
    const asB = { playerID: b.playerID, credentials: a.credentials };
    const asA = { playerID: a.playerID, credentials: a.credentials };
    expect(await foreignHold(r, m.matchID, b.power, asB, b.playerID)).toBe("wrong-seat");
    expect(await foreignHold(r, m.matchID, b.power, asB, a.playerID)).toBe("wrong-seat");
    expect(await foreignHold(r, m.matchID, b.power, asA, b.playerID)).toBe("wrong-seat");
  });
});

describe("attack: a class of eight (one team of two)", () => {
  let c: CreateClassAnswer;
  let st: JoinClassAnswer[];
  let views: StudentView[];
  let team: StudentView[];
  let solo: StudentView[];
  beforeAll(async () => {
    c = await kit.newClass(s);
    st = [];
    for (let i = 0; i < 8; i++) st.push(await kit.join(s, c.code, `Pupil ${i}`));
    expect((await kit.teacher(s, c, "/start")).status).toBe(200);
    views = await Promise.all(st.map((x) => kit.studentView(s, c, x)));
    const byPower = new Map<string, StudentView[]>();
    for (const v of views) byPower.set(v.power!, [...(byPower.get(v.power!) ?? []), v]);
    team = [...byPower.values()].find((x) => x.length === 2)!;
    solo = [...byPower.values()].filter((x) => x.length === 1).map((x) => x[0]!);
    expect(team).toHaveLength(2);
  });

  it("attack: a student's key orders for no other power, nor does a team member's", async () => {
    const [a, b] = solo as [StudentView, StudentView];
    const mid = a.seat!.matchID;
    const r = await synced(mid, a.seat!.playerID, a.seat!.credentials);
    const asB = { playerID: b.seat!.playerID, credentials: a.seat!.credentials };
    expect(await foreignHold(r, mid, b.power!, asB, b.seat!.playerID)).toBe("wrong-seat");
    expect(await foreignHold(r, mid, b.power!, asB, a.seat!.playerID)).toBe("wrong-seat");
    const t = team[0]!;
    const probe = await new RawRecorder(s.url).connected();
    closers.push(() => probe.close());
    expect((await probe.sync(mid, b.seat!.playerID, t.seat!.credentials)).event).toBe("entente:error");
    const rt = await synced(mid, t.seat!.playerID, t.seat!.credentials);
    const tAsB = { playerID: b.seat!.playerID, credentials: t.seat!.credentials };
    expect(await foreignHold(rt, mid, b.power!, tAsB, b.seat!.playerID)).toBe("wrong-seat");
    rt.close(); // the seat's socket budget is counted afresh below
    await sleep(200);
  });

  it("attack: routes in other letter cases meet the same key checks", async () => {
    const mid = views[0]!.seat!.matchID;
    const student = bearer(st[0]!.studentKey);
    expect(await raw("POST", `/api/classes/${c.classId}/START`, {})).toEqual({ status: 401, code: "no-key" });
    expect(await raw("POST", `/api/classes/${c.classId}/START`, {}, student)).toEqual({
      status: 403,
      code: "wrong-key",
    });
    expect((await raw("POST", `/api/classes/${c.classId}/matches/${mid}/PAUSE`, {})).status).toBe(404);
    expect((await raw("GET", `/api/matches/${mid}/RECORD`)).status).toBe(401);
    expect((await raw("GET", `/API/CLASSES/${c.classId}`)).status).toBe(401);
    expect((await raw("GET", `/API/CLASSES/${c.classId}/STUDENTS/${st[0]!.studentId}`)).status).toBe(401);
    expect(
      (await raw("GET", `/Api/Classes/${c.classId}/Matches/${mid}/Press`, undefined, student)).status,
    ).toBe(403);
  });

  it("attack: an extra field on every class body or query is a 400 and changes nothing", async () => {
    const before = JSON.stringify(await kit.classView(s, c));
    const mid = views[0]!.seat!.matchID;
    const t = bearer(c.teacherKey);
    const base = `/api/classes/${c.classId}`;
    const x = { evil: 1 };
    const posts: [string, unknown, Record<string, string>][] = [
      ["/api/classes", { name: "Y", ...x }, {}],
      ["/api/classes/join", { code: c.code, name: "Extra kid", ...x }, {}],
      [`${base}/start`, x, t],
      [`${base}/students/${st[0]!.studentId}/move`, { matchId: mid, power: solo[1]!.power, ...x }, t],
      [`${base}/matches/${mid}/extend`, { minutes: 5, ...x }, t],
      [`${base}/matches/${mid}/powers/${solo[1]!.power}/bot`, x, t],
      [`${base}/broadcast`, { text: "hi", ...x }, t],
      [`${base}/students/${st[0]!.studentId}/team-chat`, { text: "hi", ...x }, bearer(st[0]!.studentKey)],
      [`${base}/projector`, { focus: "rotate", ...x }, t],
      [`${base}/end`, x, t],
      [`${base}/matches/${mid}/pause`, x, t],
      [`${base}/matches/all/resume`, x, t],
      [`${base}/matches/${mid}/end`, x, t],
    ];
    for (const [route, body, headers] of posts) {
      expect(await raw("POST", route, body, headers), route).toEqual({ status: 400, code: "bad-payload" });
    }
    const gets: [string, Record<string, string>][] = [
      [`${base}?wait=1&evil=1`, t],
      [`${base}/projector?evil=1`, {}],
      [`${base}/projector?wait=1&wait=2`, {}],
      [`${base}/students/${st[0]!.studentId}?after=0&x=1`, bearer(st[0]!.studentKey)],
    ];
    for (const [route, headers] of gets) {
      expect(await raw("GET", route, undefined, headers), route).toEqual({
        status: 400,
        code: "bad-payload",
      });
    }
    expect(JSON.stringify(await kit.classView(s, c))).toBe(before);
  });

  it("attack: each member of a team seat holds SOCKETS_PER_SEAT of their own; a key not on the seat gets none", async () => {
    const seat = { playerID: team[1]!.seat!.playerID, credentials: team[1]!.seat!.credentials };
    const mid = team[1]!.seat!.matchID;
    const other = solo[0]!.seat!.credentials;
    const outsider = await new RawRecorder(s.url).connected();
    closers.push(() => outsider.close());
    const refused = await outsider.sync(mid, seat.playerID, other);
    expect((refused.args[0] as { code: string }).code).toBe("bad-credentials");
    await expect(
      PressClient.open(s.url, mid, { playerID: seat.playerID, credentials: other }, 3_000),
    ).rejects.toThrow(/bad-credentials/);
    // Each member has SOCKETS_PER_SEAT of their own: one who opens every tab they may leaves
    // their teammate's intact (found by an outside attack: the two once shared one pool of 8).
    const mate = { playerID: team[0]!.seat!.playerID, credentials: team[0]!.seat!.credentials };
    for (const who of [seat, mate]) {
      let opened = 0;
      let last: Received | null = null;
      for (let i = 0; i < 6; i++) {
        const r = await new RawRecorder(s.url).connected();
        closers.push(() => r.close());
        last = await r.sync(mid, who.playerID, who.credentials);
        if (last.event !== "sync") break;
        opened++;
      }
      expect(opened).toBe(4);
      expect((last!.args[0] as { code: string }).code).toBe("too-many-sockets");
      let pressOpened = 0;
      for (let i = 0; i < 6; i++) {
        const p = await PressClient.open(s.url, mid, who, 3_000).catch((e: unknown) =>
          e instanceof Error ? e : new Error(String(e)),
        );
        if (p instanceof Error) {
          expect(p.message).toMatch(/too-many-sockets/);
          break;
        }
        closers.push(() => p.stop());
        pressOpened++;
      }
      expect(pressOpened).toBe(4);
    }
  });
});
