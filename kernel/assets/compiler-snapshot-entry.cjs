"use strict";
// The entry of `node --build-snapshot` for the kernel's compiler (see dist/kernel/compiler-snapshot.js).
// Node 20 snapshots a single script whose require() gives built-in modules only, and a function
// compiled by Node's module loader or by vm keeps a handle the snapshot cannot hold; so this loads
// gradlab's compiled CommonJS files (and tslab, TypeScript) itself, with an indirect eval.
const fs = require("node:fs");
const path = require("node:path");
const { createRequire, isBuiltin } = require("node:module");

const cache = Object.create(null);
const loaded = [];

function load(file) {
  if (cache[file]) return cache[file].exports;
  const module = { exports: {}, filename: file, loaded: false };
  cache[file] = module;
  loaded.push(file);
  const source = fs.readFileSync(file, "utf8");
  if (file.endsWith(".json")) {
    module.exports = JSON.parse(source);
  } else {
    const resolve = createRequire(file).resolve;
    const localRequire = (id) => (isBuiltin(id) ? require(id) : load(resolve(id)));
    localRequire.resolve = resolve;
    localRequire.cache = cache;
    const wrapper = (0, eval)(`(function (exports, require, module, __filename, __dirname) {${source}\n})`);
    wrapper.call(module.exports, module.exports, localRequire, module, file, path.dirname(file));
  }
  module.loaded = true;
  return module.exports;
}

load(path.join(__dirname, "..", "..", "dist", "kernel", "compiler-snapshot.js")).buildCompilerSnapshot(() => loaded);
