import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-schema';
import { exampleAnswerFiles, shippedBank } from '../helpers/examples';
import { binPath, root } from '../helpers/paths';
import { expectNoStackTrace, isolatedEnv, runCli } from '../helpers/run-cli';
import { tempDir, writeTree } from '../helpers/temp';
import { runInProcess } from '../helpers/in-process';

// What does not depend on the process (standard input, the terminal, colour detection) runs main() in
// this process; those few spawn the built binary.
const cli = (args: readonly string[], options: { cwd?: string } = {}) =>
  runInProcess(args, {}, undefined, options.cwd);

const bank = shippedBank();
const examples = exampleAnswerFiles();
const labelOf = (questionId: string, value: unknown): string => {
  const q = bank.questions.find((x) => x.id === questionId);
  if (q?.type === 'scale') return String(value);
  return q?.choices.find((c) => c.value === value)?.label ?? String(value);
};
const valueOf = (entry: unknown): unknown =>
  entry !== null && typeof entry === 'object' && !Array.isArray(entry)
    ? (entry as { value: unknown }).value
    : entry;
const noteOf = (entry: unknown): string | undefined =>
  entry !== null && typeof entry === 'object' && !Array.isArray(entry)
    ? (entry as { note?: string }).note
    : undefined;

describe('clientfit run --answers', () => {
  it.each(examples.map((e) => [e.name, e] as const))(
    'example "%s" as an answers file gives the expected verdict, quoting the answers',
    async (_name, example) => {
      const dir = writeTree({ 'answers.yaml': example.yaml });
      const r = await cli([
        'run',
        '--no-save',
        '--answers',
        join(dir, 'answers.yaml'),
        '--allow-partial',
        '--format',
        'json',
      ]);
      // An example written with 2.0.0's values runs, with one line saying how they were read.
      if (example.name.includes('2.0.0'))
        expect(r.stderr).toMatch(
          /^note: read under the bank's new names \(the old values still work\): [^\n]+\n$/,
        );
      else expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.degree.id).toBe(example.expect.degree);
      expect(report.recommendation).toBe(example.expect.recommendation);
      expect(report.prospect).toBe(example.name);
      // The evidence is the answers given: each quoted label belongs to the chosen option, each note is the prospect's words.
      for (const e of report.evidence) {
        const given = example.answers.get(e.questionId);
        expect(given, e.questionId).toBeDefined();
        const value = valueOf(given);
        if (Array.isArray(value))
          expect(value.map((v) => labelOf(e.questionId, v))).toContain(e.label);
        else if (typeof value === 'number') expect(e.label.startsWith(String(value))).toBe(true);
        else expect(e.label).toBe(labelOf(e.questionId, value));
        expect(e.note).toBe(noteOf(given));
      }
      if (example.expect.degree !== 'undecided') expect(report.evidence.length).toBeGreaterThan(0);
      const text = await cli([
        'run',
        '--no-save',
        '--answers',
        join(dir, 'answers.yaml'),
        '--allow-partial',
      ]);
      expect(text.status).toBe(0);
      // The text report wraps its lines between words: compared with runs of white space made one space.
      const flat = (t: string): string => t.replace(/\s+/g, ' ');
      for (const e of report.evidence) {
        expect(flat(text.stdout)).toContain(flat(e.label));
        if (e.note !== undefined) expect(flat(text.stdout)).toContain(flat(`“${e.note}”`));
      }
    },
  );

  it('reports five mistakes in one answers file at once, each located, exit 3', async () => {
    const dir = writeTree({
      'five.yaml': [
        'bank: three-degrees',
        'answers:',
        '  request-sorce: research', // 3: unknown question
        '  request-source: competitor',
        '  why-competitor: explaned', // 5: not an option
        '  why-opinions: light-bulb', // 6: never reached
        '  needs-endorsement: true', // 7: yes/no written as a boolean
        '  product-knowledge: 9', // 8: off the scale
        '',
      ].join('\n'),
    });
    const r = await cli(['run', '--no-save', '--answers', join(dir, 'five.yaml')], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expectNoStackTrace(r.stderr);
    expect(r.stderr).toMatch(/^clientfit: 5 problems with the answers$/m);
    const located = r.stderr.split('\n').filter((l) => /^ {2}five\.yaml:\d+:\d+ {2}error /.test(l));
    expect(located.map((l) => /five\.yaml:(\d+):/.exec(l)?.[1])).toEqual(['3', '5', '6', '7', '8']);
    expect(r.stderr).toMatch(
      /there is no question "request-sorce".*\n.*did you mean "request-source"\?/,
    );
    expect(r.stderr).toMatch(
      /"explaned" is not an answer to "why-competitor"; allowed: light-bulb, explained, unknown.*\n.*did you mean "explained"\?/,
    );
    expect(r.stderr).toMatch(/"why-opinions" is answered, but these answers never reach it/);
    expect(r.stderr).toMatch(/write yes or no, not true/);
    expect(r.stderr).toMatch(/takes a whole number from 1 to 5/);
  });

  it('template → filled in → run --answers round-trips (YAML with comments, and JSON)', async () => {
    const dir = tempDir();
    const yaml = (await cli(['template'])).stdout;
    const fill: Record<string, string> = {
      'request-source': 'competitor',
      'why-competitor': '{ value: explained, note: "They do well with it." }',
      'challenge-competitor': 'insists',
      'outcome-owner': 'theirs',
      'needs-endorsement': '"no"',
      valued: '[our-craft, price]',
      'product-knowledge': '2',
      request: '"A brochure like theirs: same layout, same photos"',
    };
    let filled = yaml.replace('prospect: ""', 'prospect: "Acme Ltd"');
    for (const [id, value] of Object.entries(fill))
      filled = filled.replace(new RegExp(`^ {2}${id}:$`, 'm'), `  ${id}: ${value}`);
    writeFileSync(join(dir, 'intake.yaml'), filled);
    const fromYaml = await cli([
      'run',
      '--no-save',
      '--answers',
      join(dir, 'intake.yaml'),
      '--allow-partial',
      '--json',
    ]);
    expect(fromYaml.stderr).toBe('');
    const report = JSON.parse(fromYaml.stdout) as Report;
    expect(report.prospect).toBe('Acme Ltd');
    expect(report.degree.id).toBe('third');
    expect(report.recommendation).toBe('take-with-conditions');
    expect(report.answers.find((a) => a.questionId === 'request')?.value).toBe(
      'A brochure like theirs: same layout, same photos',
    );
    expect(report.answers.find((a) => a.questionId === 'valued')?.value).toEqual([
      'our-craft',
      'price',
    ]);

    const json = JSON.parse((await cli(['template', '--format', 'json'])).stdout) as {
      answers: Record<string, unknown>;
      prospect: string;
    };
    json.prospect = 'Acme Ltd';
    json.answers['request-source'] = 'competitor';
    json.answers['why-competitor'] = { value: 'explained', note: 'They do well with it.' };
    json.answers['challenge-competitor'] = 'insists';
    json.answers['outcome-owner'] = 'theirs';
    json.answers['needs-endorsement'] = 'no';
    json.answers.valued = ['our-craft', 'price'];
    json.answers['product-knowledge'] = 2;
    json.answers.request = 'A brochure like theirs: same layout, same photos';
    writeFileSync(join(dir, 'intake.json'), JSON.stringify(json));
    const fromJson = await cli([
      'run',
      '--no-save',
      '--answers',
      join(dir, 'intake.json'),
      '--allow-partial',
      '--json',
    ]);
    expect(fromJson.status).toBe(0);
    // Same answers, same report (the clock is fixed by SOURCE_DATE_EPOCH).
    const normalise = (s: string) => s.replace(/"assessedAt": "[^"]+"/, '');
    expect(normalise(fromJson.stdout)).toBe(normalise(fromYaml.stdout));
  });

  it('the template names every question and notes when follow-ups are asked', async () => {
    const yaml = (await cli(['template'])).stdout;
    for (const q of bank.questions) expect(yaml).toMatch(new RegExp(`^ {2}${q.id}:$`, 'm'));
    expect(yaml).toMatch(/# Asked only when request-source is competitor\./);
    expect(yaml).toMatch(
      /# {3}competitor {3}Something a competitor has or does \(then: why-competitor\)/,
    );
  });

  it('never prompts without a terminal: no answers at all → exit 2, naming --answers', () => {
    const r = runCli(['run'], { input: '' });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no answers given, and no terminal to ask the questions/);
    expect(r.stderr).toMatch(/--answers FILE/);
  });

  it('incomplete answers without a terminal → exit 2, listing the questions and naming --answers and --allow-partial', async () => {
    const r = await cli(['run', '--answer', 'request-source=research']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /10 required questions have no answer, and there is no terminal to ask them: needs-endorsement?|required questions have no answer/,
    );
    expect(r.stderr).toMatch(/outcome-owner, needs-endorsement, valued/);
    expect(r.stderr).toMatch(/--answers/);
    expect(r.stderr).toMatch(/--allow-partial/);
  });

  it('--answer wins over the file, takes lists for multiple choice, and is located by the flag when wrong', async () => {
    const dir = writeTree({ 'a.yaml': 'answers:\n  request-source: research\n' });
    const r = await cli([
      'run',
      '--no-save',
      '--answers',
      join(dir, 'a.yaml'),
      '--answer',
      'request-source=competitor',
      '--answer',
      'why-competitor=light-bulb',
      '--answer',
      'valued=our-thinking,price',
      '--allow-partial',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.answers.find((a) => a.questionId === 'request-source')?.value).toBe('competitor');
    expect(report.answers.find((a) => a.questionId === 'valued')?.value).toEqual([
      'our-thinking',
      'price',
    ]);
    const bad = await cli([
      'run',
      '--answer',
      'why-competitor=light-bulb',
      '--answer',
      'request-source=competiter',
      '--allow-partial',
    ]);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(
      /--answer request-source=competiter {2}error {2}"competiter" is not an answer to "request-source"/,
    );
    const malformed = await cli(['run', '--answer', 'request-source']);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/--answer takes id=value/);
  });

  it('reads answers from standard input with --answers -', () => {
    const r = runCli(['run', '--no-save', '--answers', '-', '--allow-partial', '--json'], {
      input: 'answers:\n  request-source: open-brief\n',
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Report).degree.id).toBe('first');
    const broken = runCli(['run', '--no-save', '--answers', '-'], { input: 'answers:\n  a: [1\n' });
    expect(broken.status).toBe(3);
    expect(broken.stderr).toMatch(/<stdin>:\d+:\d+/);
  });

  // Node's own spawn makes a child's standard input blocking again, so Python starts clientfit here, as any
  // program that leaves its pipes non-blocking might. The answers are written once clientfit is seen idle
  // while it waits for them: asleep, its processor time unchanged over 20 looks at /proc; a loop that spun
  // on the empty pipe would never be idle, and the script gives up after 2,000 looks (exit status 9).
  it.skipIf(!existsSync('/usr/bin/python3') || !existsSync('/proc/self/stat'))(
    'waits for slow standard input without spinning, even when it was left non-blocking',
    () => {
      const script = [
        'import os, subprocess, sys, time',
        'r, w = os.pipe()',
        'os.set_blocking(r, False)',
        'p = subprocess.Popen(sys.argv[1:], stdin=r, stdout=subprocess.PIPE)',
        'os.close(r)',
        'def sample():',
        '    f = open("/proc/%d/stat" % p.pid).read().rsplit(")", 1)[1].split()',
        '    return f[0], int(f[11]) + int(f[12])',
        'idle, last = 0, None',
        'for _ in range(2000):',
        '    state, cpu = sample()',
        '    idle = idle + 1 if state == "S" and cpu == last else 0',
        '    last = cpu',
        '    if idle == 20: break',
        '    time.sleep(0.005)',
        'else:',
        '    p.kill(); sys.exit(9)',
        'os.write(w, b"answers:\\n  request-source: open-brief\\n")',
        'os.close(w)',
        'out = p.communicate()[0]',
        'print(p.returncode)',
        'sys.stdout.flush()',
        'sys.stderr.write(out.decode())',
      ].join('\n');
      const args = [
        process.execPath,
        binPath,
        'run',
        '--no-save',
        '--answers',
        '-',
        '--allow-partial',
        '--json',
      ];
      const r = spawnSync('/usr/bin/python3', ['-c', script, ...args], {
        cwd: root,
        env: { ...isolatedEnv(), NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status, 'clientfit never went idle waiting for standard input').toBe(0);
      expect(r.stdout.trim()).toBe('0');
      expect((JSON.parse(r.stderr) as Report).degree.id).toBe('first');
    },
  );

  it('refuses answers written for another bank', async () => {
    const dir = writeTree({ 'a.yaml': 'bank: other-bank\nanswers:\n  request-source: research\n' });
    const r = await cli(['run', '--no-save', '--answers', join(dir, 'a.yaml'), '--allow-partial'], {
      cwd: dir,
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      /a\.yaml:1:7 {2}error {2}these answers were written for the bank "other-bank", but the bank in use is "three-degrees"/,
    );
  });

  it.each([
    ['research', [], 0, 'take'],
    [
      'competitor',
      ['why-competitor=explained', 'challenge-competitor=insists'],
      10,
      'take-with-conditions',
    ],
    ['competitor', ['why-competitor=light-bulb', 'needs-endorsement=yes'], 20, 'decline'],
    ['unknown', [], 30, 'undecided'],
  ] as const)(
    '--exit-code: request-source=%s %j → exit %i (%s)',
    async (source, more, status, verdict) => {
      const args = [
        'run',
        '--answer',
        `request-source=${source}`,
        ...more.flatMap((a) => ['--answer', a]),
        '--allow-partial',
        '--json',
      ];
      expect((JSON.parse((await cli(args)).stdout) as Report).recommendation).toBe(verdict);
      expect((await cli([...args, '--exit-code'])).status).toBe(status);
      expect((await cli(args)).status).toBe(0);
    },
  );

  it('validates real JSON output against the committed report schema', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const check = ajv.compile(
      JSON.parse(
        readFileSync(join(root, 'questions', 'schema', 'report.schema.json'), 'utf8'),
      ) as object,
    );
    for (const example of examples) {
      const dir = writeTree({ 'a.yaml': example.yaml });
      const report = JSON.parse(
        (
          await cli([
            'run',
            '--no-save',
            '--answers',
            join(dir, 'a.yaml'),
            '--allow-partial',
            '--json',
          ])
        ).stdout,
      ) as unknown;
      expect(check(report), JSON.stringify(check.errors)).toBe(true);
    }
  });

  describe('--output', () => {
    const args = ['run', '--answer', 'request-source=research', '--allow-partial'];

    it('writes the report atomically and refuses to overwrite without --force', async () => {
      const dir = tempDir();
      const out = join(dir, 'report.md');
      expect((await cli([...args, '--format', 'markdown', '--output', out])).status).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/^# Prospect: First degree/);
      const again = await cli([...args, '--output', out]);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(
        /already exists; clientfit does not overwrite files unless asked/,
      );
      expect(again.stderr).toMatch(/--force/);
      expect(readFileSync(out, 'utf8')).toMatch(/^# Prospect/);
      expect((await cli([...args, '--output', out, '--force'])).status).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/^\[ TAKE \]\nWhy: /);
    });

    it('never writes through a symlink at the output path', async () => {
      const dir = tempDir();
      const target = join(dir, 'precious.txt');
      writeFileSync(target, 'keep me');
      const link = join(dir, 'report.txt');
      symlinkSync(target, link);
      expect((await cli([...args, '--output', link])).status).toBe(2);
      expect((await cli([...args, '--output', link, '--force'])).status).toBe(0);
      expect(readFileSync(target, 'utf8')).toBe('keep me');
      expect(lstatSync(link).isSymbolicLink()).toBe(false);
      expect(() => readlinkSync(link)).toThrow();
    });

    it('says clearly when the folder does not exist, and leaves no temporary file', async () => {
      const dir = tempDir();
      const r = await cli([...args, '--output', join(dir, 'missing', 'r.txt')]);
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/cannot write .*r\.txt: its folder does not exist/);
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    });
  });
});

describe('the bare command', () => {
  it("takes run's flags: `clientfit --prospect X --answers F` is `clientfit run --prospect X --answers F`", async () => {
    const args = [
      '--answers',
      'questions/samples/harbour-dental.yaml',
      '--prospect',
      'Test Co',
      '--json',
      '--no-save',
    ];
    const bare = await cli(args);
    expect(bare.stderr).toBe('');
    expect(bare.status).toBe(0);
    expect((JSON.parse(bare.stdout) as Report).prospect).toBe('Test Co');
    expect(bare.stdout).toBe((await cli(['run', ...args])).stdout);
    const unknown = await cli(['--prospect']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^clientfit: option '--prospect <name>' argument missing$/m);
  });
});

describe('clientfit questions', () => {
  it('shows the bank as a tree, follow-ups under the answers that open them', async () => {
    // Wide enough for each question on one line (the tree wraps at the terminal's width, prose at 100 at most).
    const r = await runInProcess(['questions'], { COLUMNS: '100' });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const opener = lines.findIndex((l) =>
      /• competitor {3}Something a competitor has or does/.test(l),
    );
    const follow = lines.findIndex((l) =>
      /Ask why they want what the competitor has\. What happened\? \[why-competitor;/.test(l),
    );
    const challenge = lines.findIndex((l) => /\[challenge-competitor;/.test(l));
    expect(opener).toBeGreaterThan(0);
    expect(follow).toBe(opener + 1);
    expect(challenge).toBeGreaterThan(follow);
    const indent = (i: number) => /^ */.exec(lines[i] ?? '')?.[0].length ?? 0;
    expect(indent(follow)).toBeGreaterThan(indent(opener));
    expect(indent(challenge)).toBeGreaterThan(indent(follow));
    expect(r.stdout.match(/\[why-competitor;/g)).toHaveLength(1);
    // Only the probing chain is degree evidence; the fit questions raise flags.
    expect(r.stdout.replace(/\n +/g, ' ')).toMatch(/\[team-treatment; one choice\]/);
    expect(r.stdout.replace(/\n +/g, ' ')).toMatch(
      /\[why-competitor; one choice; degree evidence\]/,
    );
  });
});

describe('colour', () => {
  const args = ['run', '--answer', 'request-source=research', '--allow-partial'];
  // eslint-disable-next-line no-control-regex -- looking for colour escapes is the point
  const ansi = /\u001b\[\d+m/;
  // The binary: the environment and the standard output of a real process (a pipe here).
  it.each([
    ['FORCE_COLOR=1', { NO_COLOR: '', FORCE_COLOR: '1' }, [], true],
    ['not a terminal', { NO_COLOR: '' }, [], false],
  ] as const)('%s', (_name, env, flags, coloured) => {
    const r = runCli([...flags, ...args], { env: { ...env } });
    expect(r.status).toBe(0);
    expect(ansi.test(r.stdout)).toBe(coloured);
  });

  // Which wins among flags and variables: main() reads them from the environment it is given.
  it.each([
    ['NO_COLOR (the default here)', {}, [], false],
    ['--color', { NO_COLOR: '' }, ['--color'], true],
    ['--no-color beats FORCE_COLOR', { NO_COLOR: '', FORCE_COLOR: '1' }, ['--no-color'], false],
    ['NO_COLOR beats FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '1' }, [], false],
  ] as const)('%s', async (_name, env, flags, coloured) => {
    const r = await runInProcess([...flags, ...args], { ...env });
    expect(r.status).toBe(0);
    expect(ansi.test(r.stdout)).toBe(coloured);
  });

  it('never colours JSON or Markdown', async () => {
    for (const format of ['json', 'markdown'])
      expect(ansi.test((await cli(['--color', ...args, '--format', format])).stdout)).toBe(false);
  });
});
