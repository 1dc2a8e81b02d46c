/**
 * Requests to the seat API (docs/seat-api.md) for the tests: raw HTTP (node:http, no Origin), the
 * raw text kept for secrecy checks, and every JSON answer held to the shared contract
 * (`shared/src/wire/seat.ts`): a success parsed by its route's answer schema, a refusal by
 * `{ error: { code, message } }` — a mismatch rejects the request's promise.
 */
import http from "node:http";
import { describeIssues } from "../../../shared/src";
import { SEAT_ROUTES, seatErrorAnswerSchema, seatRouteOf, type SeatContext } from "../../../shared/src/wire";
import type { ServerHandle } from "./server";

/** An answer of the seat API. */
export interface SeatResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string; // the raw body
  readonly body: unknown; // parsed JSON, or the text
}

/** Options of one request. */
export interface SeatRequestOptions {
  readonly token?: string | null; // sent as `Authorization: Bearer <token>`
  readonly body?: unknown; // JSON
  readonly rawBody?: string | Buffer; // sent as it is (with `application/json` unless headers say)
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Why an answer breaks the seat contract, or null. */
export function seatContractProblem(
  method: string,
  path: string,
  status: number,
  body: unknown,
): string | null {
  const { pathname } = new URL(path, "http://seat.test");
  const where = `${method} ${pathname} → ${status}`;
  if (status === 204) return body === null ? null : `${where}: a 204 with a body`;
  if (status >= 200 && status < 300) {
    const name = seatRouteOf(method, pathname);
    if (name === null) return `${where}: a success from no seat route`;
    const answer = SEAT_ROUTES[name].answer;
    if (answer === null) return null;
    const parsed = answer.safeParse(body);
    return parsed.success ? null : `${where}: not a ${name} answer: ${describeIssues(parsed.error)}`;
  }
  const parsed = seatErrorAnswerSchema.safeParse(body);
  return parsed.success ? null : `${where}: not a refusal: ${describeIssues(parsed.error)}`;
}

/** Sends one request to the seat API (or any path), checking JSON answers against the contract. */
export function seatRequest(
  server: Pick<ServerHandle, "url">,
  method: string,
  path: string,
  options: SeatRequestOptions = {},
): Promise<SeatResponse> {
  const url = new URL(path, server.url);
  const data = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string | number> = {
    ...(data === undefined
      ? {}
      : { "content-type": "application/json", "content-length": Buffer.byteLength(data) }),
    ...(options.token === undefined || options.token === null
      ? {}
      : { authorization: `Bearer ${options.token}` }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, timeout: options.timeoutMs ?? 40_000 }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        let body: unknown = text;
        if (text === "") body = null;
        else if ((res.headers["content-type"] ?? "").includes("json")) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        const status = res.statusCode ?? 0;
        const problem =
          (res.headers["content-type"] ?? "").includes("json") || status === 204
            ? seatContractProblem(method.toUpperCase(), path, status, body)
            : null;
        if (problem !== null && pathIsSeat(path)) reject(new Error(problem));
        else resolve({ status, headers: res.headers, text, body });
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on("error", reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

/** Whether a path is one of the seat API's (any case: the router does not care). */
function pathIsSeat(path: string): boolean {
  return /^\/api\/matches\/[^/]+\/seat\//i.test(new URL(path, "http://seat.test").pathname);
}

/** The seat API's path of a route of a match. */
export function seatPath(matchID: string, route: string): string {
  return `/api/matches/${encodeURIComponent(matchID)}/seat/${route}`;
}

/** `GET …/seat/context` (200 expected): the context. */
export async function readContext(
  server: Pick<ServerHandle, "url">,
  matchID: string,
  token: string,
  since?: number,
): Promise<SeatContext> {
  const res = await seatRequest(
    server,
    "GET",
    `${seatPath(matchID, "context")}${since === undefined ? "" : `?since=${since}`}`,
    {
      token,
    },
  );
  if (res.status !== 200) throw new Error(`context: ${res.status} ${res.text}`);
  return res.body as SeatContext;
}

/** The refusal code of an answer. */
export function codeOf(res: SeatResponse): string | undefined {
  return (res.body as { error?: { code?: string } } | null)?.error?.code;
}

/** Legal orders for a seat: the first order offered for each of its units. */
export function firstOrders(c: SeatContext): string[] {
  return Object.values(c.legalOrders).map((o) => o[0]!);
}
