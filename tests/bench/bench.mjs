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

// Time to the first interactive prompt, in a real pseudo-terminal, against
// `node -e 0` in a pseudo-terminal too (spawn until exit), interleaved.
const { default: pty } = await import('node-pty');
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const state = mkdtempSync(join(tmpdir(), 'clientfit-bench-'));
function inPty(args, until) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = pty.spawn(node, args, { cols: 120, rows: 40, cwd: root, env: { ...env, XDG_STATE_HOME: state } });
    let seen = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
    };
    const timer = setTimeout(() => reject(new Error(`no prompt within 10 s: ${seen}`)), 10_000);
    child.onData((d) => {
      seen += d;
      if (until !== undefined && seen.includes(until)) {
        clearTimeout(timer);
        finish();
        child.kill('SIGKILL');
      }
    });
    child.onExit(() => {
      clearTimeout(timer);
      if (until === undefined) finish();
    });
  });
}
const ptyCases = [
  { name: 'pty: node -e 0 (baseline)', run: () => inPty(['-e', '0']) },
  { name: 'pty: clientfit run → first prompt', run: () => inPty([bin, 'run'], 'Prospect') },
];
for (const c of ptyCases) samples.set(c.name, []);
for (let i = 0; i < runs; i++) {
  for (let k = 0; k < ptyCases.length; k++) {
    const c = ptyCases[(i + k) % ptyCases.length];
    samples.get(c.name).push(await c.run());
  }
}
rmSync(state, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(samples.get(cases[0].name));
const width = Math.max(...[...cases, ...ptyCases].map((c) => c.name.length));
console.log(`${runs} interleaved runs each, Node ${process.version}, ${new Date().toISOString()}`);
console.log(`${'command'.padEnd(width)}  median ms   ratio to node -e 0`);
for (const c of cases) {
  const m = median(samples.get(c.name));
  console.log(`${c.name.padEnd(width)}  ${m.toFixed(1).padStart(9)}   ${(m / base).toFixed(2)}x`);
}
const ptyBase = median(samples.get(ptyCases[0].name));
for (const c of ptyCases) {
  const m = median(samples.get(c.name));
  console.log(`${c.name.padEnd(width)}  ${m.toFixed(1).padStart(9)}   ${(m / ptyBase).toFixed(2)}x`);
}
