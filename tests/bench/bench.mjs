// npm run bench [-- --runs N]
// Times clientfit commands against bare `node -e 0`, interleaved in one run so
// that both see the same machine load; prints medians and the ratio. Runs once
// on Node 24, the newest LTS (installed from the npm registry into
// node_modules/.cache when missing: scripts/fetch-node.mjs), and once on the
// Node running this script (20 on the project's machines), each on itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

if (!process.argv.includes('--on-this-node')) {
  const args = process.argv.slice(2);
  let newest;
  try {
    newest = execFileSync(
      process.execPath,
      [fileURLToPath(new URL('../../scripts/fetch-node.mjs', import.meta.url)), '24'],
      { encoding: 'utf8' },
    ).trim();
  } catch {
    console.error(
      'bench: Node 24 could not be installed from the npm registry; timing this Node only.',
    );
  }
  const nodes = [newest, process.execPath].filter(
    (n, i, all) => n !== undefined && all.indexOf(n) === i,
  );
  let status = 0;
  for (const [i, node] of nodes.entries()) {
    if (i > 0) console.log('');
    const r = spawnSync(node, [fileURLToPath(import.meta.url), '--on-this-node', ...args], {
      stdio: 'inherit',
    });
    status ||= r.status ?? 1;
  }
  process.exit(status);
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/clientfit.js', import.meta.url));
if (!existsSync(new URL('../../dist/clientfit.cjs', import.meta.url))) {
  console.error('bench: dist/clientfit.cjs is missing; run `npm run build` first.');
  process.exit(2);
}
// Start-up is at the floor of the libraries (CONTRIBUTING.md, "Speed"): every start-up figure is
// shown as a ratio to bare `node -e 0` and to that floor; the one target is run --answers within
// 1.15x of the floor. Growth with the input keeps its targets (tests/bench/growth.mjs).
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 15;
if (!Number.isInteger(runs) || runs < 10) {
  console.error('bench: --runs takes a whole number of at least 10.');
  process.exit(2);
}

const node = process.execPath;
const floor = fileURLToPath(new URL('./floor.mjs', import.meta.url));
const runAnswers = [
  bin,
  'run',
  '--answers',
  'questions/samples/northwind-bakery.yaml',
  '--format',
  'json',
];
// Folders of its own (config, records, drafts), so the bench neither reads
// nor fills the user's.
const { mkdtempSync: mkdtemp } = await import('node:fs');
const { tmpdir: tmp } = await import('node:os');
const { join: joinPath } = await import('node:path');
const home = mkdtemp(joinPath(tmp(), 'clientfit-bench-home-'));
const env = {
  ...process.env,
  NO_COLOR: '1',
  XDG_CONFIG_HOME: joinPath(home, 'config'),
  XDG_DATA_HOME: joinPath(home, 'data'),
  XDG_STATE_HOME: joinPath(home, 'state'),
  XDG_CACHE_HOME: joinPath(home, 'cache'),
};
const cases = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'], baseline: true },
  // The floor of the libraries themselves: commander, yaml and zod parsing the same command line, bank and answers.
  {
    name: 'floor: commander + yaml + zod',
    args: [
      floor,
      'questions/three-degrees',
      'questions/samples/northwind-bakery.yaml',
      '--format',
      'json',
    ],
  },
  { name: 'clientfit --version', args: [bin, '--version'] },
  { name: 'clientfit --help', args: [bin, '--help'] },
  { name: 'clientfit validate (shipped bank)', args: [bin, 'validate'] },
  {
    name: 'clientfit run --answers … --format json',
    args: runAnswers,
    floorTarget: true,
  },
  // Shell completion runs on every Tab: a command name, and the answers of a question (the bank read).
  { name: 'completion: a command', args: [bin, '__complete', 'clientfit res'] },
  {
    name: 'completion: --answer id=',
    args: [bin, '__complete', 'clientfit run --answer why-competitor='],
  },
];

function once(args, caseEnv = env) {
  const started = process.hrtime.bigint();
  const r = spawnSync(node, args, { cwd: root, env: caseEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const samples = new Map(cases.map((c) => [c.name, []]));
for (const c of cases) once(c.args, c.env); // warm the file cache
for (let i = 0; i < runs; i++) {
  // Rotate the order each round so no case always runs first.
  for (let k = 0; k < cases.length; k++) {
    const c = cases[(i + k) % cases.length];
    samples.get(c.name).push(once(c.args, c.env));
  }
}

// The same pair by processor time (user + system, /usr/bin/time), interleaved: on a busy machine the
// wall-clock medians swing with the load, the processor time much less. The issue's target: run --answers
// within 1.15x of the floor.
const floorTarget = 1.15;
function cpuOnce(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', node, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return (user + sys) * 1000;
}
const cpu = { floor: [], run: [] };
if (existsSync('/usr/bin/time'))
  for (let i = 0; i < runs; i++) {
    const pair = i % 2 === 0 ? ['floor', 'run'] : ['run', 'floor'];
    for (const which of pair)
      cpu[which].push(cpuOnce(which === 'floor' ? cases[1].args : runAnswers));
  }

// Time to the first interactive prompt, in a real pseudo-terminal, against
// `node -e 0` in a pseudo-terminal too (spawn until exit), interleaved.
// node-pty is optional (building it needs a compiler): without it these rows are left out, and said so.
const pty = await import('node-pty').then(
  (m) => m.default,
  () => undefined,
);
if (pty === undefined)
  console.log(
    'notice: node-pty is not installed (optional; building it needs python, make and a C++ compiler): the pseudo-terminal timings are skipped',
  );
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const state = mkdtempSync(join(tmpdir(), 'clientfit-bench-'));
function inPty(args, until) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = pty.spawn(node, args, {
      cols: 120,
      rows: 40,
      cwd: root,
      env: { ...env, XDG_STATE_HOME: state },
    });
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
const ptyCases =
  pty === undefined
    ? []
    : [
        { name: 'pty: node -e 0 (baseline)', run: () => inPty(['-e', '0']) },
        {
          name: 'pty: clientfit run → first prompt',
          run: () => inPty([bin, 'run'], 'Prospect'),
        },
      ];
for (const c of ptyCases) samples.set(c.name, []);
for (let i = 0; i < runs; i++) {
  for (let k = 0; k < ptyCases.length; k++) {
    const c = ptyCases[(i + k) % ptyCases.length];
    samples.get(c.name).push(await c.run());
  }
}
rmSync(state, { recursive: true, force: true });

// history, rescore and calibrate over a generated store of 10,000 records,
// each with an outcome (and 1,000, to show that peak memory does not grow
// with the store).
const { readdirSync, readFileSync } = await import('node:fs');
const big = mkdtempSync(join(tmpdir(), 'clientfit-bench-store-'));
const seedStore = join(big, 'seed');
spawnSync(
  node,
  [bin, 'run', '--answers', 'questions/samples/northwind-bakery.yaml', '--store', seedStore],
  { cwd: root, env, stdio: 'ignore' },
);
const seed = JSON.parse(readFileSync(join(seedStore, readdirSync(seedStore)[0]), 'utf8'));
const { makeStore } = await import('./make-store.mjs');
const store10k = makeStore(join(big, 'store-10000'), 10_000, seed);
const store1k = makeStore(join(big, 'store-1000'), 1_000, seed);
const storeCases = [
  { name: 'node -e 0 (baseline, store runs)', args: ['-e', '0'] },
  // What any of the three costs at least: reading and parsing every file.
  {
    name: 'read + JSON.parse only, 10,000 records',
    args: [fileURLToPath(new URL('./read-store.mjs', import.meta.url)), store10k],
  },
  { name: 'history, 10,000 records', args: [bin, 'history', '--store', store10k] },
  { name: 'rescore, 10,000 records', args: [bin, 'rescore', '--store', store10k] },
  { name: 'calibrate, 10,000 records', args: [bin, 'calibrate', '--store', store10k] },
];
for (const c of storeCases) samples.set(c.name, []);
const storeRuns = Math.max(10, Math.min(runs, 10));
for (let i = 0; i < storeRuns; i++) {
  for (let k = 0; k < storeCases.length; k++) {
    const c = storeCases[(i + k) % storeCases.length];
    samples.get(c.name).push(once(c.args));
  }
}
function peakKiB(args) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', node, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  return Number(r.stderr.trim().split('\n').pop());
}
const memory = [
  [
    'run --answers … --format json',
    peakKiB(cases[1].args),
    peakKiB([
      bin,
      'run',
      '--answers',
      'questions/samples/northwind-bakery.yaml',
      '--format',
      'json',
    ]),
  ],
  [
    'history',
    peakKiB([bin, 'history', '--store', store1k]),
    peakKiB([bin, 'history', '--store', store10k]),
  ],
  [
    'rescore',
    peakKiB([bin, 'rescore', '--store', store1k]),
    peakKiB([bin, 'rescore', '--store', store10k]),
  ],
  [
    'calibrate',
    peakKiB([bin, 'calibrate', '--store', store1k]),
    peakKiB([bin, 'calibrate', '--store', store10k]),
  ],
];
rmSync(big, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(samples.get(cases[0].name));
const width = Math.max(...[...cases, ...ptyCases, ...storeCases].map((c) => c.name.length + 7));
console.log(`${runs} interleaved runs each, Node ${process.version}, ${new Date().toISOString()}`);
console.log(`${'command'.padEnd(width)}  median ms   ratio to node -e 0, to the floor`);
// Each figure with its target, where the issue set one (docs: CONTRIBUTING.md, "Speed").
const missed = [];
const row = (c, m, ratio, toFloor) => {
  const by = c.target === undefined ? 0 : ratio - c.target;
  const verdict =
    c.target === undefined
      ? ''
      : `   target ≤ ${c.target.toFixed(2)}x ${by <= 0 ? 'met' : `MISSED by ${by.toFixed(2)}x`}`;
  if (by > 0) missed.push(`${c.name} (${ratio.toFixed(2)}x, ${by.toFixed(2)}x over)`);
  console.log(
    `${c.name.padEnd(width)}  ${m.toFixed(1).padStart(9)}   ${ratio.toFixed(2)}x` +
      `${toFloor === undefined ? '' : `  ${toFloor.toFixed(2)}x`}${verdict}`,
  );
};
const floorMs = median(samples.get(cases[1].name));
for (const c of cases) {
  const m = median(samples.get(c.name));
  row(c, m, m / base, c.baseline === true ? undefined : m / floorMs);
}
console.log(`run --answers against the floor (${cases[1].name}), the target:`);
for (const c of cases.filter((x) => x.name.includes('run --answers'))) {
  const m = median(samples.get(c.name));
  row(
    { name: `  ${c.name}, wall`, target: c.floorTarget === true ? floorTarget : undefined },
    m,
    m / floorMs,
  );
}
if (cpu.run.length > 0) {
  const [r, f] = [median(cpu.run), median(cpu.floor)];
  console.log(
    `processor time (user + system), median of ${runs}: run --answers ${r.toFixed(0)} ms, floor ${f.toFixed(0)} ms`,
  );
  row({ name: '  clientfit run --answers … --format json, CPU', target: floorTarget }, r, r / f);
}
const ptyBase = ptyCases.length === 0 ? 0 : median(samples.get(ptyCases[0].name));
const storeBase = median(samples.get(storeCases[0].name));
for (const c of storeCases) {
  const m = median(samples.get(c.name));
  row(c, m, m / storeBase);
}
for (const [command, small, large] of memory) {
  if (large === undefined) console.log(`peak memory of ${command}: /usr/bin/time is not installed`);
  else if (command.startsWith('run'))
    console.log(
      `peak memory of ${command}: ${(large / 1024).toFixed(0)} MiB, ` +
        `the floor ${(small / 1024).toFixed(0)} MiB (${(large / small).toFixed(2)}x)`,
    );
  else
    console.log(
      `peak memory of ${command}: ${(small / 1024).toFixed(0)} MiB at 1,000 records, ${(large / 1024).toFixed(0)} MiB at 10,000`,
    );
}
// Growth with the size of the input (answers files, banks): tests/bench/growth.mjs.
missed.push(...(await import('./growth.mjs')).growthRows({ node, bin, root, env }));
rmSync(home, { recursive: true, force: true });
for (const c of ptyCases) {
  const m = median(samples.get(c.name));
  row(c, m, m / ptyBase);
}
console.log(
  missed.length === 0
    ? `Node ${process.version}: targets all met`
    : `Node ${process.version}: targets missed: ${missed.join('; ')}`,
);
