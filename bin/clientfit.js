#!/usr/bin/env node
'use strict';
// clientfit's executable: Node's own compile cache where the running Node has
// it (22.1+; it checks what it reads), then the bundled program, started.
const { existsSync } = require('node:fs');
const { enableCompileCache } = require('node:module');
const { join } = require('node:path');

enableCompileCache?.();
const bundle = join(__dirname, '..', 'dist', 'clientfit.cjs');
if (existsSync(bundle)) require(bundle).start();
else {
  process.stderr.write(`clientfit: ${bundle} is missing; run \`npm run build\` in the clientfit folder.\n`);
  process.exitCode = 1;
}
