// Builds dist/: the whole program as one CommonJS bundle (dist/clientfit.cjs)
// and a V8 code cache for it (dist/clientfit.cjs.cache), made by running the
// common commands in this process. bin/clientfit.js loads the two.
//
// Why CommonJS and a code cache: on Node 20, loading ES modules and compiling
// half a megabyte of JavaScript cost more than the commands themselves
// (`npm run bench` shows the ratios). Modules that only some commands need
// (the prompt library, the YAML reader, chalk) stay lazy inside the bundle:
// their code is not run until a command imports them.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const silent = process.argv.includes('--silent');
rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

// A fingerprint of the sources: it names the build in the bundle's first line
// (the code cache must carry the same line) and keys the bank load cache.
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

const bundle = 'dist/clientfit.cjs';
await build({
  entryPoints: ['src/bin.ts'],
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  // import() of Node's own modules becomes require(): the bundle runs in a vm.Script, which has no module loader.
  supported: { 'dynamic-import': false },
  charset: 'ascii',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  define: { __CLIENTFIT_BUILD__: JSON.stringify(buildId), 'import.meta.url': '__cfUrl' },
  banner: { js: `/* clientfit build ${buildId} */\n'use strict';\nvar __cfUrl = require('node:url').pathToFileURL(__filename).href;` },
  logLevel: silent ? 'warning' : 'info',
  plugins: [lazyChildProcess],
});

// Train the code cache: run the commands people time (validate, run from an
// answers file, --help) in this process, against folders of their own, then
// keep the bytecode V8 compiled for them. Output is discarded; a failing
// command still trains (the tests, not the build, judge the program).
const started = performance.now();
const require = createRequire(import.meta.url);
const { load } = require('./bin/clientfit.js');
const { program, script } = load();
const { main } = await program.loadMain();
const home = mkdtempSync(join(tmpdir(), 'clientfit-build-'));
const sink = { write: () => true, isTTY: false };
const io = {
  stdout: sink,
  stderr: sink,
  stdin: { isTTY: false },
  env: {
    NO_COLOR: '1',
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CACHE_HOME: join(home, 'cache'),
  },
  cwd: process.cwd(),
  now: () => new Date(),
};
try {
  // The bank load cache is filled first, in another process: a bank read
  // from YAML happens once per change, so its code is left out of the cache.
  spawnSync(process.execPath, ['bin/clientfit.js', 'validate'], { env: { ...process.env, ...io.env }, stdio: 'ignore' });
  const training = [
    ['validate'],
    ['run', '--answers', 'questions/samples/northwind-bakery.yaml', '--format', 'json'],
    ['run', '--answers', 'questions/samples/fjord-instruments.yaml'],
    ['--help'],
  ];
  for (const argv of training) await main(argv, io);
} finally {
  rmSync(home, { recursive: true, force: true });
}
const stamp = readFileSync(bundle, 'latin1').split('\n', 1)[0];
writeFileSync(`${bundle}.cache`, Buffer.concat([Buffer.from(`${stamp}\n`, 'latin1'), script.createCachedData()]));
if (!silent) console.log(`  ${bundle}.cache  trained in ${Math.round(performance.now() - started)} ms`);
