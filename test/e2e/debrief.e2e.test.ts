/**
 * The match debrief (issue 15, item 1) in a real browser (Debian's Chromium via playwright-core)
 * against the real server: Alice hosts a classic match of 1901–1902 against six bots that sign and
 * stab (backstabber, always-cheat, detective, …). She plays to the end (her orders left to hold,
 * Ready each phase) — while it runs, her host panel offers the debrief so far, in her seat's
 * view — then opens the debrief from the end screen: its scores, charts, per-power
 * table, alliance network (slider and Play), betrayal timeline and prompts show this match's
 * numbers — the server's own debrief of it. Screenshots at desktop, projector and phone size;
 * axe finds no serious or critical violation. A stranger's browser is refused in plain words.
 *
 * Each step is one test; after a failure the later ones are skipped and the screens are saved.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { matchDebriefSchema, type CreateAnswer, type MatchDebrief } from "../../shared/src/wire";
import { audit, byTestId, e2eStory, readText, shoot, storedState, until, visible } from "./support/harness";

const {
  server,
  players: { alice, stranger },
  step,
} = e2eStory("debrief-", { alice: {}, stranger: {} }, { stepTimeoutMs: 200_000 });
let matchID = "";
let host = { playerID: "0", credentials: "" };
let debrief: MatchDebrief | null = null;

/** Sets the page's size and waits for the window to take it. */
async function resize(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.waitForFunction((w) => window.innerWidth === w, width);
}

describe("the debrief of a match of signing and stabbing bots", () => {
  step("Alice hosts a classic match against six bots and plays it to its end", async () => {
    const res = await fetch(`${server.url}/api/matches`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        map: "classic",
        players: 7,
        hostName: "Alice",
        yearLimit: 1902,
        seats: [
          { kind: "human" },
          { kind: "bot", personality: "backstabber" },
          { kind: "bot", personality: "always-cooperate" },
          { kind: "bot", personality: "always-cheat" },
          { kind: "bot", personality: "grudger" },
          { kind: "bot", personality: "detective" },
          { kind: "bot", personality: "copycat" },
        ],
      }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreateAnswer;
    matchID = created.matchID;
    host = created.host!;
    const { page } = alice;
    await page.goto(`${server.url}/`);
    await page.evaluate(
      ([id, seat]) =>
        localStorage.setItem(
          "entente.seats",
          JSON.stringify([
            {
              matchID: id,
              playerID: seat.playerID,
              credentials: seat.credentials,
              power: "AUS",
              name: "Alice",
            },
          ]),
        ),
      [matchID, host] as const,
    );
    await page.goto(`${server.url}/m/${matchID}`);
    await visible(page, "phase-label", 30_000);
    // While it runs, the host's panel offers the debrief so far: what her seat may see.
    await (await visible(page, "host-summary")).click();
    const link = await visible(page, "host-debrief");
    expect(await link.getAttribute("href")).toBe(`/m/${matchID}/debrief`);
    const sofar = await alice.context.newPage();
    await sofar.goto(`${server.url}/m/${matchID}/debrief`);
    await visible(sofar, "debrief", 30_000);
    expect(await readText(byTestId(sofar, "debrief-outcome"))).toContain("still running");
    expect(await readText(byTestId(sofar, "debrief"))).toContain("you see what your seat sees");
    await sofar.close();
    // Alice leaves her units to hold and says Ready each phase, from her screen (a move of hers,
    // so the match never pauses for want of a player).
    await until(
      page,
      "the match to end",
      async () => {
        const G = storedState(server, matchID);
        if (G === null) return false;
        if (G.result !== null) return true;
        const toggle = byTestId(page, "ready-toggle");
        if (G.ready["AUS"] !== true && (await toggle.isVisible()) && (await toggle.isEnabled())) {
          const phase = `${G.position.year}-${G.position.season}-${G.position.phase}`;
          await toggle.click();
          await until(page, "Alice's Ready to be stored", () => {
            const now = storedState(server, matchID);
            const key =
              now === null ? "" : `${now.position.year}-${now.position.season}-${now.position.phase}`;
            return Promise.resolve(
              now === null || now.result !== null || key !== phase || now.ready["AUS"] === true,
            );
          });
        }
        return false;
      },
      170_000,
    );
    await visible(page, "end-screen", 30_000);
  });

  step("the server's debrief holds commitments and defections of this match", async () => {
    const res = await fetch(`${server.url}/api/matches/${matchID}/debrief`, {
      headers: { Authorization: `Bearer ${host.credentials}` },
    });
    expect(res.status).toBe(200);
    debrief = matchDebriefSchema.parse(await res.json());
    expect(debrief.ended).toBe(true);
    expect(debrief.view).toBe("whole");
    expect(debrief.commitments.filter((c) => c.signedAt !== null).length).toBeGreaterThan(0);
    // Bots that stab: whatever happened is what the page must show (checked below).
    console.log(
      `debrief e2e: ${debrief.commitments.length} commitments, ${debrief.defections.length} defections, ` +
        `${debrief.notices.length} notices, ${debrief.standings.length - 1} phases`,
    );
  });

  step("from the end screen's Debrief link, the page shows this match's numbers", async () => {
    const { page } = alice;
    const d = debrief!;
    await (await visible(page, "end-debrief")).click();
    await page.waitForURL(`**/m/${matchID}/debrief`);
    await visible(page, "debrief", 30_000);
    expect(await readText(byTestId(page, "debrief-outcome"))).toContain("year limit");
    for (const p of d.byPower) {
      const row = await readText(byTestId(page, `debrief-score-${p.power}`));
      expect(row).toContain(String(p.centres));
      expect(row).toContain(String(p.reputation));
      const counts = await byTestId(page, `debrief-power-${p.power}`).locator("td").allTextContents();
      expect(counts.slice(0, 4)).toEqual([p.signed, p.kept, p.broken, p.renounced].map(String));
    }
    await visible(page, "end-centres-chart");
    await visible(page, "standing-chart");
    expect(await page.locator("[data-testid=end-centres-chart] path[stroke]").count()).toBe(d.powers.length);
    const prompts = await byTestId(page, "debrief-prompts").locator("li").allTextContents();
    expect(prompts).toEqual(d.prompts);
    expect(prompts.length).toBeGreaterThanOrEqual(3);
    const shown = await byTestId(page, "debrief-defection").count();
    expect(shown).toBe(d.defections.length);
    const learned = d.defections.filter((x) => x.learnedFromPaper.length > 0).length;
    expect(await byTestId(page, "debrief-learned").count()).toBe(learned);
    await (await visible(page, "debrief-commitments-open")).click();
    expect(await byTestId(page, "debrief-commitments").locator("li").count()).toBe(d.commitments.length);
    await (await visible(page, "debrief-tables-open")).click();
    const centres = await byTestId(page, "debrief-table-centres").locator("tbody tr").count();
    expect(centres).toBe(d.standings.length);
  });

  step("the alliance network moves with its slider and plays", async () => {
    const { page } = alice;
    const d = debrief!;
    const slider = await visible(page, "debrief-network-slider");
    await slider.fill("0");
    expect(await readText(byTestId(page, "debrief-network-phase"))).toBe("the start");
    expect(await readText(byTestId(page, "debrief-network-ties"))).toBe("No commitments in force.");
    const busiest = d.standings.reduce(
      (best, s, i) => (s.ties.length > (d.standings[best]?.ties.length ?? 0) ? i : best),
      0,
    );
    await slider.fill(String(busiest));
    expect(await readText(byTestId(page, "debrief-network-phase"))).toBe(
      d.standings[busiest]!.phase?.label ?? "the start",
    );
    expect(await page.locator("[data-testid=network] line").count()).toBeGreaterThanOrEqual(
      d.standings[busiest]!.ties.length,
    );
    await slider.fill("0");
    await (await visible(page, "debrief-network-play")).click();
    await until(
      page,
      "Play to step on",
      async () => (await readText(byTestId(page, "debrief-network-phase"))) !== "the start",
      5_000,
    );
    await (await visible(page, "debrief-network-play")).click(); // pause
    await slider.fill(String(busiest));
  });

  step("screenshots at desktop, projector and phone size; axe finds nothing serious", async () => {
    const { page } = alice;
    for (const [name, w, h] of [
      ["desktop", 1280, 800],
      ["projector", 1920, 1080],
      ["phone", 390, 844],
    ] as const) {
      await resize(page, w, h);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, `debrief-${name}`);
      await shoot(page, `debrief-${name}-full`, true);
      for (const part of ["time", "alliances"] as const) {
        await byTestId(page, `debrief-${part}`).evaluate((el) => el.scrollIntoView());
        await shoot(page, `debrief-${name}-${part}`);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await audit(page), name).toEqual([]);
    }
    await resize(page, 1280, 800);
  });

  step("a browser holding no seat is refused in plain words", async () => {
    const { page } = stranger;
    await page.goto(`${server.url}/m/${matchID}/debrief`);
    const refused = await visible(page, "debrief-refused");
    expect(await readText(refused)).toContain("holds no seat");
  });
});
