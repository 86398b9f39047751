// Builds dist/: one ESM entry (dist/clientfit.js) plus chunks for what only
// some commands need (the prompt library, zod, yaml), loaded with import().
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const silent = process.argv.includes('--silent');
rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

// A fingerprint of the sources: the bank load cache is keyed by it, so a cache
// entry made by one build is never read by another.
const fingerprint = createHash('sha256');
const files = readdirSync('src', { recursive: true }).filter((f) => String(f).endsWith('.ts')).map(String).sort();
for (const file of [...files.map((f) => join('src', f)), 'package.json', 'package-lock.json']) fingerprint.update(file).update(readFileSync(file));

// commander loads node:child_process at start-up for a feature clientfit does
// not use (subcommands as separate executables): hand it a lazy stand-in.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (args.importer.includes(`${'node_modules'}/commander/`) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: { clientfit: 'src/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  define: { __CLIENTFIT_BUILD__: JSON.stringify(fingerprint.digest('hex').slice(0, 16)) },
  logLevel: silent ? 'warning' : 'info',
  plugins: [lazyChildProcess],
  metafile: false,
  // commander and yaml are CommonJS: inside an ESM bundle they need a real require().
  banner: { js: "import { createRequire as __cfRequire } from 'node:module'; const require = __cfRequire(import.meta.url);" },
});
