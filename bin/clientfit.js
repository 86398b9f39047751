#!/usr/bin/env node
'use strict';
// clientfit's executable. It loads the bundled program, dist/clientfit.cjs,
// with the V8 code cache the build made beside it (dist/clientfit.cjs.cache),
// so start-up skips most of the compiling. The cache is used only when its
// first line names the same build as the bundle's; V8 itself refuses a cache
// made by another Node or with other flags, and then the bundle is compiled
// as usual: the cache changes how fast clientfit starts, never what it does.
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');
const { createRequire } = require('node:module');

const bundle = join(__dirname, '..', 'dist', 'clientfit.cjs');

/** Loads the bundle; returns what it exports and the compiled script (the build asks it for a fresh cache). */
function load() {
  let source;
  try {
    source = readFileSync(bundle, 'latin1'); // the bundle is ASCII: esbuild escapes the rest
  } catch (error) {
    process.stderr.write(`clientfit: ${bundle} cannot be read (${error.code ?? error.message}); run \`npm run build\` in the clientfit folder.\n`);
    process.exit(1);
  }
  const stamp = source.slice(0, source.indexOf('\n') + 1); // "/* clientfit build … */"
  let cachedData;
  try {
    // CLIENTFIT_NO_CODE_CACHE=1 skips the cache (to time without it, or if the file was damaged:
    // V8 checks its version, flags and length, but not every byte).
    if (process.env.CLIENTFIT_NO_CODE_CACHE === '1') throw new Error('not wanted');
    const cache = readFileSync(`${bundle}.cache`);
    if (stamp.length > 1 && cache.toString('latin1', 0, stamp.length) === stamp) cachedData = cache.subarray(stamp.length);
  } catch {
    // No cache: compiled as usual.
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { program: module.exports, script };
}

if (require.main === module) {
  // An empty or cut-off bundle (a build stopped half-way, a damaged install) is named, not shown as a stack trace.
  let program;
  try {
    program = load().program;
    if (typeof program.start !== 'function') throw new Error('it does not define start()');
  } catch (error) {
    const why = String(error instanceof Error ? error.message : error).split('\n')[0];
    process.stderr.write(`clientfit: ${bundle} is damaged (${why}); run \`npm run build\` in the clientfit folder, or reinstall clientfit.\n`);
    process.exit(1);
  }
  program.start();
} else module.exports = { load };
