import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeYamlSuite } from '../helpers/corpus';
import { root, shippedBankDir } from '../helpers/paths';
import { copyDir, writeTree } from '../helpers/temp';
import { expectNoStackTrace, runCli } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { miniManifest, miniSection } from '../helpers/mini-bank';

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'clientfit.cjs')))
    throw new Error('dist/clientfit.cjs is missing: run `npm run build` first (npm test does)');
});

describe('clientfit validate', () => {
  it('passes the shipped bank with every example, exit 0', async () => {
    const r = await cli(['validate']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^✔ .*questions\/three-degrees — Three degrees of clients \(three-degrees 3\.0\.0\): 10 files, 19 questions, 8 rules$/m,
    );
    const examples = /examples: (\d+) passed/.exec(r.stdout);
    expect(Number(examples?.[1])).toBeGreaterThanOrEqual(12);
    expect(r.stdout).not.toMatch(/✖/);
    expect(r.stdout).toMatch(
      /^valid: 1 bank, 0 errors, 0 warnings, \d+ examples passed, 0 failed$/m,
    );
  });

  it('counts in the singular for one: "1 example passed", "1 bank", "1 question"', async () => {
    const oneExample = miniSection.slice(0, miniSection.indexOf('  - name: insists and blames'));
    const dir = writeTree({ 'bank.yaml': miniManifest, '10-questions.yaml': oneExample });
    const r = await cli(['validate', dir]);
    expect(r.status).toBe(0);
    // The mini bank is in format 1: its one warning says how to move it to format 2.
    expect(r.stdout).toMatch(/^valid: 1 bank, 0 errors, 1 warning, 1 example passed, 0 failed$/m);
    const oneQuestion = writeTree({
      'bank.yaml': miniManifest.replace(/rules:[\s\S]*/, ''),
      '10-questions.yaml':
        'questions:\n  - { id: q, type: single, prompt: Pick, options: [{ value: a, label: A, signals: { open: 3 } }, { value: b, label: B, signals: { fixed: 3 } }] }\n',
    });
    expect((await cli(['questions', '--bank', oneQuestion])).stdout).toMatch(/ — 1 question\n/);
  });

  it('reports JSON for CI with every example and its result', async () => {
    const r = await cli(['validate', '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      banks: {
        examples: { name: string; passed: boolean; actual: { degree: string } }[];
        diagnostics: unknown[];
      }[];
    };
    expect(report.ok).toBe(true);
    const examples = report.banks[0]?.examples ?? [];
    expect(examples.length).toBeGreaterThanOrEqual(12);
    expect(examples.every((e) => e.passed)).toBe(true);
    expect(new Set(examples.map((e) => e.actual.degree))).toEqual(
      new Set(['first', 'second', 'third', 'undecided']),
    );
    expect((await cli(['validate', '--json'])).stdout).toBe(r.stdout);
  });

  it('reports a duplicate key, an unknown key and a tab in three files in one run, exit 3', async () => {
    const bank = copyDir(shippedBankDir);
    const edit = (file: string, from: string, to: string) => {
      const path = join(bank, file);
      const text = readFileSync(path, 'utf8');
      if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
      writeFileSync(path, text.replace(from, to));
    };
    edit(
      '20-first-why.yaml',
      '  - id: why-convenience\n    type: single\n',
      '  - id: why-convenience\n    type: single\n    type: multiple\n',
    );
    edit(
      '50-fit.yaml',
      '  - id: exchange\n',
      '  - id: exchange\n    promt: How do they talk about money?\n',
    );
    edit('70-history.yaml', '      - value: blame\n', '\t- value: blame\n');
    const r = await cli(['validate', bank], { cwd: join(bank, '..') });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('');
    expectNoStackTrace(r.stdout);
    expect(r.stdout).toMatch(
      /^ {2}copy\/20-first-why\.yaml:\d+:5 {2}error {2}the key "type" appears twice in the same map {2}\[duplicate-key\]$/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}copy\/50-fit\.yaml:\d+:5 {2}error {2}unknown key "promt" in "questions\[2\]" \(id "exchange"\) {2}\[unknown-key\]\n {6}hint: did you mean "prompt"\?$/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}copy\/70-history\.yaml:\d+:1 {2}error {2}a tab is used for indentation here {2}\[tab-indent\]$/m,
    );
    expect(r.stdout).toMatch(/^invalid: 1 bank, 3 errors/m);
  });

  it('takes every YAML test suite input at once: exit 3, one report, no crash or stack trace', () => {
    const { dir: suite, files } = writeYamlSuite();
    const r = runCli(['validate', ...files], { cwd: suite, timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect([0, 3]).toContain(r.status);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('');
    expectNoStackTrace(r.stdout);
    expect(r.stdout).toMatch(new RegExp(`^invalid: ${files.length} banks, \\d+ errors`, 'm'));
    const json = runCli(['validate', '--json', ...files], { cwd: suite, timeout: 60_000 });
    const report = JSON.parse(json.stdout) as { banks: unknown[] };
    expect(report.banks).toHaveLength(files.length);
  });

  // A flag's `when` (issue 19) is checked like a rule's: a typo in it is an error located at the word mistyped.
  it.each([
    [
      'a degree',
      'when: { degree: third }',
      'when: { degree: thrid }',
      /:(\d+):21 {2}error {2}"thrid" is not a degree of this bank {2}\[unknown-degree\]\n\s+hint: did you mean "third"\?/,
    ],
    [
      'a key',
      'when: { degree: third }',
      'when: { degre: third }',
      /:(\d+):13 {2}error {2}unknown key "degre" in "flags\[\d+\]\.when" {2}\[unknown-key\]\n\s+hint: did you mean "degree"\?/,
    ],
    [
      'a flag',
      'when: { not: { flag: rejects-process } }',
      'when: { not: { flag: rejects-proces } }',
      /:(\d+):26 {2}error {2}the flag "rejects-proces" is not declared in the manifest {2}\[unknown-flag\]\n\s+hint: did you mean "rejects-process"\?/,
    ],
  ])(
    'locates a typo in a flag’s when (%s): file, line and column, with the word meant; exit 3',
    async (_what, from, to, message) => {
      const bank = copyDir(shippedBankDir);
      const path = join(bank, 'bank.yaml');
      const text = readFileSync(path, 'utf8');
      const line = text.slice(0, text.indexOf(from)).split('\n').length;
      expect(line).toBeGreaterThan(1);
      writeFileSync(path, text.replace(from, to));
      const r = await cli(['validate', bank]);
      expectNoStackTrace(r.stderr);
      expect(r.status).toBe(3);
      const found = message.exec(r.stdout);
      expect(found, r.stdout).not.toBeNull();
      expect(Number(found?.[1])).toBe(line);
      expect(r.stdout).toContain(`${path}:${line}:`);
    },
  );

  it('fails on warnings only with --strict', async () => {
    const bank = copyDir(shippedBankDir);
    const path = join(bank, 'bank.yaml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        'flags:\n',
        'flags:\n  - { id: spare, kind: red, label: Spare, severity: low, explanation: Raised by nothing. }\n',
      ),
    );
    const relaxed = await cli(['validate', bank]);
    expect(relaxed.status).toBe(0);
    expect(relaxed.stdout).toMatch(/warning {2}the flag "spare" is never raised/);
    expect(relaxed.stdout).toMatch(/^valid: 1 bank, 0 errors, 1 warning,/m);
    const strict = await cli(['validate', '--strict', bank]);
    expect(strict.status).toBe(3);
    expect(strict.stdout).toMatch(/^invalid: .*\(--strict: warnings count as errors\)$/m);
  });

  it('shows a failing example with the difference', async () => {
    const bank = copyDir(shippedBankDir);
    const path = join(bank, '90-examples.yaml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        'expect: { degree: first, recommendation: take }',
        'expect: { degree: second, recommendation: take }',
      ),
    );
    const r = await cli(['validate', bank]);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(
      /✖ Arrives with customer research \(.*90-examples\.yaml:\d+\)\n {8}expected second \/ take\n {8}got {6}first \/ take \(confidence \d\.\d\d\)/,
    );
  });

  it('gathers a format problem, a misspelt degree and a rule naming a misspelt flag in one run, also as GitHub annotations', async () => {
    const bank = copyDir(shippedBankDir);
    const edit = (file: string, from: string, to: string): void => {
      const path = join(bank, file);
      const text = readFileSync(path, 'utf8');
      expect(text).toContain(from);
      writeFileSync(path, text.replace(from, to));
    };
    edit('50-fit.yaml', '    prompt: Are they comfortable', '    promt: Are they comfortable');
    edit('20-first-why.yaml', 'signals: { first: 3 }', 'signals: { frist: 3 }');
    edit('bank.yaml', 'when: { flag: disrespects-team }', 'when: { flag: disrespects-tem }');
    const text = await cli(['validate', bank]);
    expect(text.status).toBe(3);
    expect(text.stdout).toMatch(
      /20-first-why\.yaml:\d+:\d+ {2}error {2}"frist" is not a degree of this bank {2}\[unknown-degree\]/,
    );
    expect(text.stdout).toMatch(/50-fit\.yaml:\d+:\d+ {2}error {2}unknown key "promt"/);
    expect(text.stdout).toMatch(
      /bank\.yaml:\d+:\d+ {2}error {2}the flag "disrespects-tem" is not declared in the manifest/,
    );

    // A comma and a colon in the folder's name: escaped in the file= property.
    const odd = writeTree({});
    const renamed = join(odd, 'my,bank:1');
    spawnSync('cp', ['-r', bank, renamed]);
    const gh = await cli(['validate', '--format', 'github', 'my,bank:1'], { cwd: odd });
    expect(gh.status).toBe(3);
    const lines = gh.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(
      /^invalid: 1 bank, 4 errors, 0 warnings, 0 examples passed, 0 failed$/,
    );
    const annotations = lines.slice(0, -1);
    expect(annotations.length).toBe(4);
    for (const line of annotations)
      expect(line).toMatch(
        /^::error file=my%2Cbank%3A1\/[^,:]+,line=\d+,col=\d+,title=clientfit [a-z-]+::[^\n]+$/,
      );
    expect(gh.stdout).toContain(
      'title=clientfit unknown-degree::"frist" is not a degree of this bank%0Ahint: did you mean "first"?',
    );
  });

  it('--format github annotates a failing example with the difference', async () => {
    const bank = copyDir(shippedBankDir);
    const path = join(bank, '90-examples.yaml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        'expect: { degree: first, recommendation: take }',
        'expect: { degree: second, recommendation: take }',
      ),
    );
    const r = await cli(['validate', '--format', 'github', bank]);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(
      /^::error file=[^,]*90-examples\.yaml,line=\d+,title=clientfit example-failed::example "Arrives with customer research": expected second \/ take, got first \/ take$/m,
    );
  });

  it('flags whose conditions test each other, or a flag tested by its own condition: a located flag-cycle error, exit 3', async () => {
    const bank = copyDir(shippedBankDir);
    const path = join(bank, 'bank.yaml');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('    when: { not: { flag: rejects-process } }');
    expect(text).toContain('    when: { degree: third }');
    writeFileSync(
      path,
      text
        .replace('    when: { not: { flag: rejects-process } }', '    when: { flag: owns-choices }')
        .replace('    when: { degree: third }', '    when: { flag: research-minded }'),
    );
    const r = await cli(['validate', bank]);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(
      /bank\.yaml:116:11 {2}error {2}the conditions of these flags test each other in a cycle: research-minded → owns-choices → research-minded {2}\[flag-cycle\]/,
    );
    expect(r.stdout).toContain('remove the flag test from one of these conditions');
    writeFileSync(
      path,
      text.replace(
        '    when: { degree: third }',
        '    when: { all: [{ degree: third }, { flag: owns-choices }] }',
      ),
    );
    const self = await cli(['validate', bank]);
    expect(self.status).toBe(3);
    expect(self.stdout).toMatch(
      /bank\.yaml:133:11 {2}error {2}the flag "owns-choices" is conditioned on itself: its when tests the flag "owns-choices" {2}\[flag-cycle\]/,
    );
    expectNoStackTrace(self.stderr);
  });

  it('validates several banks and uses CLIENTFIT_BANK as the bank in use', async () => {
    const broken = writeTree({ 'bank.yaml': 'clientfit: 1\nid: x\n' });
    const both = await cli(['validate', shippedBankDir, broken]);
    expect(both.status).toBe(3);
    expect(both.stdout).toMatch(/^✔ /m);
    expect(both.stdout).toMatch(/^✖ /m);
    expect((await cli(['validate'], { env: { CLIENTFIT_BANK: broken } })).status).toBe(3);
    expect(
      (await cli(['validate', '--bank', shippedBankDir], { env: { CLIENTFIT_BANK: broken } }))
        .status,
    ).toBe(0);
  });

  it.each([
    [
      'a missing path',
      ['validate', 'no/such/bank'],
      3,
      /no\/such\/bank {2}error {2}no such file {2}\[file-not-found\]/,
    ],
    ['a folder without bank.yaml', ['validate', 'tests'], 3, /this folder has no bank\.yaml/],
    ['an unknown flag', ['validate', '--frmat', 'json'], 2, /unknown option '--frmat'/],
    [
      'a bad --format value',
      ['validate', '--format', 'yaml'],
      2,
      /argument 'yaml' is invalid\. Allowed choices are text, json/,
    ],
    [
      'an unknown command',
      ['valdate'],
      2,
      /unknown command 'valdate'\n\(Did you mean validate\?\)/,
    ],
  ] as const)('%s: exit %i with one clear message', async (_name, args, status, pattern) => {
    const r = await cli(args);
    expect(r.status).toBe(status);
    expect(`${r.stdout}${r.stderr}`).toMatch(pattern);
    expectNoStackTrace(r.stdout + r.stderr);
  });

  it.each([
    [
      'a custom tag (no warning leaks to stderr)',
      'clientfit: !!js/function "function () {}"\n',
      /unknown-tag/,
    ],
    [
      'a UTF-16 file',
      Buffer.from('\ufeffclientfit: 1\n', 'utf16le'),
      /UTF-16 or UTF-32 encoded.*\[not-utf8\]/,
    ],
    [
      'a Latin-1 file',
      Buffer.from('clientfit: 1\ntitle: Caf\xe9\n', 'latin1'),
      /bank\.yaml:2:11 {2}error {2}byte 0xE9 is not valid UTF-8/,
    ],
    ['deep nesting', `${'- '.repeat(3000)}x\n`, /nested more than 64 levels deep/],
    [
      'a file over 1 MiB',
      `a: "${'x'.repeat(2 * 1024 * 1024)}"\n`,
      /this file is 2\.0 MiB; the limit is 1\.0 MiB/,
    ],
    [
      'an alias bomb',
      [
        'a: &a [x,x,x,x,x,x,x,x,x]',
        ...'bcdefgh'
          .split('')
          .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
      ].join('\n'),
      /aliases expand too far/,
    ],
  ])('refuses %s with one located message, exit 3', async (_name, content, pattern) => {
    const dir = writeTree({ 'bank.yaml': content });
    const r = await cli(['validate', dir], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(pattern);
    expectNoStackTrace(r.stdout);
  });

  // A process of its own: blocked on the FIFO, it is killed at the time limit (a signal).
  it('refuses a FIFO given as a bank without blocking', () => {
    const dir = writeTree({});
    const fifo = join(dir, 'bank.yaml');
    expect(runCliMkfifo(fifo)).toBe(true);
    const r = runCli(['validate', fifo]);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/this is not a regular file/);
  });
});

function runCliMkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}
