import { describe, expect, it } from "vitest";
import { manualSeed, nn, randn, Tensor, tensor } from "gradlab";
import { alloc, allocToOverwrite, withScratch } from "../../src/storage";

// One size in each of alloc's classes: small slab (≤ 128), medium size classes (≤ 8192), own buffer.
const SIZES = [1, 128, 129, 3200, 8192, 8193];

/** Throws unless every value of a is v. */
function expectAll(a: Float64Array, v: number, what: string): void {
  for (let i = 0; i < a.length; i++) if (a[i] !== v) throw new Error(`${what}: element ${i} of ${a.length} is ${a[i]}, not ${v}`);
}

/** Throws if two of the arrays share a byte of memory. */
function expectDisjoint(arrays: Float64Array[]): void {
  const byBuffer = new Map<ArrayBufferLike, Float64Array[]>();
  for (const a of arrays) byBuffer.set(a.buffer, [...(byBuffer.get(a.buffer) ?? []), a]);
  for (const views of byBuffer.values()) {
    views.sort((a, b) => a.byteOffset - b.byteOffset);
    for (let i = 1; i < views.length; i++) {
      const prev = views[i - 1], cur = views[i];
      if (prev.byteOffset + prev.byteLength > cur.byteOffset) {
        throw new Error(`views overlap: [${prev.byteOffset}, +${prev.byteLength}) and [${cur.byteOffset}, +${cur.byteLength})`);
      }
    }
  }
}

describe("alloc", () => {
  it("returns zero-filled arrays of the asked length in every size class, also after others were written", () => {
    for (let round = 0; round < 20; round++) {
      for (const n of SIZES) {
        const a = alloc(n);
        expect(a.length).toBe(n);
        expectAll(a, 0, `alloc(${n}), round ${round}`);
        a.fill(round + 1);
      }
    }
  });

  it("never hands out overlapping views: values written into many mixed-size arrays all survive", () => {
    // Enough arrays to fill several small slabs and several slabs of each medium class.
    const sizes = Array.from({ length: 600 }, (_, i) => [1, 3, 64, 127, 128, 129, 200, 1000, 3200, 4097, 8192, 8193][i % 12]);
    const arrays = sizes.map((n, id) => alloc(n).fill(id + 1));
    arrays.forEach((a, id) => expectAll(a, id + 1, `array ${id} (length ${a.length})`));
    expectDisjoint(arrays);
  });
});

describe("allocToOverwrite", () => {
  it("gives a large array a buffer of its own, exactly its size, in both dtypes; small ones come from alloc's slabs", () => {
    for (const [n, Type] of [[8193, Float64Array], [16385, Float32Array], [300000, Float64Array]] as const) {
      const a = allocToOverwrite(n, Type === Float32Array ? "float32" : "float64");
      expect(a).toBeInstanceOf(Type);
      expect(a.length).toBe(n);
      expect(a.buffer.byteLength).toBe(n * Type.BYTES_PER_ELEMENT);
    }
    const small = allocToOverwrite(100, "float64");
    expect(small.buffer.byteLength).toBeGreaterThan(800); // a view into a slab
    expect(Array.from(small)).toEqual(new Array(100).fill(0));
  });

  it("serves a backward pass from its scratch, zero-filled, as alloc does", () => {
    withScratch(() => {
      const a = allocToOverwrite(10000, "float64");
      expect(a.buffer.byteLength).toBe(1024 * 1024);
      expect(a.every((v) => v === 0)).toBe(true);
    });
  });
});

describe("withScratch", () => {
  it("hands out zero-filled arrays in every pass although it reuses the memory", () => {
    const first = withScratch(() => SIZES.map((n) => alloc(n).fill(7)));
    const second = withScratch(() => SIZES.map((n) => alloc(n)));
    second.forEach((a, i) => expectAll(a, 0, `alloc(${SIZES[i]}) in the second pass`));
    // The point of the scratch: the second pass got the first one's memory back.
    expect(second[0].buffer).toBe(first[0].buffer);
    expect(second[0].byteOffset).toBe(first[0].byteOffset);
  });

  it("keeps the arrays of one pass apart, across scratch chunks (values above 128 Ki in a pass)", () => {
    withScratch(() => {
      const sizes = [100_000, 50_000, 131_072, 1, 131_073, 30_000, 8193, 5];
      const arrays = sizes.map((n, id) => alloc(n).fill(id + 1));
      arrays.forEach((a, id) => expectAll(a, id + 1, `scratch array ${id} (length ${a.length})`));
      expectDisjoint(arrays);
    });
  });

  it("a nested pass does not reset the outer one", () => {
    withScratch(() => {
      const outer = alloc(100).fill(1);
      const inner = withScratch(() => alloc(100).fill(2));
      const after = alloc(100).fill(3);
      expectAll(outer, 1, "outer array after the nested pass");
      expectAll(inner, 2, "inner array");
      expectDisjoint([outer, inner, after]);
    });
  });

  it("ends the pass when it throws: arrays allocated afterwards survive later passes", () => {
    expect(() => withScratch(() => { alloc(10); throw new Error("boom"); })).toThrow("boom");
    const kept = SIZES.map((n) => alloc(n).fill(5));
    const [first, second] = [0, 1].map(() => withScratch(() => SIZES.map((n) => alloc(n).fill(9))));
    kept.forEach((a, i) => expectAll(a, 5, `alloc(${SIZES[i]}) after a failed pass`));
    expectDisjoint([...kept, ...first]);
    // The passes after it start from the beginning of the scratch again (not as nested passes).
    expect(second[0].byteOffset).toBe(first[0].byteOffset);
  });

  it("returns the pass's result", () => {
    expect(withScratch(() => 42)).toBe(42);
  });
});

// The user-level contract behind the scratch: nothing a user can hold points into it.
describe("gradients survive later backward passes (public API)", () => {
  /** A 200×16 batch through 16 → hidden → tanh → 3 (the WASM linear and tanh paths, medium-size arrays). */
  function mlp(seed: number, hidden = 16): { model: nn.Sequential; x: Tensor; target: Tensor } {
    manualSeed(seed);
    const model = new nn.Sequential(new nn.Linear(16, hidden), new nn.Tanh(), new nn.Linear(hidden, 3));
    const x = randn([200, 16]);
    const target = tensor(Array.from({ length: 200 }, (_, i) => (i * 7) % 3));
    return { model, x, target };
  }
  const loss = ({ model, x, target }: ReturnType<typeof mlp>) => new nn.CrossEntropyLoss().forward(model.forward(x), target);
  const grads = (model: nn.Module) => model.parameters().map((p) => Array.from(p.grad!.data));

  /** The MLP's gradients by hand in plain loops (Math.tanh, own arrays): the reference. */
  function handGradients({ model, x, target }: ReturnType<typeof mlp>): number[][] {
    const [w1, b1, w2, b2] = model.parameters().map((p) => p.data);
    const N = 200, I = 16, H = b1.length, C = 3, X = x.data, T = target.data;
    const h = new Float64Array(N * H), gw1 = new Float64Array(H * I), gb1 = new Float64Array(H), gw2 = new Float64Array(C * H), gb2 = new Float64Array(C);
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < H; j++) {
        let s = b1[j];
        for (let i = 0; i < I; i++) s += X[n * I + i] * w1[j * I + i];
        h[n * H + j] = Math.tanh(s);
      }
      const z = Array.from({ length: C }, (_, c) => { let s = b2[c]; for (let j = 0; j < H; j++) s += h[n * H + j] * w2[c * H + j]; return s; });
      const m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), total = e.reduce((a, b) => a + b);
      const dz = e.map((v, c) => (v / total - (c === T[n] ? 1 : 0)) / N);
      for (let c = 0; c < C; c++) {
        gb2[c] += dz[c];
        for (let j = 0; j < H; j++) gw2[c * H + j] += dz[c] * h[n * H + j];
      }
      for (let j = 0; j < H; j++) {
        let dh = 0;
        for (let c = 0; c < C; c++) dh += dz[c] * w2[c * H + j];
        const da = dh * (1 - h[n * H + j] ** 2);
        gb1[j] += da;
        for (let i = 0; i < I; i++) gw1[j * I + i] += da * X[n * I + i];
      }
    }
    return [gw1, gb1, gw2, gb2].map((a) => Array.from(a));
  }

  const expectCloseTo = (got: number[][], want: number[][], factor = 1) =>
    got.forEach((g, k) => g.forEach((v, i) => expect(v, `parameter ${k}, element ${i}`).toBeCloseTo(factor * want[k][i], 12)));

  it("a parameter's .grad matches the gradient computed by hand", () => {
    const a = mlp(1);
    loss(a).backward();
    expectCloseTo(grads(a.model), handGradients(a));
  });

  it("a parameter's .grad keeps its values when another model runs backward afterwards", () => {
    const a = mlp(1), b = mlp(2);
    loss(a).backward();
    const before = grads(a.model);
    loss(b).backward();
    loss(b).backward();
    expect(grads(a.model)).toEqual(before);
    expectCloseTo(before, handGradients(a));
  });

  it("a retainGrad() tensor's .grad keeps its values when another model runs backward afterwards", () => {
    const a = mlp(1), b = mlp(2);
    const hidden = a.model.forward(a.x).retainGrad();
    new nn.CrossEntropyLoss().forward(hidden, a.target).backward();
    const before = Array.from(hidden.grad!.data);
    expect(before.some((v) => v !== 0)).toBe(true);
    loss(b).backward();
    expect(Array.from(hidden.grad!.data)).toEqual(before);
  });

  it("accumulates gradients across two backward calls, with other passes in between and after", () => {
    // Other shapes than a's, so the scratch holds a's gradients at other offsets in those passes.
    const a = mlp(1), b = mlp(2, 7), c = mlp(3, 40);
    loss(a).backward();
    loss(b).backward();
    loss(a).backward();
    loss(c).backward();
    expectCloseTo(grads(a.model), handGradients(a), 2);
    expectCloseTo(grads(b.model), handGradients(b));
  });
});
