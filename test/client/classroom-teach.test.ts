/**
 * The "new class session" form as data (client/src/classroom/teachForm.ts): the request it makes
 * (live minutes become a Timing, a second preset alternates, the roster is cleaned), what it
 * refuses itself, and which field a server's refusal is about.
 */
import { describe, expect, it } from "vitest";
import {
  classRequestOf,
  fieldOfMessage,
  liveTiming,
  problemText,
  rosterNames,
  TEACH_FORM_DEFAULTS,
  type TeachFormState,
} from "../../client/src/classroom/teachForm";
import { createClassBodySchema } from "../../shared/src/wire";
import { describeIssues } from "../../shared/src/match/schemas";

const form = (over: Partial<TeachFormState> = {}): TeachFormState => ({
  ...TEACH_FORM_DEFAULTS,
  name: "IR 101",
  ...over,
});

describe("liveTiming", () => {
  it("gives retreats and builds a third of the movement phase, at least a minute", () => {
    expect(liveTiming(10)).toEqual({ movement: 10, retreat: 3, adjustment: 3 });
    expect(liveTiming(15)).toEqual({ movement: 15, retreat: 5, adjustment: 5 });
    expect(liveTiming(2)).toEqual({ movement: 2, retreat: 1, adjustment: 1 });
    expect(liveTiming(1)).toEqual({ movement: 1, retreat: 1, adjustment: 1 });
  });
});

describe("rosterNames", () => {
  it("keeps one trimmed name a line, once each", () => {
    expect(rosterNames("  Ada  Lovelace \n\nAlan Turing\r\nada lovelace\n   \nGrace")).toEqual([
      "Ada Lovelace",
      "Alan Turing",
      "Grace",
    ]);
    expect(rosterNames("")).toEqual([]);
  });
});

describe("classRequestOf", () => {
  it("makes a request the contract accepts", () => {
    const made = classRequestOf(
      form({ studentsPerPower: 2, matches: "3", minutes: "12", roster: "Ada\nBo" }),
      1901,
    );
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.request).toEqual({
      name: "IR 101",
      map: "classic",
      studentsPerPower: 2,
      extras: "teams",
      matches: 3,
      timing: { movement: 12, retreat: 4, adjustment: 4 },
      pressMode: "full",
      presets: ["default"],
      yearLimit: null,
      bots: { personality: "steady" },
      teacherReadsPress: false,
      roster: ["Ada", "Bo"],
    });
    expect(createClassBodySchema.safeParse(made.request).success).toBe(true);
  });
  it("leaves the number of matches and the roster out when blank, and sends daily as it is", () => {
    const made = classRequestOf(form({ pace: "daily", minutes: "" }), 1901);
    expect(made.ok && made.request.timing).toBe("daily");
    expect(made.ok && "matches" in made.request).toBe(false);
    expect(made.ok && "roster" in made.request).toBe(false);
  });
  it("alternates two different presets, and sends one when both are the same", () => {
    const two = classRequestOf(form({ preset: "realist", secondPreset: "liberal" }), 1901);
    expect(two.ok && two.request.presets).toEqual(["realist", "liberal"]);
    const same = classRequestOf(form({ preset: "realist", secondPreset: "realist" }), 1901);
    expect(same.ok && same.request.presets).toEqual(["realist"]);
  });
  it("points at the field it refuses", () => {
    const cases: [Partial<TeachFormState>, string][] = [
      [{ name: "   " }, "name"],
      [{ matches: "0" }, "matches"],
      [{ matches: "31" }, "matches"],
      [{ minutes: "" }, "timing"],
      [{ minutes: "0" }, "timing"],
      [{ yearLimit: "1800" }, "yearLimit"],
      [{ roster: Array.from({ length: 201 }, (_, i) => `Student ${i}`).join("\n") }, "roster"],
    ];
    for (const [over, field] of cases) {
      const made = classRequestOf(form(over), 1901);
      expect(made.ok ? null : made.field, JSON.stringify(over)).toBe(field);
    }
  });
});

describe("a server's refusal", () => {
  it("names the field of the contract's own messages", () => {
    const bad = createClassBodySchema.safeParse({
      name: "x",
      timing: { movement: 0, retreat: 1, adjustment: 1 },
    });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    const message = describeIssues(bad.error);
    expect(fieldOfMessage(message)).toBe("timing");
  });
  it("reads nested and indexed paths, and nothing from other messages", () => {
    expect(fieldOfMessage("roster[3]: must be at most 40 characters")).toBe("roster");
    expect(fieldOfMessage("bots.personality: Invalid option")).toBe("bots");
    expect(fieldOfMessage("presets[1]: must be one of default, realist")).toBe("presets");
    expect(fieldOfMessage("name: must not be blank")).toBe("name");
    expect(fieldOfMessage("seed: too long")).toBeNull();
    expect(fieldOfMessage("Too many requests; wait and try again.")).toBeNull();
  });
  it("says the field in words", () => {
    expect(problemText("roster[3]: must be at most 40 characters", "roster")).toBe(
      "Roster, name 4: must be at most 40 characters",
    );
    expect(problemText("timing.movement: too small", "timing")).toBe("Timing: too small");
    expect(problemText("Something else", null)).toBe("Something else");
  });
});
