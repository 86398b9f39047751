// Builds dist/clientfit.cjs: the whole program as one CommonJS bundle, which
// bin/clientfit.js loads.
//
// Why one CommonJS file: on Node 20, loading ES modules and compiling many
// files cost more than the commands themselves (`npm run bench` shows the
// ratios). The prompt library, which only an interview needs, is imported
// with import() and so runs only when a prompt is shown.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const silent = process.argv.includes('--silent');
rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/clientfit.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  // import() becomes require(): in a CommonJS file, import() of a bundled
  // module would start Node's ES module loader.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  // A CommonJS file has no import.meta: its URL comes from __filename.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: {
    js: "'use strict';\nvar __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  logLevel: silent ? 'warning' : 'info',
});
