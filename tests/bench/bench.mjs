// npm run bench [-- --runs N]
// Times clientfit commands against bare `node -e 0`, interleaved in one run so
// that both see the same machine load; prints medians and the ratio.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/clientfit.js', import.meta.url));
if (!existsSync(new URL('../../dist/clientfit.js', import.meta.url))) {
  console.error('bench: dist/clientfit.js is missing; run `npm run build` first.');
  process.exit(2);
}
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 15;
if (!Number.isInteger(runs) || runs < 10) {
  console.error('bench: --runs takes a whole number of at least 10.');
  process.exit(2);
}

const node = process.execPath;
const env = { ...process.env, NO_COLOR: '1' };
const cases = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'], baseline: true },
  { name: 'clientfit --version', args: [bin, '--version'] },
  { name: 'clientfit --help', args: [bin, '--help'] },
  { name: 'clientfit validate (shipped bank)', args: [bin, 'validate'] },
  { name: 'clientfit run --answers … --format json', args: [bin, 'run', '--answers', 'questions/samples/northwind-bakery.yaml', '--format', 'json'] },
];

function once(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(node, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const samples = new Map(cases.map((c) => [c.name, []]));
for (const c of cases) once(c.args); // warm the file cache
for (let i = 0; i < runs; i++) {
  // Rotate the order each round so no case always runs first.
  for (let k = 0; k < cases.length; k++) {
    const c = cases[(i + k) % cases.length];
    samples.get(c.name).push(once(c.args));
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(samples.get(cases[0].name));
const width = Math.max(...cases.map((c) => c.name.length));
console.log(`${runs} interleaved runs each, Node ${process.version}, ${new Date().toISOString()}`);
console.log(`${'command'.padEnd(width)}  median ms   ratio to node -e 0`);
for (const c of cases) {
  const m = median(samples.get(c.name));
  console.log(`${c.name.padEnd(width)}  ${m.toFixed(1).padStart(9)}   ${(m / base).toFixed(2)}x`);
}
