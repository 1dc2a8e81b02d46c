/**
 * A real HTTP server that speaks the chat-completions protocol with scripted answers, for the
 * language-model bot tests: each request is recorded, and the script decides the answer —
 * sensible JSON, malformed text, an HTTP error, a slow reply or a dropped connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the endpoint received. */
export interface EndpointCall {
  readonly n: number; // from 1
  readonly purpose: "orders" | "diplomacy";
  readonly body: { model: string; messages: { role: string; content: string }[]; max_tokens: number };
  readonly raw: string;
  readonly authorization: string | undefined;
}

/** The scripted answer to one request. */
export interface Scripted {
  readonly status?: number; // default 200
  readonly delayMs?: number; // before answering
  readonly content?: string; // the model's text, wrapped in a chat completion
  readonly raw?: string; // the whole body instead (e.g. not a completion at all)
  readonly drop?: boolean; // close the connection without an answer
  readonly usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

/** What the endpoint answers to a request. */
export type Script = (call: EndpointCall) => Scripted;

/** A running scripted endpoint. */
export interface Endpoint {
  readonly baseUrl: string; // `${baseUrl}/chat/completions`
  readonly calls: EndpointCall[];
  /** The most requests it was answering at one time. */
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

/** The user message of a request. */
export function userText(call: EndpointCall): string {
  return call.body.messages.find((m) => m.role === "user")?.content ?? "";
}

/** Starts a scripted endpoint on a free local port. */
export async function startEndpoint(script: Script): Promise<Endpoint> {
  const calls: EndpointCall[] = [];
  let inFlight = 0;
  let most = 0;
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(raw) as EndpointCall["body"];
    const system = body.messages.find((m) => m.role === "system")?.content ?? "";
    const call: EndpointCall = {
      n: calls.length + 1,
      purpose: system.includes("Choose one order for each of your units") ? "orders" : "diplomacy",
      body,
      raw,
      authorization: req.headers.authorization,
    };
    calls.push(call);
    inFlight++;
    most = Math.max(most, inFlight);
    try {
      const s = script(call);
      if (s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
      if (res.destroyed) return;
      if (s.drop) {
        req.socket.destroy();
        return;
      }
      const usage =
        s.usage === undefined ? { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 } : s.usage;
      const out =
        s.raw ??
        JSON.stringify({
          id: `chatcmpl-${call.n}`,
          object: "chat.completion",
          model: body.model,
          choices: [
            { index: 0, message: { role: "assistant", content: s.content ?? "" }, finish_reason: "stop" },
          ],
          ...(usage === null ? {} : { usage }),
        });
      res.writeHead(s.status ?? 200, { "content-type": "application/json" }).end(out);
    } finally {
      inFlight--;
    }
  };
  const server = createServer((req, res) => {
    answer(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    maxInFlight: () => most,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The units of an orders request and their numbered orders. */
export function unitsOf(call: EndpointCall): { unit: string; orders: string[] }[] {
  const text = userText(call);
  const part = text.slice(text.indexOf("Your units and their legal orders:"));
  const out: { unit: string; orders: string[] }[] = [];
  for (const line of part.split("\n").slice(1)) {
    const unit = /^([AF] \S+):$/.exec(line);
    const order = /^ {2}(\d+): (.*)$/.exec(line);
    if (unit) out.push({ unit: unit[1]!, orders: [] });
    else if (order) out[out.length - 1]?.orders.push(order[2]!);
  }
  return out;
}

/** A sensible orders answer: each unit's first move, else its first order. */
export function sensibleOrders(call: EndpointCall): string {
  const choice: Record<string, number> = {};
  for (const u of unitsOf(call))
    choice[u.unit] = Math.max(
      0,
      u.orders.findIndex((o) => / - /.test(o)),
    );
  return JSON.stringify(choice);
}

/** An aggressive orders answer: each unit's first move into another power's centre, else its first move. */
export function aggressiveOrders(call: EndpointCall): string {
  const me = powerOf(call);
  const owners = new Map(
    [...userText(call).matchAll(/(\S+)=(\S+)/g)].map((m) => [m[1]!.toLowerCase(), m[2]!] as const),
  );
  const choice: Record<string, number> = {};
  for (const u of unitsOf(call)) {
    const target = (o: string): string => (/ - (\w+)/.exec(o)?.[1] ?? "").toLowerCase();
    const hostile = u.orders.findIndex(
      (o) => / - /.test(o) && !o.includes(" s ") && (owners.get(target(o)) ?? me) !== me,
    );
    choice[u.unit] =
      hostile >= 0
        ? hostile
        : Math.max(
            0,
            u.orders.findIndex((o) => / - /.test(o)),
          );
  }
  return JSON.stringify(choice);
}

/** The power a request plays (from the system message). */
export function powerOf(call: EndpointCall): string {
  const system = call.body.messages.find((m) => m.role === "system")?.content ?? "";
  return /You play (\S+)/.exec(system)?.[1] ?? "";
}

/** The other powers in play, as a diplomacy request lists them. */
export function partnersOf(call: EndpointCall): string[] {
  const m = /Powers in play besides you: ([^.]*)\./.exec(userText(call));
  return m ? m[1]!.split(", ").filter((p) => p !== "") : [];
}

/** The ids of the proposals awaiting an answer in a diplomacy request. */
export function awaitingOf(call: EndpointCall): string[] {
  const text = userText(call);
  const part = text.slice(text.indexOf("Proposals awaiting your answer:"), text.indexOf("Your diary:"));
  return [...part.matchAll(/^#(\S+) /gm)].map((m) => m[1]!);
}

/** A sensible diplomacy answer: accept all, a word of peace and an alliance to the first partner. */
export function sensibleDiplomacy(call: EndpointCall): string {
  const me = powerOf(call);
  const [first] = partnersOf(call);
  return JSON.stringify({
    messages: first ? [{ to: first, text: "Peace between us: I will not attack you." }] : [],
    accept: awaitingOf(call),
    reject: [],
    notice: [],
    propose: first ? [{ parties: [first], clauses: [{ kind: "alliance", powers: [me, first].sort() }] }] : [],
    diary: `Offered peace to ${first ?? "nobody"}.`,
  });
}

/** Sensible answers to both kinds of request. */
export const sensible: Script = (call) => ({
  content: call.purpose === "orders" ? sensibleOrders(call) : sensibleDiplomacy(call),
});
