import { cpSync, existsSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-schema';
import { shippedBank } from '../helpers/examples';
import { describePty, keys, spawnPty, startPty, waitUntil, type PtySession } from '../helpers/pty';
import { isolatedEnv, runCli } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir, writeTree } from '../helpers/temp';
import { oneQuestionBank } from '../helpers/mini-bank';
import { root, shippedBankDir } from '../helpers/paths';

const bank = shippedBank();
type Value = string | number | string[];
type Step = readonly [id: string, value: Value, note?: string];

/** Answers the question now on screen: waits for its prompt, then presses the keys a person would. */
async function answer(session: PtySession, [id, value, note]: Step): Promise<void> {
  const q = bank.questions.find((x) => x.id === id);
  if (q === undefined) throw new Error(`no question ${id}`);
  await session.waitFor(`? ${q.prompt}`);
  if (q.type === 'text') {
    session.write(`${String(value)}${keys.enter}`);
    return;
  }
  const scale = q.scale;
  const values =
    q.type === 'scale' && scale
      ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => String(scale.min + i))
      : q.choices.map((c) => c.value);
  const all = [...values, 'unknown', ':back'];
  if (q.type === 'multiple') {
    const chosen = Array.isArray(value) ? value : [String(value)];
    let keysToSend = '';
    for (const v of all) keysToSend += (chosen.includes(v) ? keys.space : '') + keys.down;
    session.write(keysToSend + keys.enter);
  } else {
    const index = all.indexOf(String(value));
    if (index < 0) throw new Error(`${String(value)} is not an answer to ${id}`);
    // A question asked for the first time opens with the cursor on "unknown".
    const move = index - values.length;
    session.write((move < 0 ? keys.up.repeat(-move) : keys.down.repeat(move)) + keys.enter);
  }
  if (value === 'unknown' || value === ':back') return;
  await session.waitFor('? Their words');
  session.write(`${note ?? ''}${keys.enter}`);
}

/** Confirms the review of every answer that comes before the verdict. */
async function confirmReview(session: PtySession): Promise<string> {
  const screen = await session.waitFor('? Review:');
  session.write(keys.enter);
  return screen;
}

const full: Step[] = [
  ['request', 'A logo like the market stall next door'],
  ['request-source', 'competitor', 'Theirs sells so well.'],
  ['why-competitor', 'explained'],
  ['challenge-competitor', 'insists', 'They are obviously doing something right.'],
  ['outcome-owner', 'theirs'],
  ['needs-endorsement', 'no'],
  ['valued', ['our-craft', 'speed']],
  ['accepts-process', 'yes'],
  ['exchange', 'fair'],
  ['standards', 'relaxed'],
  ['product-knowledge', 3],
  ['last-agency', 'first-agency'],
  ['mistakes', 'unknown'],
  ['team-treatment', 'respectful'],
  ['notes', 'Call back after the spring fair.'],
];

function answersFile(steps: readonly Step[], prospect: string): string {
  const answers: Record<string, unknown> = {};
  for (const [id, value, note] of steps) answers[id] = note === undefined ? value : { value, note };
  return stringify({ prospect, answers });
}

function newState(): Record<string, string> {
  return { XDG_STATE_HOME: tempDir('clientfit-state-') };
}

function drafts(env: Record<string, string>): string[] {
  const dir = join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
}

describePty('the live interview in a real terminal (node-pty)', () => {
  it('reaches a verdict equal to the answers-file run on the same answers', async () => {
    const env = newState();
    const out = join(tempDir(), 'report.json');
    const session = startPty(['run', '--format', 'json', '--output', out], env);
    await session.waitFor('? Prospect');
    session.write(`Market Stall Co${keys.enter}`);
    for (const step of full) await answer(session, step);
    await session.waitFor('? Review: 15 answers');
    await session.waitFor('Go through every question again');
    expect(session.screen()).toMatch(/❯ ✓ Confirm these answers and see the verdict/);
    // The review line takes the terminal's width (200 columns here): the question is not cut.
    expect(session.screen()).toMatch(
      /4\. Ask whether looking like the competitor is wise — .* What happened\? → They insist/,
    );
    session.write(keys.enter);
    const { exitCode } = await session.exited();
    expect(exitCode, session.screen().slice(-2000)).toBe(0);
    expect(session.screen()).toMatch(/Question 1 of about \d+/);
    expect(session.screen()).toMatch(/Report written to /);
    const live = readFileSync(out, 'utf8');
    const dir = writeTree({ 'a.yaml': answersFile(full, 'Market Stall Co') });
    const scripted = await cli([
      'run',
      '--no-save',
      '--answers',
      join(dir, 'a.yaml'),
      '--format',
      'json',
    ]);
    expect(scripted.status).toBe(0);
    expect(live).toBe(scripted.stdout);
    const report = JSON.parse(live) as Report;
    expect(report.degree.id).toBe('third');
    expect(report.recommendation).toBe('take-with-conditions');
    expect(report.evidence.find((e) => e.questionId === 'challenge-competitor')?.note).toBe(
      'They are obviously doing something right.',
    );
  });

  it('"← back" changes an answer, and the follow-up it no longer opens is dropped', async () => {
    const env = newState();
    const out = join(tempDir(), 'report.json');
    const session = startPty(
      ['run', '--prospect', 'Back Test', '--json', '--output', out, '--allow-partial'],
      env,
    );
    await answer(session, ['request', '']);
    await answer(session, ['request-source', 'competitor']);
    await answer(session, ['why-competitor', 'explained']);
    await answer(session, ['challenge-competitor', ':back']);
    // why-competitor is asked again, its old answer preselected; the light bulb closes the challenge.
    await session.waitFor('? Ask why they want what the competitor has');
    session.write(keys.up + keys.enter);
    await session.waitFor('? Their words');
    session.write(keys.enter);
    await session.waitFor('? If what they asked for does not perform');
    session.write(keys.ctrlC);
    const { exitCode } = await session.exited();
    expect(exitCode).toBe(130);
    const [draft] = drafts(env);
    const saved = JSON.parse(
      readFileSync(join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts', draft ?? ''), 'utf8'),
    ) as {
      answers: Record<string, { value: unknown }>;
    };
    expect(saved.answers['why-competitor']?.value).toBe('light-bulb');
    expect(Object.keys(saved.answers)).not.toContain('challenge-competitor');
  });

  it('run --edit reopens a record on the review screen; a change there is saved as a correction naming it', async () => {
    const env = newState();
    const store = tempDir('clientfit-store-');
    const dir = writeTree({ 'a.yaml': answersFile(full, 'Market Stall Co') });
    const saved = await cli(['run', '--answers', join(dir, 'a.yaml'), '--store', store, '--json']);
    expect(saved.status).toBe(0);
    const original = /Saved as record (\S+) /.exec(saved.stderr)?.[1] ?? 'no record';
    const out = join(tempDir(), 'r.json');
    const session = startPty(
      ['run', '--edit', 'Market Stall Co', '--store', store, '--json', '--output', out],
      env,
    );
    await session.waitFor('? Review: 15 answers');
    await session.waitFor('Go through every question again');
    expect(session.screen()).toContain('6. Do they need us to agree');
    session.write(keys.down.repeat(6) + keys.enter); // 6. needs-endorsement, now "no"
    await session.waitFor('? Do they need us to agree');
    session.write(keys.up + keys.enter); // yes
    await session.waitFor('? Their words');
    session.write(keys.enter);
    await session.waitFor('? Review: 15 answers');
    session.write(keys.enter);
    expect((await session.exited()).exitCode, session.screen().slice(-2000)).toBe(0);
    expect(session.screen()).toContain(`correcting ${original}`);
    const scripted = await cli([
      'run',
      '--no-save',
      '--answers',
      join(dir, 'a.yaml'),
      '--answer',
      'needs-endorsement=yes',
      '--json',
    ]);
    const live = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(live.recommendation).toBe((JSON.parse(scripted.stdout) as Report).recommendation);
    expect(live.recommendation).not.toBe((JSON.parse(saved.stdout) as Report).recommendation);
    const records = readdirSync(store).filter((n) => n.endsWith('.json'));
    expect(records).toHaveLength(2);
    const correction = records
      .map(
        (n) =>
          JSON.parse(readFileSync(join(store, n), 'utf8')) as {
            id: string;
            corrects: string | null;
          },
      )
      .find((r) => r.id !== original);
    expect(correction?.corrects).toBe(original);
    const history = await cli(['history', '--store', store]);
    expect(history.stdout.split('\n').filter((l) => l.includes('Market Stall Co'))).toHaveLength(1);
    expect(history.stdout).toContain(`↳ corrects ${original}`);
  });

  it('Ctrl+C halfway keeps a draft and exits 130; --resume finishes it to the same verdict', async () => {
    const env = newState();
    const first = startPty(['run'], env);
    await first.waitFor('? Prospect');
    first.write(`Halfway Ltd${keys.enter}`);
    for (const step of full.slice(0, 6)) await answer(first, step);
    await first.waitFor(`? ${bank.questions.find((q) => q.id === 'valued')?.prompt ?? ''}`);
    first.write(keys.ctrlC);
    const stopped = await first.exited();
    expect(stopped.exitCode).toBe(130);
    expect(first.screen()).toMatch(
      /the interview was stopped; every answer so far is saved in a draft/,
    );
    expect(first.screen()).toMatch(/resume with: clientfit run --resume \S+/);
    expect(drafts(env)).toHaveLength(1);

    const out = join(tempDir(), 'report.json');
    const second = startPty(['run', '--resume', '--json', '--output', out], env);
    // Whose interview it is and how far it got, before the next question.
    await second.waitFor('Resuming the interview with Halfway Ltd (draft ');
    expect(second.screen()).toMatch(
      /: 6 of about \d+ questions answered, last saved \d{4}-\d\d-\d\d \d\d:\d\d UTC\./,
    );
    for (const step of full.slice(6)) await answer(second, step);
    await confirmReview(second);
    expect((await second.exited()).exitCode).toBe(0);
    const dir = writeTree({ 'a.yaml': answersFile(full, 'Halfway Ltd') });
    expect(readFileSync(out, 'utf8')).toBe(
      (await cli(['run', '--no-save', '--answers', join(dir, 'a.yaml'), '--json'])).stdout,
    );
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s in the middle of a question keeps the draft and exits %i',
    async (signal, code) => {
      const env = newState();
      const session = startPty(['run', '--prospect', `Signal ${signal}`], env);
      for (const step of full.slice(0, 3)) await answer(session, step);
      await session.waitFor('? Ask whether looking like the competitor is wise');
      session.kill(signal);
      const { exitCode } = await session.exited();
      expect(exitCode).toBe(code);
      const [name] = drafts(env);
      const saved = JSON.parse(
        readFileSync(join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts', name ?? ''), 'utf8'),
      ) as {
        answers: Record<string, unknown>;
        prospect: string;
      };
      expect(saved.prospect).toBe(`Signal ${signal}`);
      expect(Object.keys(saved.answers)).toEqual(['request', 'request-source', 'why-competitor']);
    },
  );

  it('Ctrl+C at the "their words" prompt keeps the answer just chosen in the draft', async () => {
    const env = newState();
    const session = startPty(['run', '--prospect', 'Words Ltd'], env);
    await answer(session, full[0] as Step);
    await session.waitFor('? What is the request based on?');
    session.write(keys.up.repeat(2) + keys.enter); // two up from "unknown"
    await session.waitFor('? Their words');
    session.write(keys.ctrlC);
    expect((await session.exited()).exitCode).toBe(130);
    expect(session.screen()).toMatch(/every answer so far is saved in a draft/);
    const [name] = drafts(env);
    const saved = JSON.parse(
      readFileSync(join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts', name ?? ''), 'utf8'),
    ) as {
      answers: Record<string, { value: unknown; note?: string }>;
    };
    const source = bank.questions.find((q) => q.id === 'request-source');
    const values = source?.choices.map((c) => c.value) ?? [];
    expect(saved.answers['request-source']).toEqual({ value: values[values.length - 2] });
  });

  it('Ctrl+D stops like Ctrl+C: draft kept, exit 130', async () => {
    const env = newState();
    const session = startPty(['run', '--prospect', 'EOF Ltd'], env);
    await answer(session, full[0] as Step);
    await session.waitFor('? What is the request based on?');
    session.write(keys.ctrlD);
    const { exitCode } = await session.exited();
    expect(exitCode).toBe(130);
    expect(drafts(env)).toHaveLength(1);
  });

  it('asks only what --answers leaves open', async () => {
    const env = newState();
    const dir = writeTree({
      'a.yaml': answersFile(
        full.filter(([id]) => id !== 'exchange' && id !== 'notes'),
        'Prefilled',
      ),
    });
    const out = join(tempDir(), 'r.json');
    const session = startPty(
      [
        'run',
        '--no-save',
        '--no-review',
        '--answers',
        join(dir, 'a.yaml'),
        '--json',
        '--output',
        out,
      ],
      env,
    );
    await answer(session, ['exchange', 'fair']);
    await answer(session, ['notes', 'Call back after the spring fair.']);
    expect((await session.exited()).exitCode).toBe(0);
    expect(session.screen()).not.toMatch(/\? Prospect/);
    expect(session.screen()).not.toMatch(/\? What is the request based on/);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Report).prospect).toBe('Prefilled');
  });

  it('makes hostile labels and help safe on the screen', async () => {
    const env = newState();
    const dir = writeTree({
      'bank.yaml': [
        'clientfit: 1',
        'id: hostile',
        'title: "Hostile \\e]52;c;ZXZpbA==\\a bank"',
        'version: "1"',
        'description: x',
        'degrees:',
        '  - { id: a, name: A, summary: s, meaning: m, recommendation: take, advice: { talkingPoints: [], conditions: [] } }',
        '  - { id: b, name: B, summary: s, meaning: m, recommendation: take, advice: { talkingPoints: [], conditions: [] } }',
        'questions:',
        '  - id: q',
        '    type: single',
        '    prompt: "Pick \\e[2J\\e[H one"',
        '    help: "Help \\u202Etxet\\u202C and \\e[31mred"',
        '    options:',
        '      - { value: x, label: "Ex \\e]0;title\\a", signals: { a: 3 } }',
        '      - { value: y, label: "Why", signals: { b: 3 } }',
        '',
      ].join('\n'),
    });
    const session = startPty(['run', '--bank', dir, '--prospect', 'P'], env);
    // Each piece shows up in order, made visible instead of being sent (waitFor times out otherwise).
    await session.waitFor('Help \\u{202E}txet\\u{202C} and ^[[31mred');
    await session.waitFor('? Pick ^[[2J^[[H one');
    await session.waitFor('Ex ^[]0;title^G');
    session.write(keys.ctrlC);
    expect((await session.exited()).exitCode).toBe(130);
  });
});

describePty('the edges of the interview', () => {
  const draftFile = (env: Record<string, string>, name: string) =>
    JSON.parse(
      readFileSync(join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts', name), 'utf8'),
    ) as {
      prospect: string | null;
      answers: Record<string, { value: unknown }>;
    };

  it('"<" at the first question goes back to the name, to correct it; "<" at the name is refused', async () => {
    const env = newState();
    const out = join(tempDir(), 'r.json');
    const session = startPty(['run', '--json', '--output', out, '--allow-partial'], env);
    await session.waitFor('? Prospect');
    session.write(`<${keys.enter}`);
    await session.waitFor('there is nothing to go back to');
    // Take the "<" out again, then the name with a typo.
    session.write(`\u007fAcme Lt${keys.enter}`);
    await session.waitFor(
      '? What are they asking for, in their own words? (Enter to skip, < to go back)',
    );
    session.write(`<${keys.enter}`);
    await session.waitFor('? Prospect');
    session.write(`\u0015Acme Ltd${keys.enter}`); // Ctrl+U clears the line: the corrected name
    await answer(session, ['request', 'A logo']);
    await answer(session, ['request-source', 'unknown']);
    await session.waitFor('? ');
    session.write(keys.ctrlC);
    expect((await session.exited()).exitCode).toBe(130);
    const [name] = drafts(env);
    const saved = draftFile(env, name ?? '');
    expect(saved.prospect).toBe('Acme Ltd');
    expect(saved.answers.request?.value).toBe('A logo');
  });

  it('Ctrl+C at the name prompt leaves no draft and does not claim anything was saved', async () => {
    const env = newState();
    const session = startPty(['run'], env);
    await session.waitFor('? Prospect');
    session.write(keys.ctrlC);
    expect((await session.exited()).exitCode).toBe(130);
    expect(session.screen()).toMatch(
      /the interview was stopped; nothing was answered yet, so there is nothing to save/,
    );
    expect(session.screen()).not.toMatch(/every answer so far is saved|--resume/);
    expect(drafts(env)).toEqual([]);
  });

  it('a draft without a name asks for it when resumed', async () => {
    const env = newState();
    const first = startPty(['run'], env);
    await first.waitFor('? Prospect');
    first.write(keys.enter); // skipped
    await answer(first, full[0] as Step);
    await first.waitFor('? What is the request based on?');
    first.write(keys.ctrlC);
    expect((await first.exited()).exitCode).toBe(130);
    expect(first.screen()).toMatch(/every answer so far is saved in a draft/);
    const [name] = drafts(env);
    expect(draftFile(env, name ?? '').prospect).toBeNull();

    const second = startPty(['run', '--resume'], env);
    await second.waitFor('? Prospect');
    expect(second.screen()).toContain('Resuming an interview with no prospect named yet');
    second.write(`Named Later${keys.enter}`);
    await second.waitFor('? What is the request based on?');
    second.write(keys.ctrlC);
    expect((await second.exited()).exitCode).toBe(130);
    expect(draftFile(env, name ?? '').prospect).toBe('Named Later');
  });

  it('run --no-save deletes its draft once the report is out, and keeps it when interrupted', async () => {
    const env = newState();
    const stopped = startPty(['run', '--no-save', '--prospect', 'Kept'], env);
    await answer(stopped, full[0] as Step);
    await stopped.waitFor('? What is the request based on?');
    stopped.write(keys.ctrlC);
    expect((await stopped.exited()).exitCode).toBe(130);
    expect(drafts(env)).toHaveLength(1);

    const out = join(tempDir(), 'r.json');
    const finished = startPty(['run', '--no-save', '--resume', '--json', '--output', out], env);
    for (const step of full.slice(1)) await answer(finished, step);
    await confirmReview(finished);
    expect((await finished.exited()).exitCode).toBe(0);
    expect(finished.screen()).toMatch(
      /Not saved as a record \(--no-save\); its draft is deleted\./,
    );
    expect(drafts(env)).toEqual([]);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Report).prospect).toBe('Kept');
  });
});

describePty('an invalid bank on a terminal', () => {
  it('takes the prospect prompt down again and exits 3 with the located problems, without hanging', async () => {
    const dir = writeTree({ 'bank.yaml': 'clientfit: 1\nid: broken\ntitle: x\n' });
    const session = startPty(['run', '--bank', dir], newState());
    const { exitCode } = await session.exited();
    expect(exitCode).toBe(3);
    expect(session.screen()).toMatch(
      /bank\.yaml:1:1 {2}error {2}the bank manifest is missing "version"/,
    );
  });
});

describePty('drafts', () => {
  it('lists unfinished drafts, resumes one by id prefix, and discards one', async () => {
    const env = newState();
    for (const name of ['Alpha', 'Beta']) {
      const session = startPty(['run', '--prospect', name], env);
      await answer(session, full[0] as Step);
      await session.waitFor('? What is the request based on?');
      session.write(keys.ctrlC);
      expect((await session.exited()).exitCode).toBe(130);
    }
    const listed = await cli(['drafts'], { env });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/unfinished {2}Alpha +1 /);
    expect(listed.stdout).toMatch(/unfinished {2}Beta +1 /);
    const json = JSON.parse((await cli(['drafts', '--json'], { env })).stdout) as {
      drafts: { id: string; prospect: string }[];
    };
    const alpha = json.drafts.find((d) => d.prospect === 'Alpha')?.id ?? '';
    expect((await cli(['drafts', '--discard', 'no-such-draft'], { env })).status).toBe(2);
    const discarded = await cli(['drafts', '--discard', alpha], { env });
    expect(discarded.stdout).toMatch(/Discarded draft .* \(Alpha\)/);
    expect((await cli(['drafts'], { env })).stdout).not.toMatch(/Alpha/);
    // Resuming without a terminal: nothing is asked, exit 2 naming what is missing.
    const beta = json.drafts.find((d) => d.prospect === 'Beta')?.id ?? '';
    const noTty = await cli(['run', '--resume', beta.slice(0, 30)], { env });
    expect(noTty.status).toBe(2);
    expect(noTty.stderr).toMatch(
      /required questions have no answer, and there is no terminal to ask them: request-source/,
    );
  });

  it('a draft keeps the bank as an absolute path; resuming it after the bank moved says where it looked, and --bank resumes it', async () => {
    const env = newState();
    const work = tempDir();
    cpSync(shippedBankDir, join(work, 'bank'), { recursive: true });
    // Started with a relative --bank, from another folder than the resume.
    const session = startPty(['run', '--bank', 'bank', '--prospect', 'Moved'], env, { cwd: work });
    await answer(session, full[0] as Step);
    await session.waitFor('? What is the request based on?');
    session.write(keys.ctrlC);
    expect((await session.exited()).exitCode).toBe(130);
    const [name] = drafts(env);
    const saved = JSON.parse(
      readFileSync(join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts', name ?? ''), 'utf8'),
    ) as { bank: { path: string } };
    expect(saved.bank.path).toBe(join(work, 'bank'));

    renameSync(join(work, 'bank'), join(work, 'moved-bank'));
    const r = await cli(['run', '--resume'], { env, cwd: tempDir() });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(
      `clientfit: the bank the draft ${(name ?? '').replace(/\.json$/, '')} was started with is no longer at ${join(work, 'bank')} (moved or deleted)`,
    );
    expect(r.stderr).toMatch(
      /hint: pass --bank PATH to resume the draft \S+ with the bank where it is now/,
    );
    const resumed = await cli(
      ['run', '--resume', '--bank', join(work, 'moved-bank'), '--allow-partial', '--json'],
      { env, cwd: tempDir() },
    );
    expect(resumed.status).toBe(0);
    expect((JSON.parse(resumed.stdout) as Report).prospect).toBe('Moved');
  });

  it('draws prompts on standard error: with standard output redirected, the file holds only the report', async () => {
    const env = newState();
    const bankDir = writeTree({ 'bank.yaml': oneQuestionBank('q', ['x', 'y'], 'decline') });
    const out = join(tempDir(), 'r.json');
    const shell = spawnPty(
      '/bin/sh',
      [
        '-c',
        `"${process.execPath}" bin/clientfit.js run --bank '${bankDir}' --prospect Redirect --format json > '${out}'; echo "status=$?"`,
      ],
      {
        cols: 200,
        rows: 40,
        cwd: root,
        // An owner who knows the bank: no review before the verdict.
        env: {
          ...isolatedEnv(),
          ...env,
          NO_COLOR: '1',
          CLIENTFIT_CONFIG: join(writeTree({ 'config.yaml': 'review: false\n' }), 'config.yaml'),
        },
      },
    );
    let text = '';
    shell.onData((d) => (text += d));
    const exited = new Promise<void>((resolve) =>
      shell.onExit(() => {
        resolve();
      }),
    );
    await waitUntil(
      () => text.includes('Pick one'),
      'the question "Pick one"',
      () => text,
    );
    shell.write(keys.up + keys.up + keys.enter); // from "unknown" up to "Ex"
    await waitUntil(
      () => text.includes('Their words'),
      'the "Their words" note prompt',
      () => text,
    );
    shell.write(keys.enter);
    await waitUntil(exited, 'the shell to exit', () => text);
    expect(text).toMatch(/status=0/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.prospect).toBe('Redirect');
    expect(report.degree.id).toBe('a');
  });
});

describe('no terminal', () => {
  it('`clientfit run </dev/null` exits 2 instead of waiting, naming --answers', () => {
    const r = runCli(['run']);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--answers/);
  });

  it('`clientfit` alone without a terminal shows help and exits 2', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Usage: clientfit/m);
    expect(r.stderr).toMatch(/no terminal to run the interview in/);
  });

  it('piped input is never eaten by a prompt: exit 2, the answers untouched', () => {
    const r = runCli(['run'], { input: 'competitor\nexplained\n' });
    expect(r.status).toBe(2);
  });
});
