import { defineConfig } from 'tsup';

// One ESM entry; code that only some commands need (the prompt library, zod)
// is split into chunks loaded with dynamic import(), so `--version` stays cheap.
export default defineConfig({
  entry: { clientfit: 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  bundle: true,
  splitting: true,
  noExternal: [/.*/],
  clean: true,
  minify: false,
  sourcemap: false,
  treeshake: false,
  // commander is CommonJS: inside an ESM bundle its require('node:events') needs a real require.
  banner: { js: "import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);" },
});
