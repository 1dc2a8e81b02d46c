/**
 * `leak { messageId }` (press mode `full`): a recipient hands a message of its conversations to the
 * press — into the game through the `leak` move with the server's signed proof, printed in the next
 * edition. Answered `{ ok: true, leak: { messageId } }`.
 */
import type { PressMessage } from "../../../shared/src";
import { pressLeakRequestSchema, type PressAnswer } from "../../../shared/src/wire/press";
import type { PressHost } from "./host";
import { fail, passOn } from "./refusal";
import { sender } from "./sender";
import type { PressFrom } from "./session";

/** Serves a `leak` event. */
export async function onLeak(
  host: PressHost,
  from: PressFrom,
  payload: unknown,
): Promise<PressAnswer<"leak">> {
  const parsed = pressLeakRequestSchema.safeParse(payload);
  if (!parsed.success) return fail("bad-payload", "a leak is { messageId }");
  const { power, playerID, G } = sender(host, from);
  if (G.settings.pressMode !== "full") return fail("press-not-allowed", "there is no private press to leak");
  const { matchID } = from;
  const item = host.store.findMessage(matchID, parsed.data.messageId);
  if (item === null || (item.from !== power && !item.to.includes(power)))
    return fail("unknown-message", "there is no such message in your conversations");
  if (!item.to.includes(power)) return fail("not-a-recipient", "only a recipient can leak a message");
  if (G.pressSeal === undefined)
    return fail("no-press-channel", "this match's game does not take leaks from the press channel");
  const message: PressMessage = { id: item.id, from: item.from, to: item.to, text: item.text, at: item.at };
  const proof = host.verifier.sign(message, G.pressSeal);
  const refused = await host.ctx.transport.serverMove(matchID, playerID, "leak", {
    messageId: item.id,
    message,
    proof,
  });
  if (refused) return passOn(refused);
  return { leak: { messageId: item.id } };
}
