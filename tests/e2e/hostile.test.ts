import { spawn, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
  openSync,
  closeSync,
  ftruncateSync,
  watch,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, root, shippedBankDir } from '../helpers/paths';
import { expectNoStackTrace, isolatedEnv, runCli } from '../helpers/run-cli';
import { runInProcess } from '../helpers/in-process';
import { copyDir, tempDir, writeTree } from '../helpers/temp';

const sample = join(root, 'questions', 'samples', 'fjord-instruments.yaml');
const bomb = [
  'a: &a [x,x,x,x,x,x,x,x,x]',
  ...'bcdefgh'.split('').map(
    (c, i) =>
      `${c}: &${c} [${Array(9)
        .fill(`*${'abcdefgh'[i] ?? 'a'}`)
        .join(',')}]`,
  ),
].join('\n');
const deep = `${'- '.repeat(3000)}x\n`;

/** A 50 MB file, made sparse so the test stays fast. */
function bigFile(path: string): string {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);
  return path;
}

type Case = [name: string, args: (dir: string) => string[], status: number, message: RegExp];

/** A record store holding one real record and `copies` more like it, each under its own id. */
function storeOf(copies: number): string {
  const store = join(tempDir(), 'records');
  mkdirSync(store);
  expect(runCli(['run', '--answers', sample, '--store', store]).status).toBe(0);
  const [name] = readdirSync(store);
  const text = readFileSync(join(store, name ?? ''), 'utf8');
  for (let i = 0; i < copies; i++) {
    const id = `2025${String(1000 + i)}T000000Z-p-${i.toString(16).padStart(8, '0')}`;
    writeFileSync(join(store, `${id}.json`), text.replace(/"id": "[^"]+"/, `"id": "${id}"`));
  }
  return store;
}

describe('hostile inputs: one clear message, a documented exit code, nothing lost or half-written', () => {
  const answersCases: Case[] = [
    [
      'an alias bomb in an answers file',
      (d) => ['run', '--answers', writeTree({ 'a.yaml': bomb }, d) && join(d, 'a.yaml')],
      3,
      /a\.yaml {2}error {2}aliases expand too far/,
    ],
    [
      'deep nesting in an answers file',
      (d) => ['run', '--answers', writeTree({ 'a.yaml': deep }, d) && join(d, 'a.yaml')],
      3,
      // Worded for the file it is in: an answers file, not a bank.
      /nested more than 64 levels deep here.*\n.*hint: flatten the structure; an answers file maps question ids to answers/,
    ],
    [
      '%YAML 1.1 in an answers file',
      (d) => [
        'run',
        '--answers',
        writeTree({ 'a.yaml': '%YAML 1.1\n---\nanswers:\n  needs-endorsement: yes\n' }, d) &&
          join(d, 'a.yaml'),
      ],
      3,
      /a\.yaml:1:1 {2}error {2}"%YAML 1\.1" asks for another YAML version/,
    ],
    [
      'a custom tag in an answers file',
      (d) => [
        'run',
        '--answers',
        writeTree({ 'a.yaml': 'answers:\n  request: !!js/function "function(){}"\n' }, d) &&
          join(d, 'a.yaml'),
      ],
      3,
      /a\.yaml:2:12 {2}error {2}the tag !!js\/function is not allowed/,
    ],
    [
      '__proto__ in an answers file',
      (d) => [
        'run',
        '--answers',
        writeTree({ 'a.yaml': 'answers:\n  __proto__: { polluted: true }\n' }, d) &&
          join(d, 'a.yaml'),
      ],
      3,
      /a\.yaml:2:3 {2}error {2}the key "__proto__" is not allowed/,
    ],
    [
      'constructor as a question id',
      (d) => [
        'run',
        '--answers',
        writeTree({ 'a.yaml': 'answers:\n  constructor: research\n' }, d) && join(d, 'a.yaml'),
      ],
      3,
      /a\.yaml:2:3 {2}error {2}there is no question "constructor"/,
    ],
    [
      'a UTF-16 answers file',
      (d) => [
        'run',
        '--answers',
        writeTree(
          { 'a.yaml': Buffer.from('\ufeffanswers:\n  request-source: research\n', 'utf16le') },
          d,
        ) && join(d, 'a.yaml'),
      ],
      3,
      /UTF-16 or UTF-32 encoded/,
    ],
    [
      'a Latin-1 answers file',
      (d) => [
        'run',
        '--answers',
        writeTree({ 'a.yaml': Buffer.from('answers:\n  request: Caf\xe9\n', 'latin1') }, d) &&
          join(d, 'a.yaml'),
      ],
      3,
      /a\.yaml:2:15 {2}error {2}byte 0xE9 is not valid UTF-8/,
    ],
    [
      'a 50 MB answers file',
      (d) => ['run', '--answers', bigFile(join(d, 'big.yaml'))],
      3,
      /big\.yaml {2}error {2}this file is 50\.0 MiB; the limit is 1\.0 MiB/,
    ],
    [
      'a folder given as the answers file',
      (d) => ['run', '--answers', d],
      3,
      /this is a folder, but a file is expected here/,
    ],
    [
      'a missing answers file',
      (d) => ['run', '--answers', join(d, 'nope.yaml')],
      3,
      /nope\.yaml {2}error {2}no such file/,
    ],
    [
      'a 50 MB bank file',
      (d) => ['validate', bigFile(join(d, 'bank.yaml'))],
      3,
      /this file is 50\.0 MiB/,
    ],
    [
      'constructor and __proto__ in a bank',
      (d) => [
        'validate',
        writeTree(
          {
            'bank.yaml': readFileSync(join(shippedBankDir, 'bank.yaml'), 'utf8').replace(
              'scoring:\n',
              'constructor: 1\nscoring:\n',
            ),
          },
          d,
        ),
      ],
      3,
      /unknown key "constructor" in the bank manifest/,
    ],
    [
      'a signal toward a degree called constructor',
      () => [
        'validate',
        ((b) => (
          writeFileSync(
            join(b, '10-request.yaml'),
            readFileSync(join(b, '10-request.yaml'), 'utf8').replace(
              'signals: { first: 3 }',
              'signals: { constructor: 3 }',
            ),
          ),
          b
        ))(copyDir(shippedBankDir)),
      ],
      3,
      /"constructor" is not a degree of this bank/,
    ],
  ];

  it.each(answersCases)('%s', (_name, args, status, message) => {
    const dir = tempDir();
    const r = runCli(args(dir), { cwd: dir });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(status);
    expect(`${r.stdout}${r.stderr}`).toMatch(message);
    expectNoStackTrace(r.stdout + r.stderr);
  });

  it('a FIFO given as the answers file does not hang', () => {
    const dir = tempDir();
    const fifo = join(dir, 'answers.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = runCli(['run', '--answers', fifo], { timeout: 5000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/not a regular file/);
  });

  it('two deeply nested files in one process (the RegExp crash)', () => {
    const dir = writeTree({
      'one.yaml': deep,
      'two.yaml': `${'['.repeat(5000)}${']'.repeat(5000)}`,
      'three.yaml': deep,
    });
    const r = runCli([
      'validate',
      join(dir, 'one.yaml'),
      join(dir, 'two.yaml'),
      join(dir, 'three.yaml'),
    ]);
    expect(r.status).toBe(3);
    expect(r.stdout.match(/nested more than 64 levels deep/g)).toHaveLength(3);
  });

  it.each([
    ['__proto__', '__proto__:\n  polluted: true\n', /the key "__proto__" is not allowed/],
    ['constructor', 'constructor: x\n', /unknown key "constructor" in the config file/],
    ['an alias bomb', bomb, /aliases expand too far/],
    ['a custom tag', 'bank: !!js/function x\n', /the tag !!js\/function is not allowed/],
    ['UTF-16', Buffer.from('\ufeffformat: json\n', 'utf16le'), /UTF-16/],
  ])('a config file with %s: exit 3 before anything runs', (_name, content, message) => {
    const file = join(tempDir(), 'config.yaml');
    writeFileSync(file, content);
    const r = runCli(['history'], { env: { CLIENTFIT_CONFIG: file } });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(message);
    expectNoStackTrace(r.stderr);
  });

  it('records with __proto__ and constructor keys are read without polluting anything', async () => {
    const store = join(tempDir(), 'records');
    const env = { CLIENTFIT_STORE: store };
    expect((await runInProcess(['run', '--answers', sample], env)).status).toBe(0);
    const [name] = readdirSync(store);
    const text = readFileSync(join(store, name ?? ''), 'utf8');
    const hostile = text.replace(
      '"answers": {',
      '"answers": {\n    "__proto__": { "value": "x", "polluted": true },\n    "constructor": { "value": "research" },',
    );
    writeFileSync(
      join(store, '20260101T000001Z-hostile-00000000.json'),
      hostile.replace(/"id": "[^"]+"/, '"id": "20260101T000001Z-hostile-00000000"'),
    );
    const history = await runInProcess(['history', '--json'], env);
    expect(history.status).toBe(0);
    const rescore = await runInProcess(['rescore', '--json'], env);
    expect(rescore.status).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a read-only store: the report is still shown, the save fails with exit 3 and a clear message', () => {
    const r = runCli(['run', '--answers', sample, '--store', '/sys/clientfit-records']);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/\[ TAKE \]/);
    expect(r.stderr).toMatch(
      /cannot use \/sys\/clientfit-records as the record store: it is on sysfs/,
    );
    expectNoStackTrace(r.stderr);
  });

  it('an output path that is a symlink is replaced, never followed; a device is never replaced', () => {
    const dir = tempDir();
    const target = join(dir, 'precious');
    writeFileSync(target, 'keep');
    symlinkSync(target, join(dir, 'template.yaml'));
    expect(runCli(['template', '--output', join(dir, 'template.yaml')]).status).toBe(2);
    expect(runCli(['template', '--output', join(dir, 'template.yaml'), '--force']).status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(lstatSync(join(dir, 'template.yaml')).isFile()).toBe(true);
    const device = runCli(['template', '--output', '/dev/null', '--force']);
    expect(device.status).toBe(3);
    expect(device.stderr).toMatch(/not a regular file/);
  });

  it.each([['template'], ['questions'], ['validate'], ['completion', 'bash']])(
    'standard output closed early (`clientfit %s | head -1`): no error, no stack trace',
    (...args) => {
      const r = spawnSync(
        '/bin/sh',
        ['-c', `"${process.execPath}" "${binPath}" ${args.join(' ')} | head -1; echo "pipe=$?"`],
        {
          cwd: root,
          encoding: 'utf8',
          env: { ...isolatedEnv(), NO_COLOR: '1' },
        },
      );
      expect(r.stdout).toMatch(/pipe=0/);
      expect(r.stderr).toBe('');
    },
  );

  it('history | head -1 over a large store', () => {
    const store = storeOf(2000);
    const r = spawnSync(
      '/bin/sh',
      ['-c', `"${process.execPath}" "${binPath}" history --store "${store}" | head -1`],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...isolatedEnv(), NO_COLOR: '1' },
      },
    );
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
  });

  it('Ctrl+C stops a long listing at once (nothing to save, so no waiting for the end)', async () => {
    const store = storeOf(5000);
    const child = spawn(process.execPath, [binPath, 'history', '--store', store], {
      cwd: root,
      env: { ...isolatedEnv(), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Interrupted as soon as the listing has begun.
    child.stdout.once('data', () => child.kill('SIGINT'));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('exit', (c, s) => {
        resolve([c, s]);
      }),
    );
    expect(signal).toBe('SIGINT');
    expect(code).toBeNull();
    expect(stderr).toBe('');
  }, 30_000);

  it('SIGINT, SIGTERM and SIGHUP in the middle of saving: every record whole, no temporary file left', async () => {
    const store = join(tempDir(), 'records');
    mkdirSync(store);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    // Each signal at three moments, on events rather than after so many milliseconds: as soon as the
    // process exists (before clientfit runs: Node's default ends it), as soon as a file appears in the
    // store (the save has begun: it finishes first, then exit 128+n), and never (exit 0).
    const moments = ['start', 'save', 'never'] as const;
    const runs: { moment: (typeof moments)[number]; code: number | null }[] = [];
    for (let i = 0; i < 18; i++) {
      const moment = moments[i % 3] ?? 'never';
      const signal = signals[Math.floor(i / 3) % 3] ?? 'SIGTERM';
      // A prospect of its own per run: the same answers again would be recognised as already recorded.
      const child = spawn(
        process.execPath,
        [binPath, 'run', '--answers', sample, '--prospect', `Run ${i}`, '--store', store],
        {
          cwd: root,
          env: { ...isolatedEnv(), NO_COLOR: '1' },
          stdio: 'ignore',
        },
      );
      // Once: a second signal means "stop now, do not wait for the save" (see the README).
      const watcher = watch(store, () => {
        if (moment === 'save' && child.signalCode === null && !child.killed) child.kill(signal);
      });
      if (moment === 'start') child.once('spawn', () => child.kill(signal));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      watcher.close();
      runs.push({ moment, code });
    }
    for (const { moment, code } of runs) {
      expect([0, 129, 130, 143, null]).toContain(code);
      if (moment === 'start') expect(code).not.toBe(0);
      if (moment === 'never') expect(code).toBe(0);
    }
    // A signal that finds the save under way waits for it, then ends clientfit with 128+n.
    expect(runs.some((r) => r.moment === 'save' && [129, 130, 143].includes(r.code ?? 0))).toBe(
      true,
    );
    const names = readdirSync(store);
    // Every run that exited 0 or 128+n saved its record; no run saved two.
    expect(names.length).toBeGreaterThanOrEqual(runs.filter((r) => r.code !== null).length);
    expect(names.length).toBeLessThanOrEqual(runs.length);
    for (const name of names) {
      expect(name.endsWith('.json') && !name.startsWith('.'), name).toBe(true);
      const record = JSON.parse(readFileSync(join(store, name), 'utf8')) as {
        kind: string;
        report: { recommendation: string };
      };
      expect(record.kind).toBe('clientfit-record');
      expect(record.report.recommendation).toBe('take');
    }
  }, 60_000);
});
