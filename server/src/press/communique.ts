/**
 * `communique { text }` (press mode `full` or `public`): a public statement, stored, into the game
 * through the `communique` move (printed in the next edition), then sent as `press:communique` to
 * every socket of the match. Answered `{ ok: true, communique: item }`.
 */
import { pressCommuniqueRequestSchema, type PressAnswer } from "../../../shared/src/wire/press";
import type { PressHost } from "./host";
import { fail, passOn } from "./refusal";
import { deliverCommunique, newItem, sender, store, textOf, unstore } from "./sender";
import type { PressFrom } from "./session";

/** Serves a `communique` event. */
export async function onCommunique(
  host: PressHost,
  from: PressFrom,
  payload: unknown,
): Promise<PressAnswer<"communique">> {
  const parsed = pressCommuniqueRequestSchema.safeParse(payload);
  if (!parsed.success) return fail("bad-payload", "a communiqué is { text }");
  const { power, playerID, G } = sender(host, from);
  if (G.settings.pressMode === "none") return fail("press-not-allowed", "this is a no-press match");
  const text = textOf(parsed.data.text);
  const item = newItem(host, "communique", power, [], text, G);
  const { matchID } = from;
  // Stored first: a communiqué the file does not keep never reaches the game.
  store(host, matchID, item);
  let refused;
  try {
    refused = await host.ctx.transport.serverMove(matchID, playerID, "communique", { text });
  } catch (e) {
    unstore(host, item);
    throw e;
  }
  if (refused) {
    unstore(host, item);
    return passOn(refused);
  }
  deliverCommunique(host, matchID, item);
  return { communique: item };
}
