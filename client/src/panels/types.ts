/**
 * What every panel takes (CONTRACT.md): the match handle from `useMatch` and, for the Press panel,
 * the press handle from `usePress`.
 */
import type { MatchHandle } from "../game/useMatch";
import type { PressState } from "../game/usePress";

/** The props of `PressPanel`, `CommitmentsPanel`, `NewspaperPanel` and `HistoryPanel`. */
export interface PanelProps {
  readonly match: MatchHandle;
  readonly press?: PressState;
}
