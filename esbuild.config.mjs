// Builds dist/: one ESM entry (dist/clientfit.js) plus chunks for what only
// some commands need (the prompt library, zod, yaml), loaded with import().
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const silent = process.argv.includes('--silent');
rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

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
  logLevel: silent ? 'warning' : 'info',
  metafile: false,
  // commander and yaml are CommonJS: inside an ESM bundle they need a real require().
  banner: { js: "import { createRequire as __cfRequire } from 'node:module'; const require = __cfRequire(import.meta.url);" },
});
