/**
 * The sender bots post their private messages with: stored and delivered like a player's message,
 * without a socket (a bot's seat is the server's own), and silently dropped when the match takes
 * no private press or the message could not be stored. A message given an `id` (a bot's reply,
 * whose id is derived from the message it answers) is sent at most once: the store keeps ids
 * unique, and an id already stored is not sent again.
 */
import { MAX_PRESS_TEXT_LENGTH, shortenText, type PressItem } from "../../../shared/src";
import type { BotPress } from "../bots";
import type { PressHost } from "./host";
import { deliverMessage, matchState, newItem, store } from "./sender";

/** The bots' press sender over an attached press channel. */
export function botPress(host: PressHost): BotPress {
  return {
    message(matchID, from, to, text, id) {
      const G = matchState(host.ctx, matchID);
      if (G === null) return false;
      if (G.settings.pressMode !== "full" || to.length === 0) return false;
      if (id !== undefined && host.store.findMessage(matchID, id) !== null) return false;
      const made: PressItem = newItem(
        host,
        "message",
        from,
        G.powers.filter((p) => to.includes(p)),
        shortenText(text, MAX_PRESS_TEXT_LENGTH),
        G,
      );
      const item = id === undefined ? made : { ...made, id };
      try {
        store(host, matchID, item);
      } catch {
        return false; // logged; a bot's message that was not stored is not delivered
      }
      deliverMessage(host, matchID, item);
      return true;
    },
  };
}
