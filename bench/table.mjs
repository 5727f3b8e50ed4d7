// The benchmark's table: one row per workload case with gradlab (two threads), gradlab on one
// thread, PyTorch 1 thread, tfjs-wasm, the ratio its target is about, and whether it is met.
// Also the loss checks (same math in every peer) and the BLAS and load the run had.

const by = (records, workload, kase, peer) => records.find((r) => r.workload === workload && r.case === kase && r.peer === peer);
const fmt = (v) => (v === undefined ? "" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(3));
const cell = (r) => (r ? `${fmt(r.median)} [${fmt(r.min)}–${fmt(r.max)}]` : "–");

/** Each target: which ratio, its limit, and how to say it. */
function target(records, r) {
  const torchT = by(records, r.workload, r.case, "torch-1t"), tfjs = by(records, r.workload, r.case, "tfjs-wasm");
  const g = by(records, r.workload, r.case, "gradlab"), g1 = by(records, r.workload, r.case, "gradlab-1t");
  const time = (a, b, limit) => (a && b ? { ratio: a.median / b.median, text: `${fmt(a.median / b.median)}× torch`, limit: `≤ ${limit}×`, met: a.median / b.median <= limit } : undefined);
  if (r.workload === "w1") return time(g, torchT, 0.2);
  if (r.workload === "w4") return time(g, torchT, 0.7);
  if (r.case === "784-128-128-10 b128 f32") return time(g, torchT, 1.5);
  if (r.case === "784-128-128-10 b128 f64") return time(g, torchT, 3);
  if (r.case === "f32 n=512" && g1 && tfjs) {
    // In CPU time when both have it: they run minutes apart, and wall time counts other processes' turns.
    const cpu = g1.cpu && tfjs.cpu;
    const x = cpu ? g1.cpu.median / tfjs.cpu.median : g1.median / tfjs.median;
    const how = cpu ? ` in CPU time (${fmt(g1.cpu.median)} vs ${fmt(tfjs.cpu.median)}; wall time ${fmt(g1.median / tfjs.median)}×)` : "";
    return { text: `1 thread: ${fmt(x)}× tfjs-wasm${how} (2 threads, wall: ${fmt(g.median / tfjs.median)}×)`, limit: "≥ 1.0× tfjs-wasm", met: x >= 1 };
  }
  const ceiling = by(records, "ceiling", `WASM ${r.case.startsWith("f32") ? "f32x4" : "f64x2"} multiply-add peak`, "ceiling");
  if (r.workload === "w3" && ceiling && g1) {
    // In CPU time, as the ceiling is measured (wall time also counts other processes' turns on the
    // core); against ceiling samples taken between the product's own when w3-gemm.mjs has them.
    const x = g1.ofCeiling?.median ?? (g1.cpu ?? g1).median / ceiling.median;
    const how = g1.ofCeiling ? ` [${(100 * g1.ofCeiling.min).toFixed(0)}–${(100 * g1.ofCeiling.max).toFixed(0)}%] of the ceiling sampled between its samples` : " of the 1-core ceiling";
    const res = { text: `1 thread: ${(100 * x).toFixed(0)}%${how}${g1.cpu ? ` (CPU time: ${fmt(g1.cpu.median)} GFLOP/s)` : ""}` };
    return r.case === "f64 n=512" ? { ...res, limit: "≥ 85% of f64x2", met: x >= 0.85 } : res;
  }
  if (r.workload === "w5" && g) {
    const empty = by(records, "w5", r.case, "node -e 0");
    return empty && { text: `empty node + ${fmt(g.median - empty.median)} ms`, limit: "≤ node + 25 ms", met: g.median - empty.median <= 25 };
  }
  if (r.met !== undefined) return { text: "", limit: r.limit ?? (r.target_ms !== undefined ? `≤ ${r.target_ms} ms` : `≤ ${r.target} ${r.unit}`), met: r.met };
  return undefined;
}

/** Prints the table and the checks; returns the checks. */
export function printTable(records, { blas, torchOk, torchF64, load, flags }) {
  const cases = [];
  for (const r of records) if (!cases.some((c) => c.workload === r.workload && c.case === r.case)) cases.push(r);
  const header = ["workload", "case", "unit", "gradlab (2 threads)", "gradlab 1 thread", "torch-1t", "tfjs-wasm", "ratio", "target", "met"];
  const lines = cases.map((c) => {
    const t = target(records, c);
    const peerOf = (p) => cell(by(records, c.workload, c.case, p));
    const first = c.workload === "ceiling" ? peerOf("ceiling") : c.workload === "w5" ? `${peerOf("gradlab")} (node -e 0: ${peerOf("node -e 0")})` : peerOf("gradlab");
    return [c.workload.toUpperCase(), c.case + (c.how ? ` (${c.how})` : ""), c.unit, first, peerOf("gradlab-1t"), peerOf("torch-1t"), peerOf("tfjs-wasm"), t?.text ?? "", t?.limit ?? "", t?.met === undefined ? "" : t.met ? "yes" : "NO"];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const print = (l) => console.log("| " + l.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |");
  print(header);
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  lines.forEach(print);
  console.log(`Node ${process.version} ${flags.join(" ")}; torch: 1 thread, W1/W4 in ${torchF64 ? "float64" : "float32"}, W2 in both; medians [min–max].`);
  if (blas) console.log(`PyTorch's BLAS: ${blas.libraries} (${blas.detail ?? blas.blas}); torch.mm float32 n=512 at ${fmt(blas.sgemm512)} GFLOP/s on 1 thread.`);
  if (blas && /core (Prescott|Core2|Katmai|Atom|Nehalem|Generic)/.test(blas.detail ?? "")) {
    console.log("  Note: this OpenBLAS runs a generic pre-AVX kernel on this CPU (it does not recognise it; the workplace's OPENBLAS_CORETYPE is not set here): torch's products are slower than the machine allows, so gradlab's ratios look better than they are.");
  }
  console.log(`load average before / after: ${load.before.map((v) => v.toFixed(2)).join(" ")} / ${load.after.map((v) => v.toFixed(2)).join(" ")} (the machine is shared: compare ratios from one run)`);
  if (!torchOk) console.log("\n/usr/bin/python3 cannot import torch: PyTorch columns are empty (apt-get install python3-torch).");

  const checks = [];
  const check = (label, got, want, tol) => {
    if (got === undefined) return;
    const ok = Math.abs(got - want) <= tol * Math.abs(want);
    checks.push({ label, got, want, ok });
    console.log(`check ${label}: ${got.toPrecision(7)} (expected ≈ ${want}) ${ok ? "ok" : "MISMATCH"}`);
  };
  console.log("\nChecks (same data and math in every peer):");
  check("W1 gradlab loss at step 10 (f64)", by(records, "w1", "D50_P100", "gradlab")?.check?.lossAfter10, 1.69797e-4, 1e-5);
  check("W1 torch loss at step 10", by(records, "w1", "D50_P100", "torch-1t")?.check?.lossAfter10, torchF64 ? 1.69797e-4 : 1.69873e-4, 1e-5);
  for (const [peer, kase] of [["gradlab", "784-128-128-10 b128 f32"], ["gradlab", "784-128-128-10 b128 f64"], ["torch-1t", "784-128-128-10 b128 f32"], ["torch-1t", "784-128-128-10 b128 f64"], ["tfjs-wasm", "784-128-128-10 b128 f32"]]) {
    check(`W2 ${peer} ${kase.slice(-3)} loss at step 10`, by(records, "w2", kase, peer)?.check?.loss10, 2.232984, 1e-6);
  }
  check("W4 gradlab final loss (depth 2, lr 0.3)", by(records, "w4", "20 settings × 500 steps", "gradlab")?.check?.depth2lr03, 0.660505, 1e-5);
  check("W4 torch final loss (depth 2, lr 0.3)", by(records, "w4", "20 settings × 500 steps", "torch-1t")?.check?.depth2lr03, 0.660505, 1e-5);
  return checks;
}
