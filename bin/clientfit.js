#!/usr/bin/env node
'use strict';
// clientfit's executable: Node's own compile cache where the running Node has
// it (22.1+; it checks what it reads), then the bundled program, started.
const { existsSync } = require('node:fs');
const { enableCompileCache } = require('node:module');
const { join } = require('node:path');

// The bundle's own sanitiser is what may have failed: this one covers what can
// reach these two messages (a folder name, an error text): C0 and C1 controls,
// DEL, bidi controls, zero-width, other format and tag characters, each shown
// as \u{XXXX} instead of being sent to the terminal.
const shown = (text) =>
  String(text).replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\p{Cf}\u{E0000}-\u{E0FFF}]/gu,
    (ch) => `\\u{${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}}`,
  );

enableCompileCache?.();
const bundle = join(__dirname, '..', 'dist', 'clientfit.cjs');
if (!existsSync(bundle)) {
  process.stderr.write(
    `clientfit: ${shown(bundle)} is missing; run \`npm run build\` in the clientfit folder.\n`,
  );
  process.exitCode = 1;
} else {
  // An empty or cut-off bundle (a build stopped half-way, a damaged install) is named, not shown as a stack trace.
  let program;
  try {
    program = require(bundle);
    if (typeof program.start !== 'function') throw new Error('it does not define start()');
  } catch (error) {
    const why = String(error instanceof Error ? error.message : error).split('\n')[0];
    process.stderr.write(
      `clientfit: ${shown(bundle)} is damaged (${shown(why)}); run \`npm run build\` in the clientfit folder, or reinstall clientfit.\n`,
    );
    process.exitCode = 1;
    program = undefined;
  }
  program?.start();
}
