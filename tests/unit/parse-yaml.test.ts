import { describe, expect, it, vi } from 'vitest';
import { Parser } from 'yaml';
import { parseYaml } from '../../src/core/yaml/parse-yaml';
import { maxDuplicateKeys } from '../../src/core/yaml/duplicate-keys';

const parse = (text: string | Uint8Array, file = 'f.yaml') =>
  parseYaml(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, file);

function codes(text: string | Uint8Array): string[] {
  const r = parse(text);
  return r.ok ? [] : r.diagnostics.map((d) => d.code);
}

describe('parseYaml: what loads', () => {
  it('reads YAML 1.2 core: yes/no/on/off stay words, no merge keys, no dates', () => {
    const r = parse('a: yes\nb: off\nc: 2026-01-01\n"<<": {x: 1}\nd: 010\n');
    expect(r.ok && r.source.data).toEqual({
      a: 'yes',
      b: 'off',
      c: '2026-01-01',
      '<<': { x: 1 },
      d: 10,
    });
  });

  it('drops a leading UTF-8 byte order mark', () => {
    const r = parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: 1\n')]));
    expect(r.ok && r.source.data).toEqual({ a: 1 });
  });

  it('keeps emoji, accents and right-to-left text exactly', () => {
    const r = parse('name: "Café ☕ שלום 👩‍💻"\n');
    expect(r.ok && r.source.data).toEqual({ name: 'Café ☕ שלום 👩‍💻' });
  });

  it('allows a handful of aliases', () => {
    const r = parse('a: &x [1, 2]\nb: *x\n');
    expect(r.ok && r.source.data).toEqual({ a: [1, 2], b: [1, 2] });
  });

  it('resolves an alias to the nearest anchor before it, as YAML does, and refuses one only defined after it', () => {
    const r = parse('a: &x 1\nb: *x\nc: &x 2\nd: *x\n');
    expect(r.ok && r.source.data).toEqual({ a: 1, b: 1, c: 2, d: 2 });
    const late = parse('a: *y\nb: &y 1\n');
    expect(late.ok ? [] : late.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['bad-alias', 1],
    ]);
  });

  it('locates a path, and walks up to the nearest existing node when the path is missing', () => {
    const r = parse('top:\n  list:\n    - id: one\n    - id: two\n      extra: 3\n');
    if (!r.ok) throw new Error('expected ok');
    expect(r.source.locate(['top', 'list', 1, 'extra'])).toEqual({ line: 5, column: 14 });
    expect(r.source.locate(['top', 'list', 1, 'extra'], { key: true })).toEqual({
      line: 5,
      column: 7,
    });
    expect(r.source.locate(['top', 'list', 1, 'missing'])).toEqual({ line: 4, column: 7 });
    expect(r.source.locate(['top', 'nothing', 3])).toEqual({ line: 2, column: 3 });
  });
});

describe('parseYaml: every hazard becomes a located diagnostic', () => {
  const cases: [string, string | Uint8Array, string, number | undefined][] = [
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', 'duplicate-key', 3],
    ['a tab used for indentation', 'a:\n\t- x\n', 'tab-indent', 2],
    ['two documents', 'a: 1\n---\nb: 2\n', 'multiple-documents', 2],
    ['a %YAML 1.1 directive', '%YAML 1.1\n---\na: yes\n', 'yaml-directive', 1],
    ['a %TAG directive', '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n', 'yaml-directive', 1],
    [
      'a custom tag that would run code elsewhere',
      'a: !!js/function "function () { return 1 }"\n',
      'unknown-tag',
      1,
    ],
    ['a local tag', 'a: !shell "rm -rf /"\n', 'unknown-tag', 1],
    ['a __proto__ key', 'x:\n  __proto__:\n    polluted: true\n', 'reserved-key', 2],
    ['a quoted __proto__ key', '"__proto__": {polluted: true}\n', 'reserved-key', 1],
    ['a list used as a key', '? [a, b]\n: 1\n', 'complex-key', 1],
    ['a UTF-16 file', Buffer.from('\ufeffa: 1\n', 'utf16le'), 'not-utf8', undefined],
    ['a Latin-1 file', Buffer.from('a: 1\nname: Caf\xe9\n', 'latin1'), 'not-utf8', 2],
    ['a NUL byte', 'a: "x\u0000y"\n', 'nul-byte', 1],
    ['an unclosed list (where the [ opens)', 'a: [1, 2\nb: 3\n', 'unclosed-bracket', 1],
    [
      'an unclosed quote (where the quote opens, not where the file ends)',
      'a: "open\nb: 3\n',
      'unclosed-quote',
      1,
    ],
    ['a core tag that changes the type', 'a: !!binary "AAAA"\n', 'unknown-tag', 1],
    ['an alias that points into itself', 'a: &x [1, *x]\n', 'circular-alias', 1],
    ['an unknown alias', 'a: *nowhere\n', 'bad-alias', 1],
  ];
  it.each(cases)('%s', (_name, text, code, line) => {
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const d = r.diagnostics.find((x) => x.code === code);
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    expect(d?.file).toBe('f.yaml');
    expect(d?.line).toBe(line);
    expect(d?.message.length).toBeGreaterThan(10);
    expect(d?.hint).toBeTruthy();
  });

  describe('syntax mistakes are located where they are made and said in our words', () => {
    const tail = Array.from({ length: 40 }, (_, i) => `  q${i}: fine`).join('\n');
    const table: [
      name: string,
      text: string,
      code: string,
      at: string,
      message: RegExp,
      hint: RegExp,
    ][] = [
      [
        'an unclosed double quote on line 6 of a long file',
        `a: 1\nb: 2\nc: 3\nd: 4\nanswers:\n  request: { value: x, note: "They are right }\n${tail}\n`,
        'unclosed-quote',
        '6:30',
        /the quote " that opens here is never closed.*"They are right/,
        /end the text with " on this line/,
      ],
      [
        'an unclosed single quote',
        `answers:\n  request: 'open\n${tail}\n`,
        'unclosed-quote',
        '2:12',
        /the quote ' that opens here is never closed/,
        /write '' for a quote/,
      ],
      [
        'a line indented one space too far',
        'bank: x\nanswers:\n  request-source: competitor\n   why-competitor: explained\n  outcome-owner: theirs\n',
        'bad-indent',
        '4:4',
        /this line is indented differently from the lines above it/,
        /line it up with the key above it/,
      ],
      [
        'a line indented less than the keys before it',
        'answers:\n    request-source: competitor\n  why-competitor: explained\n',
        'bad-indent',
        '3:3',
        /this line is indented differently from the lines above it/,
        /the keys of one map start in the same column/,
      ],
      [
        'a list item out of line',
        'a:\n  - x\n - y\n',
        'bad-indent',
        '3:2',
        /indented differently/,
        /the items of one list start with "- " in the same column/,
      ],
      [
        'a colon inside a value',
        'answers:\n  request: a: b\n',
        'colon-in-value',
        '2:12',
        /a ":" followed by a space inside this value/,
        /put the whole value in quotes: "a: b"/,
      ],
      [
        'an unclosed map',
        'a: { b: 1, c: 2\nd: 3\n',
        'unclosed-bracket',
        '1:4',
        /the map that opens here with \{ is never closed with \}/,
        /end it with \}/,
      ],
      [
        'a missing comma',
        'a: ["x" "y"]\n',
        'missing-comma',
        '1:9',
        /have no comma between them/,
        /separate the items/,
      ],
      [
        'a value starting with a reserved character',
        'a: @home\n',
        'bad-value-start',
        '1:4',
        /cannot start with @ unless it is in quotes/,
        /quotes/,
      ],
      [
        'a bad escape in double quotes',
        'a: "C:\\q"\n',
        'bad-escape',
        '1:7',
        /backslash sequence means nothing/,
        /single quotes/,
      ],
    ];
    it.each(table)('%s', (_name, text, code, at, message, hint) => {
      const r = parse(text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.diagnostics.map((d) => `${d.code} ${String(d.line)}:${String(d.column)}`)).toEqual([
        `${code} ${at}`,
      ]);
      const d = r.diagnostics[0];
      expect(d?.message).toMatch(message);
      expect(d?.hint).toMatch(hint);
      // The library's own words stay out of it.
      expect(`${d?.message ?? ''} ${d?.hint ?? ''}`).not.toMatch(
        /compact mapping|implicit key|block collection|Missing closing/i,
      );
    });

    it('many unclosed quotes and brackets in one file: one problem, at the first', () => {
      const text = `a: 1\n${Array.from({ length: 5000 }, (_, i) => `k${i}: [x, "y`).join('\n')}\n`;
      const r = parse(text);
      expect(!r.ok && r.diagnostics.map((d) => `${d.code} ${String(d.line)}`)).toEqual([
        'unclosed-quote 2',
      ]);
    });
  });

  it('names the duplicated key', () => {
    const r = parse('competitor: 1\ncompetitor: 2\n');
    expect(!r.ok && r.diagnostics[0]?.message).toBe(
      'the key "competitor" appears twice in the same map',
    );
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    expect(codes(bomb.join('\n'))).toEqual(['too-many-aliases']);
  });

  it('survives deep nesting twice in one process (the RegExp crash), refusing it before composing', () => {
    for (let i = 0; i < 3; i++) {
      expect(codes(`${'- '.repeat(2000)}x`)).toEqual(['too-deep']);
      expect(codes(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toEqual(['too-deep']);
      expect(codes(`${'{a: '.repeat(3000)}1${'}'.repeat(3000)}`)).toEqual(['too-deep']);
    }
  });

  it('stops parsing where the nesting passes the limit: 800 KB of "[" is not parsed to the end', () => {
    // Counted in lexical tokens handed to yaml's Parser, not in time or memory: the whole file is 800,000 of them.
    const next = vi.spyOn(Parser.prototype, 'next');
    try {
      const r = parse('['.repeat(800_000));
      expect(
        !r.ok && r.diagnostics.map((d) => `${d.code} ${String(d.line)}:${String(d.column)}`),
      ).toEqual(['too-deep 1:66']);
      expect(next.mock.calls.length).toBeLessThan(1000);
    } finally {
      next.mockRestore();
    }
  });

  it('lists the first 1,000 duplicate keys, in file order, and counts the rest in one problem', () => {
    const lines = [
      'first: 1',
      ...Array.from({ length: 3000 }, () => 'again: x'),
      'nested:',
      ...Array.from({ length: 10 }, () => '  k: 1'),
    ];
    const r = parse(`${lines.join('\n')}\n`);
    const diagnostics = r.ok ? [] : r.diagnostics;
    expect(diagnostics).toHaveLength(maxDuplicateKeys + 1);
    expect(diagnostics.slice(0, maxDuplicateKeys).every((d) => d.code === 'duplicate-key')).toBe(
      true,
    );
    expect(diagnostics[0]?.line).toBe(3);
    const last = diagnostics.at(-1);
    expect(last?.code).toBe('too-many-duplicate-keys');
    expect(last?.line).toBe(maxDuplicateKeys + 3);
    // 2,999 repeats of "again" and 9 of the nested "k".
    expect(last?.message).toBe(
      'this key and 2007 more after it repeat a key of their map too (3008 in all; only the first 1000 are listed)',
    );
  });

  it('refuses a file over the size limit before parsing it', () => {
    const r = parseYaml(new Uint8Array(2 * 1024 * 1024).fill(0x61), 'big.yaml');
    expect(!r.ok && r.diagnostics[0]?.code).toBe('file-too-large');
    expect(!r.ok && r.diagnostics[0]?.message).toContain('2.0 MiB');
  });

  it('converts the plain Errors some malformed inputs throw', () => {
    for (const text of [
      '? ? &x\u0000',
      '<<: *a\n',
      'a: !!binary "###"\n',
      '&a [*a]\n',
      '*unknown\n',
      '&a {b: *a}\n',
    ]) {
      const r = parse(text);
      expect(r.ok).toBe(false);
    }
  });

  it('reports several problems of one file together', () => {
    const r = parse('a: 1\na: 2\nb: !!python/object x\n');
    expect(!r.ok && r.diagnostics.map((d) => d.code).sort()).toEqual([
      'duplicate-key',
      'unknown-tag',
    ]);
  });

  it('never leaves Object.prototype polluted', () => {
    parse('__proto__: {polluted: 1}\n');
    parse('a: {"__proto__": {"polluted": 1}}\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
