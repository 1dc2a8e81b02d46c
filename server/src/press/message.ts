/**
 * `message { to, text }` (press mode `full`): a private message to one or more other powers still
 * in play, stored, then sent as `press:message` to the sockets of its sender's and recipients'
 * powers, and passed on to `host.heard` (the bots that answer it). Answered
 * `{ ok: true, message: item }`.
 */
import { eliminatedPowers, getMap } from "../../../shared/src";
import { pressMessageRequestSchema, type PressAnswer } from "../../../shared/src/wire/press";
import type { PressHost } from "./host";
import { fail } from "./refusal";
import { deliverMessage, newItem, sender, store, textOf } from "./sender";
import type { PressFrom } from "./session";
import { moduleLog } from "../log";

const logger = moduleLog("press");

/** Serves a `message` event. */
export function onMessage(host: PressHost, from: PressFrom, payload: unknown): PressAnswer<"message"> {
  const parsed = pressMessageRequestSchema.safeParse(payload);
  if (!parsed.success) return fail("bad-payload", "a message is { to: [powers], text }");
  const { power, G } = sender(host, from);
  if (G.settings.pressMode !== "full")
    return fail("press-not-allowed", "private conversations are off in this match");
  const text = textOf(parsed.data.text);
  const to = parsed.data.to;
  const map = getMap(G.settings.mapId)!;
  const eliminated = eliminatedPowers(map, G.position);
  if (
    new Set(to).size !== to.length ||
    to.some((p) => p === power || !G.powers.includes(p) || eliminated.includes(p))
  )
    return fail(
      "bad-recipients",
      "a message goes to one or more other powers still in play, each named once",
    );
  const item = newItem(
    host,
    "message",
    power,
    G.powers.filter((p) => to.includes(p)),
    text,
    G,
  );
  const { matchID } = from;
  store(host, matchID, item);
  deliverMessage(host, matchID, item);
  try {
    host.heard?.(matchID, item);
  } catch (e) {
    logger.error({ err: e, matchID }, `passing on message ${item.id} of match ${matchID} failed`); // the send stands
  }
  return { message: item };
}
