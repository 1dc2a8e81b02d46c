/**
 * Draws the app's icons once, into client/public/ (committed): the emblem — two linked rings, an
 * entente, on the header's gold-to-oxblood disc — as `icon.svg` (the favicon), and rendered to PNG
 * by Debian's Chromium through playwright-core: 192 and 512 px for the web app manifest, a 512 px
 * maskable one (full bleed, the emblem inside the safe circle) and a 180 px touch icon. Nothing is
 * downloaded. Usage: `npx tsx tools/make-icons.ts` (set CHROMIUM_PATH for another Chromium).
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const OUT = path.resolve(import.meta.dirname, "../client/public");
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** The client's palette (client/src/app/styles.css). */
const GOLD = "#c9a36a";
const OXBLOOD = "#8c3b2c";
const CREAM = "#fffaf2";

/**
 * The emblem on a 100-unit square. `full` fills the square (the maskable and touch icons, which
 * the platform crops to its own shape); otherwise the disc stands on a transparent ground.
 */
function emblem(full: boolean): string {
  const disc = full
    ? `<rect width="100" height="100" fill="url(#g)"/>`
    : `<circle cx="50" cy="50" r="47" fill="url(#g)"/>
  <circle cx="50" cy="50" r="45" fill="none" stroke="#ffffff" stroke-opacity="0.35" stroke-width="2"/>`;
  // The maskable icon keeps the rings inside the central 80% circle that every mask shows.
  const scale = full ? 0.72 : 1;
  const shift = 50 * (1 - scale);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <defs>
    <radialGradient id="g" cx="35%" cy="35%" r="75%">
      <stop offset="0" stop-color="${GOLD}"/>
      <stop offset="1" stop-color="${OXBLOOD}"/>
    </radialGradient>
  </defs>
  ${disc}
  <g transform="translate(${shift} ${shift}) scale(${scale})" fill="none" stroke="${CREAM}" stroke-width="7">
    <circle cx="38" cy="50" r="19"/>
    <circle cx="62" cy="50" r="19"/>
  </g>
</svg>
`;
}

/** The PNGs to render: file name, size in pixels, full-bleed or not. */
const PNGS: readonly (readonly [string, number, boolean])[] = [
  ["icon-192.png", 192, false],
  ["icon-512.png", 512, false],
  ["icon-maskable-512.png", 512, true],
  ["apple-touch-icon.png", 180, true],
];

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, "icon.svg"), emblem(false));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless=new", "--no-sandbox"],
  });
  try {
    const page = await browser.newPage();
    for (const [name, size, full] of PNGS) {
      await page.setViewportSize({ width: size, height: size });
      const svg = emblem(full).replace("<svg ", `<svg width="${size}" height="${size}" `);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`,
      );
      await page.screenshot({
        path: path.join(OUT, name),
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      console.log(`wrote client/public/${name} (${size}×${size})`);
    }
  } finally {
    await browser.close();
  }
}

await main();
