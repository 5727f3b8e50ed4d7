// dist/gradlab.js, the package's entry (scripts/bundle-library.mjs copies it there): loads the
// bundled library, dist/gradlab-bundle.js, with the V8 code cache the build made for it. Node 20
// has no compile cache of its own, and compiling the 290 KB bundle was about half of what
// `require("gradlab")` cost (16–18 ms of CPU without the cache, 6–8 with it).
// V8 rejects a cache made by another Node or under other V8 flags; a cache older than the bundle
// is not offered. Either way the bundle compiles as usual: the cache only saves time.
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const bundle = path.join(__dirname, "gradlab-bundle.js");
const cacheFile = path.join(__dirname, "gradlab-bundle.v8");

function freshCache() {
  try {
    return fs.statSync(cacheFile).mtimeMs >= fs.statSync(bundle).mtimeMs ? fs.readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, "utf8")), { filename: bundle, cachedData: freshCache() });
script.runInThisContext().call(module.exports, module.exports, require, module, bundle, __dirname);

// `node dist/gradlab.js --write-code-cache` (the build runs it, in a plain `node`): run what a first
// script does, so the cache holds the functions it compiled, and write the cache.
if (require.main === module && process.argv[2] === "--write-code-cache") {
  const { tensor, nn, optim } = module.exports;
  const model = new nn.Sequential(new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 1));
  const opt = new optim.SGD(model.parameters(), { lr: 0.1 });
  const x = tensor([[1, 2, 3]], { requiresGrad: true });
  opt.zeroGrad();
  new nn.MSELoss().forward(model.forward(x), tensor([[1]])).backward();
  opt.step();
  fs.writeFileSync(cacheFile, script.createCachedData());
}
