import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';

// The browser tests print the HTML pages with headless Chromium (Debian's
// `chromium` package) and read the PDFs with poppler-utils (pdftotext,
// pdfinfo). Where either is missing they are skipped, with a notice
// (tests/global-setup.ts prints it) — unless CI is set: there they are
// required, and a missing browser fails the run (.ci/run installs both).
// TESTS_WITHOUT_BROWSER=1 makes them count as missing, to check both.

const run = promisify(execFile);

/** A program on the PATH, or undefined. */
function onPath(
  name: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** The tools the browser tests need, or what is missing. */
export function findBrowser(
  env: Readonly<Record<string, string | undefined>> = process.env,
): { chromium: string } | { missing: string } {
  if (env.TESTS_WITHOUT_BROWSER === '1') return { missing: 'TESTS_WITHOUT_BROWSER=1 is set' };
  const chromium = onPath('chromium', env) ?? onPath('chromium-browser', env);
  if (chromium === undefined) return { missing: 'chromium is not on the PATH' };
  const tool = ['pdftotext', 'pdfinfo'].find((name) => onPath(name, env) === undefined);
  if (tool !== undefined) return { missing: `${tool} (poppler-utils) is not on the PATH` };
  return { chromium };
}

/** Whether the browser tests must run: CI is set (to anything but an empty string). */
export function browserRequired(
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  return env.CI !== undefined && env.CI !== '';
}

/** Why a run with CI set stops when the browser is missing. */
export function browserRequiredMessage(missing: string): string {
  return `the browser tests are required when CI is set, but ${missing}: apt-get install chromium poppler-utils (.ci/run does)`;
}

/**
 * Runs headless Chromium once on a file, with a profile, home and cache of
 * its own in a fresh temporary folder (removed afterwards, whatever happens):
 * nothing is read from or written to the home of whoever runs the tests, and
 * no background network request is made. Returns its standard output.
 */
export async function chromium(
  binary: string,
  args: readonly string[],
  file: string,
): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'clientfit-chromium-'));
  try {
    const { stdout } = await run(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        ...args,
        pathToFileURL(file).href,
      ],
      {
        env: {
          ...process.env,
          HOME: profile,
          XDG_CONFIG_HOME: join(profile, 'config'),
          XDG_CACHE_HOME: join(profile, 'cache'),
        },
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Prints a page to PDF, without the browser's own header and footer (the page has its own). */
export async function printToPdf(binary: string, html: string, pdf: string): Promise<void> {
  await chromium(binary, ['--no-pdf-header-footer', `--print-to-pdf=${pdf}`], html);
}

/**
 * A copy of a page that prints on another paper size: a second style element
 * with the `@page` size, allowed by adding its hash to the page's
 * Content-Security-Policy (the page's own style stays allowed by its own hash).
 */
export function withPaper(page: string, size: 'A4' | 'letter'): string {
  const style = `@page { size: ${size}; }`;
  const hash = createHash('sha256').update(style).digest('base64');
  return page
    .replace(
      /(<meta http-equiv="Content-Security-Policy" content="[^"]*style-src [^;"]*)/,
      `$1 'sha256-${hash}'`,
    )
    .replace('</head>', `<style>${style}</style>\n</head>`);
}

/** What a page measures on screen in a viewport of one width. */
export interface Measure {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly innerWidth: number;
  /** The body's computed max-width: the page's own style applied (its CSP let it through) when this is not "none". */
  readonly maxWidth: string;
  /** The body's computed colours, as `rgb(…)`. */
  readonly color: string;
  readonly background: string;
}

/**
 * How wide a page lays out at each viewport width, read in a real browser.
 * The page cannot measure itself (its policy forbids scripts, rightly), and
 * headless Chromium will not make a window narrower than 500 px, so a harness
 * page holds the page, unchanged, in one `srcdoc` frame per width and reads
 * each frame's scroll width once all have loaded; `--dump-dom` hands back the
 * harness's title, where the numbers are written. `dark` sets the reader's
 * colour scheme to dark (prefers-color-scheme).
 */
export async function measureWidths(
  binary: string,
  page: string,
  widths: readonly number[],
  dir: string,
  dark = false,
): Promise<Map<number, Measure>> {
  const attr = page.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const frames = widths
    .map((w) => `<iframe id="w${w}" width="${w}" height="700" srcdoc="${attr}"></iframe>`)
    .join('\n');
  const script = `window.addEventListener('load', function () {
  var out = {};
  ${JSON.stringify(widths)}.forEach(function (w) {
    var f = document.getElementById('w' + w), d = f.contentDocument;
    out[w] = { scrollWidth: d.documentElement.scrollWidth, clientWidth: d.documentElement.clientWidth,
      innerWidth: f.contentWindow.innerWidth, maxWidth: f.contentWindow.getComputedStyle(d.body).maxWidth,
      color: f.contentWindow.getComputedStyle(d.body).color, background: f.contentWindow.getComputedStyle(d.body).backgroundColor };
  });
  document.title = JSON.stringify(out);
});`;
  const harness = join(dir, 'measure.html');
  writeFileSync(
    harness,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>measuring</title></head><body>\n${frames}\n<script>${script}</script></body></html>`,
  );
  const width = Math.max(...widths) + 100;
  const scheme = dark ? ['--force-dark-mode'] : [];
  const dom = await chromium(
    binary,
    [...scheme, `--window-size=${width},900`, '--virtual-time-budget=15000', '--dump-dom'],
    harness,
  );
  const title = /<title>([^<]*)<\/title>/.exec(dom)?.[1] ?? '';
  const parsed = JSON.parse(title.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Record<
    string,
    Measure
  >;
  return new Map(widths.map((w) => [w, parsed[w] as Measure]));
}

/** A PDF's pages as text, in reading order (pdftotext -layout). */
export async function pdfPages(pdf: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\f').slice(0, -1);
}

/** A PDF's paper size in points, and its page count. */
export async function pdfInfo(
  pdf: string,
): Promise<{ pages: number; width: number; height: number }> {
  const { stdout } = await run('pdfinfo', [pdf]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]),
    width: Number(size?.[1]),
    height: Number(size?.[2]),
  };
}

/** Every word on every page with its box, in points from the top left (pdftotext -bbox). */
export async function pdfWords(pdf: string): Promise<
  {
    page: number;
    width: number;
    height: number;
    text: string;
    xMin: number;
    xMax: number;
    yMin: number;
    yMax: number;
  }[]
> {
  const { stdout } = await run('pdftotext', ['-bbox', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const words = [];
  let page = 0;
  let width = 0;
  let height = 0;
  for (const line of stdout.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p !== null) {
      page++;
      width = Number(p[1]);
      height = Number(p[2]);
      continue;
    }
    const w =
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(
        line,
      );
    if (w !== null)
      words.push({
        page,
        width,
        height,
        xMin: Number(w[1]),
        yMin: Number(w[2]),
        xMax: Number(w[3]),
        yMax: Number(w[4]),
        text: w[5] ?? '',
      });
  }
  return words;
}

/** Text with every run of white space taken out: a prompt wrapped across lines still matches. */
export const squeeze = (text: string): string => text.replace(/\s+/g, '');
