import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSheet, CallSheetQuestion } from '../../src/core/report/call-sheet';
import type { Report } from '../../src/core/report/report-schema';
import {
  chromium,
  findBrowser,
  measureWidths,
  pdfInfo,
  pdfPages,
  pdfWords,
  printToPdf,
  squeeze,
  withPaper,
} from '../helpers/browser';
import { miniManifest } from '../helpers/mini-bank';
import { root } from '../helpers/paths';
import { cli as runMain } from '../helpers/in-process';
import { writeTree } from '../helpers/temp';

// The HTML call sheet and report, printed to PDF and laid out on screen by
// headless Chromium, read back with poppler's pdftotext and pdfinfo. Skipped
// with a notice where those are missing, required when CI is set (see
// tests/helpers/browser.ts). BROWSER_TEST_ARTIFACTS=DIR keeps the PDFs and
// screenshots there to look at.

const browser = findBrowser();
const binary = 'chromium' in browser ? browser.chromium : '';
/** The page's left and right margins (14 mm) in points: no text may stand outside them. */
const sideMargin = (14 / 25.4) * 72;
const papers = ['letter', 'A4'] as const;
const sample = join(root, 'questions', 'samples', 'northwind-bakery.yaml');

const hostile =
  '<script>alert(1)</script> <img src=x onerror=alert(1)> </style></title> \u001b]52;c;aGk=\u0007 \u202Egnp.exe';
const longWord = `https://example.com/${'a'.repeat(240)}`;
const hostileSection = [
  'title: "<b>Section</b>"',
  'questions:',
  '  - id: source',
  '    type: single',
  `    prompt: ${JSON.stringify(hostile)}`,
  `    help: ${JSON.stringify(longWord)}`,
  '    options:',
  `      - { value: research, label: ${JSON.stringify(hostile)}, signals: { open: 3 } }`,
  '      - { value: competitor, label: "Other", signals: { fixed: 3 } }',
  '',
].join('\n');

function allQuestions(sheet: CallSheet): CallSheetQuestion[] {
  const found: CallSheetQuestion[] = [];
  const visit = (q: CallSheetQuestion): void => {
    found.push(q);
    for (const a of [...q.options, ...q.bands]) a.followUps.forEach(visit);
  };
  for (const s of sheet.sections) s.questions.forEach(visit);
  return found;
}

/** The words on each page that stand outside the side margins or off the page. */
async function outsideMargins(pdf: string): Promise<string[]> {
  return (await pdfWords(pdf))
    .filter(
      (w) =>
        w.xMin < sideMargin - 1 ||
        w.xMax > w.width - sideMargin + 1 ||
        w.yMin < 0 ||
        w.yMax > w.height,
    )
    .map((w) => `page ${w.page}: ${w.text} (${w.xMin}–${w.xMax} of ${w.width})`);
}

async function cli(args: readonly string[]): Promise<string> {
  const r = await runMain(args);
  // Only a one-line note may come (an answer under an old name, a bank in format 1): never an error.
  expect(r.stderr).toMatch(/^(note: [^\n]+\n)?$/);
  expect(r.status).toBe(0);
  return r.stdout;
}

describe.skipIf('missing' in browser)(
  'the HTML pages in a real browser (headless Chromium)',
  { timeout: 180_000 },
  () => {
    // Its own folder, removed by its own hook: the PDFs are large, and this file's folder must go whatever the order of files.
    const dir = mkdtempSync(join(tmpdir(), 'clientfit-browser-'));
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const file = (name: string): string => join(dir, name);
    const pdfs = new Map<string, string>();
    let sheet: CallSheet;
    let report: Report;

    beforeAll(async () => {
      sheet = JSON.parse(await cli(['questions', '--json'])) as CallSheet;
      report = JSON.parse(
        await cli([
          'run',
          '--answers',
          sample,
          '--prospect',
          'Northwind Bakery',
          '--no-save',
          '--json',
        ]),
      ) as Report;
      writeFileSync(file('call-sheet.html'), await cli(['questions', '--format', 'html']));
      writeFileSync(
        file('report.html'),
        await cli([
          'run',
          '--answers',
          sample,
          '--prospect',
          'Northwind Bakery',
          '--no-save',
          '--format',
          'html',
        ]),
      );
      const bank = writeTree(
        { 'bank.yaml': miniManifest, '10-questions.yaml': hostileSection },
        join(dir, 'bank'),
      );
      writeFileSync(
        file('hostile.html'),
        await cli(['questions', '--bank', bank, '--format', 'html']),
      );
      const jobs: Promise<void>[] = [];
      for (const page of ['call-sheet', 'report', 'hostile'])
        for (const paper of papers) {
          const html = file(`${page}-${paper}.html`);
          writeFileSync(html, withPaper(readFileSync(file(`${page}.html`), 'utf8'), paper));
          pdfs.set(`${page}-${paper}`, file(`${page}-${paper}.pdf`));
          jobs.push(printToPdf(binary, html, file(`${page}-${paper}.pdf`)));
        }
      await Promise.all(jobs);
      const keep = process.env.BROWSER_TEST_ARTIFACTS;
      if (keep !== undefined && keep !== '') {
        mkdirSync(keep, { recursive: true });
        for (const pdf of pdfs.values()) copyFileSync(pdf, join(keep, pdf.slice(dir.length + 1)));
        for (const page of ['call-sheet', 'report', 'hostile'])
          for (const w of [375, 1280])
            await chromium(
              binary,
              [
                `--window-size=${w},1400`,
                `--screenshot=${join(keep, `${page}-${w}px.png`)}`,
                '--hide-scrollbars',
              ],
              file(`${page}.html`),
            );
        await chromium(
          binary,
          [
            '--force-dark-mode',
            '--window-size=1280,1400',
            `--screenshot=${join(keep, 'report-dark-1280px.png')}`,
          ],
          file('report.html'),
        );
      }
    }, 300_000);

    it.each(papers)(
      'the shipped call sheet on %s: every prompt, option id and label, the fields, nothing outside the margins',
      async (paper) => {
        const pdf = pdfs.get(`call-sheet-${paper}`) ?? '';
        const info = await pdfInfo(pdf);
        // Chromium rounds A4 (595.3 × 841.9 pt) to whole CSS pixels.
        expect(Math.abs(info.width - (paper === 'A4' ? 595.3 : 612))).toBeLessThan(2);
        const pages = await pdfPages(pdf);
        expect(pages.length).toBe(info.pages);
        const all = squeeze(pages.join('\n'));
        for (const q of allQuestions(sheet)) {
          expect(all).toContain(squeeze(`${q.number}. ${q.prompt}`));
          expect(all).toContain(squeeze(q.id));
          for (const o of q.options) expect(all).toContain(squeeze(`${o.label} ${o.value}`));
          // A scale: its numbers in a row, with the end labels.
          if (q.scale !== null)
            expect(all).toContain(squeeze(`1 2 3 4 5 ${q.scale.min} = ${q.scale.minLabel ?? ''}`));
        }
        expect(all.split(squeeze('Unknown / didn’t come up unknown')).length - 1).toBe(
          allQuestions(sheet).length,
        );
        expect(all.split('Theirwords').length - 1).toBe(allQuestions(sheet).length);
        expect(pages[0]).toMatch(/Prospect:.*Date:.*Asked by:/s);
        expect(await outsideMargins(pdf)).toEqual([]);
      },
    );

    it.each(papers)(
      'the call sheet on %s: no question split across pages; every page after the first has lines for prospect and date',
      async (paper) => {
        const printed = await pdfPages(pdfs.get(`call-sheet-${paper}`) ?? '');
        const pages = printed.map(squeeze);
        for (const q of allQuestions(sheet)) {
          const on = pages.findIndex((p) => p.includes(squeeze(`${q.number}. ${q.prompt}`)));
          expect(on, q.id).toBeGreaterThanOrEqual(0);
          for (const o of q.options)
            expect(pages[on], `${q.id}: ${o.value}`).toContain(squeeze(`${o.label} ${o.value}`));
        }
        pages.forEach((p, i) => {
          expect(p).toContain(squeeze(`Page ${i + 1} of ${pages.length}`));
          if (i > 0)
            expect(printed[i]?.trimStart()).toMatch(
              /^Call sheet: Three degrees of clients {2,}Prospect: _{10,} {2,}Date: _{10,}\n/,
            );
        });
      },
    );

    it('the README states the page count of the shipped call sheet on both papers', async () => {
      const letter = (await pdfInfo(pdfs.get('call-sheet-letter') ?? '')).pages;
      const a4 = (await pdfInfo(pdfs.get('call-sheet-A4') ?? '')).pages;
      const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\s+/g, ' ');
      const stated =
        letter === a4
          ? `prints on ${letter} pages of US Letter or A4`
          : `prints on ${letter} pages of US Letter (${a4} of A4)`;
      expect(readme.includes(stated), `README.md should say "${stated}"`).toBe(true);
    });

    it.each(papers)(
      'the report on %s: the verdict first, their words, every page headed with the prospect and the date',
      async (paper) => {
        const pdf = pdfs.get(`report-${paper}`) ?? '';
        const pages = await pdfPages(pdf);
        expect(pages[0]).toMatch(/DECLINE\s+Northwind Bakery\s+Why:.*Degree:.*Fit:.*Confidence:/s);
        const all = squeeze(pages.join('\n'));
        const words = report.answers.flatMap((a) => [
          ...(a.note === undefined ? [] : [a.note]),
          ...(a.value === a.label ? [a.label] : []),
        ]);
        expect(words.length).toBeGreaterThan(2);
        for (const w of words) expect(all).toContain(squeeze(w));
        for (const title of [
          'In their words',
          'Degree evidence',
          'Fit evidence',
          'What would change the call',
        ])
          expect(all).toContain(squeeze(title));
        for (const e of report.evidence) expect(all).toContain(squeeze(e.prompt));
        pages.forEach((p, i) => {
          expect(p.trimStart()).toMatch(/^Northwind Bakery\s+assessed 2026-01-01\s+decline/);
          expect(squeeze(p)).toContain(squeeze(`Page ${i + 1} of ${pages.length}`));
        });
        expect(await outsideMargins(pdf)).toEqual([]);
      },
    );

    it('a hostile bank prints as text: tags, terminal escapes and bidi overrides shown, a long word wrapped', async () => {
      for (const paper of papers) {
        const pdf = pdfs.get(`hostile-${paper}`) ?? '';
        const all = squeeze((await pdfPages(pdf)).join('\n'));
        const shown = squeeze(
          '<script>alert(1)</script> <img src=x onerror=alert(1)> </style></title> ^[]52;c;aGk=^G \\u{202E}gnp.exe',
        );
        expect(all).toContain(squeeze(`1. ${shown}`));
        expect(all).toContain(`${shown}research`);
        expect(all).toContain(squeeze('<b>Section</b>'));
        expect(all).toContain(longWord);
        expect(await outsideMargins(pdf)).toEqual([]);
      }
    });

    it('on screen at 375 and 1280 px, light and dark: the page style applies under its policy, and nothing scrolls sideways', async () => {
      for (const page of ['call-sheet', 'report', 'hostile']) {
        const widths = await measureWidths(
          binary,
          readFileSync(file(`${page}.html`), 'utf8'),
          [375, 1280],
          dir,
        );
        for (const [w, m] of widths) {
          expect(m.innerWidth, `${page} at ${w}`).toBe(w);
          expect(m.maxWidth, `${page} at ${w}: the style was blocked`).toBe('768px');
          expect(m.scrollWidth, `${page} at ${w}`).toBeLessThanOrEqual(m.clientWidth);
          expect([m.color, m.background]).toEqual(['rgb(28, 28, 33)', 'rgb(255, 255, 255)']);
        }
      }
      // Dark for a reader who asks for it: light text on a dark ground, and still no sideways scrolling.
      for (const [w, m] of await measureWidths(
        binary,
        readFileSync(file('report.html'), 'utf8'),
        [375, 1280],
        dir,
        true,
      )) {
        expect([m.color, m.background]).toEqual(['rgb(233, 233, 238)', 'rgb(23, 23, 27)']);
        expect(m.scrollWidth, `dark at ${w}`).toBeLessThanOrEqual(m.clientWidth);
      }
      // The measure can fail: a line that cannot wrap makes the page scroll sideways.
      const wide = readFileSync(file('report.html'), 'utf8').replace(
        '</body>',
        `<pre>${'x'.repeat(300)}</pre></body>`,
      );
      const m = (await measureWidths(binary, wide, [375], dir)).get(375);
      expect(m?.scrollWidth).toBeGreaterThan(m?.clientWidth ?? Infinity);
    });

    it('the margin check can fail: a line that cannot wrap prints past the margin', async () => {
      const wide = readFileSync(file('report-A4.html'), 'utf8').replace(
        '</body>',
        `<pre>${'x'.repeat(300)}</pre></body>`,
      );
      writeFileSync(file('wide.html'), wide);
      await printToPdf(binary, file('wide.html'), file('wide.pdf'));
      expect((await outsideMargins(file('wide.pdf'))).length).toBeGreaterThan(0);
    });
  },
);
