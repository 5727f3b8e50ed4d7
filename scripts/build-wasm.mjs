// Compiles gradlab's AssemblyScript kernels (src/kernels/wasm/, entry index.ts) twice, with the asc
// compiler from node_modules: dist/src/kernels/kernels.wasm (SIMD128) and kernels-fma.wasm (SIMD128 +
// relaxed-SIMD FMA, used where the runtime accepts it), both on an imported shared memory. `npm run build` runs this before tsc.
// Skips the compile when the outputs are newer than their sources (--force: always).
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = join(root, "src", "kernels", "wasm");
const source = join(sourceDir, "index.ts");
// Beside the compiled wasm.js, which loads them (see wasmKernelPaths).
const outDir = join(root, "dist", "src", "kernels");
const builds = [
  { output: join(outDir, "kernels.wasm"), features: ["simd", "threads"] },
  { output: join(outDir, "kernels-fma.wasm"), features: ["simd", "relaxed-simd", "threads"] },
];
const inputs = [...readdirSync(sourceDir).map((f) => join(sourceDir, f)), fileURLToPath(import.meta.url)];

const mtime = (path) => statSync(path).mtimeMs;
const newest = Math.max(...inputs.map(mtime));
const force = process.argv.includes("--force");
const stale = builds.filter(({ output }) => force || !existsSync(output) || mtime(output) < newest);

if (stale.length === 0) console.log(`build-wasm: ${outDir}/kernels*.wasm are up to date`);
if (stale.length > 0) {
  mkdirSync(outDir, { recursive: true });
  const asc = await import("assemblyscript/asc");
  for (const { output, features } of stale) {
    // --runtime stub: the kernel never allocates; --noAssert: sizes are checked on the JS side.
    // Shared memory, imported from the host, so a second thread's instance can work on the same
    // arrays (src/kernels/threads.ts); 65,536 pages is the whole 32-bit space.
    const { error, stderr } = await asc.main([
      source, "--outFile", output,
      "-O3", "--noAssert", "--runtime", "stub", ...features.flatMap((f) => ["--enable", f]),
      "--importMemory", "--sharedMemory", "--initialMemory", "1", "--maximumMemory", "65536",
    ]);
    if (error) {
      console.error(stderr.toString());
      console.error(`build-wasm: compiling ${source} (${features.join(", ")}) failed: ${error.message}`);
      process.exit(1);
    }
    console.log(`build-wasm: wrote ${output} (${statSync(output).size} bytes)`);
  }
}
