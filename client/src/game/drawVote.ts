/**
 * What the draw-vote control shows for one view of a match: pure, no DOM, tested in node.
 *
 * The engine's draw vote (`draw-vote` action, `drawVote` move) is secret and unanimous: each seat
 * votes for or against, the votes count when the phase resolves, and the match ends in a draw if
 * every surviving power voted for one; then the votes start again from nothing. A seat's view
 * (`playerView`) holds only its own vote and whether some power votes for a draw (`drawOpen`), so
 * the control says that a vote is open, never who voted or how. A spectator's view holds no vote
 * at all, so a spectator is shown nothing. The engine refuses a vote after the game is over and
 * from an eliminated power; the control offers none then.
 */
import { eliminatedPowers } from "../../../shared/src/game/phases";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { MatchResult, MatchState } from "../../../shared/src/match/types";

/** One button of the control: what it says and the vote it sends. */
export interface DrawVoteButton {
  readonly id: "propose" | "for" | "against" | "withdraw"; // also the test id suffix
  readonly label: string; // on the button
  readonly aria: string; // its accessible name, a whole sentence
  readonly vote: boolean; // the `drawVote` move's payload
}

/** The seat's own vote this phase: none yet, for a draw, or against. */
export type OwnDrawVote = "none" | "for" | "against";

/** What the control shows. */
export type DrawVoteControl =
  | { readonly kind: "hidden" } // no state, a spectator, or the game is over
  | { readonly kind: "out"; readonly text: string } // the seat's power is eliminated: no vote
  | {
      readonly kind: "vote";
      readonly own: OwnDrawVote;
      readonly open: boolean; // some power (maybe this seat) votes for a draw this phase
      readonly text: string; // the state of the vote, for the seat
      readonly buttons: readonly DrawVoteButton[];
    };

/** The rule, in one sentence, for the control's hint. */
export const DRAW_RULE =
  "Votes are secret. The match ends in a draw if every surviving power votes for one by the end of the phase.";

/** The line shown while a vote for a draw is open. */
export const DRAW_OPEN =
  "A draw vote is open: the match ends in a draw if every surviving power agrees by the end of this phase.";

/** The line shown when another power has proposed a draw (the view never says which). */
export const DRAW_PROPOSED = "A power has proposed a draw; votes are secret, so you will not learn which.";

const PROPOSE: DrawVoteButton = {
  id: "propose",
  label: "Propose a draw",
  aria: "Propose a draw: vote for ending the match in a draw",
  vote: true,
};
const FOR: DrawVoteButton = { id: "for", label: "Vote for a draw", aria: "Vote for a draw", vote: true };
const AGAINST: DrawVoteButton = {
  id: "against",
  label: "Vote against",
  aria: "Vote against a draw",
  vote: false,
};
const WITHDRAW: DrawVoteButton = {
  id: "withdraw",
  label: "Withdraw my vote",
  aria: "Withdraw my vote for a draw",
  vote: false,
};

/** The seat's own vote as its view holds it. */
export function ownDrawVote(G: MatchState, power: PowerId): OwnDrawVote {
  const v = Object.hasOwn(G.drawVotes, power) ? G.drawVotes[power] : undefined;
  return v === undefined ? "none" : v ? "for" : "against";
}

/**
 * What the draw-vote control shows for a view of the match (`power` null: a spectator).
 * @param G the view the seat or spectator holds (already filtered by `playerView`)
 */
export function drawVoteControl(
  G: MatchState | null,
  map: GameMap | null,
  power: PowerId | null,
): DrawVoteControl {
  if (G === null || map === null || power === null || G.result !== null) return { kind: "hidden" };
  if (!G.powers.includes(power)) return { kind: "hidden" };
  if (eliminatedPowers(map, G.position).includes(power))
    return { kind: "out", text: "Your power is out of the game and has no draw vote." };
  const own = ownDrawVote(G, power);
  const open = own === "for" || G.drawOpen === true;
  switch (own) {
    case "none":
      return open
        ? {
            kind: "vote",
            own,
            open,
            text: `${DRAW_OPEN} ${DRAW_PROPOSED} You have not voted yet.`,
            buttons: [FOR, AGAINST],
          }
        : {
            kind: "vote",
            own,
            open,
            text: "You have not voted on a draw this phase.",
            buttons: [PROPOSE, AGAINST],
          };
    case "for":
      return {
        kind: "vote",
        own,
        open,
        text: `${DRAW_OPEN} You voted for a draw.`,
        buttons: [WITHDRAW],
      };
    case "against":
      return {
        kind: "vote",
        own,
        open,
        text: open
          ? `${DRAW_OPEN} ${DRAW_PROPOSED} Your vote: against a draw.`
          : "Your vote this phase: against a draw.",
        buttons: [FOR],
      };
  }
}

/**
 * The result line of a finished match: who won, who agreed the draw, or the year limit.
 * @param nameOf a power's display name
 */
export function resultText(result: MatchResult, nameOf: (p: PowerId) => string): string {
  if (result.kind === "solo" && result.winner !== null) return `${nameOf(result.winner)} wins outright.`;
  if (result.kind === "draw") return `Draw agreed by ${listOf(result.survivors.map(nameOf))}.`;
  if (result.kind === "called") return "The teacher ended the match.";
  return "The year limit was reached.";
}

/** "A", "A and B", "A, B and C". */
function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]!}`;
}
