/**
 * The create page's language-model bot choice in a real browser, against a server with a scripted
 * chat-completions endpoint (test/llm/support/endpoint.ts): the seat's bot menu offers "Language
 * model — honest / pragmatic / deceitful" only when the server says it has a model (`GET
 * /api/server`), a note says what such a bot does, and the match it creates records the seat as
 * `llm:honest` — and then plays with the model. Screenshots at desktop 1280×800 and phone 390×844.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sensible, startEndpoint, type Endpoint } from "../llm/support/endpoint";
import { e2eStory, setControl, shoot, until, visible } from "./support/harness";

let endpoint: Endpoint | undefined;
const env: Record<string, string> = { LLM_TIMEOUT_MS: "2000" };

// Registered before the story's own hooks: the endpoint is up (and its address in `env`) before
// the story starts its server with `env`.
beforeAll(async () => {
  endpoint = await startEndpoint(sensible);
  env["LLM_BASE_URL"] = endpoint.baseUrl;
});
afterAll(async () => {
  await endpoint?.close();
});

const { server, open } = e2eStory("llm-", {}, { env });

/** The option values of a select. */
async function optionsOf(page: Parameters<typeof visible>[0], id: string): Promise<string[]> {
  const select = await visible(page, id);
  return select.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.value));
}

describe("language-model bots on the create page", () => {
  it("offers them per seat when the server has a model, and the match plays with it", async () => {
    const { page, problems } = await open("desktop", { viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/`);
    await setControl(page, "create-name", "Ada");
    await setControl(page, "create-map", "amber");
    await setControl(page, "create-players", "3");
    await setControl(page, "create-seat-1", "bot");
    await setControl(page, "create-seat-2", "bot");
    await until(page, "the language-model choices", async () =>
      (await optionsOf(page, "create-bot-1")).includes("llm:honest"),
    );
    expect(await optionsOf(page, "create-bot-1")).toEqual(
      expect.arrayContaining(["steady", "llm:honest", "llm:pragmatic", "llm:deceitful"]),
    );
    await setControl(page, "create-bot-1", "llm:honest");
    await setControl(page, "create-bot-2", "llm:deceitful");
    await setControl(page, "create-year-limit", "1901");
    const note = await visible(page, "create-llm-note");
    expect(await note.textContent()).toContain("language-model bot");
    await (await visible(page, "create-seats-note")).scrollIntoViewIfNeeded();
    await shoot(page, "llm-create-desktop");
    await (await visible(page, "create-submit")).click();
    const invite = await visible(page, "invite-link");
    const matchID = new URL(await invite.inputValue()).pathname.split("/").pop() ?? "";
    const seats = server.server.ctx.records.seats(matchID);
    expect(seats.map((s) => s.personality)).toEqual([null, "llm:honest", "llm:deceitful"]);
    // The bots play the first phase with the model.
    await until(page, "the bots' first requests", () => Promise.resolve((endpoint?.calls.length ?? 0) >= 2));
    expect(problems).toEqual([]);
  }, 90_000);

  it("fits a phone", async () => {
    const { page, problems } = await open("phone", {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await page.goto(`${server.url}/`);
    await setControl(page, "create-map", "amber");
    await setControl(page, "create-players", "3");
    await setControl(page, "create-seat-1", "bot");
    await until(page, "the language-model choices", async () =>
      (await optionsOf(page, "create-bot-1")).includes("llm:pragmatic"),
    );
    await setControl(page, "create-bot-1", "llm:pragmatic");
    const note = await visible(page, "create-llm-note");
    await note.scrollIntoViewIfNeeded();
    await shoot(page, "llm-create-phone");
    expect(problems).toEqual([]);
  }, 90_000);

  it("leaves them out when the server has no model", async () => {
    const { page, problems } = await open("none", { viewport: { width: 1280, height: 800 } });
    await page.route("**/api/server", (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ llmBots: false }),
      }),
    );
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/server"));
    await page.goto(`${server.url}/`);
    await answered;
    await setControl(page, "create-seat-1", "bot");
    const options = await optionsOf(page, "create-bot-1");
    expect(options).toContain("steady");
    expect(options.some((o) => o.startsWith("llm"))).toBe(false);
    expect(await page.locator('[data-testid="create-llm-note"]').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
