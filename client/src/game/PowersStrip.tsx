/**
 * The powers strip under the game bar: every power in play with its player, its supply centres and
 * whether it is ready. The pills wrap onto a second line rather than scroll out of sight; on a
 * phone they show the power and its centres (the player's name stays for screen readers).
 */
import type { ReactNode } from "react";
import { centreCounts } from "../../../shared/src/game/position";
import { powerColor } from "../map/colors";
import type { MatchHandle } from "./useMatch";

/** Every power in play: name, player, centres, and whether it is ready. */
export function PowersStrip({
  match,
  seatNames,
}: {
  match: MatchHandle;
  seatNames: readonly (string | null)[];
}): ReactNode {
  const { G, map } = match;
  if (G === null || map === null) return null;
  const centres = centreCounts(map, G.position);
  return (
    // It scrolls sideways on a phone: reachable by keyboard.
    <ul className="powers-strip" aria-label="Powers" data-testid="powers-strip">
      {G.powers.map((p, i) => {
        const name = seatNames[i] ?? null;
        return (
          <li key={p} className={`power-pill ${p === match.power ? "me" : ""}`}>
            <span className="swatch" style={{ background: powerColor(map, p) }} aria-hidden />
            <span className="power-name">{map.power.get(p)?.name ?? p}</span>
            {name !== null && <span className="muted small power-player">{name}</span>}
            <span className="muted small power-centres" title="supply centres">
              {centres.get(p) ?? 0}
              <span className="power-centres-unit"> SC</span>
            </span>
            {G.ready[p] === true && (
              <span
                className="ready-mark"
                role="img"
                aria-label="ready"
                title="ready"
                data-testid={`ready-mark-${p}`}
              >
                ✓
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
