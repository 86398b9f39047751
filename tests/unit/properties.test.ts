import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { assembleBank } from '../../src/core/bank/assemble-bank';
import { parseYaml } from '../../src/core/yaml/parse-yaml';
import { safe, safeJson, safeLines } from '../../src/render/terminal-safe';

const controlOrInvisible =
  // eslint-disable-next-line no-control-regex -- the characters that must never reach a terminal
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/u;

describe('properties', () => {
  it('the loader only ever returns data or located diagnostics, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = parseYaml(bytes, 'x.yaml');
        if (!r.ok) {
          expect(r.diagnostics.length).toBeGreaterThan(0);
          for (const d of r.diagnostics) {
            expect(d.file).toBe('x.yaml');
            if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the loader never throws on YAML-ish text built from YAML punctuation', () => {
    const piece = fc.constantFrom(
      '- ',
      ': ',
      '? ',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a ',
      '*a',
      '!!str ',
      '!t ',
      '|',
      '>',
      '#',
      '\n',
      '  ',
      '\t',
      '"',
      "'",
      'key',
      '__proto__',
      '%YAML 1.1\n',
      '---\n',
      '...\n',
      '<<',
      '\u0085',
      '\u2028',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const r = parseYaml(Buffer.from(pieces.join(''), 'utf8'), 'y.yaml');
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('any data a YAML file can hold ends as a bank or as diagnostics, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const r = parseYaml(Buffer.from(stringify(value), 'utf8'), 'bank.yaml');
        if (!r.ok) return;
        const result = assembleBank([{ source: r.source, role: 'manifest', name: 'bank' }]);
        expect(result.bank !== undefined || result.diagnostics.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('safe text holds no control, bidi or invisible character, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const once = safe(text);
        expect(controlOrInvisible.test(once)).toBe(false);
        expect(safe(once)).toBe(once);
        const lines = safeLines(text);
        expect(controlOrInvisible.test(lines.replace(/\n/g, ''))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('safe JSON keeps every value exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = safeJson(value);
        expect(controlOrInvisible.test(text.replace(/\n/g, ''))).toBe(false);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('shows escapes visibly', () => {
    expect(safe('a\u001b]52;c;ZXZpbA==\u0007b')).toBe('a^[]52;c;ZXZpbA==^Gb');
    expect(safe('x\u202Ey')).toBe('x\\u{202E}y');
    expect(safe('\u009b31m')).toBe('\\u{009B}31m');
    expect(safe('Café ☕ שלום')).toBe('Café ☕ שלום');
  });
});
