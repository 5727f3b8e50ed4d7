// manualSeed makes randn/rand/init give the same numbers on every run and every machine (a pure-JS
// generator, never Math.random). The exact first values are pinned so a change anywhere is caught.
import { describe, expect, it } from "vitest";
import { getRngState, manualSeed, nn, rand, randn, setRngState } from "gradlab";

describe("manualSeed", () => {
  it("gives these exact first randn values after manualSeed(0)", () => {
    manualSeed(0);
    expect(Array.from(randn(4).data)).toEqual([2.0812089348701357, 0.16346561362740877, 0.2541306960223768, 0.039282023357514934]);
  });
  it("gives these exact first values after manualSeed(2021)", () => {
    manualSeed(2021);
    expect(Array.from(randn(4).data)).toEqual([-1.3975531110374522, -0.5427937177105072, 0.19367619592690385, 0.2659243787064983]);
    expect(Array.from(rand(2).data)).toEqual([0.3754170039716981, 0.48330151497107476]);
  });
  it("repeats the whole sequence after reseeding, whatever was drawn in between", () => {
    manualSeed(7);
    const first = [randn(3, 2).toArray(), rand(5).toArray(), new nn.Linear(3, 2).weight.toArray()];
    manualSeed(7);
    const again = [randn([3, 2]).toArray(), rand(5).toArray(), new nn.Linear(3, 2).weight.toArray()];
    expect(again).toEqual(first);
  });
  it("gives different numbers for different seeds", () => {
    manualSeed(1);
    const a = Array.from(randn(8).data);
    manualSeed(2);
    expect(Array.from(randn(8).data)).not.toEqual(a);
  });
  it("draws rand in [0, 1) and randn with mean ≈ 0 and std ≈ 1", () => {
    manualSeed(3);
    const u = Array.from(rand(10000).data);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const z = Array.from(randn(10000).data);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 1)).toBeLessThan(0.05);
  });
  it("rejects a seed that is not a whole number", () => {
    expect(() => manualSeed(1.5)).toThrow("manualSeed: the seed must be a whole number, got 1.5.");
  });
});

describe("getRngState / setRngState", () => {
  it("replays the same numbers from a saved state, the spare normal included", () => {
    manualSeed(7);
    randn(3);
    const saved = getRngState();
    const first = randn(5).toArray();
    randn(11);
    setRngState(JSON.parse(JSON.stringify(saved)));
    expect(randn(5).toArray()).toEqual(first);
  });

  it("refuses a state that is not one", () => {
    expect(() => setRngState({ state: [0, 0, 0, 0], spareNormal: null })).toThrow(/four 32-bit unsigned integers, not all 0/);
    expect(() => setRngState({ state: [1, 2], spareNormal: null } as never)).toThrow(/getRngState/);
  });
});
