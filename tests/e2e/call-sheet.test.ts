import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import type { CallSheet, CallSheetQuestion } from '../../src/core/report/call-sheet';
import { root } from '../helpers/paths';
import { rawControl, cli } from '../helpers/in-process';
import { miniManifest } from '../helpers/mini-bank';

import { writeTree } from '../helpers/temp';

const check = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(
    readFileSync(join(root, 'questions', 'schema', 'call-sheet.schema.json'), 'utf8'),
  ) as object,
);

async function sheetOf(args: readonly string[] = []): Promise<CallSheet> {
  const r = await cli(['questions', '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const sheet = JSON.parse(r.stdout) as CallSheet;
  expect(check(sheet), JSON.stringify(check.errors)).toBe(true);
  return sheet;
}

/** Every question of the sheet, depth first, in reading order. */
function allQuestions(sheet: CallSheet): CallSheetQuestion[] {
  const found: CallSheetQuestion[] = [];
  const visit = (q: CallSheetQuestion): void => {
    found.push(q);
    for (const a of [...q.options, ...q.bands]) a.followUps.forEach(visit);
  };
  for (const s of sheet.sections) s.questions.forEach(visit);
  return found;
}

describe('clientfit questions --format json: the call sheet as data', () => {
  it('holds every question of the bank once, numbered in reading order, follow-ups under the answer that opens them', async () => {
    const sheet = await sheetOf();
    const questions = allQuestions(sheet);
    const tree = (await cli(['questions'])).stdout;
    expect(tree).toContain(`— ${questions.length} questions`);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(questions.map((q) => q.number)).toEqual(questions.map((_, i) => i + 1));
    const source = questions.find((q) => q.id === 'request-source');
    const competitor = source?.options.find((o) => o.value === 'competitor');
    expect(competitor?.opens).toEqual(['why-competitor']);
    expect(competitor?.followUps.map((q) => q.id)).toEqual(['why-competitor']);
    expect(
      competitor?.followUps[0]?.options
        .find((o) => o.value === 'explained')
        ?.followUps.map((q) => q.id),
    ).toEqual(['challenge-competitor']);
    expect(questions.find((q) => q.id === 'request')?.listenFor).toMatch(
      /^Write down the request as they phrased it/,
    );
  });

  it('shows no weights, signals or points unless --weights is given', async () => {
    const plain = JSON.stringify(await sheetOf());
    expect(plain).not.toMatch(/"signals"|"flags"|"points"/);
    const weighted = await sheetOf(['--weights']);
    expect(weighted.weights).toBe(true);
    const research = allQuestions(weighted)
      .find((q) => q.id === 'request-source')
      ?.options.find((o) => o.value === 'research');
    expect(research?.signals).toEqual({ first: 3 });
    expect(research?.flags).toEqual(['research-minded', 'own-research']);
    expect(weighted.flags?.find((f) => f.id === 'needs-endorsement')).toMatchObject({
      kind: 'red',
      severity: 'high',
      points: 4,
    });
  });
});

describe('clientfit questions --format markdown: the call sheet to print', () => {
  it('numbers each question with its id, a box per answer with its id, unknown, room for their words, follow-ups after "only if"', async () => {
    const r = await cli(['questions', '--format', 'markdown']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('# Call sheet: Three degrees of clients');
    for (const field of ['Prospect', 'Date', 'Asked by'])
      expect(lines).toContain(`**${field}:** ________________________________________`);
    const head = lines.indexOf(
      '**2. What is the request based on?** *(one answer)* <sub>request-source</sub>',
    );
    expect(head).toBeGreaterThan(0);
    const rest = lines.slice(head);
    const box = rest.indexOf('- [ ] Something a competitor has or does <sub>competitor</sub>');
    const unknown = rest.indexOf('- [ ] Unknown / didn’t come up <sub>unknown</sub>');
    const words = rest.findIndex((l) => /^Their words: _{10,}$/.test(l));
    const onlyIf = rest.indexOf('> *Only if 2 is “Something a competitor has or does”:*');
    const follow = rest.indexOf(
      '> **3. Ask why they want what the competitor has. What happened?** *(one answer)* <sub>why-competitor</sub>',
    );
    // The boxes, then unknown, then room for their words, then the follow-up, in that order.
    expect(
      [box, unknown, words, onlyIf, follow].every(
        (at, i, all) => at > 0 && (i === 0 || at > (all[i - 1] ?? 0)),
      ),
    ).toBe(true);
    expect(lines).toContain(
      '> > *Only if 3 is “They explained — the competitor seems to do well with it”:*',
    );
    expect(r.stdout).toMatch(/^\*Listen for:\* Write down the request as they phrased it/m);
    // A scale is its numbers with the end labels, not the bands the bank weighs.
    expect(r.stdout).toContain(
      [
        '- [ ] 1 — could not describe their customer',
        '- [ ] 2',
        '- [ ] 3',
        '- [ ] 4',
        '- [ ] 5 — could teach us their market',
        '- [ ] Unknown / didn’t come up <sub>unknown</sub>',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('1–2 (little)');
    // No weights: no signals, no flags, no points.
    expect(r.stdout).not.toMatch(/first \+3|flag:|\(\+\d\)/);
    const weighted = (await cli(['questions', '--format', 'markdown', '--weights'])).stdout;
    // A green flag is a strength: it carries no points toward the fit score.
    expect(weighted).toContain(
      '- [ ] Research or customer data they can show us <sub>research</sub> — *first +3 · green flag: Decides from evidence · green flag: Brings their own research*',
    );
    expect(weighted).toContain(
      '- *1–2 (little)* — *red flag: Vague about their own customers (+1)*',
    );
  });

  it('--json is --format json; the text tree is unchanged and keeps its weights', async () => {
    expect((await cli(['questions', '--json'])).stdout).toBe(
      (await cli(['questions', '--format', 'json'])).stdout,
    );
    expect((await cli(['questions'], { env: { COLUMNS: '200' } })).stdout).toMatch(
      /• research {5}Research or customer data they can show us {2}first \+3 · flag research-minded/,
    );
    const bad = await cli(['questions', '--format', 'pdf']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/pdf.*Allowed choices are text, html, markdown, json/s);
  });
});

describe('a bank with hostile text', () => {
  const hostile =
    'Tricky **bold** _em_ `code` [link](javascript:alert(1)) <img src=x onerror=alert(1)> | a # b ~~s~~ \\ & end \u001b]52;c;aGk=\u0007 \u202Egnp.exe';
  const section = [
    'title: "## Section <b>"',
    'questions:',
    '  - id: source',
    '    type: single',
    `    prompt: ${JSON.stringify(hostile)}`,
    `    help: ${JSON.stringify(`${hostile}\n---\n- item\n# heading`)}`,
    '    options:',
    `      - { value: research, label: ${JSON.stringify(hostile)}, signals: { open: 3 } }`,
    '      - { value: competitor, label: "- [x] ticked already", signals: { fixed: 3 }, opens: [why] }',
    '  - id: why',
    '    type: single',
    '    prompt: "1. Why?"',
    '    options:',
    '      - { value: light-bulb, label: "=== setext", signals: { open: 3 } }',
    '      - { value: insists, label: "> quote", signals: { fixed: 3 } }',
    '',
  ].join('\n');
  const bank = writeTree({ 'bank.yaml': miniManifest, '10-questions.yaml': section });

  it('Markdown escapes every metacharacter and shows control characters visibly', async () => {
    const r = await cli(['questions', '--bank', bank, '--format', 'markdown']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(rawControl);
    expect(r.stdout).toContain('## \\#\\# Section &lt;b&gt;');
    const escaped =
      'Tricky \\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\[link\\](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; \\| a \\# b \\~\\~s\\~\\~ \\\\ &amp; end ^\\[\\]52;c;aGk=^G \\\\u{202E}gnp.exe';
    expect(r.stdout).toContain(`**1. ${escaped}** *(one answer)* <sub>source</sub>`);
    expect(r.stdout).toContain(`- [ ] ${escaped} <sub>research</sub>`);
    // The help's own lines cannot start blocks: they are joined into the one "Listen for" paragraph.
    expect(r.stdout).toContain(`*Listen for:* ${escaped} --- - item \\# heading`);
    expect(r.stdout).toContain('- [ ] - \\[x\\] ticked already <sub>competitor</sub>');
    expect(r.stdout).toContain('> **2. 1. Why?** *(one answer)* <sub>why</sub>');
    expect(r.stdout).toContain('> - [ ] &gt; quote <sub>insists</sub>');
    // Nothing but our own headings starts a line with #, and no line starts a thematic break or setext underline.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Call sheet: Mini bank',
      '## \\#\\# Section &lt;b&gt;',
    ]);
    expect(r.stdout).not.toMatch(/^\s*(---|===)/m);
  });

  it('JSON keeps the text exactly, with control characters as escapes', async () => {
    const r = await cli(['questions', '--bank', bank, '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(rawControl);
    const sheet = JSON.parse(r.stdout) as CallSheet;
    expect(check(sheet), JSON.stringify(check.errors)).toBe(true);
    const source = sheet.sections[0]?.questions[0];
    expect(source?.prompt).toBe(hostile);
    expect(source?.options[0]?.label).toBe(hostile);
    expect(source?.listenFor).toBe(`${hostile}\n---\n- item\n# heading`);
  });
});
