/**
 * `npm run --silent mcp:seat`: an MCP server (stdio, the official SDK) that lets an AI assistant
 * take a seat through the seat API (docs/seat-api.md "An AI assistant takes a seat"). Each tool is
 * one seat API request with the seat's credentials, its input the route's own schema
 * (shared/src/wire/seat.ts): `context`, `wait`, `orders`, and one tool per action — `press`,
 * `propose`, `accept`, `reject`, `withdraw`, `notice`, `leak`, `communique`, `draw`, `ready`.
 * A tool answers the server's JSON as text; a refusal is a tool error carrying the HTTP status and
 * the server's `{ error: { code, message } }`, so the assistant reads why and nothing changed.
 *
 * Settings (environment, or `--url`, `--match`, `--credentials`): ENTENTE_URL (default
 * http://localhost:8000), ENTENTE_MATCH, ENTENTE_CREDENTIALS. The credentials are never written
 * anywhere; stdout is the protocol, so messages for people go to stderr.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import {
  MAX_SEAT_WAIT_S,
  SEAT_ACTION_BODIES,
  SEAT_ACTIONS,
  seatOrdersBodySchema,
  type SeatAction,
} from "../shared/src/wire/seat";

/** Where the seat is. */
export interface SeatSettings {
  readonly url: string; // the server, e.g. http://localhost:8000
  readonly matchID: string;
  readonly credentials: string;
}

/** What a tool answers: text, and whether it is a refusal. */
interface ToolAnswer {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  isError?: boolean;
}

/** The tool name of each action route (`proposals` is the `propose` tool). */
export const ACTION_TOOLS: Readonly<Record<SeatAction, string>> = {
  press: "press",
  proposals: "propose",
  accept: "accept",
  reject: "reject",
  withdraw: "withdraw",
  notice: "notice",
  leak: "leak",
  communique: "communique",
  draw: "draw",
  ready: "ready",
};

/** What each action tool does, for the assistant. */
const ACTION_WORDS: Readonly<Record<SeatAction, string>> = {
  press: "Send a private message: { to: [powers], text }.",
  proposals:
    "Propose a commitment to other powers: { parties, clauses, until, visibility }. The engine checks verifiable clauses after each phase; breaking one is a defection the newspaper may print.",
  accept: "Accept a commitment proposed to you: { commitmentId }.",
  reject: "Reject a commitment proposed to you: { commitmentId }.",
  withdraw: "Withdraw your own proposal before it comes into force: { commitmentId }.",
  notice:
    "Give notice on a commitment you are party to: { commitmentId }. It ends at the end of the phase; acting against it after notice is announced, not a surprise.",
  leak: "Leak a private message you received to the newspaper: { messageId }.",
  communique: "Publish a public statement in the next edition: { text }.",
  draw: "Vote for (or against) a draw: { vote }.",
  ready: "Say you are ready (or not) with this phase's orders: { ready, phase? }.",
};

/** One request to the seat API: the answer as a tool answers it. */
async function seatRequest(
  seat: SeatSettings,
  method: "GET" | "POST",
  route: string,
  body?: unknown,
): Promise<ToolAnswer> {
  const path = `/api/matches/${encodeURIComponent(seat.matchID)}/seat/${route}`;
  let res: Response;
  try {
    res = await fetch(new URL(path, seat.url), {
      method,
      headers: {
        Authorization: `Bearer ${seat.credentials}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return {
      content: [{ type: "text", text: `The server at ${seat.url} could not be reached.` }],
      isError: true,
    };
  }
  if (res.status === 204)
    return { content: [{ type: "text", text: "Nothing new before the timeout (204). Wait again." }] };
  const text = await res.text();
  if (res.ok) return { content: [{ type: "text", text }] };
  return { content: [{ type: "text", text: `HTTP ${res.status}: ${text}` }], isError: true };
}

/** The MCP server for one seat, its tools registered. */
export function seatServer(seat: SeatSettings): McpServer {
  const server = new McpServer({ name: "entente-seat", version: "1.0.0" });
  server.registerTool(
    "context",
    {
      description:
        "Your seat's view of the match: phase and deadline, the board, your legal orders by unit, your pending orders, press, commitments, notices, newspaper editions, standing and draw. Give `since` (an earlier `seq`) to get only newer press and editions.",
      inputSchema: { since: z.number().int().min(0).optional() },
    },
    ({ since }) => seatRequest(seat, "GET", `context${since === undefined ? "" : `?since=${since}`}`),
  );
  server.registerTool(
    "wait",
    {
      description: `Wait until something newer than \`after\` (a \`seq\`) happens, up to \`timeout\` seconds (at most ${MAX_SEAT_WAIT_S}); answers the new context, or says nothing happened.`,
      inputSchema: {
        after: z.number().int().min(0),
        timeout: z.number().int().min(0).max(MAX_SEAT_WAIT_S).optional(),
      },
    },
    ({ after, timeout }) =>
      seatRequest(seat, "GET", `wait?after=${after}&timeout=${timeout ?? MAX_SEAT_WAIT_S}`),
  );
  server.registerTool(
    "orders",
    {
      description:
        "Replace your orders for this phase with these order texts (pick from `legalOrders` of the context), optionally saying you are ready. Answers which were accepted and which refused, and why.",
      inputSchema: seatOrdersBodySchema,
    },
    (body) => seatRequest(seat, "POST", "orders", body),
  );
  for (const action of SEAT_ACTIONS)
    server.registerTool(
      ACTION_TOOLS[action],
      { description: ACTION_WORDS[action], inputSchema: SEAT_ACTION_BODIES[action] },
      (body: unknown) => seatRequest(seat, "POST", action, body),
    );
  return server;
}

/** The settings from the command line and the environment, or why they are missing. */
export function settingsFrom(argv: readonly string[], env: NodeJS.ProcessEnv): SeatSettings | string {
  const { values } = parseArgs({
    args: [...argv],
    options: { url: { type: "string" }, match: { type: "string" }, credentials: { type: "string" } },
    strict: true,
  });
  const url = values.url ?? env["ENTENTE_URL"] ?? "http://localhost:8000";
  const matchID = values.match ?? env["ENTENTE_MATCH"];
  const credentials = values.credentials ?? env["ENTENTE_CREDENTIALS"];
  if (matchID === undefined || matchID === "") return "set ENTENTE_MATCH (or --match) to the match's id";
  if (credentials === undefined || credentials === "")
    return "set ENTENTE_CREDENTIALS (or --credentials) to the seat's credentials from the lobby's join";
  try {
    new URL(url);
  } catch {
    return `ENTENTE_URL "${url}" is not an address such as http://localhost:8000`;
  }
  return { url, matchID, credentials };
}

/** Runs the server on stdin/stdout. */
async function main(): Promise<void> {
  let settings: SeatSettings | string;
  try {
    settings = settingsFrom(process.argv.slice(2), process.env);
  } catch (e) {
    settings = e instanceof Error ? e.message : String(e);
  }
  if (typeof settings === "string") {
    process.stderr.write(`mcp:seat: ${settings}\n`);
    process.exit(2);
  }
  await seatServer(settings).connect(new StdioServerTransport());
  process.stderr.write(`mcp:seat: serving match ${settings.matchID} at ${settings.url} on stdio\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  await main();
