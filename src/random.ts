// One seeded generator for the whole library, in pure JS so a seed gives the same numbers on
// every machine: xoshiro128** (seeded through splitmix32), uniform doubles with 53 random bits,
// normals by Box–Muller. The default seed is fixed, as PyTorch's default generator is.
import { msg } from "./messages";

const state = new Uint32Array(4);
let spareNormal: number | null = null;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Seeds the generator; the same seed always gives the same sequence of randn/rand/init values. */
export function manualSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) throw new Error(msg.seed(seed));
  const lo = splitmix32(seed >>> 0);
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  for (let i = 0; i < 4; i++) state[i] = (lo() ^ Math.imul(hi, 0x27d4eb2d + i)) >>> 0;
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  spareNormal = null;
}

/** The generator's whole state (torch.get_rng_state's role): plain JSON, so the grader can record and restore it. */
export interface RngState {
  state: [number, number, number, number];
  spareNormal: number | null;
}

/** The generator's current state; `setRngState` of it makes the same numbers come next. */
export function getRngState(): RngState {
  return { state: [state[0], state[1], state[2], state[3]], spareNormal };
}

/** Restores a state `getRngState` returned (torch.set_rng_state). */
export function setRngState(next: RngState): void {
  const ok = Array.isArray(next?.state) && next.state.length === 4 && next.state.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32) &&
    (next.spareNormal === null || Number.isFinite(next.spareNormal)) && next.state.some((x) => x !== 0);
  if (!ok) throw new Error(msg.rngState);
  for (let i = 0; i < 4; i++) state[i] = next.state[i];
  spareNormal = next.spareNormal;
}

function nextU32(): number {
  const s = state;
  const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
  const t = (s[1] << 9) >>> 0;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A uniform double in [0, 1) with 53 random bits. */
export function nextUniform(): number {
  return ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;
}

/** A standard normal sample. */
export function nextNormal(): number {
  if (spareNormal !== null) {
    const v = spareNormal;
    spareNormal = null;
    return v;
  }
  const u1 = 1 - nextUniform(); // (0, 1], so log is finite
  const u2 = nextUniform();
  const r = Math.sqrt(-2 * Math.log(u1));
  spareNormal = r * Math.sin(2 * Math.PI * u2);
  return r * Math.cos(2 * Math.PI * u2);
}

manualSeed(0);
