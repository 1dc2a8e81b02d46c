/**
 * The wire contract (`shared/src/wire`): every lobby route answers what its shared schema says,
 * success and refusal, and every refusal's code is one of the shared error codes; the game socket
 * refuses with the shared codes too (`bad-credentials`, not a second spelling). The test support's
 * HTTP helpers check every lobby answer of every server test the same way (`support/wire.ts`);
 * this file makes sure each route is exercised at least once and that the documentation lists
 * the same codes.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ERROR_CODES,
  LOBBY_ROUTES,
  lobbyErrorAnswerSchema,
  type LobbyRouteName,
} from "../../shared/src/wire";
import { RawRecorder } from "./support/clients";
import { api } from "./support/matches";
import { removeDataDir, ROOT, startInProcess, type InProcessServer } from "./support/server";
import { lobbyContractProblem } from "./support/wire";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

/** Calls a route and checks its answer with the route's own schema (beside the helper's check). */
async function answer(name: LobbyRouteName, route: string, body?: unknown): Promise<Record<string, unknown>> {
  const { method } = LOBBY_ROUTES[name];
  const res = await api(s, method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  const parsed = LOBBY_ROUTES[name].answer.safeParse(res.body);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return res.body as Record<string, unknown>;
}

/** Calls a route expecting a refusal, and checks it is one with a shared code. */
async function refusal(method: string, route: string, body: unknown, code: string): Promise<void> {
  const res = await api(s, method, route, body);
  expect(res.status).toBeGreaterThanOrEqual(400);
  const parsed = lobbyErrorAnswerSchema.parse(res.body);
  expect(parsed.error.code).toBe(code);
}

describe("every lobby route answers by its shared schema", () => {
  it("create, list, match, join, seat to bot, leave, resume, play again, device links, my matches", async () => {
    const visited = new Set<LobbyRouteName>();
    const created = await answer("create", "/api/matches", {
      map: "amber",
      players: 3,
      unlisted: false,
      hostName: "Ada",
      seats: [
        { kind: "human" },
        { kind: "open" },
        { kind: "bot", personality: "grudger", tactics: "random" },
      ],
    });
    visited.add("create");
    const matchID = created["matchID"] as string;
    const host = created["host"] as { playerID: string; credentials: string };
    const ada = { playerID: host.playerID, credentials: host.credentials };
    const listed = await answer("list", "/api/matches?listed=true");
    expect((listed["matches"] as { matchID: string }[]).some((m) => m.matchID === matchID)).toBe(true);
    visited.add("list");
    await answer("match", `/api/matches/${matchID}`);
    visited.add("match");
    const joined = await answer("join", `/api/matches/${matchID}/join`, { name: "Bob" });
    const bob = { playerID: joined["playerID"] as string, credentials: joined["credentials"] as string };
    visited.add("join");
    const standIn = await answer("seatToBot", `/api/matches/${matchID}/seats/${bob.playerID}/bot`, ada);
    expect(standIn["given"]).toBe("stand-in"); // Bob has no socket: a bot stands in for him
    visited.add("seatToBot");
    const resumed = await answer("resume", `/api/matches/${matchID}/resume`, ada);
    expect(resumed["resumed"]).toBe(false); // it was not paused
    visited.add("resume");
    const mine = await answer("myMatches", "/api/my-matches", {
      seats: [
        { matchID, ...ada },
        { matchID, playerID: bob.playerID, credentials: "not-these" },
      ],
    });
    expect((mine["matches"] as { error?: { code: string } }[])[1]?.error?.code).toBe("bad-credentials");
    visited.add("myMatches");
    const again = await answer("playAgain", `/api/matches/${matchID}/play-again`, ada);
    expect(again["matchID"]).not.toBe(matchID);
    visited.add("playAgain");
    const link = await answer("deviceLink", `/api/matches/${matchID}/seats/${ada.playerID}/device-link`, ada);
    visited.add("deviceLink");
    const token = new URL(link["url"] as string).hash.slice(1);
    const carried = await answer("continue", `/api/matches/${matchID}/continue`, { token });
    expect(carried["credentials"]).toBe(ada.credentials);
    visited.add("continue");
    const revoked = await answer(
      "revokeDeviceLink",
      `/api/matches/${matchID}/seats/${ada.playerID}/device-link/revoke`,
      ada,
    );
    expect(revoked["credentials"]).not.toBe(ada.credentials);
    visited.add("revokeDeviceLink");
    const recorded = await api(s, "GET", `/api/matches/${matchID}/record`, undefined, {
      Authorization: `Bearer ${revoked["credentials"] as string}`,
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(LOBBY_ROUTES.record.answer.safeParse(recorded.body).success).toBe(true);
    visited.add("record");
    const debriefed = await api(s, "GET", `/api/matches/${matchID}/debrief`, undefined, {
      Authorization: `Bearer ${revoked["credentials"] as string}`,
    });
    expect(debriefed.status, JSON.stringify(debriefed.body)).toBe(200);
    expect(LOBBY_ROUTES.debrief.answer.safeParse(debriefed.body).success).toBe(true);
    visited.add("debrief");
    for (const name of ["exportZip", "exportJson"] as const) {
      const file = name === "exportZip" ? "zip" : "json";
      const exported = await api(s, "GET", `/api/matches/${matchID}/export.${file}`, undefined, {
        Authorization: `Bearer ${revoked["credentials"] as string}`,
      });
      expect(exported.status, String(exported.body).slice(0, 200)).toBe(200);
      expect(LOBBY_ROUTES[name].answer.safeParse(exported.body).success).toBe(true);
      visited.add(name);
    }
    await answer("leave", `/api/matches/${matchID}/leave`, bob);
    visited.add("leave");
    expect(await answer("server", "/api/server")).toEqual({ llmBots: false });
    visited.add("server");
    expect([...visited].sort()).toEqual(Object.keys(LOBBY_ROUTES).sort());
  });

  it("refuses with shared codes: one code per failure", async () => {
    const created = await answer("create", "/api/matches", { map: "classic" });
    const matchID = created["matchID"] as string;
    await refusal("POST", "/api/matches", { map: "classic", colour: "red" }, "bad-payload");
    await refusal("GET", "/api/matches/nosuchmatch00", undefined, "unknown-match");
    await refusal(
      "POST",
      `/api/matches/${matchID}/leave`,
      { playerID: "0", credentials: "x" },
      "bad-credentials",
    );
    await refusal(
      "POST",
      `/api/matches/${matchID}/resume`,
      { playerID: "0", credentials: "x" },
      "bad-credentials",
    );
    await refusal(
      "POST",
      `/api/matches/${matchID}/seats/1/bot`,
      { playerID: "0", credentials: "x" },
      "bad-credentials",
    );
    await refusal(
      "POST",
      `/api/matches/${matchID}/seats/0/device-link`,
      { playerID: "0", credentials: "x" },
      "bad-credentials",
    );
    await refusal(
      "POST",
      `/api/matches/${matchID}/seats/0/device-link/revoke`,
      { playerID: "0", credentials: "x" },
      "bad-credentials",
    );
    await refusal(
      "POST",
      `/api/matches/${matchID}/continue`,
      { token: "A".repeat(43) },
      "unknown-device-link",
    );
    await refusal("GET", "/api/nothing-here", undefined, "not-found");
  });

  it("the helper's check catches an answer that breaks the contract", () => {
    const seat = { playerID: "0", credentials: "secret", power: "FRA" };
    expect(lobbyContractProblem("POST", "/api/matches/abc/join", 200, seat)).toBeNull();
    expect(lobbyContractProblem("POST", "/api/matches/abc/join", 200, { ...seat, power: null })).toMatch(
      /power/,
    );
    expect(lobbyContractProblem("POST", "/api/matches/abc/join", 200, { ...seat, extra: 1 })).toMatch(
      /extra/,
    );
    expect(
      lobbyContractProblem("GET", "/api/matches/abc", 500, { error: { code: "internal", message: "x" } }),
    ).toMatch(/code/);
    expect(lobbyContractProblem("GET", "/health", 200, { ok: true })).toBeNull();
  });
});

describe("the game socket refuses with the shared codes", () => {
  it("answers credentials that do not hold a seat with bad-credentials", async () => {
    const created = await answer("create", "/api/matches", { map: "classic" });
    const matchID = created["matchID"] as string;
    const r = await new RawRecorder(s.url).connected();
    try {
      const refused = await r.sync(matchID, "0", "not-these");
      expect(refused.event).toBe("entente:error");
      expect(refused.args[0]).toMatchObject({ code: "bad-credentials" });
      expect(ERROR_CODES).toContain((refused.args[0] as { code: string }).code);
    } finally {
      r.close();
    }
  });
});

describe("docs/api.md lists the shared codes", () => {
  const doc = fs.readFileSync(path.join(ROOT, "docs/api.md"), "utf8");
  /** The codes in the code column of the documentation's error tables (headed `code`). */
  const documented = new Set<string>();
  let inTable = false;
  for (const line of doc.split("\n")) {
    if (/^\|\s*(?:status\s*\|\s*)?code\s*\|/.test(line)) inTable = true;
    else if (!line.startsWith("|")) inTable = false;
    else if (inTable) {
      const cells = line.split("|").map((c) => c.trim());
      const cell = /^\d{3}$/.test(cells[1] ?? "") ? cells[2] : cells[1];
      for (const m of (cell ?? "").matchAll(/`([a-z-]+)`/g)) documented.add(m[1]!);
    }
  }

  it("documents every shared code", () => {
    expect(ERROR_CODES.filter((code) => !documented.has(code))).toEqual([]);
  });

  it("documents no code of the lobby or game socket outside the shared list", () => {
    const games = new Set(["unknown-move"]); // the rules' own refusals, passed on by the game socket
    const outside = [...documented].filter(
      (code) => !(ERROR_CODES as readonly string[]).includes(code) && !games.has(code),
    );
    expect(outside).toEqual([]);
  });
});
