import { safe } from './terminal-safe';

/**
 * Escapes untrusted text for inline Markdown: emphasis, code, links, tables
 * and raw HTML all come out as literal characters. Text is made terminal-safe
 * first, so it is always one line and never starts a block of its own.
 */
export function markdownText(text: string): string {
  return safe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#]/g, (ch) => `\\${ch}`);
}
