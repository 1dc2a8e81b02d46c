/**
 * The wire contract as the server tests hold the server to it: every answer of a lobby route
 * (`/api/…`) that a test's HTTP helper receives is parsed with the shared schema of that route
 * (`shared/src/wire/lobby.ts`) — its success answer, or the refusal `{ error: { code, message } }`
 * with a code of the shared list — and a mismatch fails the test that made the request.
 */
import { describeIssues } from "../../../shared/src";
import { CLASS_ROUTES, LOBBY_ROUTES, lobbyErrorAnswerSchema, lobbyRouteOf } from "../../../shared/src/wire";

/** The class route a request goes to, or null. */
function classRouteOf(method: string, pathname: string): keyof typeof CLASS_ROUTES | null {
  for (const [name, route] of Object.entries(CLASS_ROUTES)) {
    if (route.method === method && route.pattern.test(pathname)) return name as keyof typeof CLASS_ROUTES;
  }
  return null;
}

/** Why a lobby answer breaks the contract, or null when it keeps it (or is not a lobby answer). */
export function lobbyContractProblem(
  method: string,
  route: string,
  status: number,
  body: unknown,
): string | null {
  const { pathname } = new URL(route, "http://wire.test");
  if (!pathname.startsWith("/api/") && pathname !== "/api") return null;
  const upper = method.toUpperCase();
  if (upper === "OPTIONS" || upper === "HEAD") return null; // preflights and heads carry no body
  const where = `${upper} ${pathname} → ${status}`;
  if (status >= 200 && status < 300) {
    const classRoute = classRouteOf(upper, pathname);
    if (classRoute !== null) {
      const want = classRoute === "createClass" ? 201 : 200;
      if (status !== want) return `${where}: ${classRoute} answers ${want}`;
      const parsed = CLASS_ROUTES[classRoute].answer.safeParse(body);
      return parsed.success ? null : `${where}: not a ${classRoute} answer: ${describeIssues(parsed.error)}`;
    }
    const name = lobbyRouteOf(upper, pathname);
    if (name === null) return `${where}: a success from no declared lobby route`;
    const ok = name === "create" ? [201] : name === "playAgain" ? [200, 201] : [200];
    if (!ok.includes(status)) return `${where}: ${name} answers ${ok.join(" or ")}`;
    const parsed = LOBBY_ROUTES[name].answer.safeParse(body);
    return parsed.success ? null : `${where}: not a ${name} answer: ${describeIssues(parsed.error)}`;
  }
  const parsed = lobbyErrorAnswerSchema.safeParse(body);
  return parsed.success ? null : `${where}: not a lobby refusal: ${describeIssues(parsed.error)}`;
}

/** Throws when a lobby answer breaks the contract (see `lobbyContractProblem`). */
export function expectLobbyContract(method: string, route: string, status: number, body: unknown): void {
  const problem = lobbyContractProblem(method, route, status, body);
  if (problem !== null) throw new Error(`wire contract: ${problem}\n${JSON.stringify(body).slice(0, 2000)}`);
}
