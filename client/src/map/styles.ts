/**
 * The board's CSS, rendered inside the SVG so MapView is self-contained (no stylesheet import).
 * Every class is prefixed `mv-`.
 */
export const MAP_CSS = `
.mv-root { position: relative; width: 100%; user-select: none; -webkit-user-select: none; }
.mv-svg { display: block; width: 100%; height: auto; touch-action: none; background: #C9DCE6; border-radius: 6px; }
.mv-svg:focus { outline: none; }
.mv-prov { cursor: pointer; outline: none; }
.mv-prov .mv-fill { transition: filter 0.1s; }
.mv-prov:hover .mv-fill { filter: brightness(0.94); }
.mv-prov:focus-visible .mv-fill { filter: brightness(0.82); stroke: #000; stroke-width: 3; }
.mv-label, .mv-orders, .mv-overlay, .mv-centre, .mv-coast { pointer-events: none; }
.mv-labels { font-size: 12px; stroke-width: 3px; } /* LabelsLayer scales both to the zoom */
.mv-label { font: 600 1em/1 system-ui, -apple-system, "Segoe UI", sans-serif; text-anchor: middle; fill: #1F2328; paint-order: stroke; stroke: rgba(255,255,255,0.8); stroke-width: inherit; stroke-linejoin: round; }
.mv-label.mv-sea { font-style: italic; font-weight: 500; fill: #2D5468; stroke: rgba(214,230,239,0.85); }
.mv-label.mv-impassable { font-weight: 400; fill: #55524B; }
.mv-unit { cursor: pointer; }
.mv-unit-letter { font: 700 12px/1 system-ui, -apple-system, "Segoe UI", sans-serif; text-anchor: middle; pointer-events: none; }
.mv-badge text { font: 700 11px/1 system-ui, sans-serif; text-anchor: middle; }
.mv-coast text { font: 600 1em/1 system-ui, sans-serif; text-anchor: middle; fill: #2D5468; stroke: none; }
.mv-controls { position: absolute; top: 8px; right: 8px; display: flex; flex-direction: column; gap: 4px; }
.mv-controls button { width: 34px; height: 34px; font: 600 18px/1 system-ui, sans-serif; border: 1px solid #4F6F80; border-radius: 6px; background: rgba(255,255,255,0.92); color: #1F2328; cursor: pointer; padding: 0; }
.mv-controls button:focus-visible { outline: 3px solid #0072B2; outline-offset: 1px; }
/* Keyboard and "not by colour alone" (issue 13, item 7): the hidden keyboard help, the power tags on units and the initials on centres. */
.mv-help { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.mv-tag { pointer-events: none; }
.mv-tag text { font: 700 10px/1 system-ui, -apple-system, "Segoe UI", sans-serif; text-anchor: middle; }
.mv-centre-mark { font: 700 8.5px/1 system-ui, -apple-system, "Segoe UI", sans-serif; text-anchor: middle; }
`;
