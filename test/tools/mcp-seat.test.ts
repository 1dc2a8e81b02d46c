/**
 * The MCP server of the seat API (`npm run mcp:seat`, tools/mcp-seat.ts), driven by the official
 * SDK's client over stdio as an AI assistant's host would: it lists the seat's tools with their
 * schemas; `context` gives the seat's view; `orders` plays legal orders; Bob proposes through
 * `propose`, Ada accepts through `accept` and gives notice through `notice`; `press` reaches Bob;
 * `wait` wakes on a change; a refusal (a wrong commitment, bad credentials) is a tool error with
 * the server's status and code, and nothing changed. The server is real, the process a child.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seatContextSchema, type SeatContext } from "../../shared/src/wire";
import { api, joinSeat, type Seat } from "../server/support/matches";
import { ROOT, removeDataDir, startInProcess, type InProcessServer } from "../server/support/server";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

/** An MCP client talking to `npm run mcp:seat` for one seat. */
async function assistant(matchID: string, credentials: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", "tools/mcp-seat.ts"],
    cwd: ROOT,
    env: {
      ...(process.env as Record<string, string>),
      ENTENTE_URL: s.url,
      ENTENTE_MATCH: matchID,
      ENTENTE_CREDENTIALS: credentials,
    },
    stderr: "pipe",
  });
  const client = new Client({ name: "entente-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

/** A tool's answer: its text and whether it is a refusal. */
async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<{ text: string; error: boolean }> {
  const answer = await client.callTool({ name, arguments: args });
  const content = answer.content as { type: string; text: string }[];
  return { text: content.map((c) => c.text).join(""), error: answer.isError === true };
}

/** The `context` tool's answer, parsed by the wire's schema. */
async function contextOf(client: Client): Promise<SeatContext> {
  const { text, error } = await call(client, "context");
  expect(error, text).toBe(false);
  return seatContextSchema.parse(JSON.parse(text));
}

describe("an AI assistant takes a seat through MCP", () => {
  let matchID = "";
  let ada: Seat;
  let bob: Seat;
  let adaTools: Client;
  let bobTools: Client;

  beforeAll(async () => {
    const res = await api(s, "POST", "/api/matches", {
      map: "amber",
      players: 3,
      hostName: "Ada",
      yearLimit: 1902,
      seats: [{ kind: "human" }, { kind: "human" }, { kind: "bot", personality: "grudger" }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ({ matchID } = res.body as { matchID: string });
    ada = (res.body as { host: Seat }).host;
    bob = await joinSeat(s, matchID, 1, "Bob");
    adaTools = await assistant(matchID, ada.credentials);
    bobTools = await assistant(matchID, bob.credentials);
  }, 60_000);
  afterAll(async () => {
    await adaTools.close();
    await bobTools.close();
  });

  it("lists the seat's tools, each with an input schema", async () => {
    const { tools } = await adaTools.listTools();
    const names = tools.map((t) => t.name).sort();
    for (const name of ["context", "wait", "orders", "press", "propose", "accept", "notice", "draw", "ready"])
      expect(names).toContain(name);
    expect(tools.find((t) => t.name === "orders")?.inputSchema.properties).toHaveProperty("orders");
  });

  it("plays legal orders from the context and says ready", async () => {
    const context = await contextOf(adaTools);
    expect(context.power).toBe(ada.power);
    const orders = Object.values(context.legalOrders).map((choices) => choices[0]!);
    const { text, error } = await call(adaTools, "orders", { orders, ready: true });
    expect(error, text).toBe(false);
    const answer = JSON.parse(text) as { accepted: string[]; refused: unknown[]; ready: boolean };
    expect(answer.refused).toEqual([]);
    expect(answer.accepted).toHaveLength(orders.length);
    expect(answer.ready).toBe(true);
  });

  it("proposes, accepts and gives notice; a private message reaches the other seat", async () => {
    const proposed = await call(bobTools, "propose", {
      parties: [ada.power],
      clauses: [{ kind: "text", text: "We share the sea lanes." }],
      until: null,
      visibility: "public",
    });
    expect(proposed.error, proposed.text).toBe(false);
    const { commitmentId } = JSON.parse(proposed.text) as { commitmentId: string };
    const accepted = await call(adaTools, "accept", { commitmentId });
    expect(accepted.error, accepted.text).toBe(false);
    expect((await contextOf(adaTools)).commitments.find((c) => c.id === commitmentId)?.status).toBe("active");
    const noticed = await call(adaTools, "notice", { commitmentId });
    expect(noticed.error, noticed.text).toBe(false);

    const before = await contextOf(bobTools);
    const waiting = call(bobTools, "wait", { after: before.seq, timeout: 10 });
    const sent = await call(adaTools, "press", {
      to: [bob.power],
      text: "Sent by an assistant through MCP.",
    });
    expect(sent.error, sent.text).toBe(false);
    const woke = await waiting;
    expect(woke.error, woke.text).toBe(false);
    expect(woke.text).toContain("Sent by an assistant through MCP.");
  });

  it("gives a refusal as a tool error with the status and code, changing nothing", async () => {
    const before = await contextOf(adaTools);
    const refused = await call(adaTools, "accept", { commitmentId: "c999" });
    expect(refused.error).toBe(true);
    expect(refused.text).toMatch(/^HTTP 422: .*"code":"/);
    const after = await contextOf(adaTools);
    expect(after.commitments).toEqual(before.commitments);

    const stranger = await assistant(matchID, "not-the-credentials-of-any-seat");
    try {
      const denied = await call(stranger, "context");
      expect(denied.error).toBe(true);
      expect(denied.text).toMatch(/^HTTP 401: /);
    } finally {
      await stranger.close();
    }
  });
});
