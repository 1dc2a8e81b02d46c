/**
 * Several offline matches in one browser (Debian's Chromium via playwright-core): a classic match
 * is started, then from `/local` a second one (Amber, public press, sharp bots, a preset) — the
 * first is not replaced and both are listed; the first is resumed where it was; the second is
 * deleted after a confirmation, and only it goes. A damaged entry in the list is skipped with a
 * note, and the page still works.
 *
 * The truth is what the page keeps in localStorage (`entente.local.index`,
 * `entente.local.match.<id>`, `entente.local.current`). Each step is one test; after a failure the
 * later ones are skipped and the screens are saved.
 */
import { describe, expect } from "vitest";
import type { LocalMatch } from "../../client/src/local/engine";
import {
  byTestId,
  e2eStory,
  localMatchIds,
  readText,
  setControl,
  shoot,
  startLocalMatch,
  until,
  visible,
} from "./support/harness";

const {
  server,
  players: { player },
  step,
} = e2eStory("local-many-", { player: {} }, { stepTimeoutMs: 60_000 });
let first: LocalMatch;
let second: LocalMatch;

/** The kept matches' ids, in the index's order. */
const keptIds = () => localMatchIds(player.page);

/** The current match as kept, once there is one. */
async function current(): Promise<LocalMatch> {
  let found: LocalMatch | null = null;
  await until(player.page, "a current match to be kept", async () => {
    const raw = await player.page.evaluate(() => {
      const id = localStorage.getItem("entente.local.current");
      return id === null ? null : localStorage.getItem(`entente.local.match.${id}`);
    });
    found = raw === null ? null : (JSON.parse(raw) as LocalMatch);
    return found !== null;
  });
  return found!;
}

describe("several offline matches", () => {
  step("a first match starts on the classic map", async () => {
    const { page } = player;
    await startLocalMatch(page, server.url, { map: "classic", power: "FRA" });
    await visible(page, "phase-label");
    first = await current();
    expect(first.human).toBe("FRA");
    expect(await keptIds()).toEqual([first.id]);
  });

  step("a second match, with its own press, tactics and preset, joins the list", async () => {
    const { page } = player;
    await (await visible(page, "local-menu")).click();
    await page.waitForURL("**/local");
    await visible(page, `local-match-${first.id}`);
    await setControl(page, "local-map", "amber");
    await setControl(page, "local-press", "public");
    await setControl(page, "local-tactics", "lookahead");
    const presets = await byTestId(page, "local-preset")
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const preset = presets[presets.length - 1]!;
    await setControl(page, "local-preset", preset);
    await shoot(page, "local-many-01-setup");
    await (await visible(page, "local-start")).click();
    await page.waitForURL("**/local/play");
    await visible(page, "phase-label");
    await until(page, "the second match to be current", async () => (await current()).id !== first.id);
    second = await current();
    expect(second.state.settings).toMatchObject({ mapId: "amber", pressMode: "public", preset });
    expect(second.tactics).toBe("lookahead");
    expect((await keptIds()).sort()).toEqual([first.id, second.id].sort());
    await (await visible(page, "local-menu")).click();
    await page.waitForURL("**/local");
    await visible(page, `local-match-${first.id}`);
    await visible(page, `local-match-${second.id}`);
    expect((await readText(await visible(page, `local-match-${second.id}`))).toLowerCase()).toContain(
      "last played",
    );
    await shoot(page, "local-many-02-list");
  });

  step("the first match resumes where it was", async () => {
    const { page } = player;
    await (await visible(page, `local-resume-${first.id}`)).click();
    await page.waitForURL("**/local/play");
    const label = await visible(page, "phase-label");
    await until(page, "the first match's board", async () => (await readText(label)).includes("1901"));
    await visible(page, "unit-par");
    expect((await current()).id).toBe(first.id);
  });

  step("deleting the second asks first, then only it goes", async () => {
    const { page } = player;
    await (await visible(page, "local-menu")).click();
    await page.waitForURL("**/local");
    await (await visible(page, `local-delete-${second.id}`)).click();
    await page.getByRole("button", { name: "Keep it" }).click();
    expect((await keptIds()).length).toBe(2);
    await (await visible(page, `local-delete-${second.id}`)).click();
    await shoot(page, "local-many-03-delete-confirm");
    await (await visible(page, `local-delete-confirm-${second.id}`)).click();
    await byTestId(page, `local-match-${second.id}`).waitFor({ state: "detached" });
    expect(await keptIds()).toEqual([first.id]);
    expect(
      await page.evaluate((id) => localStorage.getItem(`entente.local.match.${id}`), second.id),
    ).toBeNull();
    await visible(page, `local-match-${first.id}`);
  });

  step("a damaged entry is skipped with a note, and the rest still plays", async () => {
    const { page } = player;
    await page.evaluate((id) => {
      const index = JSON.parse(localStorage.getItem("entente.local.index") ?? "[]") as unknown[];
      localStorage.setItem(
        "entente.local.index",
        JSON.stringify([...index, { id: "local-broken", playedAt: 1 }]),
      );
      localStorage.setItem("entente.local.match.local-broken", "{not json");
      return id;
    }, first.id);
    await page.reload();
    const note = await visible(page, "local-skipped");
    expect(await readText(note)).toContain("local-broken");
    await shoot(page, "local-many-04-skipped");
    await (await visible(page, `local-resume-${first.id}`)).click();
    await page.waitForURL("**/local/play");
    await visible(page, "phase-label");
  });
});
