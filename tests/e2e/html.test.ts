import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawControl, cli } from '../helpers/in-process';
import { miniManifest } from '../helpers/mini-bank';
import { root } from '../helpers/paths';

import { tempDir, writeTree } from '../helpers/temp';

// The HTML pages as text: self-contained, escaped, and the report in step
// with the text report. tests/e2e/browser.test.ts prints them in a browser.

const samples = [
  'northwind-bakery',
  'copperline-logistics',
  'fjord-instruments',
  'harbour-dental',
].map((s) => join(root, 'questions', 'samples', `${s}.yaml`));

async function ok(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const r = await cli(args, { env });
  // Only a one-line note may come (an answer under an old name, a bank in format 1): never an error.
  expect(r.stderr).toMatch(/^(note: [^\n]+\n)?$/);
  expect(r.status).toBe(0);
  return r.stdout;
}

/** A page holds nothing that runs or loads, and its policy allows exactly its one style element. */
function expectSelfContained(page: string): void {
  expect(page.startsWith('<!DOCTYPE html>\n')).toBe(true);
  // Only these elements and attributes, each attribute value quoted: nothing that runs, loads or links.
  const elements = new Set(
    'html head meta title style body header main section footer h1 h2 p div span b i ul li dl dt dd q table thead tbody tr th td'.split(
      ' ',
    ),
  );
  const attributes = new Set(['class', 'id', 'lang', 'charset', 'http-equiv', 'content', 'name']);
  for (const [, name = '', rest = ''] of page.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    expect(elements.has(name.toLowerCase()), `<${name}>`).toBe(true);
    expect(
      rest.replace(/\s([a-z-]+)="[^"]*"/g, (_, attr: string) =>
        attributes.has(attr) ? '' : `!${attr}`,
      ),
      `<${name}${rest}>`,
    ).toBe('');
  }
  const policy =
    /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1] ?? '';
  const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
  expect(styles).toHaveLength(1);
  expect(styles[0]).not.toMatch(/url\(|@import|https?:/);
  const hash = createHash('sha256')
    .update(styles[0] ?? '')
    .digest('base64');
  expect(policy).toBe(
    `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`,
  );
  expect(page).not.toMatch(/\sstyle=/);
}

describe('--format html', () => {
  it('the call sheet is one self-contained page, with every question and its ids, and no weights unless --weights', async () => {
    const page = await ok(['questions', '--format', 'html']);
    expectSelfContained(page);
    expect(page).toContain('<h1>Call sheet: Three degrees of clients</h1>');
    for (const field of ['Prospect', 'Date', 'Asked by'])
      expect(page).toContain(`<b>${field}:</b><span class="blank"></span>`);
    expect(page).toContain(
      '<p class="q-head">2. What is the request based on? <span class="kind">(one answer)</span><span class="qid">request-source</span></p>',
    );
    expect(page).toContain(
      '<span>Something a competitor has or does <span class="id">competitor</span></span>',
    );
    expect(page).toContain(
      '<p class="only-if">Only if 2 is “Something a competitor has or does”:</p>',
    );
    expect(page).toContain(
      '<b>1</b> = could not describe their customer · <b>5</b> = could teach us their market',
    );
    expect(page).not.toMatch(/class="weights"|first \+3/);
    const weighted = await ok(['questions', '--format', 'html', '--weights']);
    expect(weighted).toContain(
      '<span class="weights">first +3 · green flag: Decides from evidence · green flag: Brings their own research</span>',
    );
  });

  it('questions --output writes the page atomically and says so; an existing file needs --force', async () => {
    const dir = tempDir();
    const r = await cli(['questions', '--format', 'html', '--output', 'sheet.html'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Call sheet written to sheet.html.\n');
    expect(readFileSync(join(dir, 'sheet.html'), 'utf8')).toBe(
      await ok(['questions', '--format', 'html']),
    );
    const again = await cli(['questions', '--format', 'html', '--output', 'sheet.html'], {
      cwd: dir,
    });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('--force');
    expect(
      (
        await cli(['questions', '--format', 'html', '--output', 'sheet.html', '--force'], {
          cwd: dir,
        })
      ).status,
    ).toBe(0);
  });

  it('the report page has the same sections in the same order as the text report, for every sample', async () => {
    const titles = [
      'In their words',
      'Degree evidence',
      'Fit evidence',
      'Rules that also hold',
      'What it means',
      'Put in writing',
      'On the call',
      'What would change the call',
      'Did not come up',
    ];
    for (const sample of samples) {
      const text = await ok(['run', '--answers', sample, '--no-save']);
      const page = await ok(['run', '--answers', sample, '--no-save', '--format', 'html']);
      expectSelfContained(page);
      const inText = text.split('\n').filter((line) => titles.includes(line));
      const inPage = [...page.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
      expect(inPage, sample).toEqual(inText);
      // The verdict first: the badge, the name, then Why, Degree, Fit and Confidence.
      expect(page.indexOf('<span class="badge">')).toBeLessThan(page.indexOf('<dt>Why:</dt>'));
      expect(page.indexOf('<dt>Confidence:</dt>')).toBeLessThan(page.indexOf('<h2>'));
    }
  });

  it('a green flag shows its severity alone (it takes no points away), a red one its points too, in HTML, Markdown and text', async () => {
    const terms = { green: /^\((high|medium|low)\)$/, red: /^\((high|medium|low), \+\d+\)$/ };
    let seen = { green: 0, red: 0 };
    for (const sample of samples) {
      const page = await ok(['run', '--answers', sample, '--no-save', '--format', 'html']);
      for (const [, kind = '', shown = ''] of page.matchAll(
        /<span class="mark (red|green)">.*?<span class="muted">(\([^)]*\))<\/span>/g,
      )) {
        expect(shown, `${kind} flag in ${sample}`).toMatch(terms[kind as 'red' | 'green']);
        seen = { ...seen, [kind]: seen[kind as 'red' | 'green'] + 1 };
      }
      const markdown = await ok(['run', '--answers', sample, '--no-save', '--format', 'markdown']);
      for (const [, mark = '', shown = ''] of markdown.matchAll(
        /^- (✖|✔) \*\*[^*]+\*\* (\([^)]*\))/gm,
      ))
        expect(shown, `${mark} in ${sample}`).toMatch(mark === '✔' ? terms.green : terms.red);
      expect(await ok(['run', '--answers', sample, '--no-save'])).not.toMatch(
        /\((high|medium|low), 0\)/,
      );
    }
    expect(seen.green).toBeGreaterThan(0);
    expect(seen.red).toBeGreaterThan(0);
  });

  it('CLIENTFIT_FORMAT=html makes run and show write the page; show adds the outcome', async () => {
    const store = tempDir();
    const run = await cli(['run', '--answers', samples[0] ?? '', '--store', store], {
      env: { CLIENTFIT_FORMAT: 'html' },
    });
    expect(run.status).toBe(0);
    const page = run.stdout;
    expect(page).toContain('<h1>Northwind Bakery</h1>');
    await ok([
      'outcome',
      'Northwind Bakery',
      'went-badly',
      '--note',
      '<b>They</b> wanted it "their way"',
      '--store',
      store,
      '--date',
      '2026-01-01',
    ]);
    const shown = await ok(['show', 'Northwind Bakery', '--store', store, '--format', 'html']);
    expectSelfContained(shown);
    expect(shown.replace(/\n<section><h2>Outcome<\/h2>[\s\S]*<\/section>/, '')).toBe(page);
    expect(shown).toContain('<td>&#60;b&#62;They&#60;/b&#62; wanted it &#34;their way&#34;</td>');
  });

  it('commands without an HTML form refuse --format html with a hint, and pass over CLIENTFIT_FORMAT=html', async () => {
    for (const command of ['calibrate', 'history', 'rescore', 'validate']) {
      const r = await cli([command, '--format', 'html']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("argument 'html' is invalid");
      expect(r.stderr).toContain(
        'html is a page for people to read or print: the call sheet (questions) and the report (run, show) have it.',
      );
    }
    const history = await cli(['history', '--store', tempDir()], {
      env: { CLIENTFIT_FORMAT: 'html' },
    });
    expect(history.status).toBe(0);
    expect(history.stdout).toMatch(/^date \(UTC\)/);
    const brief = await cli([
      'run',
      '--answers',
      samples[0] ?? '',
      '--no-save',
      '--brief',
      '--format',
      'html',
    ]);
    expect(brief.status).toBe(2);
    expect(brief.stderr).toContain(
      '--brief is the short text report; it cannot be combined with --format html',
    );
  });
});

describe('HTML from hostile text', () => {
  const hostile =
    '<script>alert(1)</script><img src=x onerror=alert(1)>"\'&amp; </style> \u001b]52;c;aGk=\u0007 \u202Egnp.exe';
  const escaped =
    '&#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;amp; &#60;/style&#62; ^[]52;c;aGk=^G \\u{202E}gnp.exe';
  const section = [
    `title: ${JSON.stringify(hostile)}`,
    'questions:',
    '  - id: source',
    '    type: single',
    `    prompt: ${JSON.stringify(hostile)}`,
    `    help: ${JSON.stringify(hostile)}`,
    '    options:',
    `      - { value: research, label: ${JSON.stringify(hostile)}, signals: { open: 3 } }`,
    '      - { value: competitor, label: Other, signals: { fixed: 3 } }',
    '  - id: words',
    '    type: text',
    `    prompt: ${JSON.stringify(hostile)}`,
    '',
  ].join('\n');
  const bank = writeTree({ 'bank.yaml': miniManifest, '10-questions.yaml': section });

  it('a bank’s text is escaped everywhere on the call sheet: it shows as text and the page stays self-contained', async () => {
    const page = await ok(['questions', '--bank', bank, '--format', 'html']);
    expectSelfContained(page);
    expect(page).toContain(`<h2>${escaped}</h2>`);
    expect(page).toContain(`<p class="q-head">1. ${escaped} <span class="kind">`);
    expect(page).toContain(`<span>${escaped} <span class="id">research</span></span>`);
    expect(page).toContain(`<p class="listen lines"><b>Listen for:</b> ${escaped}</p>`);
    expect(page).not.toMatch(rawControl);
  });

  it('answers, notes and the prospect’s name are escaped in the report, the running head too', async () => {
    const answers = writeTree({
      'a.yaml': `prospect: ${JSON.stringify(hostile)}\nanswers:\n  source: { value: research, note: ${JSON.stringify(hostile)} }\n  words: ${JSON.stringify(hostile)}\n`,
    });
    const page = await ok([
      'run',
      '--bank',
      bank,
      '--answers',
      join(answers, 'a.yaml'),
      '--no-save',
      '--format',
      'html',
    ]);
    expectSelfContained(page);
    expect(page).toContain(`<h1>${escaped}</h1>`);
    expect(page).toContain(`<q class="lines">${escaped}</q>`);
    const head = /@top-left \{ content: ("[^"]*");/.exec(page)?.[1] ?? '';
    expect(head).toMatch(/^"[A-Za-z0-9 \\]*"$/);
    expect(head).toContain('script');
    expect(page).not.toMatch(rawControl);
  });
});
