// The Node flags every gradlab process is started with (the kernelspec's argv, the runner's and
// grader's children, `gradlab run`, the benchmark): one list, so a reference recorded by `assign`
// and a value computed at grading come from the same kernels. Relaxed SIMD, which lets the WASM
// kernels use fused multiply-add (src/kernels/wasm.ts picks kernels-fma.wasm when it validates),
// ships in V8 11.4; Node 20 (V8 11.3) needs the flag, newer Nodes have it on and need nothing.

/** Whether this V8 predates relaxed SIMD by default (V8 < 11.4, i.e. Node 20). */
export function relaxedSimdNeedsFlag(v8: string = process.versions.v8): boolean {
  const [major, minor] = v8.split(".").map(Number);
  return major < 11 || (major === 11 && minor < 4);
}

/** Flags for a `node` child running gradlab code (empty on Nodes that need none). */
export function gradlabNodeFlags(v8: string = process.versions.v8): string[] {
  return relaxedSimdNeedsFlag(v8) ? ["--experimental-wasm-relaxed-simd"] : [];
}
