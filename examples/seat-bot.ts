/**
 * A whole bot for Entente's seat API (docs/seat-api.md) in TypeScript with nothing but `fetch`:
 * it reads its seat's context, gives every unit a random legal order, says it is ready, and
 * long-polls until something changes — until the match ends.
 *
 *   npx tsx examples/seat-bot.ts http://localhost:8000 <matchID> <credentials>
 *
 * The credentials are those the lobby's join (or create, for the host) gave for the seat.
 */
export {}; // a module, for top-level await

const [server = "http://localhost:8000", matchID, credentials] = process.argv.slice(2);
if (!matchID || !credentials) throw new Error("usage: seat-bot.ts <server> <matchID> <credentials>");
const base = `${server}/api/matches/${matchID}/seat`;
const headers = { Authorization: `Bearer ${credentials}`, "Content-Type": "application/json" };

/** The few fields of the context this bot reads (the whole shape: shared/src/wire/seat.ts). */
interface Context {
  seq: number;
  power: string;
  phase: { key: string; kind: string; change?: number };
  legalOrders: Record<string, string[]>;
  ready: boolean;
  standing: { result: { winner: string | null } | null };
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

let context = (await (await fetch(`${base}/context`, { headers })).json()) as Context;
while (context.standing.result === null) {
  // A random legal order per unit; in an adjustment phase only as many as the change allows.
  let choices = Object.values(context.legalOrders);
  if (context.phase.kind === "adjustment") choices = choices.slice(0, Math.abs(context.phase.change ?? 0));
  if (!context.ready && choices.length > 0) {
    const orders = choices.map(pick);
    const body = JSON.stringify({ orders, ready: true, phase: context.phase.key });
    const res = await fetch(`${base}/orders`, { method: "POST", headers, body });
    console.log(`${context.power} ${context.phase.key}: ${orders.join(", ")} → ${res.status}`);
  }
  // Long-poll: the context as soon as anything the seat may see changes (204: nothing yet).
  const res = await fetch(`${base}/wait?after=${context.seq}&timeout=25`, { headers });
  if (res.status === 200) context = (await res.json()) as Context;
  else if (res.status !== 204) throw new Error(`wait: ${res.status} ${await res.text()}`);
}
console.log(`the match is over; winner: ${context.standing.result.winner ?? "none (a draw)"}`);
