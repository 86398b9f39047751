// Builds dist/clientfit.cjs: the whole program as one CommonJS bundle, which
// bin/clientfit.js loads.
//
// Why one CommonJS file: on Node 20, loading ES modules and compiling many
// files cost more than the commands themselves (`npm run bench` shows the
// ratios). Modules that only some commands need (the prompt library, the YAML
// reader, chalk) stay lazy inside the bundle: their code is not run until a
// command imports them.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const silent = process.argv.includes('--silent');
rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

// A fingerprint of the sources names the build: the bank load cache keeps it
// in every entry and uses no entry made by another build.
const fingerprint = createHash('sha256');
const files = readdirSync('src', { recursive: true })
  .filter((f) => String(f).endsWith('.ts'))
  .map(String)
  .sort();
for (const file of [...files.map((f) => join('src', f)), 'package.json', 'package-lock.json']) fingerprint.update(file).update(readFileSync(file));
const buildId = fingerprint.digest('hex').slice(0, 16);

// commander loads node:child_process at start-up for a feature clientfit does
// not use (subcommands as separate executables): hand it a lazy stand-in.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/commander/`) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/clientfit.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  // import() of Node's own modules becomes require(): in a CommonJS file,
  // import() would start Node's ES module loader for one built-in module.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  // A CommonJS file has no import.meta: its URL comes from __filename.
  define: { __CLIENTFIT_BUILD__: JSON.stringify(buildId), 'import.meta.url': '__importMetaUrl' },
  banner: { js: "'use strict';\nvar __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: silent ? 'warning' : 'info',
  plugins: [lazyChildProcess],
});
