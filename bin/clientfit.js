#!/usr/bin/env node
'use strict';
// clientfit's executable: Node's own compile cache where the running Node has
// it (22.1+; it checks what it reads), then the bundled program, started.
const { existsSync } = require('node:fs');
const { enableCompileCache } = require('node:module');
const { join } = require('node:path');

enableCompileCache?.();
const bundle = join(__dirname, '..', 'dist', 'clientfit.cjs');
if (!existsSync(bundle)) {
  process.stderr.write(`clientfit: ${bundle} is missing; run \`npm run build\` in the clientfit folder.\n`);
  process.exitCode = 1;
} else {
  // An empty or cut-off bundle (a build stopped half-way, a damaged install) is named, not shown as a stack trace.
  let program;
  try {
    program = require(bundle);
    if (typeof program.start !== 'function') throw new Error('it does not define start()');
  } catch (error) {
    const why = String(error instanceof Error ? error.message : error).split('\n')[0];
    process.stderr.write(`clientfit: ${bundle} is damaged (${why}); run \`npm run build\` in the clientfit folder, or reinstall clientfit.\n`);
    process.exitCode = 1;
    program = undefined;
  }
  program?.start();
}
