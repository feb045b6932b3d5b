import { afterEach, describe, expect, it, vi } from "vitest";
import { IdleClock, warningSeconds } from "./kiosk";

afterEach(() => {
  vi.useRealTimers();
});

describe("the kiosk's idle clock", () => {
  it("warns 20 seconds ahead, or half the idle time when that is shorter", () => {
    expect(warningSeconds(90)).toBe(20);
    expect(warningSeconds(30)).toBe(15);
    expect(warningSeconds(5)).toBe(2);
  });

  it("warns, counts down each second, then wipes; use while warned takes the warning away", () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const clock = new IdleClock(10, {
      warn: (left) => seen.push(`warn ${left}`),
      tick: (left) => seen.push(`tick ${left}`),
      resume: () => seen.push("resume"),
      idle: () => seen.push("idle"),
    });
    clock.activity();
    vi.advanceTimersByTime(6_000);
    expect(seen).toEqual(["warn 5", "tick 4"]);
    clock.activity();
    expect(seen).toEqual(["warn 5", "tick 4", "resume"]);
    vi.advanceTimersByTime(10_000);
    expect(seen).toEqual(["warn 5", "tick 4", "resume", "warn 5", "tick 4", "tick 3", "tick 2", "tick 1", "idle"]);
    vi.advanceTimersByTime(60_000);
    expect(seen.at(-1)).toBe("idle");
    expect(seen.filter((s) => s === "idle")).toHaveLength(1);
    clock.stop();
  });
});
