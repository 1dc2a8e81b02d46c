/**
 * Who is committed to whom: the powers on a circle, one edge per pair with a commitment in force —
 * solid for public ones, dashed for secret ones the viewer is party to — thicker for more
 * commitments. Hand-made SVG.
 */
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { inkOn } from "../map/colors";
import { powerColor } from "./colors";
import type { NetworkEdge } from "./standing";
import { powerName } from "./ui";

const SIZE = 400;
const R = 128;

/** The network of commitments (`network`). */
export function NetworkGraph({
  powers,
  edges,
  map,
  me,
}: {
  powers: readonly PowerId[];
  edges: readonly NetworkEdge[];
  map: GameMap | null;
  me: PowerId | null;
}) {
  const c = SIZE / 2;
  const at = new Map(
    powers.map((p, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, powers.length);
      return [p, { x: c + R * Math.cos(a), y: c + R * Math.sin(a), a }] as const;
    }),
  );
  return (
    <figure className="nw-figure" data-testid="network">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label="Commitments in force between powers">
        {edges.map((e) => {
          const a = at.get(e.a);
          const b = at.get(e.b);
          if (!a || !b) return null;
          const both = e.publicIds.length > 0 && e.secretIds.length > 0;
          // Offset the two strokes of a pair with both kinds so each stays visible.
          const dx = both ? ((b.y - a.y) / Math.hypot(b.x - a.x, b.y - a.y)) * 3 : 0;
          const dy = both ? (-(b.x - a.x) / Math.hypot(b.x - a.x, b.y - a.y)) * 3 : 0;
          const label = `${powerName(map, e.a)} – ${powerName(map, e.b)}: ${[
            e.publicIds.length > 0 ? `${e.publicIds.length} public` : "",
            e.secretIds.length > 0 ? `${e.secretIds.length} secret` : "",
          ]
            .filter(Boolean)
            .join(", ")}`;
          return (
            <g key={`${e.a}+${e.b}`} data-testid={`network-edge-${e.a}-${e.b}`}>
              <title>{label}</title>
              {e.publicIds.length > 0 ? (
                <line
                  x1={a.x + dx}
                  y1={a.y + dy}
                  x2={b.x + dx}
                  y2={b.y + dy}
                  className="nw-edge"
                  strokeWidth={1.5 + e.publicIds.length}
                />
              ) : null}
              {e.secretIds.length > 0 ? (
                <line
                  x1={a.x - dx}
                  y1={a.y - dy}
                  x2={b.x - dx}
                  y2={b.y - dy}
                  className="nw-edge nw-secret"
                  strokeWidth={1.5 + e.secretIds.length}
                />
              ) : null}
            </g>
          );
        })}
        {powers.map((p) => {
          const pos = at.get(p)!;
          // Names sit under their node, kept inside the picture.
          const lx = Math.min(SIZE - 48, Math.max(48, pos.x));
          const ly = pos.y + 32;
          return (
            <g key={p}>
              {p === me ? <circle cx={pos.x} cy={pos.y} r={21} className="nw-me" /> : null}
              <circle cx={pos.x} cy={pos.y} r={16} fill={powerColor(map, p)} className="nw-node" />
              <text
                x={pos.x}
                y={pos.y + 4}
                textAnchor="middle"
                className="nw-id"
                fill={inkOn(powerColor(map, p))}
              >
                {p.slice(0, 3)}
              </text>
              <text x={lx} y={ly + 4} textAnchor="middle" className="nw-name">
                {powerName(map, p)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="ch-legend">
        <span className="ch-key">
          <svg width="28" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="28" y2="4" className="nw-edge" strokeWidth="2.5" />
          </svg>
          public commitment
        </span>
        <span className="ch-key">
          <svg width="28" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="28" y2="4" className="nw-edge nw-secret" strokeWidth="2.5" />
          </svg>
          {/* A seat sees only the secret pacts it is party to; others see exposed ones (or, in a debrief, all). */}
          {me === null ? "secret" : "secret (yours)"}
        </span>
        {edges.length === 0 ? <span className="pn-small">No commitments in force.</span> : null}
      </figcaption>
    </figure>
  );
}
