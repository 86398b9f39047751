import { pageStyle } from './html-style';
import { safe, safeLines } from './terminal-safe';

/**
 * The one place where text becomes HTML. Text from a bank, an answers file or
 * a record is made terminal-safe first (control, bidi and invisible characters
 * shown visibly, as everywhere else), then the five characters that mean
 * something in HTML are escaped: it can only ever be text, in an element or
 * in a quoted attribute.
 */
export function htmlText(text: string): string {
  return escape(safe(text));
}

/** Like `htmlText`, but keeps line breaks (the page shows them: `white-space: pre-line`). */
export function htmlLines(text: string): string {
  return escape(safeLines(text));
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Text as a CSS string literal (for the running head printed in the page
 * margin): every character but ASCII letters and digits as a six-digit
 * escape, so nothing can end the string, the rule or the style element. (A
 * space is escaped too: CSS takes a space after an escape as its end.)
 */
export function cssString(text: string): string {
  return `"${safe(text).replace(/[^A-Za-z0-9]/gu, (ch) => `\\${(ch.codePointAt(0) ?? 0).toString(16).padStart(6, '0')}`)}"`;
}

/** What a page holds: its title, the line printed at the top of every printed page, and its body. */
export interface HtmlPage {
  readonly title: string;
  /** Printed in the top margin of each page (after the first, with `firstPageHead: false`). */
  readonly runningHead: string;
  readonly firstPageHead: boolean;
  /** The body, already HTML: built with htmlText around every piece of outside text. */
  readonly body: string;
}

/**
 * One self-contained page: the style inline, no script, nothing fetched. The
 * Content-Security-Policy says so to the browser — nothing may load, and the
 * one style element is allowed by its hash, so no injected style or script
 * could run even if escaping had failed.
 */
export function htmlPage(page: HtmlPage): string {
  const head = cssString(page.runningHead);
  const margins =
    `@page { @top-left { content: ${head}; } @bottom-right { content: "Page " counter(page) " of " counter(pages); } }\n` +
    (page.firstPageHead ? '' : '@page :first { @top-left { content: none; } }\n');
  const style = `\n${pageStyle}${margins}`;
  // node:crypto is loaded here, when a page is made, not at start-up (tests/e2e/startup.test.ts).
  const hash = process
    .getBuiltinModule('node:crypto')
    .createHash('sha256')
    .update(style, 'utf8')
    .digest('base64');
  const policy = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${htmlText(page.title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
