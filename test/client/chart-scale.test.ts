/**
 * The chart axes shared by the client's charts and the tournament report (shared/src/charts):
 * round ticks from d3-scale, the widened domain, and the value → pixel mapping.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linearAxis, niceTicks } from "../../shared/src/charts";

describe("niceTicks", () => {
  it.each([
    [0, 9.6, [0, 2, 4, 6, 8, 10]],
    [3.1, 9.6, [3, 4, 5, 6, 7, 8, 9, 10]],
    [0, 7, [0, 1, 2, 3, 4, 5, 6, 7]],
    [0, 0.37, [0, 0.1, 0.2, 0.3, 0.4]],
    [-3.2, 41, [-10, 0, 10, 20, 30, 40, 50]],
  ])("ticks %d to %d as %j", (low, high, ticks) => {
    expect(niceTicks(low, high)).toEqual(ticks);
  });

  it("makes an empty range one unit wide", () => {
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(5, 2)).toEqual([5, 5.2, 5.4, 5.6, 5.8, 6]);
  });

  it("encloses the data with evenly spaced ticks", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (low, span) => {
          const ticks = niceTicks(low, low + span);
          const slack = span * 1e-9 + 1e-12; // floating-point error, not a missed tick
          expect(ticks[0]!).toBeLessThanOrEqual(low + slack);
          expect(ticks[ticks.length - 1]!).toBeGreaterThanOrEqual(low + span - slack);
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks.length).toBeLessThanOrEqual(16);
          const step = ticks[1]! - ticks[0]!;
          for (let i = 1; i < ticks.length; i++)
            expect(Math.abs(ticks[i]! - ticks[i - 1]! - step)).toBeLessThanOrEqual(step * 1e-6);
        },
      ),
    );
  });
});

describe("linearAxis", () => {
  it("widens the domain to its ticks and maps values linearly onto the range", () => {
    const axis = linearAxis({ domain: [0, 9.6], range: [200, 900] });
    expect(axis.domain).toEqual([0, 10]);
    expect(axis.toPixel(0)).toBe(200);
    expect(axis.toPixel(5)).toBe(550);
    expect(axis.toPixel(10)).toBe(900);
  });

  it("runs a vertical axis upwards when the range is reversed", () => {
    const axis = linearAxis({ domain: [0, 100], range: [154, 18] });
    expect(axis.toPixel(0)).toBe(154);
    expect(axis.toPixel(100)).toBe(18);
    expect(axis.toPixel(50)).toBe(86);
  });

  it("keeps the domain and takes about the asked number of ticks when not nice", () => {
    const axis = linearAxis({ domain: [10, 80], range: [0, 1], ticks: 4, nice: false });
    expect(axis.domain).toEqual([10, 80]);
    expect(axis.ticks).toEqual([20, 40, 60, 80]);
    expect(linearAxis({ domain: [30, 60], range: [0, 1], ticks: 3, nice: false }).ticks).toEqual([
      30, 40, 50, 60,
    ]);
  });
});
