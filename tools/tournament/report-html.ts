/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network) with the
 * settings, the table of bots, and charts of centres, centres and reputation over the years,
 * outcomes and trust. Every text from the settings or records is escaped. Pure.
 */
import type { TournamentSettings } from "./game";
import { COLUMNS, fixed, formatComparison, formatOverall, percent, type Timing } from "./format";
import type { TournamentSummary } from "./summary";
import { barChart, colourOf, escapeHtml, groupedBarChart, lineChart } from "./svg";

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; background: #f4f1ea; color: #222; font: 15px/1.5 system-ui, sans-serif; }
  main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 48px; }
  h1 { font-family: Georgia, "Times New Roman", serif; font-size: 30px; margin: 0 0 4px; }
  h2 { font-family: Georgia, "Times New Roman", serif; font-size: 21px; margin: 0 0 6px; }
  .lede { color: #555; margin: 0 0 20px; }
  section { background: #fff; border: 1px solid #e0dbcf; border-radius: 8px; padding: 18px 22px; margin: 0 0 18px; }
  .note { color: #666; font-size: 13px; margin: 4px 0 10px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
  dt { color: #666; }
  dd { margin: 0; }
  code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; background: #f4f1ea; padding: 1px 4px; border-radius: 3px; }
  .table-wrap { overflow-x: auto; }
  table { border-collapse: collapse; font-size: 12px; width: 100%; }
  th, td { padding: 6px 5px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
  th { background: #faf8f3; border-bottom: 2px solid #d8d2c4; font-weight: 600; }
  th:first-child, td:first-child { text-align: left; }
  tbody tr:hover { background: #faf8f3; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
  .verdict { font-size: 16px; background: #eef4fb; border-left: 4px solid #4e79a7; padding: 10px 14px; margin: 0; }
  .overall { margin: 10px 0 0; color: #444; }
  p { margin: 0 0 8px; }
  footer { color: #777; font-size: 12px; text-align: center; }
`;

/** The `npm run tournament` line that replays these settings. */
export function commandLine(settings: TournamentSettings): string {
  const quote = (s: string): string => (/^[\w.:/,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const parts = [
    "npm run tournament --",
    `--map ${quote(settings.map)}`,
    `--bots ${quote(settings.bots)}`,
    `--games ${settings.games}`,
    `--seed ${quote(settings.seed)}`,
    `--years ${settings.yearLimit}`,
  ];
  if (settings.preset !== "default") parts.push(`--preset ${quote(settings.preset)}`);
  if (settings.pressMode !== "full") parts.push(`--press ${settings.pressMode}`);
  if (settings.miscommunication !== 0) parts.push(`--miscommunication ${settings.miscommunication}`);
  return parts.join(" ");
}

/** The settings as a definition list. */
function settingsList(settings: TournamentSettings): string {
  const rows: [string, string][] = [
    ["map", settings.map],
    ["bots", settings.bots],
    ["table (game 0)", settings.table.map((s) => s.label).join(", ")],
    ["games", String(settings.games)],
    ["seed", settings.seed],
    ["last year", String(settings.yearLimit)],
    ["preset", settings.preset],
    ["press", settings.pressMode],
    ["miscommunication", String(settings.miscommunication)],
  ];
  return `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`;
}

/** The table of bots, with each bot's colour. */
function summaryTable(summary: TournamentSummary): string {
  const head = COLUMNS.map((c) => `<th>${escapeHtml(c.heading)}</th>`).join("");
  const body = summary.bots
    .map(
      (b, i) =>
        `<tr>${COLUMNS.map((c, k) =>
          k === 0
            ? `<td><span class="swatch" style="background:${colourOf(i)}"></span>${escapeHtml(c.cell(b))}</td>`
            : `<td>${escapeHtml(c.cell(b))}</td>`,
        ).join("")}</tr>`,
    )
    .join("");
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** The charts' x labels: the year each point starts, the last one the end of play. */
function yearLabels(summary: TournamentSummary): string[] {
  const points = summary.bots[0]?.centresByYear.length ?? 0;
  return Array.from({ length: points }, (_, i) =>
    i === points - 1 && points > 1 ? "end" : String(summary.firstYear + i),
  );
}

/** A section with a heading, a note and a body. */
function section(title: string, note: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${note ? `<p class="note">${escapeHtml(note)}</p>` : ""}${body}</section>`;
}

/** The whole report page. */
export function reportHtml(
  settings: TournamentSettings,
  summary: TournamentSummary,
  timing?: Timing,
): string {
  const bots = summary.bots;
  const labels = bots.map((b) => b.label);
  const perSeat = (total: number, games: number): number => (games === 0 ? 0 : total / games);
  const title = `Entente tournament: ${settings.games} games on the ${settings.map} map`;
  const charts = [
    section(
      "Mean centres at the end",
      `Each bar is a bot's mean supply centres at the end of its games; the whiskers are the 95% confidence interval of that mean. The dashed line is a fair share (${fixed(summary.fairCentres)} centres: the map's centres over its ${summary.powers} powers).`,
      barChart({
        title: "Mean centres per bot",
        bars: bots.map((b, i) => ({
          label: b.label,
          value: b.centres,
          error: b.centresCi,
          colour: colourOf(i),
        })),
        axis: "supply centres at the end (mean per game)",
        reference: { value: summary.fairCentres, label: "fair share" },
      }),
    ),
    section(
      "Centres over the years",
      "Mean centres at the start of each year, and at the end; a game that ended early keeps its final count.",
      lineChart({
        title: "Mean centres by year",
        xLabels: yearLabels(summary),
        series: bots.map((b, i) => ({ name: b.label, colour: colourOf(i), values: b.centresByYear })),
        axis: "supply centres (mean)",
        reference: { value: summary.fairCentres, label: "fair share" },
      }),
    ),
    section(
      "Reputation over the years",
      "Mean reputation at the start of each year, and at the end. Surprise defections cost most; years without a defection and commitments honoured to their end earn it back.",
      lineChart({
        title: "Mean reputation by year",
        xLabels: yearLabels(summary),
        series: bots.map((b, i) => ({ name: b.label, colour: colourOf(i), values: b.reputationByYear })),
        axis: "reputation (mean)",
      }),
    ),
    section(
      "Outcomes",
      "Share of each bot's games it won outright (solo), ended in a draw it survived, or was eliminated from." +
        (bots.every((b) => b.wins + b.draws + b.eliminations === 0)
          ? " Here every game reached the year limit with every bot still in it."
          : ""),
      groupedBarChart({
        title: "Outcomes per bot",
        groups: labels,
        measures: [
          { name: "solo", colour: "#59a14f" },
          { name: "draw survived", colour: "#4e79a7" },
          { name: "eliminated", colour: "#e15759" },
        ],
        values: bots.map((b) => [
          perSeat(b.wins, b.games),
          perSeat(b.draws, b.games),
          perSeat(b.eliminations, b.games),
        ]),
        axis: "share of the bot's games",
        format: percent,
        axisFormat: (t) => `${Number((100 * t).toFixed(1))}%`,
      }),
    ),
    section(
      "Trust",
      "Commitments per game: signed (came into force with the bot as a party), kept (not broken by the bot), broken by a defection, and surprise defections (without notice, as the paper detected them)." +
        (bots.every((b) => b.signed === 0) ? " No commitment was signed in this tournament." : ""),
      groupedBarChart({
        title: "Trust per bot",
        groups: labels,
        measures: [
          { name: "signed", colour: "#76b7b2" },
          { name: "kept", colour: "#59a14f" },
          { name: "broken", colour: "#f28e2b" },
          { name: "surprise", colour: "#e15759" },
        ],
        values: bots.map((b) => [
          perSeat(b.signed, b.games),
          perSeat(b.kept, b.games),
          perSeat(b.broken, b.games),
          perSeat(b.surprise, b.games),
        ]),
        axis: "per game (mean)",
      }),
    ),
  ].join("\n");
  const verdict = summary.comparison
    ? `<p class="verdict">${escapeHtml(formatComparison(summary.comparison))}</p>`
    : "";
  const howTo = `<p>Every game seats the bots of the table on the map's powers, rotated by one power per game, so that over ${summary.powers} games every bot plays every power; a bot listed several times holds several seats of each game, and its row pools them all. <strong>games</strong> counts the seats a bot played; <strong>wins</strong> its solo victories; <strong>draws</strong> the games ended by a draw it survived; <strong>elim</strong> its eliminations.</p>
<p><strong>centres</strong> is the mean number of supply centres held at the end, with <strong>±95%</strong> the half-width of its 95% confidence interval (Student's t over seats). <strong>share</strong> divides it by a fair share (${fixed(summary.fairCentres)}): above 1 the bot does better than an average seat. <strong>win %</strong> is solos per game; against equals it would be 1 in ${summary.powers} of the games that end in a solo. <strong>reputation</strong>, <strong>prestige</strong> and <strong>score</strong> are means at the end; <strong>signed</strong>, <strong>kept</strong>, <strong>broken</strong> and <strong>surprise</strong> are totals over all its games.</p>
<p>Seats in one game are not independent (one bot's gain is another's loss), so read the intervals as a guide: when two bots' intervals do not overlap, the difference is real; when they do, play more games. The head-to-head line, when two bots play, is Welch's interval for the difference of their mean centres.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="lede">${escapeHtml(settings.bots)} · seed ${escapeHtml(settings.seed)} · to ${settings.yearLimit}</p>
${section("Settings", "", `${settingsList(settings)}<p class="note">Replay: <code>${escapeHtml(commandLine(settings))}</code></p>`)}
${section(
  "Results",
  "",
  `${verdict}${summaryTable(summary)}<p class="overall">${escapeHtml(formatOverall(summary.overall, timing))}</p>`,
)}
${charts}
${section("How to read this", "", howTo)}
<footer>Made by <code>npm run tournament</code>. Self-contained: no scripts, no network.</footer>
</main>
</body>
</html>
`;
}
